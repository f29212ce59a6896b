/**
 * fetchUrl: one polite, safe, encoding-correct GET. Redirects are followed by
 * hand (at most `maxRedirects`, each target vetted again), robots.txt is
 * checked per origin, requests to one host are spaced through the
 * HostScheduler port, and retryable failures are retried with backoff (or
 * after Retry-After) before a FetchError is thrown.
 */
import { z } from 'zod';
import { defineResource, useResource, type StageContext } from '../../context.js';
import { parseAllowList, type AllowList } from './address.js';
import { CharsetError, decodeBytes } from './charset.js';
import { FetchError, isFetchError } from './errors.js';
import { requestOnce, type HopResult } from './request.js';
import { ALLOW_ALL, DISALLOW_ALL, parseRobots, type RobotsRules } from './robots.js';
import { backoffDelay, hostSchedulerResource, parseRetryAfter, type HostScheduler } from './scheduler.js';

export { FetchError, FETCH_ERROR_CODES, isFetchError, type FetchErrorCode } from './errors.js';
export { createMemoryHostScheduler, hostSchedulerResource, type HostScheduler } from './scheduler.js';
export { decodeBytes, charsetOfContentType } from './charset.js';
export { blockedReason, parseAllowList } from './address.js';
export { pageDocument, resourceKind, type ResourceKind } from './document.js';

/** A fetched and decoded response. */
export const FetchedResource = z.object({
  /** The URL asked for. */
  url: z.string(),
  /** The URL the body came from, after redirects. */
  finalUrl: z.string(),
  status: z.number().int(),
  contentType: z.string().nullable(),
  /** The Content-Language header: a signal for the language decision, not a verdict. */
  contentLanguage: z.string().nullable().default(null),
  /** The charset the body was decoded with, and whether a declaration was overruled. */
  charset: z.string(),
  charsetOverruled: z.string().nullable(),
  etag: z.string().nullable(),
  lastModified: z.string().nullable(),
  body: z.string(),
  bytes: z.number().int().nonnegative(),
  fetchedAt: z.string(),
  redirects: z.array(z.string()),
});
export type FetchedResource = z.infer<typeof FetchedResource>;

export interface FetchOptions {
  /** Validators from the previous fetch: a 304 then throws `not_modified`. */
  etag?: string | null;
  lastModified?: string | null;
  accept?: string;
  /** Replace the context's scheduler (tests, or a shared Redis-backed one). */
  scheduler?: HostScheduler;
}

const DEFAULT_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const ROBOTS_MAX_BYTES = 512 * 1024;

interface RobotsCache {
  get(origin: string, now: number): { rules: RobotsRules; expires: number } | undefined;
  set(origin: string, entry: { rules: RobotsRules; expires: number }): void;
  /** One fetch per origin at a time: concurrent callers share it. */
  pending: Map<string, Promise<RobotsRules>>;
}

const robotsCacheResource = defineResource<RobotsCache>('fetch.robots-cache', async () => {
  const map = new Map<string, { rules: RobotsRules; expires: number }>();
  return {
    get: (origin, now) => {
      const e = map.get(origin);
      if (e && e.expires <= now) map.delete(origin);
      return e && e.expires > now ? e : undefined;
    },
    set: (origin, entry) => void map.set(origin, entry),
    pending: new Map(),
  };
});

/**
 * GET `url` and decode its body.
 *
 * @example
 * const page = await fetchUrl('https://www.nikkei.com/article/x', ctx);
 * page.body; page.charset; page.finalUrl;
 * // next time: fetchUrl(url, ctx, { etag: page.etag, lastModified: page.lastModified }) → FetchError 'not_modified'
 */
export async function fetchUrl(url: string, ctx: StageContext, opts: FetchOptions = {}): Promise<FetchedResource> {
  const cfg = ctx.config.fetch;
  const scheduler = opts.scheduler ?? (await useResource(ctx, hostSchedulerResource));
  const log = ctx.log.child({ stage: 'fetch' });
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetchOnce(url, ctx, opts, scheduler);
    } catch (err) {
      if (!isFetchError(err) || !err.retryable || attempt >= cfg.retries) throw err;
      const delay = err.retryAfterMs ?? backoffDelay(attempt, cfg.backoffBaseMs, cfg.maxRetryWaitMs);
      if (delay > cfg.maxRetryWaitMs) throw err;
      log.info('retrying', { url, attempt: attempt + 1, code: err.code, delay_ms: delay });
      // Everyone else fetching from this host waits too: the server asked us to slow down.
      const host = hostOf(url);
      if (host) scheduler.defer?.(host, delay);
      await sleep(delay);
    }
  }
}

