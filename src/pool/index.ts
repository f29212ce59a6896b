/**
 * A pool of analysis threads (node:worker_threads), one per core by default
 * (`--jobs N`). Each thread loads the gazetteer and models once and reads the
 * IPADIC dictionary the main thread loaded into shared memory; it runs
 * `analyzeDocument`; the main thread hands out documents, answers the
 * threads' calls to the store (a reviewer's overrides, the summary cache) and
 * keeps everything that must happen in one place — linking and storing, in
 * the order the documents came in.
 *
 * `--jobs 1` builds no pool: the document is analysed in the main thread,
 * exactly as before there were threads.
 *
 * Each document has a CPU budget (`documentCpuBudgetMs`), counted as its
 * thread's busy time (event-loop utilisation, so an LLM call it waits on does
 * not count): a thread past it is stopped, the document fails `too_complex`
 * (not retryable), and a new thread takes the documents queued behind it.
 * Nothing else waits on a document that will not end, and the main thread —
 * which renews a queue worker's job locks — never runs the analysis itself.
 */
import type { EventLoopUtilization } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { useResource, type StageContext } from '../context.js';
import { InputError, KijiError } from '../errors.js';
import type { Outcome } from '../outcome.js';
import { analyzeDocument, type AnalyzeOptions } from '../pipeline.js';
import type { Analysis, RawDocument } from '../records.js';
import { summaryCacheResource } from '../summarise/index.js';
import { sharedIpadicResource } from '../tokenize/japanese.js';
import type { FromThread, ThreadInit, ToThread } from './messages.js';
import { fromWire, toWire } from './remote-error.js';

export { inOrder } from './in-order.js';

/** Documents at once in one thread: one running, one ready to start the moment it ends. */
const PER_THREAD = 2;

/** Something that analyses a document: `analyzeDocument` in this thread, or a pool's threads. */
export type Analyzer = (raw: RawDocument, opts?: AnalyzeOptions) => Promise<Outcome<Analysis>>;

/** A pool of analysis threads, or (from `analyzerFor` with one job) this thread alone: window 1, nothing to close. */
export interface AnalysisPool {
  /** Documents worth having in flight to keep every thread busy. */
  readonly window: number;
  /** Analyse one document; resolves or rejects as `analyzeDocument` would. */
  analyze: Analyzer;
  /** Let the threads finish what they hold, then stop them. */
  close(): Promise<void>;
}

interface Task {
  id: number;
  raw: RawDocument;
  keep: AnalyzeOptions['keep'];
  /** When it was handed to a thread. */
  sentAt?: number;
  resolve(o: Outcome<Analysis>): void;
  reject(e: Error): void;
}

interface Thread {
  worker: Worker;
  index: number;
  tasks: Map<number, Task>;
  /** The document the thread is on, and its event-loop use when it began. */
  current?: { task: number; elu: EventLoopUtilization };
  /** The document it was stopped for, past its budget. */
  stoppedFor?: number;
}

/**
 * Start a pool of up to `jobs` threads. The first starts now and loads what
 * analysis needs (a dictionary that cannot be read fails here, before the
 * first document); the others start once there is more work in hand than
 * threads and the run has spent as long analysing as the first thread took
 * to load, so a short run (one file, a small folder) does not pay for `jobs`
 * dictionary loads it cannot repay. `ctx` is the main
 * thread's context: its summary cache serves every thread.
 *
 * @example
 * const pool = await startPool(rt.ctx, 2);
 * try { const out = await pool.analyze(raw); } finally { await pool.close(); }
 */
