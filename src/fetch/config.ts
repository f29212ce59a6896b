import { z } from 'zod';

export const FetchConfig = z
  .object({
    userAgent: z.string().default('kiji/0.1 (+https://github.com/kiji-news/kiji)'),
    /** Hosts or CIDRs that may be fetched although they are loopback or private. */
    allow: z.array(z.string()).default([]),
    timeoutMs: z.number().int().positive().default(20_000),
    connectTimeoutMs: z.number().int().positive().default(10_000),
    maxBodyBytes: z.number().int().positive().default(10 * 1024 * 1024),
    maxRedirects: z.number().int().min(0).max(20).default(5),
    /** Minimum gap between two requests to the same host. */
    hostIntervalMs: z.number().int().min(0).default(1000),
    /** Further attempts after a retryable failure (timeout, 5xx, 429), in-process. */
    retries: z.number().int().min(0).max(10).default(2),
    /** First backoff step; doubles per attempt, with jitter. */
    backoffBaseMs: z.number().int().min(0).default(500),
    /** A Retry-After or backoff longer than this is not waited for in-process: the error is raised instead. */
    maxRetryWaitMs: z.number().int().min(0).default(60_000),
    /** Honour robots.txt (RFC 9309) for every host fetched. */
    respectRobots: z.boolean().default(true),
    /** IANA zone per feed URL for dates the feed writes without one; default: the global timeZone. */
    feedTimeZones: z.record(z.string(), z.string()).default({}),
    /** How long a host's robots.txt is reused. */
    robotsTtlMs: z.number().int().min(0).default(60 * 60 * 1000),
  })
  .prefault({});
export type FetchConfig = z.infer<typeof FetchConfig>;
