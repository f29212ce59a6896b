/**
 * The set of kiji queues on one Redis connection, and the ways work gets onto
 * them: sources to read (poll jobs), feed items' article pages to fetch
 * (fetch jobs keyed by the item) and documents in hand (analyze jobs keyed by
 * their bytes).
 */
import { Queue, type DefaultJobOptions, type JobsOptions } from 'bullmq';
import type { FullTextMode } from '../fetch/config.js';
import type { PageRequest, SeenItemRef } from '../fetch/units.js';
import type { Logger } from '../log.js';
import type { RawDocument } from '../records.js';
import type { QueueConfig } from './config.js';
import { connectRedis, waitForRedis, type RedisClient } from './connection.js';
import { documentJobId, pageJobId, queueName, queuePrefix, STAGES, type QueueStage } from './names.js';

export interface KijiQueues {
  readonly config: QueueConfig;
  readonly redis: RedisClient;
  /** Each queue's key prefix (a hash tag of its own on a cluster). */
  readonly prefixes: Readonly<Record<QueueStage, string>>;
  readonly queues: Readonly<Record<QueueStage, Queue>>;
  close(): Promise<void>;
}

/**
 * Retries with exponential backoff for retryable errors; failed jobs kept
 * (payload and reason) until someone retries or removes them; completed jobs
 * kept for a while so their ids keep deduplicating re-enqueued work.
 *
 * @example
 * jobOptions(config.queue).attempts // 5
 */
export function jobOptions(cfg: QueueConfig): DefaultJobOptions {
  return {
    attempts: cfg.attempts,
    backoff: { type: 'exponential', delay: cfg.backoffMs, jitter: 0.5 },
    removeOnComplete: { age: cfg.keepCompletedSeconds, count: cfg.keepCompletedCount },
    removeOnFail: false,
  };
}

/**
 * @example
 * const q = openQueues(config.queue, connectRedis(config.queue.redis));
 * await q.queues.analyze.getJobCounts();
 * await q.close();
 */
export function openQueues(cfg: QueueConfig, redis: RedisClient, log?: Logger): KijiQueues {
  const defaultJobOptions = jobOptions(cfg);
  const prefixes = Object.fromEntries(STAGES.map((s) => [s, queuePrefix(cfg, s)])) as Record<QueueStage, string>;
  const queues = Object.fromEntries(
    STAGES.map((s) => {
      const queue = new Queue(queueName(s), { connection: redis, prefix: prefixes[s], defaultJobOptions });
      // Connection trouble is logged once per outage by the connection's own handler; anything else is logged here.
      queue.on('error', (err: Error & { code?: string }) => {
        if (!isConnectionError(err)) log?.warn('queue error', { stage: 'queue', queue: queueName(s), code: err.code ?? 'queue_error', error: err.message });
      });
      return [s, queue];
    }),
  ) as Record<QueueStage, Queue>;
  return {
    config: cfg,
    redis,
    prefixes,
    queues,
    async close() {
      await Promise.all(Object.values(queues).map((q) => q.close()));
    },
  };
}

/**
 * Put documents on `kiji.analyze`, one job each, in one round trip. A document
 * whose bytes were enqueued before (and whose job is still kept) is not added
 * again. `item` is the feed item each document settles, when there is one:
 * then the job is the item's, so two feeds naming one page each settle theirs.
 *
 * @example
 * await enqueueDocuments(q, [doc]);
 */
export async function enqueueDocuments(q: KijiQueues, docs: RawDocument[], opts: JobsOptions = {}, item: SeenItemRef | null = null): Promise<string[]> {
  if (docs.length === 0) return [];
  const jobs = await q.queues.analyze.addBulk(
    docs.map((d) => ({ name: 'analyze', data: { ...d, item }, opts: { ...opts, jobId: item ? documentJobId(`${item.feedUrl}\n${item.key}\n${d.body}`) : documentJobId(d.body) } })),
  );
  return jobs.map((j) => j.id!);
}

/**
 * Put a feed item's article page on `kiji.fetch`: one job per item, so polls
 * that overlap add it once.
 *
 * @example
 * await enqueuePage(q, unit.page, unit.item);
 */
export async function enqueuePage(q: KijiQueues, page: PageRequest, item: SeenItemRef | null): Promise<string> {
  const job = await q.queues.fetch.add('fetch', { page, item }, { jobId: pageJobId(item?.feedUrl ?? null, item?.key ?? page.url) });
  return job.id!;
}

/**
 * Put a source on `kiji.poll`: a feed URL, an OPML list, a page URL, or a
 * file or folder the workers can read. Each call is a poll: the seen items
 * of a feed keep a second one from doing the work twice.
 *
 * @example
 * await enqueueSource(q, 'https://www.yna.co.kr/rss/news.xml'); // a job on kiji.poll
 */
export async function enqueueSource(q: KijiQueues, source: string, opts: { scheduleId?: string | null; fullText?: FullTextMode | null } = {}): Promise<string> {
  const job = await q.queues.poll.add('poll', { source, scheduleId: opts.scheduleId ?? null, fullText: opts.fullText ?? null });
  return job.id!;
}

/**
 * Open the queues for one short command (`kiji jobs`, `kiji schedule`) and
 * close them however it ends.
 *
 * @example
 * await withQueues(config.queue, (q) => q.queues.analyze.getFailedCount());
 */
export async function withQueues<T>(cfg: QueueConfig, fn: (q: KijiQueues) => Promise<T>, log?: Logger): Promise<T> {
  const redis = connectRedis(cfg.redis, { name: `kiji-cli-${process.pid}`, quietUntilReady: true, ...(log ? { log } : {}) });
  // A command should fail fast when Redis is not there, not wait for it.
  await waitForRedis(redis, cfg.redis, cfg.connectTimeoutMs);
  const q = openQueues(cfg, redis, log);
  try {
    return await fn(q);
  } finally {
    await q.close();
    await redis.quit().catch(() => redis.disconnect());
  }
}

/** ECONNREFUSED and friends: the connection's own handler has said so already. */
export function isConnectionError(err: Error & { code?: string }): boolean {
  return /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|EPIPE)$/.test(err.code ?? '') || /Connection is closed|connect ETIMEDOUT|ClusterAllFailedError|Failed to refresh slots cache/i.test(err.message);
}
