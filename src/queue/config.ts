import { z } from 'zod';

/**
 * The queue section of the config: where Redis is, the key prefix, and how
 * jobs are retried, locked and recovered. Defaults suit a small deployment;
 * tests shorten the lock and stall intervals so a killed worker's jobs come
 * back quickly.
 */
export const QueueConfig = z
  .object({
    /**
     * REDIS_URL, `--redis`: `redis://[user:pass@]host:port[/db]` (or `rediss://`),
     * or a Redis Cluster as `redis+cluster://host:port[,host:port…]` (any nodes,
     * as seeds; `rediss+cluster://` for TLS).
     */
    redis: z
      .string()
      .default('redis://127.0.0.1:6379')
      .refine((u) => redisUrlProblem(u) === null, { error: (iss) => redisUrlProblem(String(iss.input)) ?? 'bad Redis URL' }),
    /** KIJI_QUEUE_PREFIX: every Redis key kiji writes starts with it. */
    prefix: z.string().min(1).default('kiji'),
    /**
     * Give each queue, and each group of kiji's own keys, a hash tag of its
     * own (`{kiji.analyze}`): BullMQ's Lua scripts touch several keys of a
     * queue at once, which Redis Cluster only allows within one slot, while
     * separate tags spread the queues over the cluster. On whenever `redis`
     * names a cluster. A prefix already holding `{…}` puts everything in its one slot.
     */
    hashTag: z.boolean().default(false),
    /** How long a command or a worker waits for Redis at start before it gives up with one clear line (exit 1). */
    connectTimeoutMs: z.number().int().min(100).default(10_000),
    /**
     * After SIGTERM, how long running jobs get to finish before the worker
     * abandons them (they come back after the lock expires) and exits, even
     * with Redis unreachable. Keep the process manager's stop timeout above it.
     */
    shutdownGraceMs: z.number().int().min(0).default(25_000),
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
  .prefault({})
  .transform((q) => (isClusterUrl(q.redis) ? { ...q, hashTag: true } : q));
export type QueueConfig = z.infer<typeof QueueConfig>;

/**
 * @example
 * isClusterUrl('redis+cluster://10.0.0.1:6379,10.0.0.2:6379') // true
 */
export function isClusterUrl(url: string): boolean {
  return /^rediss?\+cluster:\/\//i.test(url);
}

/**
 * What `s.replace(/\/.*$/, '')` gave: cut at the first `/` with no line break after it. By index, as
 * that regex rescanned the rest of the string from each `/` when a line break followed.
 *
 * @example
 * withoutPath('a:6379,b:6379/0') // 'a:6379,b:6379'
 */
export function withoutPath(s: string): string {
  const lineStart = Math.max(s.lastIndexOf('\n'), s.lastIndexOf('\r'), s.lastIndexOf('\u2028'), s.lastIndexOf('\u2029')) + 1;
  const slash = s.indexOf('/', lineStart);
  return slash < 0 ? s : s.slice(0, slash);
}

/**
 * Why a Redis URL cannot be used, or null when it can; checked when the
 * configuration is read, so a typo stops the command at once instead of
 * leaving a worker retrying a name that will never resolve.
 *
 * @example
 * redisUrlProblem('redis+cluster://a:6379,b') // 'redis: "b" in the cluster URL is not host:port'
 */
export function redisUrlProblem(url: string): string | null {
  if (isClusterUrl(url)) {
    const rest = withoutPath(url.replace(/^rediss?\+cluster:\/\//i, ''));
    const hosts = rest.replace(/^[^@]*@/, '').split(',').map((s) => s.trim());
    if (hosts.length === 0 || hosts[0] === '') return `"${url}" names no cluster node (redis+cluster://host:port[,host:port…])`;
    for (const h of hosts) if (!/^(\[[0-9a-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/i.test(h)) return `"${h}" in the cluster URL is not host:port`;
    return null;
  }
  if (!/^rediss?:\/\//i.test(url)) return `"${url}" is not a Redis URL (redis://host:port, rediss://…, or redis+cluster://host:port,host:port)`;
  try {
    new URL(url);
  } catch {
    return `"${url}" is not a valid URL`;
  }
  return null;
}
