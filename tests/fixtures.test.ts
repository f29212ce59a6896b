/**
 * The fixture corpus, walked by one test (as mozilla/readability walks its
 * pages): each fixture's Analysis must equal its golden `expected.json`, its
 * review its `review.md`, and every offset must index `text`.
 * Regenerate with `npm run golden` and review the diff.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StageContext } from '../src/context.js';
import { Analysis } from '../src/records.js';
import { renderReviewMarkdown } from '../src/review/index.js';
import { analyzeFixture, fixtureContext, listFixtures } from './support/fixtures.js';

const fixtures = listFixtures();
let ctx: StageContext;
beforeAll(() => {
  ctx = fixtureContext();
});

describe('fixture corpus', () => {
  it('has Japanese, Korean and English fixtures in both shapes', () => {
    const langs = new Set(fixtures.map((f) => f.slug.slice(0, 2)));
    expect([...langs].sort()).toEqual(['en', 'ja', 'ko']);
    expect(fixtures.some((f) => f.source.endsWith('.txt'))).toBe(true);
    expect(fixtures.some((f) => f.source.endsWith('.md'))).toBe(true);
    expect(fixtures.some((f) => f.source.endsWith('.html'))).toBe(true);
  });

  for (const f of fixtures) {
    describe(f.slug, () => {
      let analysis: Analysis;
      beforeAll(async () => {
        analysis = await analyzeFixture(f, ctx);
      }, 60_000);

      it('is a valid Analysis record in the language its folder names', () => {
        expect(Analysis.parse(analysis)).toEqual(analysis);
        expect(analysis.lang).toBe(f.slug.slice(0, 2));
        expect(analysis.title.length).toBeGreaterThan(5);
      });

      it('has offsets that index text', () => {
        const { text } = analysis;
        for (const p of analysis.paragraphs) expect(text.slice(p.start, p.end)).toBe(p.text);
        for (const fig of analysis.figures) expect(text.slice(fig.start, fig.end)).toBe(fig.text);
        for (const e of analysis.entities) for (const m of e.mentions) expect(e.surface).toContain(text.slice(m.start, m.end));
      });

      it('matches expected.json', () => {
        const expected = JSON.parse(readFileSync(join(f.dir, 'expected.json'), 'utf8'));
        expect(analysis).toEqual(expected);
      });

      it('matches review.md', () => {
        expect(renderReviewMarkdown(analysis)).toBe(readFileSync(join(f.dir, 'review.md'), 'utf8'));
      });
    });
  }
});
