/**
 * The page corpus (fixtures/pages), walked by one test as readability walks
 * its test pages: every saved page must give its hand-checked body (word F1),
 * title, date and language, or the skip it must be (another language named,
 * or rejected by the sanity check). Add a page with `npm run add-page`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { StageContext } from '../src/context.js';
import { fixtureContext } from './support/fixtures.js';
import { listPages, runPage, wordPrf } from './support/pages.js';

const pages = listPages();
let ctx: StageContext;
beforeAll(() => {
  ctx = fixtureContext();
});

describe('page corpus', () => {
  it('has at least 30 pages: ja, ko and en articles of many kinds, and pages in other languages for the gate', () => {
    expect(pages.length).toBeGreaterThanOrEqual(30);
    const articles = pages.filter((p) => p.meta.expect === 'article');
    expect(new Set(articles.map((p) => p.meta.lang))).toEqual(new Set(['ja', 'ko', 'en']));
    for (const kind of ['feature', 'live-blog', 'photo-story', 'table', 'paywall', 'amp']) expect(articles.some((p) => p.meta.kind === kind)).toBe(true);
    const foreign = pages.filter((p) => p.meta.expect === 'unsupported-language').map((p) => p.meta.lang);
    for (const lang of ['de', 'fr', 'es', 'pt', 'it', 'nl', 'id', 'vi', 'tr', 'pl', 'ru', 'zh-Hant']) expect(foreign).toContain(lang);
  });

  for (const page of pages) {
    it(`${page.slug}: ${page.meta.expect}${page.meta.expect === 'article' ? '' : ` (${page.meta.lang})`}`, async () => {
      const out = await runPage(page, ctx);
      const m = page.meta;
      if (m.expect !== 'article') {
        expect(out.kind).toBe('skip');
        if (out.kind !== 'skip') return;
        expect(out.reason).toBe(m.expect);
        if (m.expect === 'unsupported-language') expect(out.detail).toContain(`(${m.lang})`);
        else expect(out.detail).toMatch(/sanity/);
        return;
      }
      if (out.kind !== 'ok') throw new Error(`${page.slug}: skipped (${out.reason}: ${out.detail})`);
      const a = out.value;
      expect(a.lang).toBe(m.lang);
      expect(a.title).toBe(m.title);
      expect(a.publishedAt).toBe(m.publishedAt);
      const score = wordPrf(a.text, page.expected);
      expect(score.f, `word F1 against expected.txt (P ${score.p.toFixed(3)}, R ${score.r.toFixed(3)})`).toBeGreaterThanOrEqual(0.95);
      for (const d of m.drops ?? []) {
        expect(a.dropped.some((x) => x.reason === 'boilerplate' && x.detail === d.rule && x.text.includes(d.text)), `dropped "${d.text}" as ${d.rule}`).toBe(true);
        expect(a.text).not.toContain(d.text);
      }
    });
  }
});
