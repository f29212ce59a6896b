/**
 * The pipeline, in order. Each stage is a function over zod-typed records
 * with an explicit context; a skip (not an article, unsupported language)
 * ends the run as an outcome, an error throws with its stage and code.
 *
 *   fetch ─► extract ─► normalise ─► tokenize ─► dedupe ─► enrich ─► summarise ─► link ─► store
 *
 * - fetch (src/fetch) turns an input into documents; the one ingestion loop
 *   (src/ingest) drives it for `kiji ingest`, the web reader and the queue.
 * - extract … summarise (src/extract … src/summarise) run in process:
 *   `analyzeDocument`, which is all `kiji analyze` does.
 * - link and store (src/dedupe/across, src/store) decide how the article
 *   relates to what the store holds and save it, in one transaction under
 *   per-key locks, so concurrent workers agree: `ingestDocument`.
 */
import type { StageContext } from './context.js';
import { linkAndSave } from './dedupe/across/index.js';
import { dedupe } from './dedupe/index.js';
import { enrich } from './enrich/index.js';
import { withStage } from './errors.js';
import { extract } from './extract/index.js';
import { recordFailure, recordSkip, type IngestResult } from './ingest/record.js';
import { normalise } from './normalise/index.js';
import { ok, type Outcome } from './outcome.js';
import { type Analysis, type Cleaned, type RawDocument, type Summarised } from './records.js';
import { overridesFor, type ReviewOverride } from './review/overrides.js';
import { restoreKept } from './review/restore.js';
import type { Store } from './store/index.js';
import { summarise } from './summarise/index.js';
import { countTokens, tokenize } from './tokenize/index.js';

export interface AnalyzeOptions {
  /**
   * A reviewer's `keep` overrides (src/review/overrides.ts), or a lookup of
   * them by article id (the id is known after normalise): the dropped spans
   * they name are put back between dedupe and enrich, in the same pass.
   */
  keep?: readonly ReviewOverride[] | ((articleId: string) => Promise<readonly ReviewOverride[]>);
}

/**
 * extract → normalise → tokenize → dedupe: the cleaned, tokenized text.
 *
 * @example
 * const out = await prepare(raw, ctx);
 * if (out.kind === 'ok') console.log(out.value.text);
 */
export async function prepare(raw: RawDocument, ctx: StageContext, opts: AnalyzeOptions = {}): Promise<Outcome<Cleaned>> {
  const extracted = await withStage('extract', () => extract(raw, ctx));
  if (extracted.kind !== 'ok') return extracted;
  const normalised = await withStage('normalise', () => normalise(extracted.value, ctx));
  if (normalised.kind !== 'ok') return normalised;
  const tokenized = await withStage('tokenize', () => tokenize(normalised.value, ctx));
  if (tokenized.kind !== 'ok') return tokenized;
  const cleaned = await withStage('dedupe', () => dedupe(tokenized.value, ctx));
  if (cleaned.kind !== 'ok' || !opts.keep) return cleaned;
  // A reviewer said some drops were wrong: put those spans back before anything reads the text.
  const id = tokenized.value.id;
  const keep = (typeof opts.keep === 'function' ? await opts.keep(id) : opts.keep).filter((o) => o.kind === 'keep' && o.articleId === id);
  return keep.length ? ok(restoreKept(tokenized.value, cleaned.value, keep)) : cleaned;
}

/**
 * Every in-process stage on one document: the `Analysis` record of CONTRACT.md.
 *
 * @example
 * const out = await analyzeDocument(raw, ctx);
 * if (out.kind === 'ok') process.stdout.write(JSON.stringify(out.value));
 */
export async function analyzeDocument(raw: RawDocument, ctx: StageContext, opts: AnalyzeOptions = {}): Promise<Outcome<Analysis>> {
  const cleaned = await prepare(raw, ctx, opts);
  if (cleaned.kind !== 'ok') return cleaned;
  const enriched = await withStage('enrich', () => enrich(cleaned.value, ctx));
  if (enriched.kind !== 'ok') return enriched;
  const summarised = await withStage('summarise', () => summarise(enriched.value, ctx));
  if (summarised.kind !== 'ok') return summarised;
  return ok(toAnalysis(summarised.value));
}

export interface IngestOptions {
  /**
   * What runs extract … summarise: `analyzeDocument` in this thread by
   * default, or a pool's threads (src/pool). Link and store stay here.
   */
  analyze?: (raw: RawDocument, opts: AnalyzeOptions) => Promise<Outcome<Analysis>>;
}

/**
 * The whole pipeline for one document already fetched: analyse, then link
 * and store. A reviewer's overrides for the article are applied on the way
 * (kept spans between dedupe and enrich, "not a duplicate" when linking). A
 * skip or a failure is recorded in the store with its stage and reason; only
 * a store that cannot record it throws.
 *
 * @example
 * const r = await ingestDocument(raw, ctx, store);
 * if (r.status === 'failed') console.error(r.error.message);
 */
export async function ingestDocument(raw: RawDocument, ctx: StageContext, store: Store, opts: IngestOptions = {}): Promise<IngestResult> {
  const input = raw.source.uri;
  const analyze = opts.analyze ?? ((r: RawDocument, o: AnalyzeOptions) => analyzeDocument(r, ctx, o));
  try {
    let overrides: readonly ReviewOverride[] = [];
    const out = await analyze(raw, { keep: async (id) => (overrides = await overridesFor(store, id)) });
    if (out.kind === 'skip') return await recordSkip(out, input, ctx, store);
    const analysis = out.value;
    const { links, saved } = await withStage('link', () => linkAndSave(analysis, store, ctx, { overrides }));
    ctx.log.info('ingested', { article_id: analysis.id, input, result: saved, duplicate_of: links.duplicateOf });
    if (saved !== 'stored' || links.duplicateOf) {
      return { status: 'duplicate', id: analysis.id, links: saved === 'stored' ? links : { ...links, duplicateOf: links.duplicateOf ?? analysis.id }, analysis };
    }
    return { status: 'stored', id: analysis.id, links, analysis };
  } catch (err) {
    return recordFailure(err, input, ctx, store);
  }
}

/** Project the last stage's record onto the published `Analysis` shape. */
export function toAnalysis(s: Summarised): Analysis {
  return {
    id: s.id,
    source: s.source,
    lang: s.lang,
    title: s.title,
    publishedAt: s.publishedAt,
    author: s.author,
    tags: s.tags,
    url: s.url,
    siteName: s.siteName,
    excerpt: s.excerpt,
    categories: s.categories,
    text: s.text,
    paragraphs: s.paragraphs,
    dropped: s.dropped,
    tokens: { count: countTokens(s.tokens), sentences: s.sentences.length },
    entities: s.entities,
    figures: s.figures,
    summary: s.summary,
  };
}
