/**
 * The queue sink: the ingestion loop's units go onto the queues instead of
 * through the pipeline here. Documents in hand go to `kiji.analyze`, article
 * pages to `kiji.fetch`; a remote source is given a poll job of its own when
 * `defer` says so. The workers settle each feed item once its article is
 * stored or its failure is final.
 */
import type { StageContext } from '../context.js';
import { toErrorRecord } from '../errors.js';
import { classifyInput, settleItem } from '../fetch/index.js';
import type { FullTextMode } from '../fetch/config.js';
import { recordFailure, type Sink, type UnitResult } from '../ingest/index.js';
import type { Store } from '../store/index.js';
import { queueName } from './names.js';
import { enqueueDocuments, enqueuePage, enqueueSource, type KijiQueues } from './queues.js';

export interface QueueSinkOptions {
  /** Poll feeds against this store (the workers); null reads local feed files without state (`kiji jobs add`). */
  store: Store | null;
  /**
   * Which sources get a poll job of their own rather than being read here:
   * `remote` (every URL: `kiji jobs add` fetches nothing itself), `nested`
   * (the feeds of an OPML list: one poll job per feed, in the poll worker).
   */
  defer: 'remote' | 'nested';
  scheduleId?: string | null;
  fullText?: FullTextMode | null;
}

/**
 * @example
 * await ingestSource('feeds.opml', rt, queueSink(queues, ctx, { store: null, defer: 'remote' }));
 */
export function queueSink(q: KijiQueues, ctx: StageContext, opts: QueueSinkOptions): Sink {
  const queued = (stage: 'poll' | 'fetch' | 'analyze', jobId: string): UnitResult => ({ status: 'queued', queue: queueName(stage), jobId });
  const fail = async (err: unknown, input: string): Promise<UnitResult> => {
    if (opts.store) return recordFailure(err, input, ctx, opts.store, 'fetch');
    // `kiji jobs add` has no store: the command reports the failure itself.
    return { status: 'failed', error: toErrorRecord(err, 'fetch') };
  };
  return {
    store: opts.store,
    async take(unit) {
      if (unit.kind === 'document') return queued('analyze', (await enqueueDocuments(q, [unit.doc], {}, unit.item))[0]!);
      if (unit.kind === 'page') return queued('fetch', await enqueuePage(q, unit.page, unit.item));
      const result = await fail(unit.error, unit.input);
      if (unit.item && opts.store) await settleItem(opts.store, unit.item, ctx.clock());
      return result;
    },
    failed: (input, err) => fail(err, input),
    async defer(source, nested) {
      const remote = classifyInput(source).kind === 'url';
      if (!remote || (opts.defer === 'nested' && !nested)) return null;
      return queued('poll', await enqueueSource(q, source, { scheduleId: opts.scheduleId ?? null, fullText: opts.fullText ?? null }));
    },
  };
}
