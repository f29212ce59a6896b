/**
 * Speed of main-text extraction: kiji's extractHtml against @mozilla/readability
 * on linkedom (parse + extract for both), over the readability test pages.
 * Prints pages/s for each and the ratio (the goal is at least 3×).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchOptions, BenchResult } from '../types.js';
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

/** Our own ja/ko/en test pages: what the bench uses on a clone without the shared corpus. */
function ownPages(): { source: string }[] {
  const dir = join(import.meta.dirname, '..', '..', 'src', 'extract', 'html', 'testdata');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .map((f) => ({ source: readFileSync(join(dir, f), 'utf8') }));
}

/**
 * @example
 * const { table } = await run({ scale: 1, corpus: '../shared/corpus' });
 */
export async function run(opts: BenchOptions): Promise<BenchResult> {
  const useCorpus = opts.corpus !== null && existsSync(join(opts.corpus, 'extraction', 'readability'));
  const pages = useCorpus ? loadPages(opts.corpus!) : ownPages();
  const readability = await readabilitySide();
  // Warm both up once so JIT compilation is not billed to either side.
  for (const p of pages.slice(0, 5)) {
    kijiText(p.source, URL_BASE);
    readability(p.source, URL_BASE);
  }
  const budget = Math.max(300, 3000 * opts.scale);
  const ours = timeIt(pages, kijiText, budget);
  const theirs = timeIt(pages, readability, budget);
  const ratio = ours.perSec / theirs.perSec;
  const bytes = pages.reduce((n, p) => n + Buffer.byteLength(p.source), 0);
  const table = [
    `extract-html (${pages.length} ${useCorpus ? 'readability test pages' : 'kiji test pages'}, ${(bytes / 1e6).toFixed(2)} MB per round)`,
    `  kiji extractHtml        ${ours.perSec.toFixed(1).padStart(8)} pages/s  (${ours.rounds} rounds)`,
    `  readability + linkedom     ${theirs.perSec.toFixed(1).padStart(8)} pages/s  (${theirs.rounds} rounds)`,
    `  ratio                   ${ratio.toFixed(2).padStart(8)}×  (goal ≥ 3×)`,
  ].join('\n');
  return { table, metrics: { kiji_pages_per_s: ours.perSec, readability_pages_per_s: theirs.perSec, ratio } };
}
