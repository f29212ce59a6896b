/**
 * The one shared runner: connections, a BullMQ Worker per queue around the
 * thin processors, error mapping, one log line per job outcome, metrics, and
 * a graceful close (in-flight jobs finish, nothing is dropped).
 */
import { hostname } from 'node:os';
import { UnrecoverableError, Worker, type Job, type Queue } from 'bullmq';
import type { Config } from '../src/config/schema.js';
import type { StageContext } from '../src/context.js';
import { createLogger, type Logger } from '../src/log.js';
import { connectRedis, waitForRedis, warnWithoutPersistence, type RedisClient } from '../src/queue/connection.js';
import { createRedisHostScheduler } from '../src/queue/host-scheduler.js';
import { createMetricsRecorder, type MetricsRecorder } from '../src/queue/metrics.js';
import { queueName, STAGES, type QueueStage } from '../src/queue/names.js';
import { isConnectionError, openQueues, type KijiQueues } from '../src/queue/queues.js';
import { redact } from '../src/store/index.js';
import { analyzerFor, type AnalysisPool, type Analyzer } from '../src/pool/index.js';
import { createRuntime, type Runtime } from '../src/runtime.js';
import type { Store } from '../src/store/index.js';
import { analyzeProcessor } from './analyze.js';
import { errorCode, errorStage, toJobError } from './errors.js';
import { fetchProcessor } from './fetch.js';
import { pollProcessor } from './poll.js';

/** What a processor says about a finished job; logged as snake_case fields and kept as the job's return value. */
export type JobReport = Record<string, string | number | boolean | null>;

export interface WorkerDeps {
  rt: Runtime;
  ctx: StageContext;
  queues: KijiQueues;
  /** The store, opened on first use; a failed open is tried again by the next job. */
  store(): Promise<Store>;
  metrics: MetricsRecorder;
  /** Job attempts this process finished, by outcome (what `--until-empty` reports at the end). */
  tally: { completed: number; retrying: number; failed: number };
  /** What runs extract … summarise: the pool's threads; absent in a worker that runs no kiji.analyze. */
  analyze?: Analyzer;
}

/**
 * A queue's processor: `run` validates the job, calls the stage and hands on
 * the result; `settle` runs once a job has failed for good (no retry left),
 * to record what the job was about and mark its feed item handled.
 */
export interface StageProcessor {
  run(job: Job, deps: WorkerDeps): Promise<JobReport>;
  settle?(job: Job, deps: WorkerDeps, err: Error): Promise<void>;
}

export const PROCESSORS: Record<QueueStage, StageProcessor> = { poll: pollProcessor, fetch: fetchProcessor, analyze: analyzeProcessor };

export interface RunWorkersOptions {
  config: Config;
  log?: Logger;
  clock?: () => Date;
  /** Queues to work on; default all. */
  stages?: readonly QueueStage[];
  /** Jobs at once per queue; default `config.queue.concurrency`. */
  concurrency?: number;
  /**
   * Analysis threads for `kiji.analyze` (src/pool): documents are analysed
   * in a pool of threads, each document under its CPU budget, while linking
   * and storing stay in this thread; the analyze queue takes enough jobs at
   * once to keep them busy. Default 1 thread.
   */
  jobs?: number;
  /** A store to use (not closed here); default: `config.store.db`, opened at start and again on the next job after a failed open. */
  store?: Store;
  /** Close once the queues have no job left to take (a backlog run, the bench), instead of waiting for a signal. */
  untilEmpty?: boolean;
  /** Abandons the start (a SIGTERM while Redis is still being waited for): `runWorkers` then rejects with `StartInterrupted`. */
  signal?: AbortSignal;
}

/** The start was interrupted by a signal before the workers took a job. */
export class StartInterrupted extends Error {
  constructor() {
    super('stopped before the workers started');
    this.name = 'StartInterrupted';
  }
}

export interface RunningWorkers {
  readonly workers: readonly Worker[];
  readonly queues: KijiQueues;
  readonly rt: Runtime;
  /** Stop taking jobs, let the running ones finish, then close every connection. `force` abandons running jobs (they return after the stall interval). */
  close(force?: boolean): Promise<void>;
  /** Settles when the workers have closed, for whatever reason. */
  readonly closed: Promise<void>;
  /** Job attempts this process finished, by outcome. */
  readonly tally: WorkerDeps['tally'];
}