export async function startPool(ctx: StageContext, jobs: number): Promise<AnalysisPool> {
  // One dictionary for every thread (80 MB in SharedArrayBuffers), loaded here: a thread does not load its own.
  const ipadic = await useResource(ctx, sharedIpadicResource);
  const waiting: Task[] = [];
  const threads: Thread[] = [];
  let nextTask = 0;
  let closing = false;
  const inflight = new Set<Promise<unknown>>();

  let starting = 0;
  let limit = jobs;
  let nextIndex = 0;
  // What a thread costs to start, and the analysis time the run has used so far.
  let loadMs = 0;
  let busyMs = 0;

  const dispatch = () => {
    // More documents in hand than threads to run them, in a run that has already spent as long
    // analysing as a thread takes to load (so it is likely to repay one): start another, up to `jobs`.
    const held = waiting.length + threads.reduce((n, t) => n + t.tasks.size, 0);
    // No thread left (one was stopped past its budget): start one whatever the run has cost so far.
    if (!closing && held > 0 && threads.length + starting === 0) grow();
    else if (!closing && held > threads.length + starting && threads.length + starting < limit && busyMs >= loadMs) grow();
    while (waiting.length) {
      const free = threads.filter((t) => t.tasks.size < PER_THREAD).sort((a, b) => a.tasks.size - b.tasks.size)[0];
      if (!free) return;
      const task = waiting.shift()!;
      task.sentAt = performance.now();
      free.tasks.set(task.id, task);
      post(free, { type: 'analyze', task: task.id, raw: task.raw, keep: task.keep !== undefined });
    }
  };

  const answer = async (thread: Thread, m: Extract<FromThread, { type: 'call' }>): Promise<unknown> => {
    if (m.port === 'keep') {
      const keep = thread.tasks.get(m.task)?.keep;
      if (!keep) return [];
      return typeof keep === 'function' ? await keep(m.articleId) : keep;
    }
    const cache = await useResource(ctx, summaryCacheResource);
    return m.port === 'cache.get' ? await cache.get(m.key) : await cache.put(m.key, m.value);
  };

  const spawnThread = (index: number): Promise<Thread> =>
    new Promise((resolve, reject) => {
      const init: ThreadInit = { config: ctx.config, index, ipadic };
      const worker = new Worker(new URL('./thread-entry.js', import.meta.url), { workerData: init });
      const thread: Thread = { worker, index, tasks: new Map() };
      let ready = false;
      worker.on('message', (m: FromThread) => {
        if (m.type === 'ready') {
          ready = true;
          loadMs = Math.max(loadMs, m.loadMs);
          return resolve(thread);
        }
        if (m.type === 'start-failed') return reject(fromWire(m.error));
        if (m.type === 'call') {
          answer(thread, m).then(
            (value) => post(thread, { type: 'reply', call: m.call, ok: true, value }),
            (err: unknown) => post(thread, { type: 'reply', call: m.call, ok: false, error: toWire(err) }),
          );
          return;
        }
        if (m.type === 'started') {
          thread.current = { task: m.task, elu: worker.performance.eventLoopUtilization() };
          return;
        }
        thread.current = undefined;
        const task = thread.tasks.get(m.task);
        thread.tasks.delete(m.task);
        // Two at a time per thread: half of the time in hand is this one's own.
        if (task?.sentAt !== undefined) busyMs += (performance.now() - task.sentAt) / PER_THREAD;
        if (m.type === 'done') task?.resolve(m.outcome);
        else task?.reject(fromWire(m.error));
        dispatch();
      });
      worker.on('error', (err) => {
        if (!ready) reject(err);
        else ctx.log.error('analysis thread failed', { stage: 'ingest', pool_thread: index, error: err.message });
      });
      worker.on('exit', (code) => {
        if (!ready) return reject(new KijiError('config', 'internal', `analysis thread ${index} exited with ${code} while starting`));
        const lost = [...thread.tasks.values()];
        thread.tasks.clear();
        const at = threads.indexOf(thread);
        if (at >= 0) threads.splice(at, 1);
        if (thread.stoppedFor !== undefined) {
          // Stopped past a document's budget: that document fails for good; the one queued behind it was never begun.
          for (const t of lost) {
            if (t.id === thread.stoppedFor) t.reject(tooComplex(budgetMs));
            else waiting.unshift({ ...t, sentAt: undefined });
          }
        } else {
          // A thread that died (out of memory, a crash in a native module): its documents fail, a new thread takes its place.
          for (const t of lost) t.reject(new KijiError('ingest', 'internal', `the analysis thread stopped (exit ${code}) while it held this document`, { retryable: true }));
        }
        dispatch();
      });
    });

  function grow() {
    starting++;
    const index = nextIndex++;
    spawnThread(index).then(
      (t) => {
        starting--;
        if (closing) return void t.worker.terminate();
        threads.push(t);
        ctx.log.debug('analysis thread started', { stage: 'ingest', pool_thread: index, threads: threads.length });
        dispatch();
      },
      (err: Error) => {
        // The first thread loaded the same files: this is memory or a crash, not configuration. Go on with fewer.
        starting--;
        limit = Math.max(1, threads.length + starting);
        ctx.log.error('analysis thread could not start', { stage: 'ingest', pool_thread: index, error: err.message });
        if (threads.length + starting === 0) for (const t of waiting.splice(0)) t.reject(new KijiError('ingest', 'internal', `no analysis thread left: ${err.message}`));
      },
    );
  }

  threads.push(await spawnThread(nextIndex++));

  // The budget: look at each busy thread a few times a second. A thread blocked in one long
  // computation still counts as busy, so this catches it without its cooperation.
  const budgetMs = ctx.config.documentCpuBudgetMs;
  const watchdog = setInterval(() => {
    for (const t of threads) {
      if (!t.current || t.stoppedFor !== undefined) continue;
      const used = t.worker.performance.eventLoopUtilization(t.current.elu).active;
      if (used <= budgetMs) continue;
      t.stoppedFor = t.current.task;
      ctx.log.warn('document over its CPU budget: analysis thread stopped', { stage: 'ingest', pool_thread: t.index, budget_ms: budgetMs, used_ms: Math.round(used) });
      void t.worker.terminate();
    }
  }, Math.min(250, Math.max(25, budgetMs / 4)));
  watchdog.unref();

  return {
    window: jobs * PER_THREAD,
    analyze(raw, opts = {}) {
      if (closing) return Promise.reject(new KijiError('ingest', 'internal', 'the analysis pool is closed'));
      const p = new Promise<Outcome<Analysis>>((resolve, reject) => {
        waiting.push({ id: nextTask++, raw, keep: opts.keep, resolve, reject });
        dispatch();
      });
      inflight.add(p);
      const forget = () => void inflight.delete(p);
      p.then(forget, forget);
      return p;
    },
    async close() {
      if (closing) return;
      closing = true;
      // Whatever was handed out finishes first; then the threads go.
      await Promise.allSettled([...inflight]);
      clearInterval(watchdog);
      await Promise.all(threads.map((t) => t.worker.terminate()));
    },
  };

  function post(thread: Thread, m: ToThread) {
    thread.worker.postMessage(m);
  }
}

