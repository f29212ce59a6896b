/**
 * What became of one document, and how skips and failures are kept in the
 * store (the `failures` table) so that nothing is lost silently.
 */
import type { StageContext } from '../context.js';
import { toErrorRecord, type ErrorRecord, type Stage } from '../errors.js';
import type { Outcome, SkipReason } from '../outcome.js';
import type { Analysis } from '../records.js';
import type { ArticleLinks, Store } from '../store/index.js';

export type IngestResult =
  | { status: 'stored'; id: string; links: ArticleLinks; analysis?: Analysis }
  /** Linked to an original already in the store (same content, or a near-duplicate); kept, not deleted. */
  | { status: 'duplicate'; id: string; links: ArticleLinks; analysis?: Analysis }
  | { status: 'skipped'; stage: Stage; reason: SkipReason; detail: string }
  | { status: 'failed'; error: ErrorRecord };

/**
 * Record a skip outcome against its input (stage, reason and detail kept apart from error codes).
 *
 * @example
 * if (out.kind === 'skip') return recordSkip(out, raw.source.uri, ctx, store);
 */
export async function recordSkip(out: Extract<Outcome<unknown>, { kind: 'skip' }>, input: string, ctx: StageContext, store: Store): Promise<IngestResult> {
  await store.recordFailure({ kind: 'skip', input, at: ctx.clock().toISOString(), skip: { stage: out.stage, reason: out.reason, detail: out.detail } });
  ctx.log.info('skipped', { input, stage: out.stage, reason: out.reason });
  return { status: 'skipped', stage: out.stage, reason: out.reason, detail: out.detail };
}

/**
 * Record a failure against an input; the failure itself never stops the run.
 * `stage` names where an error that carries no stage of its own came from.
 *
 * @example
 * try { … } catch (err) { return recordFailure(err, url, ctx, store, 'fetch'); }
 */
export async function recordFailure(err: unknown, input: string, ctx: StageContext, store: Store, stage: Stage = 'ingest'): Promise<IngestResult> {
  const error = toErrorRecord(err, stage);
  ctx.log.warn('ingest failed', { input, stage: error.stage, code: error.code, error: error.message });
  try {
    await store.recordFailure({ kind: 'error', input, error, at: ctx.clock().toISOString() });
  } catch (storeErr) {
    // The store being down is the caller's problem to report: surface it, do not hide the first error.
    throw new AggregateError([err, storeErr], `cannot record the failure of ${input}: ${(storeErr as Error).message}`);
  }
  return { status: 'failed', error };
}
