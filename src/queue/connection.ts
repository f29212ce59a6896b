import { Redis } from 'ioredis';
import { redact } from '../store/index.js';
import type { Logger } from '../log.js';

/**
 * A Redis connection as BullMQ needs it: `maxRetriesPerRequest: null` (a
 * blocking worker must wait through a reconnect instead of failing the
 * command) and a capped, growing reconnect delay, so a Redis restart is
 * ridden out rather than fatal.
 *
 * @example
 * const redis = connectRedis('redis://127.0.0.1:6379', { name: 'kiji-worker', log });
 * await redis.ping();
 */
export function connectRedis(url: string, opts: { name?: string; log?: Logger } = {}): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: null,
    connectionName: opts.name ?? 'kiji',
    retryStrategy: (times) => Math.min(200 * times, 5_000),
    // A reconnect must not wait for a dead socket to time out.
    keepAlive: 10_000,
  });
  let down = false;
  redis.on('error', (err: Error & { code?: string }) => {
    // ioredis repeats the same error on every reconnect attempt: say it once per outage.
    if (down) return;
    down = true;
    opts.log?.warn('redis connection error', { stage: 'queue', redis: redact(url), code: err.code ?? null, error: err.message });
  });
  redis.on('ready', () => {
    if (down) opts.log?.info('redis reconnected', { stage: 'queue', redis: redact(url) });
    down = false;
  });
  return redis;
}
