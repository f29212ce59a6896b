/**
 * Rewrite every fixture's golden files from the current code:
 *   fixtures/articles/<slug>/expected.json  the Analysis record
 *   fixtures/articles/<slug>/review.md      the dedupe review (what was kept and dropped, and why)
 * Run `npm run golden`, then read `git diff fixtures/` before committing: the
 * diff is the change in behaviour.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderReviewMarkdown } from '../src/review/index.js';
import { analyzeFixture, fixtureContext, listFixtures } from './support/fixtures.js';

const only = process.argv.slice(2);
const ctx = fixtureContext();
for (const f of listFixtures()) {
  if (only.length && !only.includes(f.slug)) continue;
  const analysis = await analyzeFixture(f, ctx);
  writeFileSync(join(f.dir, 'expected.json'), JSON.stringify(analysis, null, 2) + '\n');
  writeFileSync(join(f.dir, 'review.md'), renderReviewMarkdown(analysis));
  console.log(`${f.slug}: ${analysis.paragraphs.length} paragraphs kept, ${analysis.dropped.length} dropped`);
}