/**
 * Build the runtime (store, summary cache, dictionaries, gazetteer, LLM
 * client, and the per-host schedule shared in Redis) once, then start a
 * BullMQ worker per queue around the thin processors.
 *
 * @example
 * const running = await runWorkers({ config, stages: ['analyze'], concurrency: 2 });
 * process.once('SIGTERM', () => running.close());
 */
export async function runWorkers(opts: RunWorkersOptions): Promise<RunningWorkers> {
  const cfg = opts.config.queue;
  const stages = opts.stages ?? STAGES;
  const startLog = (opts.log ?? createLogger({ level: opts.config.logLevel })).child({ stage: 'queue' });
  const redis: RedisClient = connectRedis(cfg.redis, { name: `kiji-worker-${process.pid}`, log: startLog, quietUntilReady: true });
  // An unreachable Redis is one clear error after a bounded wait, not a worker retrying in silence.
  startLog.info('waiting for redis', { redis: redact(cfg.redis), timeout_ms: cfg.connectTimeoutMs });
  try {
    await waitForRedis(redis, cfg.redis, cfg.connectTimeoutMs, opts.signal);
  } catch (err) {
    if (opts.signal?.aborted) throw new StartInterrupted();
    throw err;
  }
  await warnWithoutPersistence(redis, cfg.redis, startLog);
  const jobs = opts.jobs ?? 1;
  let rt: Runtime;
  // Only a worker on kiji.analyze analyses: poll and fetch workers start no thread and load no dictionary.
  let analyzer: AnalysisPool | null;
  try {
    rt = await createRuntime(opts.config, {
      ...(opts.log ? { log: opts.log } : {}),
      ...(opts.clock ? { clock: opts.clock } : {}),
      store: opts.store ?? 'lazy',
      // Analysis always runs in threads here (each loads the dictionaries); this thread only links, stores and
      // renews job locks, so a document that computes for long cannot make its job look stalled.
      analysis: false,
      // Politeness across every worker and machine: the fetch stage asks the context for its host scheduler.
      hostScheduler: createRedisHostScheduler(redis, cfg, startLog),
    });
  } catch (err) {
    redis.disconnect();
    throw err;
  }
  try {
    analyzer = stages.includes('analyze') ? await analyzerFor(rt.ctx, jobs, { threads: 'always' }) : null;
  } catch (err) {
    await rt.close();
    redis.disconnect();
    throw err;
  }
  if (opts.signal?.aborted) {
    await analyzer?.close();
    await rt.close();
    redis.disconnect();
    throw new StartInterrupted();
  }
  const { ctx } = rt;
  const log = ctx.log.child({ stage: 'queue' });
  const queues = openQueues(cfg, redis, log);
  const metrics = createMetricsRecorder(redis, cfg);
  const deps: WorkerDeps = { rt, ctx, queues, store: () => rt.store(), metrics, tally: { completed: 0, retrying: 0, failed: 0 }, ...(analyzer ? { analyze: analyzer.analyze } : {}) };
  const concurrencyOf = (stage: QueueStage) => {
    const c = opts.concurrency ?? cfg.concurrency;
    // Enough analyze jobs at once to keep every thread busy; the poll and fetch queues wait on the network, not the CPU.
    return analyzer && stage === 'analyze' ? Math.max(c, analyzer.window) : c;
  };

  const workerName = `${hostname()}-${process.pid}`;
  const workers = stages.map((stage) => {
    const worker = new Worker(queueName(stage), wrap(stage, PROCESSORS[stage], deps), {
      connection: redis,
      prefix: queues.prefixes[stage],
      name: workerName,
      concurrency: concurrencyOf(stage),
      lockDuration: cfg.lockDurationMs,
      stalledInterval: cfg.stalledIntervalMs,
      maxStalledCount: cfg.maxStalledCount,
    });
    worker.on('error', (err: Error & { code?: string }) => {
      // A lost connection is logged once per outage by the connection itself, not once per reconnect here.
      if (!isConnectionError(err)) log.error('worker error', { queue: queueName(stage), code: err.code ?? 'worker_error', error: err.message });
    });
    worker.on('stalled', (jobId: string) => log.warn('job stalled', { queue: queueName(stage), job_id: jobId }));
    return worker;
  });
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  const graceMs = cfg.shutdownGraceMs;
  log.info('workers started', { queues: stages.map(queueName), concurrency: opts.concurrency ?? cfg.concurrency, analysis_threads: analyzer ? jobs : 0, worker: workerName });

  const flushTimer = setInterval(() => {
    metrics.flush().catch((err: Error) => log.warn('metrics flush failed', { error: err.message }));
  }, cfg.metricsFlushMs);
  flushTimer.unref();

  let closing: Promise<void> | null = null;
  let markClosed!: () => void;
  const closed = new Promise<void>((r) => (markClosed = r));
  const running: RunningWorkers = {
    workers,
    queues,
    rt,
    closed,
    tally: deps.tally,
    close(force = false) {
      if (closing && !force) return closing;
      const first = !closing;
      const stopWorkers = async () => {
        // Running jobs get the grace period; then they are abandoned (they return after their lock
        // expires), and a Redis that does not answer cannot hold the process past that.
        const graceful = Promise.all(workers.map((w) => w.close(force)));
        const inTime = await settleWithin(graceful, force ? 2_000 : graceMs);
        if (!inTime && !force) {
          log.warn('shutdown grace period over: abandoning running jobs', { worker: workerName, grace_ms: graceMs });
          await settleWithin(Promise.all(workers.map((w) => w.close(true))), 2_000);
        }
      };
      const run = async () => {
        clearInterval(flushTimer);
        await stopWorkers();
        if (first) {
          await settleWithin(metrics.flush().catch((err: Error) => log.warn('metrics flush failed', { code: 'metrics_flush_failed', error: err.message })), 2_000);
          await settleWithin(queues.close(), 2_000);
          if (analyzer) await settleWithin(analyzer.close(), 5_000);
          await settleWithin(rt.close(), 5_000);
          await settleWithin(redis.quit().then(() => undefined), 1_000);
          // Whatever is still trying to reach Redis stops now.
          redis.disconnect();
          for (const w of workers) void w.disconnect().catch(() => {});
          log.info('workers stopped', { worker: workerName });
          markClosed();
        }
      };
      const p = run();
      if (first) closing = p;
      return closing ?? p;
    },
  };
  if (opts.untilEmpty) {
    // Empty means nothing waiting, delayed or running anywhere: a running poll or fetch job still adds work.
    // The next run of a schedule waits in the delayed set too; it is not work left to do.
    const checkEmpty = async () => {
      const left = await Promise.all(stages.map((s) => workLeft(queues.queues[s])));
      if (left.every((n) => n === 0)) {
        clearInterval(emptyTimer);
        log.info('queues empty: closing', { worker: workerName });
        await running.close();
      }
    };
    const emptyTimer = setInterval(() => void checkEmpty().catch((err: Error) => log.warn('drain check failed', { code: 'drain_check_failed', error: err.message })), 250);
    void closed.then(() => clearInterval(emptyTimer));
  }
  return running;
}

