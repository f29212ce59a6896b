/**
 * The one ingestion loop: expand → acquire → sink → commit. `kiji ingest`,
 * `kiji start`, the web reader's re-analysis, `kiji jobs add` and the poll
 * worker all come through `ingestSource`; they differ only in the sink that
 * takes what the fetch stage yields:
 *
 * - `storeSink` (here) fetches a feed item's article page, runs the pipeline,
 *   links and stores, and marks the item seen;
 * - `queueSink` (src/queue/sink.ts) puts documents on `kiji.analyze` and
 *   article pages on `kiji.fetch`; the workers settle the items.
 *
 * A feed's validators (ETag, Last-Modified) are kept only once all its new
 * items are settled or safely queued, and none failed in a way worth another
 * try: the next poll then fetches the feed again and retries just those.
 */
import type { StageContext } from '../context.js';
import { acquireSource, classifyInput, expandPaths, fetchPage, settleItem, type AcquireOptions, type Acquired, type Unit } from '../fetch/index.js';
import { analyzeDocument, ingestDocument, type AnalyzeOptions, type IngestOptions as DocumentOptions } from '../pipeline.js';
import { inOrder } from '../pool/in-order.js';
import type { Runtime } from '../runtime.js';
import type { RawDocument } from '../records.js';
import type { Store } from '../store/index.js';
import { recordFailure, type IngestResult } from './record.js';

export { recordFailure, recordSkip, type IngestResult } from './record.js';

/** What became of one unit: an ingest result, or handed on to a queue. */
export type UnitResult = IngestResult | { status: 'queued'; queue: string; jobId: string };

/** Where the units of a source go. */
export interface Sink {
  /** The store feeds are polled against (seen items, validators); null reads feeds without state. */
  readonly store: Store | null;
  /** Take one unit; a bad unit is a `failed` result, never a throw (only a store that cannot record it throws). */
  take(unit: Unit): Promise<UnitResult>;
  /** A source that could not be read at all (a missing file, a feed that fails): record it. */
  failed(input: string, err: unknown): Promise<UnitResult>;
  /**
   * Let the sink read a source elsewhere instead (the queue sink gives a
   * remote source a poll job of its own): its result, or null to read it
   * here. `nested` is true for the feeds of an OPML list.
   */
  defer?(source: string, nested: boolean): Promise<UnitResult | null>;
  /**
   * Units worth handing to `take` before the first of them is done (a pool
   * of analysis threads working ahead); 1 when absent. The sink keeps what
   * must be ordered (linking, storing) in the order `take` was called.
   */
  readonly window?: number;
}

export interface IngestReport {
  results: { input: string; result: UnitResult }[];
  /** New feed items left for the next poll (`fetch.maxItemsPerPoll`). */
  leftForNextPoll: number;
}

export interface IngestOptions extends Omit<AcquireOptions, 'store'> {
  /** Called for every unit as it is done (a progress bar). */
  onResult?(input: string, result: UnitResult): void;
}

/**
 * Ingest one input (a file, a folder, a URL, a feed, an OPML list, or `-`)
 * into `sink`. A failure is recorded against what failed, and the rest go on.
 *
 * @example
 * const report = await ingestSource('https://www3.nhk.or.jp/rss/news/cat0.xml', rt, storeSink(await rt.store(), rt.ctx));
 * report.results.filter((r) => r.result.status === 'stored').length;
 */
export async function ingestSource(input: string, rt: Runtime, sink: Sink, opts: IngestOptions = {}): Promise<IngestReport> {
  const report: IngestReport = { results: [], leftForNextPoll: 0 };
  const done = (name: string, result: UnitResult) => {
    report.results.push({ input: name, result });
    opts.onResult?.(name, result);
  };

  const read = async (source: string, nested: boolean): Promise<void> => {
    const handed = sink.defer ? await sink.defer(source, nested) : null;
    if (handed) return done(source, handed);
    let got: Acquired;
    try {
      got = await acquireSource(classifyInput(source), rt.ctx, { ...opts, store: sink.store, feed: nested });
    } catch (err) {
      return done(source, await sink.failed(source, err));
    }
    // An OPML list: each feed on its own, so one that fails does not stop the others.
    if (got.kind === 'list') {
      for (const s of got.sources) await read(s, true);
      return;
    }
    let retryLater = false;
    await inOrder(got.units, sink.window ?? 1, (unit) => sink.take(unit), (result) => {
      if (result.status === 'failed' && result.error.retryable) retryLater = true;
      done(got.origin, result);
    });
    report.leftForNextPoll += got.deferred;
    if (got.commit && !retryLater && got.deferred === 0) await got.commit();
  };

  for (const path of await expandPaths([input])) await read(path, false);
  return report;
}

/**
 * The in-process sink: fetch a feed item's article page when the item needs
 * it, run the pipeline, link and store, record every skip and failure, and
 * mark the item seen once it is settled (stored, skipped, or failed for good).
 *
 * With `opts.analyze` from a pool and `opts.window` > 1, pages are fetched
 * and documents analysed ahead, several at once; linking, storing and
 * recording still happen one unit at a time in the order `take` was called,
 * so the store ends up as with one thread.
 *
 * @example
 * await ingestSource('fixtures/articles', rt, storeSink(await rt.store(), rt.ctx));
 */
export function storeSink(store: Store, ctx: StageContext, opts: DocumentOptions & { window?: number } = {}): Sink {
  // The previous unit's settling: each unit writes to the store only after it.
  let tail: Promise<unknown> = Promise.resolve();
  const analyze = opts.analyze ?? ((raw: RawDocument, o: AnalyzeOptions) => analyzeDocument(raw, ctx, o));
  const take = async (unit: Unit, turn: Promise<unknown>): Promise<IngestResult> => {
    const inTurn = async <T>(f: () => Promise<T>): Promise<T> => {
      await turn;
      return f();
    };
    // The analysis may run ahead; what it returns (or throws) reaches link and store in turn.
    const ingest = (doc: RawDocument) =>
      ingestDocument(doc, ctx, store, {
        analyze: async (raw, o) => {
          const out = analyze(raw, o);
          await Promise.allSettled([out, turn]);
          return out;
        },
      });
    if (unit.kind === 'invalid') return inTurn(() => recordFailure(unit.error, unit.input, ctx, store));
    if (unit.kind === 'document') return ingest(unit.doc);
    let doc;
    try {
      doc = await fetchPage(unit.page, ctx);
    } catch (err) {
      return inTurn(() => recordFailure(err, unit.page.url, ctx, store, 'fetch'));
    }
    return ingest(doc);
  };
  return {
    store,
    window: opts.window ?? 1,
    take(unit) {
      const turn = tail;
      const settled = (async () => {
        const result = await take(unit, turn);
        // A failure worth another try leaves the item unseen: the next poll retries it.
        if (unit.item && !(result.status === 'failed' && result.error.retryable)) await settleItem(store, unit.item, ctx.clock());
        return result;
      })();
      tail = settled.catch(() => {});
      return settled;
    },
    failed: (input, err) => recordFailure(err, input, ctx, store, 'fetch'),
  };
}
