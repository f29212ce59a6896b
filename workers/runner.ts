/**
 * The one shared runner: connections, a BullMQ Worker per queue around the
 * thin processors, error mapping, one log line per job outcome, metrics, and
 * a graceful close (in-flight jobs finish, nothing is dropped).
 */
import { hostname } from 'node:os';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { useResource, type StageContext } from '../src/context.js';
import { hostSchedulerResource } from '../src/fetch/http/scheduler.js';
import type { Linker } from '../src/ingest.js';
import { connectRedis } from '../src/queue/connection.js';
import { createRedisHostScheduler } from '../src/queue/host-scheduler.js';
import { kuromojiResource } from '../src/tokenize/japanese.js';
import { createMetricsRecorder, type MetricsRecorder } from '../src/queue/metrics.js';
import { queueName, STAGES, type QueueStage } from '../src/queue/names.js';
import { openQueues, type KijiQueues } from '../src/queue/queues.js';
import { openStore, type Store } from '../src/store/index.js';
import { processAnalyze } from './analyze.js';
import { errorCode, errorStage, toJobError } from './errors.js';
import { processFetch } from './fetch.js';
import { processPoll } from './poll.js';

/** What a processor says about a finished job; logged as snake_case fields and kept as the job's return value. */
export type JobReport = Record<string, string | number | boolean | null>;

export interface WorkerDeps {
  ctx: StageContext;
  queues: KijiQueues;
  /** The store, opened on first use; a failed open is tried again by the next job. */
  store(): Promise<Store>;
  metrics: MetricsRecorder;
  link?: Linker;
}

export type StageProcessor = (job: Job, deps: WorkerDeps) => Promise<JobReport>;

export const PROCESSORS: Record<QueueStage, StageProcessor> = { poll: processPoll, fetch: processFetch, analyze: processAnalyze };

export interface RunWorkersOptions {
  ctx: StageContext;
  /** Queues to work on; default all. */
  stages?: readonly QueueStage[];
  /** Jobs at once per queue; default `config.queue.concurrency`. */
  concurrency?: number;
  /** A store to use (not closed here); default: `config.store.db`, opened on the first job. */
  store?: Store;
  link?: Linker;
  /** Load the expensive resources (the kuromoji dictionary) before taking the first job. */
  warm?: boolean;
  /** Close once the queues have no job left to take (a backlog run, the bench), instead of waiting for a signal. */
  untilEmpty?: boolean;
}

export interface RunningWorkers {
  readonly workers: readonly Worker[];
  readonly queues: KijiQueues;
  /** Stop taking jobs, let the running ones finish, then close every connection. `force` abandons running jobs (they return after the stall interval). */
  close(force?: boolean): Promise<void>;
  /** Settles when the workers have closed, for whatever reason. */
  readonly closed: Promise<void>;
}

/**
 * @example
 * const running = await runWorkers({ ctx, stages: ['analyze'], concurrency: 2 });
 * process.once('SIGTERM', () => running.close());
 */
