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