async function fetchOnce(url: string, ctx: StageContext, opts: FetchOptions, scheduler: HostScheduler): Promise<FetchedResource> {
  const cfg = ctx.config.fetch;
  const allow = parseAllowList(cfg.allow);
  const deadline = Date.now() + cfg.timeoutMs;
  const redirects: string[] = [];
  const seen = new Set<string>();
  let current = parseUrl(url);

  for (let hop = 0; ; hop++) {
    seen.add(current.href);
    const robots = cfg.respectRobots ? await robotsFor(current, ctx, allow, scheduler) : ALLOW_ALL;
    if (!robots.allowed(current.pathname + current.search)) {
      throw new FetchError('robots', `${url}: robots.txt of ${current.host} disallows ${current.pathname}`, { input: url, retryable: false });
    }
    const headers: Record<string, string> = {
      'user-agent': cfg.userAgent,
      accept: opts.accept ?? DEFAULT_ACCEPT,
      'accept-encoding': 'gzip, deflate, br',
    };
    if (opts.etag) headers['if-none-match'] = opts.etag;
    if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;

    const interval = Math.max(cfg.hostIntervalMs, Math.min(robots.crawlDelayMs ?? 0, 60_000));
    const res = await politely(scheduler, current.host, interval, () =>
      requestOnce(
        current,
        { headers, connectTimeoutMs: cfg.connectTimeoutMs, deadline, maxBytes: cfg.maxBodyBytes, allow, wantBody: (s) => s >= 200 && s < 300 },
        url,
      ),
    );

    if (res.status >= 300 && res.status < 400 && res.status !== 304 && res.headers.location) {
      if (hop >= cfg.maxRedirects) {
        throw new FetchError('blocked', `${url}: more than ${cfg.maxRedirects} redirects`, { input: url, status: res.status });
      }
      const next = parseUrl(String(res.headers.location), current);
      if (seen.has(next.href)) throw new FetchError('blocked', `${url}: redirect loop at ${next.href}`, { input: url, status: res.status });
      redirects.push(next.href);
      current = next;
      continue;
    }
    return toResource(url, current, res, redirects, ctx);
  }
}

function toResource(url: string, final: URL, res: HopResult, redirects: string[], ctx: StageContext): FetchedResource {
  const status = res.status;
  const now = ctx.clock();
  const retryAfterMs = parseRetryAfter(res.headers['retry-after'], now);
  if (status === 304) throw new FetchError('not_modified', `${url}: 304 not modified`, { input: url, status, retryable: false });
  if (status === 429) throw new FetchError('rate_limited', `${url}: 429 too many requests`, { input: url, status, retryAfterMs });
  if (status >= 500) throw new FetchError('http_5xx', `${url}: ${status} server error`, { input: url, status, retryAfterMs });
  if (status >= 400) {
    throw new FetchError('http_4xx', `${url}: ${status} ${status === 404 ? 'not found' : status === 410 ? 'gone' : 'client error'}`, {
      input: url,
      status,
      retryable: status === 408,
    });
  }
  if (status < 200 || status >= 300) throw new FetchError('http_4xx', `${url}: unexpected status ${status}`, { input: url, status, retryable: false });
  if (res.body.length === 0) throw new FetchError('empty', `${url}: empty body`, { input: url, status, retryable: false });

  const contentType = header(res.headers['content-type']);
  // Media and archives are not documents; decoding them as text would only make noise downstream.
  if (contentType && /^(image|audio|video|font)\/|^application\/(pdf|zip|gzip|x-tar|octet-stream|vnd\.|msword|x-7z|x-rar)/i.test(contentType) && looksBinary(res.body)) {
    throw new FetchError('bad_encoding', `${url}: ${contentType.split(';')[0]} is not a text document`, { input: url, status, retryable: false });
  }
  let decoded;
  try {
    decoded = decodeBytes(res.body, { contentType });
  } catch (err) {
    if (err instanceof CharsetError) throw new FetchError('bad_encoding', `${url}: ${err.message}`, { input: url, status, cause: err });
    throw err;
  }
  if (!decoded.text.trim()) throw new FetchError('empty', `${url}: body is only whitespace`, { input: url, status, retryable: false });
  if (decoded.overruled) ctx.log.debug('charset overruled', { stage: 'fetch', url, declared: decoded.overruled, used: decoded.charset });
  return {
    url,
    finalUrl: final.href,
    status,
    contentType,
    contentLanguage: header(res.headers['content-language']),
    charset: decoded.charset,
    charsetOverruled: decoded.overruled,
    etag: header(res.headers.etag),
    lastModified: header(res.headers['last-modified']),
    body: decoded.text,
    bytes: res.body.length,
    fetchedAt: now.toISOString(),
    redirects,
  };
}

