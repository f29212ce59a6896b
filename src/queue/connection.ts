/**
 * Redis connections as BullMQ needs them, to one server or to a Redis
 * Cluster (`redis+cluster://h1:6379,h2:6379`, any nodes as seeds), plus the
 * two checks every long-running process makes at start: that Redis answers
 * within a bounded time, and whether it persists what it holds.
 */
import { Cluster, Redis, type ClusterNode, type RedisOptions } from 'ioredis';
import { KijiError } from '../errors.js';
import type { Logger } from '../log.js';
import { redact } from '../store/index.js';
import { isClusterUrl } from './config.js';

/** One server or a cluster: BullMQ, kiji's scripts and metrics take either. */
export type RedisClient = Redis | Cluster;

export interface ConnectOptions {
  name?: string;
  log?: Logger;
  /**
   * null (the default) for BullMQ's workers: a blocking command waits
   * through a reconnect instead of failing. The web reader passes 1, so a
   * request fails fast while Redis is away.
   */
  maxRetriesPerRequest?: number | null;
  /**
   * Say nothing about connection errors until the first connection is made:
   * a process that waits for Redis at start reports the outcome of the wait
   * in one line of its own (`waitForRedis`), not a warning per attempt.
   */
  quietUntilReady?: boolean;
}

/**
 * The seeds of a cluster URL, with its credentials and whether it uses TLS.
 *
 * @example
 * parseClusterUrl('redis+cluster://:pw@10.0.0.1:6379,10.0.0.2:6379')
 * // { nodes: [{ host: '10.0.0.1', port: 6379 }, { host: '10.0.0.2', port: 6379 }], password: 'pw', username: undefined, tls: false }
 */