export async function runWorkers(opts: RunWorkersOptions): Promise<RunningWorkers> {
  const { ctx } = opts;
  const cfg = ctx.config.queue;
  const log = ctx.log.child({ stage: 'queue' });
  const redis: Redis = connectRedis(cfg.redis, { name: `kiji-worker-${process.pid}`, log });
  const queues = openQueues(cfg, redis);
  const metrics = createMetricsRecorder(redis, cfg);
  // Politeness across every worker and machine: the fetch stage asks the context for its host scheduler.
  void ctx.resources.once(hostSchedulerResource.key, async () => createRedisHostScheduler(redis, cfg));

  let opened: Promise<Store> | null = null;
  const store = (): Promise<Store> => {
    if (opts.store) return Promise.resolve(opts.store);
    if (!opened) {
      opened = openStore(ctx.config.store.db);
      opened.catch(() => (opened = null));
    }
    return opened;
  };
  const deps: WorkerDeps = { ctx, queues, store, metrics, ...(opts.link ? { link: opts.link } : {}) };

  const stages = opts.stages ?? STAGES;
  if (opts.warm && stages.includes('analyze')) await useResource(ctx, kuromojiResource);
  const workerName = `${hostname()}-${process.pid}`;
  const workers = stages.map((stage) => {
    const worker = new Worker(queueName(stage), wrap(stage, PROCESSORS[stage], deps), {
      connection: redis,
      prefix: queues.prefix,
      name: workerName,
      concurrency: opts.concurrency ?? cfg.concurrency,
      lockDuration: cfg.lockDurationMs,
      stalledInterval: cfg.stalledIntervalMs,
      maxStalledCount: cfg.maxStalledCount,
    });
    worker.on('error', (err: Error & { code?: string }) => log.error('worker error', { queue: queueName(stage), code: err.code ?? null, error: err.message }));
    worker.on('stalled', (jobId: string) => log.warn('job stalled', { queue: queueName(stage), job_id: jobId }));
    return worker;
  });
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  log.info('workers started', { queues: stages.map(queueName), concurrency: opts.concurrency ?? cfg.concurrency, worker: workerName });

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
    closed,
    close(force = false) {
      if (closing && !force) return closing;
      closing = (async () => {
        clearInterval(flushTimer);
        await Promise.all(workers.map((w) => w.close(force)));
        await metrics.flush().catch((err: Error) => log.warn('metrics flush failed', { error: err.message }));
        await queues.close();
        if (opened && !opts.store) await (await opened.catch(() => null))?.close();
        await redis.quit().catch(() => redis.disconnect());
        log.info('workers stopped', { worker: workerName });
        markClosed();
      })();
      return closing;
    },
  };
  if (opts.untilEmpty) {
    const checkEmpty = async () => {
      const counts = await Promise.all(stages.map((s) => queues.queues[s].getJobCounts('waiting', 'delayed', 'prioritized', 'active')));
      if (counts.every((c) => (c.waiting ?? 0) + (c.delayed ?? 0) + (c.prioritized ?? 0) === 0)) {
        log.info('queues empty: closing', { worker: workerName });
        await running.close();
      }
    };
    for (const w of workers) w.on('drained', () => void checkEmpty().catch((err: Error) => log.warn('drain check failed', { error: err.message })));
    void checkEmpty();
  }
  return running;
}

/** The processor BullMQ calls: timing, the error mapping, the outcome's log line and metrics. */
function wrap(stage: QueueStage, processor: StageProcessor, deps: WorkerDeps) {
  const queue = queueName(stage);
  return async (job: Job): Promise<JobReport> => {
    const started = performance.now();
    const attempt = job.attemptsMade + 1;
    const fields = { stage: 'queue', queue, job_id: job.id ?? null, attempt };
    try {
      const report = await processor(job, deps);
      const ms = performance.now() - started;
      deps.metrics.observe('kiji_job_duration_seconds', { queue }, ms / 1000);
      deps.metrics.inc('kiji_jobs_processed_total', { queue, outcome: 'completed' });
      deps.ctx.log.info('job completed', { ...fields, duration_ms: Math.round(ms), ...report });
      return report;
    } catch (err) {
      const mapped = toJobError(err);
      const ms = performance.now() - started;
      const willRetry = !(mapped instanceof UnrecoverableError) && attempt < (job.opts.attempts ?? 1);
      const code = errorCode(mapped);
      deps.metrics.observe('kiji_job_duration_seconds', { queue }, ms / 1000);
      deps.metrics.inc('kiji_jobs_processed_total', { queue, outcome: willRetry ? 'retrying' : 'failed' });
      if (errorStage(mapped) === 'fetch') deps.metrics.inc('kiji_fetch_errors_total', { code });
      deps.ctx.log[willRetry ? 'warn' : 'error'](willRetry ? 'job will retry' : 'job failed', {
        ...fields,
        duration_ms: Math.round(ms),
        code,
        error: mapped.message,
        will_retry: willRetry,
      });
      throw mapped;
    }
  };
}

/**
 * Close on SIGINT/SIGTERM: the first signal lets running jobs finish, a
 * second one stops at once (those jobs come back after the stall interval).
 * Call it before the workers start (pass the promise of them): a worker takes
 * jobs as soon as it exists, and a signal arriving before the handlers were
 * in place would kill the process mid-job. Resolves when closed.
 *
 * @example
 * const starting = runWorkers({ ctx });
 * const closed = closeOnSignals(starting, ctx.log);
 * await starting; await closed;
 */
export function closeOnSignals(running: Promise<RunningWorkers>, log: StageContext['log']): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let signals = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      signals++;
      log.warn(signals === 1 ? 'shutting down: finishing running jobs' : 'shutting down now', { stage: 'queue', signal });
      running
        .then((r) => r.close(signals > 1))
        .then(() => {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          resolve();
        }, reject);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    // Closed some other way (--until-empty): stop listening.
    running.then((r) => r.closed).then(() => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve();
    }, reject);
  });
}
