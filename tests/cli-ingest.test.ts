import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kiji } from './support/cli.js';
import { FIXTURES } from './support/fixtures.js';

describe('kiji ingest, list, show', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiji-ingest-'));
  const db = join(dir, 'data', 'kiji.db');
  const docs = join(dir, 'docs');
  cpSync(join(FIXTURES, 'ja-allforces-blackrock-korea-ai-hub'), join(docs, 'ja-post'), { recursive: true });
  cpSync(join(FIXTURES, 'ko-nvidia-apec-gpu'), join(docs, 'ko-page'), { recursive: true });
  cpSync(join(FIXTURES, 'en-samsung-foundry-results'), join(docs, 'en-post'), { recursive: true });
  // A fixture folder's goldens are never ingested, only its source document.
  writeFileSync(join(docs, 'ja-post', 'expected.json'), '{"not": "an article"}');
  writeFileSync(join(docs, 'broken.md'), '---\ntitle: [unclosed\n---\nbody');
  writeFileSync(join(docs, 'empty.txt'), '');

  it('stores what it can, records what it cannot with the reason, and exits 0', async () => {
    const r = await kiji(['ingest', docs, '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/ingest: 3 stored, 0 duplicate, 0 skipped, 2 failed/);
    expect(r.stderr).toMatch(/failed: .*broken\.md: .*front matter is not valid YAML/);
    expect(r.stderr).toMatch(/failed: .*empty\.txt: .*empty file/);
  });

  it('stores the same input once when ingested again', async () => {
    const r = await kiji(['ingest', docs, '--db', db]);
    expect(r.stderr).toMatch(/ingest: 0 stored, 3 duplicate, 0 skipped, 2 failed/);
    const list = JSON.parse((await kiji(['list', '--format', 'json', '--db', db])).stdout);
    expect(list).toHaveLength(3);
    expect(Object.keys(list[0]).sort()).toEqual(['clusterId', 'duplicateOf', 'id', 'lang', 'publishedAt', 'title', 'url']);
    expect(list.map((a: { lang: string }) => a.lang).sort()).toEqual(['en', 'ja', 'ko']);
  });

  it('shows one article as text and as JSON, and says which id is unknown', async () => {
    const [first] = JSON.parse((await kiji(['list', '--format', 'json', '--lang', 'ko', '--db', db])).stdout);
    const text = await kiji(['show', first.id, '--db', db]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(first.title);
    const json = JSON.parse((await kiji(['show', first.id, '--format', 'json', '--db', db])).stdout);
    expect(json).toMatchObject({ id: first.id, lang: 'ko' });
    const missing = await kiji(['show', 'deadbeefdeadbeef', '--db', db]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/deadbeefdeadbeef: no such article/);
  });

  it('lists every problem in a bad configuration at once', async () => {
    const cfg = join(dir, 'bad.yaml');
    writeFileSync(cfg, 'timeZone: Mars/Olympus\ndedupe:\n  sentenceNear: 3\nsummarise:\n  sentences: 0\n');
    const r = await kiji(['list', '--config', cfg, '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/dedupe\.sentenceNear/);
    expect(r.stderr).toMatch(/summarise\.sentences/);
    expect(r.stderr).toMatch(/timeZone: unknown time zone "Mars\/Olympus"/);
  });
});

describe('review overrides survive re-ingest', () => {
  it('a sentence a reviewer kept is in the text after the article is ingested again', async () => {
    const { openStore } = await import('../src/store/index.js');
    const { addOverride } = await import('../src/review/overrides.js');
    const dir = mkdtempSync(join(tmpdir(), 'kiji-override-'));
    const db = join(dir, 'kiji.db');
    const src = join(FIXTURES, 'ja-allforces-blackrock-korea-ai-hub', 'source.txt');
    await kiji(['ingest', src, '--db', db]);
    let drop: { index: number; sentence: number | null; text: string };
    let id: string;
    const store = await openStore(db);
    try {
      const [row] = await store.listArticles();
      id = row!.id;
      const article = (await store.getArticle(id))!;
      drop = article.analysis.dropped.find((d) => d.sentence !== null && d.reason !== 'fragment-merged' && !article.analysis.text.includes(d.text))!;
      expect(article.analysis.text).not.toContain(drop.text);
      await addOverride(store, article, { kind: 'keep', index: drop.index, sentence: drop.sentence }, new Date());
    } finally {
      await store.close();
    }
    const again = await kiji(['ingest', src, '--db', db]);
    expect(again.stderr).toMatch(/0 stored, 1 duplicate/);
    const after = await openStore(db);
    try {
      const a = (await after.getArticle(id))!.analysis;
      expect(a.text).toContain(drop.text);
      expect(a.dropped.some((d) => d.index === drop.index && d.sentence === drop.sentence)).toBe(false);
      for (const p of a.paragraphs) expect(a.text.slice(p.start, p.end)).toBe(p.text);
    } finally {
      await after.close();
    }
  });
});

describe('skips are recorded with the stage that made them', () => {
  it('a French page is skipped by normalise, a page of chrome by extract', async () => {
    const { openStore } = await import('../src/store/index.js');
    const dir = mkdtempSync(join(tmpdir(), 'kiji-skip-'));
    const db = join(dir, 'kiji.db');
    writeFileSync(join(dir, 'fr.txt'), "Accord entre la Corée et BlackRock\n\nLe gouvernement sud-coréen et le gestionnaire d'actifs ont signé un protocole d'accord pour des centres de données.");
    writeFileSync(join(dir, 'chrome.txt'), 'Headline of a page that lost its body\n\nAdvertisement\n\nShare this article\n\n© 2025 Harbour Daily. All rights reserved.');
    const r = await kiji(['ingest', join(dir, 'fr.txt'), join(dir, 'chrome.txt'), '--db', db]);
    expect(r.stderr).toMatch(/0 stored, 0 duplicate, 2 skipped, 0 failed/);
    const store = await openStore(db);
    try {
      // Skips are kept apart from errors: a reason, not an error code.
      const failures = await store.listFailures();
      expect(failures.every((f) => f.kind === 'skip')).toBe(true);
      const byInput = Object.fromEntries(failures.map((f) => [f.input.split('/').pop(), f.kind === 'skip' ? f.skip : null]));
      expect(byInput['fr.txt']).toMatchObject({ stage: 'normalise', reason: 'unsupported-language' });
      expect(byInput['chrome.txt']).toMatchObject({ stage: 'extract', reason: 'not-an-article' });
    } finally {
      await store.close();
    }
  });
});
