/**
 * Ingest: the pipeline plus the store, for one document. The CLI's `ingest`
 * and the queue's store worker both come through here, so a document is
 * linked and saved the same way whichever path it took.
 */
import type { StageContext } from './context.js';
import { linkDuplicates } from './dedupe/across/index.js';
import { toErrorRecord, type ErrorRecord } from './errors.js';
import { analyzeDocument } from './pipeline.js';
import { applyLinkOverrides, overrideMatches, overridesFor, type ReviewOverride } from './review/overrides.js';
import type { Analysis, RawDocument } from './records.js';
import type { ArticleLinks, Store } from './store/index.js';

export type IngestResult =
  | { status: 'stored'; id: string; links: ArticleLinks; analysis?: Analysis }
  /** Linked to an original already in the store (same content, or a near-duplicate); kept, not deleted. */
  | { status: 'duplicate'; id: string; links: ArticleLinks; analysis?: Analysis }
  | { status: 'skipped'; reason: string; detail: string }
  | { status: 'failed'; error: ErrorRecord };

/**
 * Decide how a new analysis relates to what the store holds: the same
 * canonical URL or body, a near-duplicate, or a story cluster. The default is
 * dedupe's cross-document linker (src/dedupe/across).
 */
export type Linker = (analysis: Analysis, store: Store, ctx: StageContext) => Promise<ArticleLinks>;

/**
 * @example
 * const r = await ingestDocument(raw, ctx, store);
 * if (r.status === 'failed') console.error(r.error.message);
 */
export async function ingestDocument(raw: RawDocument, ctx: StageContext, store: Store, link: Linker = linkDuplicates): Promise<IngestResult> {
  const input = raw.source.uri;
  try {
    const out = await analyzeDocument(raw, ctx);
    if (out.kind === 'skip') {
      await store.recordFailure({ input, at: ctx.clock().toISOString(), error: { stage: out.stage, code: out.reason, message: out.detail, retryable: false } });
      return { status: 'skipped', reason: out.reason, detail: out.detail };
    }
    const overrides = await overridesFor(store, out.value.id);
    const analysis = await applyReviewOverrides(raw, out.value, ctx, overrides);
    const links = applyLinkOverrides(await link(analysis, store, ctx), overrides);
    const saved = await store.saveArticle(analysis, links, ctx.clock());
    ctx.log.info('ingested', { article_id: analysis.id, input, result: saved, duplicate_of: links.duplicateOf });
    if (saved !== 'stored' || links.duplicateOf) return { status: 'duplicate', id: analysis.id, links: saved === 'stored' ? links : { ...links, duplicateOf: links.duplicateOf ?? analysis.id }, analysis };
    return { status: 'stored', id: analysis.id, links, analysis };
  } catch (err) {
    return recordFailure(err, input, ctx, store);
  }
}

/**
 * Re-apply a reviewer's `keep` overrides to a fresh analysis: nothing to do
 * (the common case) unless one names a span dedupe dropped this time, then a
 * second pass of the pipeline with those spans kept.
 *
 * @example
 * const analysis = await applyReviewOverrides(raw, out.value, ctx, await overridesFor(store, out.value.id));
 */
export async function applyReviewOverrides(raw: RawDocument, analysis: Analysis, ctx: StageContext, overrides: readonly ReviewOverride[]): Promise<Analysis> {
  const keep = overrides.filter((o) => o.kind === 'keep' && o.articleId === analysis.id);
  if (!keep.some((o) => analysis.dropped.some((d) => overrideMatches(o, d)))) return analysis;
  const again = await analyzeDocument(raw, ctx, { keep });
  if (again.kind !== 'ok' || again.value.id !== analysis.id) return analysis;
  ctx.log.info('review overrides applied', { article_id: analysis.id, overrides: keep.length });
  return again.value;
}

/** Record a failure against an input; the failure itself never stops the run. */
export async function recordFailure(err: unknown, input: string, ctx: StageContext, store: Store): Promise<IngestResult> {
  const error = toErrorRecord(err, 'fetch');
  ctx.log.warn('ingest failed', { input, stage: error.stage, code: error.code, error: error.message });
  try {
    await store.recordFailure({ input, error, at: ctx.clock().toISOString() });
  } catch (storeErr) {
    // The store being down is the caller's problem to report: surface it, do not hide the first error.
    throw new AggregateError([err, storeErr], `cannot record the failure of ${input}: ${(storeErr as Error).message}`);
  }
  return { status: 'failed', error };
}
