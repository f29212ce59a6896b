/**
 * Speed of main-text extraction: kiji's extractHtml against @mozilla/readability
 * on jsdom (parse + extract for both), over the readability test pages.
 * Prints pages/s for each and the ratio (the goal is at least 3×).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { kijiText, loadPages, readabilitySide } from '../eval/suites/extraction.js';

const URL_BASE = 'http://fakehost/test/page.html';

function timeIt(pages: { source: string }[], fn: (html: string, url: string) => string, minMs: number): { perSec: number; rounds: number } {
  let rounds = 0;
  let done = 0;
  const start = performance.now();
  do {
    for (const p of pages) {
      fn(p.source, URL_BASE);
      done++;
    }
    rounds++;
  } while (performance.now() - start < minMs);
  return { perSec: done / ((performance.now() - start) / 1000), rounds };
}

/**
 * @example
 * const { table } = await run({ corpus: '../shared/corpus' });
 */
export async function run(ctx: { corpus?: string } = {}): Promise<{ table: string; metrics: Record<string, number> }> {
  const corpus = resolve(ctx.corpus ?? process.env.KIJI_CORPUS ?? '../shared/corpus');
  if (!existsSync(join(corpus, 'extraction', 'readability'))) return { table: `extract-html: skipped (no corpus at ${corpus})`, metrics: {} };
  const pages = loadPages(corpus);
  const readability = await readabilitySide();
  // Warm both up once so JIT compilation is not billed to either side.
  for (const p of pages.slice(0, 5)) {
    kijiText(p.source, URL_BASE);
    readability(p.source, URL_BASE);
  }
  const ours = timeIt(pages, kijiText, 3000);
  const theirs = timeIt(pages, readability, 3000);
  const ratio = ours.perSec / theirs.perSec;
  const bytes = pages.reduce((n, p) => n + Buffer.byteLength(p.source), 0);
  const table = [
    `extract-html (${pages.length} pages, ${(bytes / 1e6).toFixed(1)} MB per round)`,
    `  kiji extractHtml        ${ours.perSec.toFixed(1).padStart(8)} pages/s  (${ours.rounds} rounds)`,
    `  readability + jsdom     ${theirs.perSec.toFixed(1).padStart(8)} pages/s  (${theirs.rounds} rounds)`,
    `  ratio                   ${ratio.toFixed(2).padStart(8)}×`,
  ].join('\n');
  return { table, metrics: { kiji_pages_per_s: ours.perSec, readability_pages_per_s: theirs.perSec, ratio } };
}
