import { z } from 'zod';
import { parseAllowEntry } from './http/address.js';

/** `host`, `address` or `cidr`, each with an optional `:port` (`[v6]:port` for IPv6). */
const AllowEntry = z.string().superRefine((entry, ctx) => {
  if (!entry.trim()) return;
  try {
    parseAllowEntry(entry);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `fetch.allow: ${(err as Error).message}` });
  }
});

/** Whether a feed item's article page is fetched (see `fullText`). */
export const FullTextMode = z.enum(['auto', 'always', 'never']);
export type FullTextMode = z.infer<typeof FullTextMode>;

export const FetchConfig = z
  .object({
    userAgent: z.string().default('kiji/0.1 (+https://github.com/kiji-news/kiji)'),
    /** Hosts, addresses or CIDRs that may be fetched although they are loopback or private; each may name one port (`127.0.0.1:18081`). */
    allow: z.array(AllowEntry).default([]),
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
    /**
     * When a feed item's article page is fetched: `auto` when the item's own
     * body is not a full article (empty, a teaser, cut short), `always`, or
     * `never` (the item's body is the article). `feedFullText` sets it per feed URL.
     */
    fullText: FullTextMode.default('auto'),
    feedFullText: z.record(z.string(), FullTextMode).default({}),
    /**
     * `auto`: an item body shorter than this is a teaser (a fifth of it when
     * the body has three paragraphs or more). Counted in Latin characters; a
     * Japanese or Chinese character counts 2.5 and a Korean syllable 2, as a
     * line of news says the same in fewer of them.
     */
    fullTextMinChars: z.number().int().min(0).default(1200),
    /** At most this many new items of one feed per poll; the rest wait for the next poll (a feed of 5,000 items drains over several). */
    maxItemsPerPoll: z.number().int().min(1).default(300),
    /** How long a host's robots.txt is reused. */
    robotsTtlMs: z.number().int().min(0).default(60 * 60 * 1000),
  })
  .prefault({});
export type FetchConfig = z.infer<typeof FetchConfig>;