/**
 * Jobs a queue still has to run: waiting, prioritized, active, and delayed
 * ones other than the next run of a schedule (`repeat:<scheduler>:<time>`),
 * which is always there while the schedule exists.
 *
 * @example
 * if ((await workLeft(q.queues.poll)) === 0) await running.close();
 */
export async function workLeft(queue: Queue): Promise<number> {
  const c = await queue.getJobCounts('waiting', 'delayed', 'prioritized', 'active');
  const now = (c.waiting ?? 0) + (c.prioritized ?? 0) + (c.active ?? 0);
  const delayed = c.delayed ?? 0;
  if (delayed === 0) return now;
  const schedulers = await queue.getJobSchedulersCount();
  // More delayed jobs than schedulers: some are retries or delayed work.
  if (delayed > schedulers) return now + delayed - schedulers;
  const jobs = await queue.getDelayed(0, delayed - 1);
  return now + jobs.filter((j) => j && !j.repeatJobKey && !String(j.id).startsWith('repeat:')).length;
}

/** True when `p` settled within `ms` (its rejection counts as settled, and is dropped: the caller logs what matters). */
async function settleWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p.then(() => true, () => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** The processor BullMQ calls: timing, the error mapping, the outcome's log line and metrics. */
function wrap(stage: QueueStage, processor: StageProcessor, deps: WorkerDeps) {
  const queue = queueName(stage);
  return async (job: Job): Promise<JobReport> => {
    const started = performance.now();
    const attempt = job.attemptsMade + 1;
    const fields = { stage: 'queue', queue, job_id: job.id ?? null, attempt };
    try {
      const report = await processor.run(job, deps);
      const ms = performance.now() - started;
      deps.metrics.observe('kiji_job_duration_seconds', { queue }, ms / 1000);
      deps.metrics.inc('kiji_jobs_processed_total', { queue, outcome: 'completed' });
      deps.tally.completed++;
      deps.ctx.log.info('job completed', { ...fields, duration_ms: Math.round(ms), ...report });
      return report;
    } catch (err) {
      const mapped = toJobError(err);
      const ms = performance.now() - started;
      const willRetry = !(mapped instanceof UnrecoverableError) && attempt < (job.opts.attempts ?? 1);
      const code = errorCode(mapped);
      deps.metrics.observe('kiji_job_duration_seconds', { queue }, ms / 1000);
      deps.metrics.inc('kiji_jobs_processed_total', { queue, outcome: willRetry ? 'retrying' : 'failed' });
      deps.tally[willRetry ? 'retrying' : 'failed']++;
      if (errorStage(mapped) === 'fetch') deps.metrics.inc('kiji_fetch_errors_total', { code });
      deps.ctx.log[willRetry ? 'warn' : 'error'](willRetry ? 'job will retry' : 'job failed', {
        ...fields,
        duration_ms: Math.round(ms),
        code,
        error: mapped.message,
        will_retry: willRetry,
      });
      if (!willRetry && processor.settle) {
        try {
          await processor.settle(job, deps, err instanceof Error ? err : mapped);
        } catch (settleErr) {
          deps.ctx.log.error('cannot settle the failed job', { ...fields, error: (settleErr as Error).message });
        }
      }
      throw mapped;
    }
  };
}

/**
 * Close on SIGINT/SIGTERM: the first signal lets running jobs finish (within
 * `queue.shutdownGraceMs`), a second one stops at once (those jobs come back
 * after the stall interval). Call it before the workers start and hand
 * `controller` to `runWorkers` as its `signal`: a signal while Redis is
 * still being waited for abandons the start, and a worker takes jobs as
 * soon as it exists, so a signal arriving before the handlers were in place
 * would kill the process mid-job. Resolves when closed.
 *
 * @example
 * const controller = new AbortController();
 * const starting = runWorkers({ config, signal: controller.signal });
 * const closed = closeOnSignals(starting, log, controller);
 * await starting; await closed;
 */
export function closeOnSignals(running: Promise<RunningWorkers>, log: StageContext['log'], controller?: AbortController): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let signals = 0;
    let started: RunningWorkers | null = null;
    const stopListening = () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve();
    };
    function onSignal(signal: NodeJS.Signals) {
      signals++;
      if (!started) {
        // Still starting: abandon the wait for Redis, or close as soon as the workers exist.
        log.warn(signals === 1 ? 'shutting down: finishing running jobs' : 'shutting down now', { stage: 'queue', signal, starting: true });
        controller?.abort();
        return;
      }
      log.warn(signals === 1 ? 'shutting down: finishing running jobs' : 'shutting down now', { stage: 'queue', signal });
      started.close(signals > 1).then(stopListening, reject);
    }
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    // Closed some other way (--until-empty), or never started (a configuration problem or an
    // interrupted start, which the caller reports from the same promise): stop listening.
    running
      .then((r) => {
        started = r;
        // A signal came while they were starting: they close before taking more than the jobs in hand.
        if (signals > 0) void r.close(signals > 1);
        return r.closed;
      })
      .then(stopListening, stopListening);
  });
}