/** The origin's robots.txt rules, fetched once per TTL per context. */
async function robotsFor(target: URL, ctx: StageContext, allow: AllowList, scheduler: HostScheduler): Promise<RobotsRules> {
  const cfg = ctx.config.fetch;
  const cache = await useResource(ctx, robotsCacheResource);
  const origin = target.origin;
  const now = Date.now();
  const hit = cache.get(origin, now);
  if (hit) return hit.rules;
  let pending = cache.pending.get(origin);
  if (!pending) {
    pending = (async () => {
      const robotsUrl = new URL('/robots.txt', origin);
      let rules: RobotsRules;
      try {
        const res = await politely(scheduler, target.host, cfg.hostIntervalMs, () =>
          requestOnce(
            robotsUrl,
            {
              headers: { 'user-agent': cfg.userAgent, accept: 'text/plain', 'accept-encoding': 'gzip, deflate, br' },
              connectTimeoutMs: cfg.connectTimeoutMs,
              deadline: Date.now() + cfg.timeoutMs,
              maxBytes: ROBOTS_MAX_BYTES,
              allow,
              wantBody: (s) => s >= 200 && s < 300,
            },
            robotsUrl.href,
          ),
        );
        if (res.status >= 200 && res.status < 300) rules = parseRobots(decodeBytes(res.body).text, cfg.userAgent);
        // RFC 9309: unavailable (4xx) means no rules; unreachable (5xx) means stay out for now.
        else if (res.status >= 500) rules = DISALLOW_ALL;
        else rules = ALLOW_ALL;
      } catch (err) {
        // A too large or undecodable robots.txt is ignored. A host that cannot be reached at all
        // (refused, timed out, TLS, DNS, blocked) fails as itself, not as "robots": the page
        // request would fail the same way, and the code should say why.
        if (isFetchError(err) && (err.code === 'too_large' || err.code === 'bad_encoding')) rules = ALLOW_ALL;
        else throw err;
      }
      cache.set(origin, { rules, expires: Date.now() + (rules === DISALLOW_ALL ? Math.min(cfg.robotsTtlMs, 60_000) : cfg.robotsTtlMs) });
      return rules;
    })().finally(() => cache.pending.delete(origin));
    cache.pending.set(origin, pending);
  }
  const rules = await pending;
  if (rules === DISALLOW_ALL) {
    throw new FetchError('robots', `${target.href}: robots.txt of ${target.host} is unreachable; not fetching for now`, { input: target.href, retryable: true });
  }
  return rules;
}

async function politely<T>(scheduler: HostScheduler, host: string, intervalMs: number, run: () => Promise<T>): Promise<T> {
  await scheduler.acquire(host, intervalMs);
  try {
    return await run();
  } finally {
    scheduler.release?.(host);
  }
}

function parseUrl(raw: string, base?: URL): URL {
  let u: URL;
  try {
    u = base ? new URL(raw, base) : new URL(raw);
  } catch {
    throw new FetchError('blocked', `${raw}: not a valid URL`, { input: raw, retryable: false });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new FetchError('blocked', `${raw}: only http and https URLs are fetched, not ${u.protocol}`, { input: raw, retryable: false });
  }
  u.hash = '';
  return u;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

function header(v: string | string[] | undefined): string | null {
  if (v === undefined) return null;
  return (Array.isArray(v) ? v[0] : v) ?? null;
}

/** Binary bytes: NULs or many control characters early on, outside a UTF-16/32 BOM. */
function looksBinary(body: Buffer): boolean {
  const head = body.subarray(0, 1024);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return false;
  let control = 0;
  for (const b of head) if (b === 0 || (b < 0x09) || (b > 0x0d && b < 0x20)) control++;
  return control > head.length * 0.05;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
