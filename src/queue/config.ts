import { z } from 'zod';

/**
 * The queue section of the config: where Redis is, the key prefix, and how
 * jobs are retried, locked and recovered. Defaults suit a small deployment;
 * tests shorten the lock and stall intervals so a killed worker's jobs come
 * back quickly.
 */
export const QueueConfig = z
  .object({
    /** REDIS_URL. */
    redis: z.string().default('redis://127.0.0.1:6379'),
    /** KIJI_QUEUE_PREFIX: every Redis key kiji writes starts with it. */
    prefix: z.string().min(1).default('kiji'),
    /**
     * Wrap the prefix in braces (`{kiji}`) so every key of every queue hashes
     * to one slot: BullMQ's Lua scripts touch several keys at once, which Redis
     * Cluster only allows within a slot. A prefix already holding `{…}` is kept.
     */
    hashTag: z.boolean().default(false),
    /** Jobs a worker process runs at once per queue (`kiji worker --concurrency`). */
    concurrency: z.number().int().min(1).max(64).default(2),
    /** Attempts per job before it stays failed; retryable errors only. */
    attempts: z.number().int().min(1).max(50).default(5),
    /** First retry delay; doubles per attempt (BullMQ's exponential backoff, with jitter). */
    backoffMs: z.number().int().min(0).default(2_000),
    /** How long a worker's claim on a job lasts without renewal; a SIGKILLed worker's jobs return after it. */
    lockDurationMs: z.number().int().min(500).default(30_000),
    /** How often workers look for jobs whose lock expired (a crashed worker's). */
    stalledIntervalMs: z.number().int().min(200).default(30_000),
    /** Times a job may be recovered from a crashed worker before it is failed. */
    maxStalledCount: z.number().int().min(0).default(3),
    /** Completed jobs are kept this long, so a re-enqueued document with the same job id is not processed again. */
    keepCompletedSeconds: z.number().int().min(0).default(7 * 24 * 3600),
    keepCompletedCount: z.number().int().min(0).default(100_000),
    /** How often a worker adds its metrics to the shared ones in Redis. */
    metricsFlushMs: z.number().int().min(100).default(5_000),
  })
  .prefault({});
export type QueueConfig = z.infer<typeof QueueConfig>;