export function parseClusterUrl(url: string): { nodes: ClusterNode[]; username?: string; password?: string; tls: boolean } {
  const m = /^(rediss?)\+cluster:\/\/(?:([^@]*)@)?([^/?#]+)/i.exec(url);
  if (!m) throw new KijiError('queue', 'bad_url', `"${redact(url)}" is not a cluster URL (redis+cluster://host:port[,host:port…])`);
  const [user, pass] = m[2] ? m[2].split(':').map((s) => decodeURIComponent(s)) : [];
  const nodes = m[3]!.split(',').map((hp) => {
    const at = hp.lastIndexOf(':');
    return { host: hp.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(hp.slice(at + 1)) };
  });
  return { nodes, ...(user ? { username: user } : {}), ...(pass ? { password: pass } : {}), tls: m[1]!.toLowerCase() === 'rediss' };
}

/**
 * A connection as BullMQ needs it: `maxRetriesPerRequest: null` (a blocking
 * worker must wait through a reconnect instead of failing the command) and a
 * capped, growing reconnect delay, so a Redis restart is ridden out rather
 * than fatal. A cluster URL gives an ioredis Cluster with the same settings
 * on every node connection. Connection errors are logged once per outage.
 *
 * @example
 * const redis = connectRedis('redis+cluster://127.0.0.1:7001,127.0.0.1:7002', { name: 'kiji-worker', log });
 * await waitForRedis(redis, url, 10_000);
 */
export function connectRedis(url: string, opts: ConnectOptions = {}): RedisClient {
  const base: RedisOptions = {
    maxRetriesPerRequest: opts.maxRetriesPerRequest === undefined ? null : opts.maxRetriesPerRequest,
    connectionName: opts.name ?? 'kiji',
    retryStrategy: (times) => Math.min(200 * times, 5_000),
    // A reconnect must not wait for a dead socket to time out.
    keepAlive: 10_000,
  };
  let redis: RedisClient;
  if (isClusterUrl(url)) {
    const c = parseClusterUrl(url);
    redis = new Cluster(c.nodes, {
      redisOptions: { ...base, ...(c.username ? { username: c.username } : {}), ...(c.password ? { password: c.password } : {}), ...(c.tls ? { tls: {} } : {}) },
      clusterRetryStrategy: (times) => Math.min(200 * times, 5_000),
      // BullMQ's blocking commands and scripts go to the slot's master.
      scaleReads: 'master',
      enableReadyCheck: true,
    });
  } else redis = new Redis(url, base);
  let down = false;
  let everReady = false;
  redis.on('error', (err: Error & { code?: string }) => {
    // ioredis repeats the same error on every reconnect attempt: say it once per outage.
    if (down || (opts.quietUntilReady && !everReady)) return;
    down = true;
    opts.log?.warn('redis connection error', { stage: 'queue', redis: redact(url), code: err.code ?? null, error: err.message });
  });
  redis.on('ready', () => {
    if (down) opts.log?.info('redis reconnected', { stage: 'queue', redis: redact(url) });
    down = false;
    everReady = true;
  });
  return redis;
}

/**
 * Wait until Redis answers, at most `timeoutMs`; then fail with one line
 * naming the URL and what went wrong, and close the connection so nothing
 * keeps retrying behind the caller's back. `signal` ends the wait early (a
 * SIGTERM during start).
 *
 * @example
 * await waitForRedis(redis, config.queue.redis, config.queue.connectTimeoutMs);
 */
export async function waitForRedis(redis: RedisClient, url: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  let lastError: string | null = null;
  const onError = (err: Error) => (lastError = err.message || (err as Error & { code?: string }).code || String(err));
  redis.on('error', onError);
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  try {
    await Promise.race([
      redis.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${formatMs(timeoutMs)}${lastError ? ` (${lastError})` : ''}`)), timeoutMs);
      }),
      new Promise((_, reject) => {
        onAbort = () => reject(new Error('interrupted'));
        if (signal?.aborted) onAbort();
        signal?.addEventListener('abort', onAbort, { once: true });
      }),
    ]);
  } catch (err) {
    redis.disconnect();
    throw new KijiError('queue', 'redis_unavailable', `cannot reach Redis at ${redact(url)}: ${(err as Error).message}`, { retryable: true });
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    redis.off('error', onError);
  }
}

const formatMs = (ms: number) => (ms >= 1000 ? `${Number((ms / 1000).toFixed(1))}s` : `${ms} ms`);

/** Whether Redis keeps what it holds across a restart: null when it would not say (CONFIG disabled). */
export interface Persistence {
  aof: boolean | null;
  rdb: boolean | null;
}

/**
 * AOF and RDB persistence as Redis reports them; on a cluster, a mode counts
 * as on only when every master has it.
 *
 * @example
 * const p = await redisPersistence(redis);
 * if (p.aof === false && p.rdb === false) log.warn('…');
 */
export async function redisPersistence(redis: RedisClient): Promise<Persistence> {
  const nodes: Redis[] = redis instanceof Cluster ? redis.nodes('master') : [redis];
  const each = await Promise.all(nodes.map(nodePersistence));
  const all = (k: keyof Persistence) => (each.some((p) => p[k] === null) ? null : each.every((p) => p[k] === true));
  return { aof: all('aof'), rdb: all('rdb') };
}

async function nodePersistence(node: Redis): Promise<Persistence> {
  const info = await node.info('persistence');
  const aof = /^aof_enabled:(\d)/m.exec(info)?.[1];
  let rdb: boolean | null = null;
  try {
    // `save ""` turns snapshots off; CONFIG may be renamed away on a managed service.
    const [, save] = (await node.config('GET', 'save')) as [string, string];
    rdb = typeof save === 'string' ? save.trim() !== '' : null;
  } catch {
    rdb = null;
  }
  return { aof: aof === undefined ? null : aof === '1', rdb };
}

/**
 * Log a warning when Redis persists nothing (queued jobs and schedules are
 * lost on its restart); returns what it found, for the caller to expose.
 *
 * @example
 * await warnWithoutPersistence(redis, url, log);
 */
export async function warnWithoutPersistence(redis: RedisClient, url: string, log: Logger): Promise<Persistence | null> {
  try {
    const p = await redisPersistence(redis);
    if (p.aof === false && p.rdb === false)
      log.warn('redis persists nothing: queued jobs and schedules are lost when it restarts (turn on appendonly, see docs/operations.md)', {
        stage: 'queue',
        code: 'redis_not_persistent',
        redis: redact(url),
      });
    return p;
  } catch (err) {
    log.warn('cannot read the Redis persistence settings', { stage: 'queue', code: 'redis_info_failed', redis: redact(url), error: (err as Error).message });
    return null;
  }
}