/**
 * The analyser for `jobs`: `analyzeDocument` in this thread for 1 (no pool,
 * the path there was before threads), a pool of threads for more, or
 * always (`threads: 'always'`: a queue worker, whose main thread must stay
 * free to renew job locks and whose documents need a CPU budget). `window`
 * is how many documents a caller should keep in flight.
 *
 * @example
 * const a = await analyzerFor(rt.ctx, values.jobs);
 * try { await a.analyze(raw); } finally { await a.close(); }
 */
export async function analyzerFor(ctx: StageContext, jobs: number, opts: { threads?: 'when-several' | 'always' } = {}): Promise<AnalysisPool> {
  if (!usesThreads(jobs, opts.threads)) return { analyze: (raw, opts) => analyzeDocument(raw, ctx, opts), window: 1, close: async () => {} };
  return startPool(ctx, jobs);
}

/**
 * Whether `analyzerFor` will analyse in threads: what a command asks before it
 * builds its runtime (with threads, its own thread loads no dictionaries).
 *
 * @example
 * usesThreads(1) // false; usesThreads(2) // true; usesThreads(1, 'always') // true
 */
export function usesThreads(jobs: number, threads: 'when-several' | 'always' = 'when-several'): boolean {
  return jobs > 1 || threads === 'always';
}

/** The error of a document that used up its CPU budget: the input's fault, so never retried. */
function tooComplex(budgetMs: number): KijiError {
  return new InputError('ingest', 'too_complex', `analysis took more than ${(budgetMs / 1000).toFixed(1)} s of CPU (documentCpuBudgetMs); the document is too complex to analyse`);
}
