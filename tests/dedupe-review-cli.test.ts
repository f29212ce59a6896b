/**
 * `kiji review` through the real CLI: a file analysed in-process, and a
 * stored article by id with its cross-document links.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideLinks } from '../src/dedupe/across/index.js';
import { openStore } from '../src/store/index.js';
import { kiji } from './support/cli.js';
import { analyzeFixture, fixtureContext, listFixtures } from './support/fixtures.js';

describe('kiji review', () => {
  it('reviews seed 004 as Markdown, text and JSON', async () => {
    const file = 'src/dedupe/testdata/004_7595e8c5fc868f83.txt';
    const md = await kiji(['review', file, '--format', 'md']);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('**¶14** ✂ contained · similarity 1.00 · kept in ¶0');
    expect(md.stdout).toContain('**¶52 sentence 0** ✂ fragment-merged · joined to ¶50');
    const text = await kiji(['review', file]);
    expect(text.code).toBe(0);
    expect(text.stdout).not.toContain('\x1b[');
    expect(text.stdout).toContain('¶96.0 ✂ fragment-merged · joined to ¶94');
    const json = await kiji(['review', file, '--format', 'json']);
    const review = JSON.parse(json.stdout) as { counts: { byReason: Record<string, number> }; items: { kind: string }[] };
    expect(review.counts.byReason.marker).toBe(8);
    expect(review.items.some((i) => i.kind === 'dropped')).toBe(true);
  });

  it('reviews a stored article by id with its duplicates and story cluster', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'kiji-review-')), 'kiji.db');
    const ctx = fixtureContext();
    const store = await openStore(db);
    const wanted = ['en-blackrock-korea-ai-hub', 'en-blackrock-korea-ai-hub-syndicated', 'ko-blackrock-ai-hub-html'];
    const fx = listFixtures().filter((f) => wanted.includes(f.slug));
    const ids: string[] = [];
    try {
      for (const f of fx) {
        const a = await analyzeFixture(f, ctx);
        await store.saveArticle(a, await decideLinks(a, store, ctx), ctx.clock());
        ids.push(a.id);
      }
    } finally {
      await store.close();
    }
    const [original, syndicated, korean] = wanted.map((w) => ids[fx.findIndex((f) => f.slug === w)]!);
    const md = await kiji(['review', original!, '--format', 'md', '--db', db]);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(new RegExp(`- duplicate: \`${syndicated}\` .*\\(similarity 0\\.\\d\\d\\)`));
    expect(md.stdout).toContain(`- story cluster \`${original}\``);
    expect(md.stdout).toContain(`\`${korean}\` [ko]`);
    const dup = await kiji(['review', syndicated!, '--db', db]);
    expect(dup.stdout).toContain(`duplicate of ${original}`);
    const missing = await kiji(['review', 'no-such-article', '--db', db]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('kiji review: no-such-article: no such file, and no such article in the store');
  });
});
