/**
 * Cost of the enrich stage (entities + figures) per article on the generated
 * seed-like corpus, split into its two halves, beside the cost of preparing
 * the same articles (extract → normalise → tokenize → dedupe) in the same
 * run: enrich should stay a small share of what the pipeline already spends.
 */
import { loadConfig } from '../../src/config/load.js';
import { createContext, useResource } from '../../src/context.js';
import { findEntities } from '../../src/enrich/entities/find.js';
import { gazetteerResource } from '../../src/enrich/entities/gazetteer.js';
import { entityTaggerResource } from '../../src/enrich/entities/tagger/index.js';
import { findFigures } from '../../src/enrich/figures/find.js';
import { enrich } from '../../src/enrich/index.js';
import { localDocument } from '../../src/fetch/local.js';
import { createLogger } from '../../src/log.js';
import { prepare } from '../../src/pipeline.js';
import type { Cleaned } from '../../src/records.js';
import { japaneseTokenizerResource } from '../../src/tokenize/japanese.js';
import { generateCorpus } from '../corpus.js';
import { table } from '../table.js';
import type { BenchOptions, BenchResult } from '../types.js';

export async function run(opts: BenchOptions): Promise<BenchResult> {
  const n = Math.max(30, Math.round(300 * opts.scale));
  const docs = generateCorpus(n, 7);
  const ctx = createContext(loadConfig({ file: null, env: {} }), { log: createLogger({ level: 'silent' }) });
  await useResource(ctx, japaneseTokenizerResource);
  let t = performance.now();
  const gazetteer = await useResource(ctx, gazetteerResource);
  const gazetteerMs = performance.now() - t;
  t = performance.now();
  const tagger = await useResource(ctx, entityTaggerResource);
  const taggerMs = performance.now() - t;

  // Baseline: everything before enrich, on the same articles.
  const cleaned: Cleaned[] = [];
  t = performance.now();
  for (const d of docs) {
    const out = await prepare(localDocument(d.body, d.format, { kind: 'file', uri: d.uri }, ctx), ctx);
    if (out.kind === 'ok') cleaned.push(out.value);
  }
  const prepareMs = performance.now() - t;
  const chars = cleaned.reduce((s, c) => s + c.text.length, 0);

  // One untimed pass first, so that every path is compiled before any of the timed passes.
  for (const c of cleaned) await enrich(c, ctx);

  const byLang: Record<string, { ms: number; n: number; entities: number; figures: number }> = {};
  t = performance.now();
  for (const c of cleaned) {
    const s = performance.now();
    const out = await enrich(c, ctx);
    const l = (byLang[c.lang] ??= { ms: 0, n: 0, entities: 0, figures: 0 });
    l.ms += performance.now() - s;
    l.n++;
    if (out.kind === 'ok') {
      l.entities += out.value.entities.length;
      l.figures += out.value.figures.length;
    }
  }
  const enrichMs = performance.now() - t;

  t = performance.now();
  for (const c of cleaned) findFigures(c.text);
  const figuresMs = performance.now() - t;
  t = performance.now();
  for (const c of cleaned) findEntities(c, gazetteer, tagger);
  const entitiesMs = performance.now() - t;

  const m = cleaned.length;
  const rows: (string | number)[][] = [
    ['path', 'ms/article', 'chars/ms', 'vs prepare'],
    ['prepare: extract → dedupe (baseline)', prepareMs / m, chars / prepareMs, '1.00×'],
    ['enrich (entities + figures)', enrichMs / m, chars / enrichMs, `${(enrichMs / prepareMs).toFixed(3)}× the time`],
    ['  figures only', figuresMs / m, chars / figuresMs, `${(figuresMs / prepareMs).toFixed(3)}×`],
    ['  entities only', entitiesMs / m, chars / entitiesMs, `${(entitiesMs / prepareMs).toFixed(3)}×`],
  ];
  const langs: (string | number)[][] = [['lang', 'articles', 'enrich ms/article', 'entities/article', 'figures/article']];
  for (const [lang, l] of Object.entries(byLang)) langs.push([lang, l.n, l.ms / l.n, l.entities / l.n, l.figures / l.n]);
  return {
    table: [
      `${m} generated articles, ${chars.toLocaleString('en-US')} cleaned chars; gazetteer load ${gazetteerMs.toFixed(1)} ms (once per context, ${gazetteer.entries.length} entries); entity tagger load ${taggerMs.toFixed(1)} ms (${(tagger.bytes / 1024 / 1024).toFixed(1)} MiB of tables)`,
      table(rows),
      '',
      table(langs),
    ].join('\n'),
    metrics: {
      enrichMsPerArticle: enrichMs / m,
      figuresMsPerArticle: figuresMs / m,
      entitiesMsPerArticle: entitiesMs / m,
      ratioToPrepare: enrichMs / prepareMs,
    },
  };
}
