/**
 * The set of kiji queues on one Redis connection, and the two ways work gets
 * onto them: documents already in hand (analyze jobs keyed by their bytes) and
 * sources to read (poll or fetch jobs keyed by their name).
 */
import { Queue, type DefaultJobOptions, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { KijiError } from '../errors.js';
import { classifyInput } from '../fetch/index.js';
import { redact } from '../store/index.js';
import type { RawDocument } from '../records.js';
import type { QueueConfig } from './config.js';
import { connectRedis } from './connection.js';
import { documentJobId, queueName, redisPrefix, STAGES, urlJobId, type QueueStage } from './names.js';

export interface KijiQueues {
  readonly config: QueueConfig;
  readonly redis: Redis;
  readonly prefix: string;
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
export function openQueues(cfg: QueueConfig, redis: Redis): KijiQueues {
  const prefix = redisPrefix(cfg);
  const defaultJobOptions = jobOptions(cfg);
  const queues = Object.fromEntries(
    STAGES.map((s) => {
      const queue = new Queue(queueName(s), { connection: redis, prefix, defaultJobOptions });
      // Connection trouble is reported once by the connection's own handler; the commands that fail say why.
      queue.on('error', () => {});
      return [s, queue];
    }),
  ) as Record<QueueStage, Queue>;
  return {
    config: cfg,
    redis,
    prefix,
    queues,
    async close() {
      await Promise.all(Object.values(queues).map((q) => q.close()));
    },
  };
}

/**
 * Put documents on `kiji.analyze`, one job each, in one round trip. A document
 * whose bytes were enqueued before (and whose job is still kept) is not added
 * again.
 *
 * @example
 * await enqueueDocuments(q, await acquire({ kind: 'file', path: 'a.md' }, ctx));
 */
export async function enqueueDocuments(q: KijiQueues, docs: RawDocument[], opts: JobsOptions = {}): Promise<string[]> {
  if (docs.length === 0) return [];
  const jobs = await q.queues.analyze.addBulk(docs.map((d) => ({ name: 'analyze', data: d, opts: { ...opts, jobId: documentJobId(d.body) } })));
  return jobs.map((j) => j.id!);
}

/**
 * Put a source on the queue it needs: a URL on `kiji.fetch`, anything else (a
 * path the workers can read, a feed file, an OPML list) on `kiji.poll`.
 *
 * @example
 * await enqueueSource(q, 'https://www.yna.co.kr/rss/news.xml'); // 'url-…' on kiji.fetch
 */
export async function enqueueSource(q: KijiQueues, source: string, scheduleId: string | null = null): Promise<string> {
  const ref = classifyInput(source);
  if (ref.kind === 'url') {
    const job = await q.queues.fetch.add('fetch', { url: ref.url, scheduleId }, { jobId: urlJobId(ref.url) });
    return job.id!;
  }
  const job = await q.queues.poll.add('poll', { source, scheduleId });
  return job.id!;
}

/**
 * Open the queues for one short command (`kiji jobs`, `kiji schedule`) and
 * close them however it ends.
 *
 * @example
 * await withQueues(config.queue, (q) => q.queues.analyze.getFailedCount());
 */
export async function withQueues<T>(cfg: QueueConfig, fn: (q: KijiQueues) => Promise<T>): Promise<T> {
  const redis = connectRedis(cfg.redis, { name: `kiji-cli-${process.pid}` });
  // A command should fail fast when Redis is not there, not wait for it.
  await waitForRedis(redis, cfg.redis);
  const q = openQueues(cfg, redis);
  try {
    return await fn(q);
  } finally {
    await q.close();
    await redis.quit().catch(() => redis.disconnect());
  }
}

async function waitForRedis(redis: Redis, url: string): Promise<void> {
  try {
    await Promise.race([
      redis.ping(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 5s')), 5_000).unref()),
    ]);
  } catch (err) {
    redis.disconnect();
    throw new KijiError('queue', 'redis_unavailable', `cannot reach Redis at ${redact(url)}: ${(err as Error).message}`, { retryable: true });
  }
}
