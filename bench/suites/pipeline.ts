/**
 * In-process pipeline throughput (articles/s, chars/s) on a generated corpus
 * of seed-like articles, beside kuromoji-only tokenization of the same text in
 * the same run: the bound the pipeline cannot beat. Reports the share of each
 * stage, then `kiji analyze --jsonl` with --jobs 1 and 2 on a ja, a ko and an
 * en mix through the real CLI, with each process's peak RSS (bench/cli-throughput.ts).
 */
import { loadConfig } from '../../src/config/load.js';
import { createContext, useResource } from '../../src/context.js';
import { dedupe } from '../../src/dedupe/index.js';
import { enrich } from '../../src/enrich/index.js';
import { extract } from '../../src/extract/index.js';
import { localDocument } from '../../src/fetch/local.js';
import { createLogger } from '../../src/log.js';
import { normalise } from '../../src/normalise/index.js';
import { summarise } from '../../src/summarise/index.js';
import { tokenize } from '../../src/tokenize/index.js';
import { cliThroughput } from '../cli-throughput.js';
import { japaneseTokenizerResource } from '../../src/tokenize/japanese.js';
import { generateCorpus } from '../corpus.js';
import { loadKuromojiLibrary } from '../kuromoji-library.js';
import { table } from '../table.js';
import type { BenchOptions, BenchResult } from '../types.js';

export async function run(opts: BenchOptions): Promise<BenchResult> {
  const n = Math.max(30, Math.round(1000 * opts.scale));
  const docs = generateCorpus(n);
  const chars = docs.reduce((s, d) => s + d.body.length, 0);
  const ctx = createContext(loadConfig({ file: null, env: {} }), { log: createLogger({ level: 'silent' }) });

  let t = performance.now();
  const kuromoji = await loadKuromojiLibrary();
  const loadMs = performance.now() - t;
  t = performance.now();
  await useResource(ctx, japaneseTokenizerResource);
  const kijiLoadMs = performance.now() - t;

  // Baseline: kuromoji alone over the same text.
  t = performance.now();
  let kTokens = 0;
  const kuromojiByLang: Record<string, number> = { ja: 0, ko: 0, en: 0 };
  for (const d of docs) {
    const s = performance.now();
    // Paragraph by paragraph, as the pipeline feeds it: kuromoji is slow on one huge string.
    for (const para of d.body.split(/\n{2,}/)) kTokens += kuromoji.tokenize(para).length;
    kuromojiByLang[d.lang]! += performance.now() - s;
  }
  const kuromojiMs = performance.now() - t;

  const stageMs: Record<string, number> = { extract: 0, normalise: 0, tokenize: 0, dedupe: 0, enrich: 0, summarise: 0 };
  let analysed = 0;
  let skipped = 0;
  const time = async <T>(stage: string, f: () => T | Promise<T>): Promise<T> => {
    const s = performance.now();
    const r = await f();
    stageMs[stage]! += performance.now() - s;
    return r;
  };
  const pipelineByLang: Record<string, number> = { ja: 0, ko: 0, en: 0 };
  t = performance.now();
  for (const d of docs) {
    const docStart = performance.now();
    try {
      await analyseOne(d);
    } finally {
      pipelineByLang[d.lang]! += performance.now() - docStart;
    }
  }
  async function analyseOne(d: (typeof docs)[number]): Promise<void> {
    const raw = localDocument(d.body, d.format, { kind: 'file', uri: d.uri }, ctx);
    const e = await time('extract', () => extract(raw, ctx));
    if (e.kind !== 'ok') return void skipped++;
    const nz = await time('normalise', () => normalise(e.value, ctx));
    if (nz.kind !== 'ok') return void skipped++;
    const tk = await time('tokenize', () => tokenize(nz.value, ctx));
    if (tk.kind !== 'ok') return void skipped++;
    const dd = await time('dedupe', () => dedupe(tk.value, ctx));
    if (dd.kind !== 'ok') return void skipped++;
    const en = await time('enrich', () => enrich(dd.value, ctx));
    if (en.kind !== 'ok') return void skipped++;
    const sm = await time('summarise', () => summarise(en.value, ctx));
    if (sm.kind === 'ok') analysed++;
    else skipped++;
  }
  const pipelineMs = performance.now() - t;

  const perSec = (count: number, ms: number) => (count / ms) * 1000;
  const langs = ['ja', 'ko', 'en'].map((l) => `${l} ${docs.filter((d) => d.lang === l).length}`).join(', ');
  const rows: (string | number)[][] = [
    ['path', 'articles/s', 'chars/s', 'ms/article', 'vs kuromoji-only'],
    ['kuromoji-only tokenization (baseline)', perSec(n, kuromojiMs), perSec(chars, kuromojiMs), kuromojiMs / n, '1.00×'],
    ['kiji analyze, in-process (all stages)', perSec(n, pipelineMs), perSec(chars, pipelineMs), pipelineMs / n, `${(kuromojiMs / pipelineMs).toFixed(2)}× the speed`],
  ];
  // Per language: Japanese is the fair comparison, since only Japanese goes through kuromoji in kiji.
  for (const l of ['ja', 'ko', 'en']) {
    const ld = docs.filter((d) => d.lang === l);
    const lc = ld.reduce((s, d) => s + d.body.length, 0);
    rows.push([`  ${l}: kuromoji-only`, perSec(ld.length, kuromojiByLang[l]!), perSec(lc, kuromojiByLang[l]!), kuromojiByLang[l]! / ld.length, '1.00×']);
    rows.push([`  ${l}: kiji, all stages`, perSec(ld.length, pipelineByLang[l]!), perSec(lc, pipelineByLang[l]!), pipelineByLang[l]! / ld.length, `${(kuromojiByLang[l]! / pipelineByLang[l]!).toFixed(2)}× the speed`]);
  }
  const stages: (string | number)[][] = [['stage', 'ms total', 'ms/article', 'share']];
  for (const [s, ms] of Object.entries(stageMs)) stages.push([s, ms, ms / n, `${((ms / pipelineMs) * 100).toFixed(1)}%`]);
  // The same work through the CLI, one process per run, with and without a pool of threads (--jobs).
  const cli = await cliThroughput(Math.max(30, Math.round(1000 * opts.scale)), [1, 2]);
  return {
    table: [
      `${n} generated articles (${langs}), ${chars.toLocaleString('en-US')} chars; ${analysed} analysed, ${skipped} skipped; dictionary load (once per process): kuromoji ${loadMs.toFixed(0)} ms, kiji's IPADIC reader ${kijiLoadMs.toFixed(0)} ms; kuromoji baseline ${kTokens.toLocaleString('en-US')} tokens`,
      table(rows),
      '',
      table(stages),
      '',
      cli.table,
    ].join('\n'),
    metrics: {
      articlesPerSec: perSec(n, pipelineMs),
      charsPerSec: perSec(chars, pipelineMs),
      kuromojiArticlesPerSec: perSec(n, kuromojiMs),
      ratioToKuromoji: kuromojiMs / pipelineMs,
      jaRatioToKuromoji: kuromojiByLang.ja! / pipelineByLang.ja!,
      ...cli.metrics,
    },
  };
}
