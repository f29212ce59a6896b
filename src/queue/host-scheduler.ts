/**
 * Per-host politeness shared by every worker on every machine: the next free
 * start time of each host lives in Redis, and one atomic script reserves a
 * slot and says how long to wait for it. Time comes from Redis's clock, so
 * machines with skewed clocks still space their requests.
 */
import type { Logger } from '../log.js';
import type { RedisClient } from './connection.js';
import type { HostScheduler } from '../fetch/http/scheduler.js';
import type { QueueConfig } from './config.js';
import { ownKey } from './names.js';

// KEYS[1] host key · ARGV[1] interval ms · ARGV[2] 'reserve' | 'defer'
// Returns { slot start, Redis now } in Redis milliseconds: the caller waits start - now.
const SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local next = tonumber(redis.call('GET', KEYS[1]) or '0')
local ms = tonumber(ARGV[1])
if ARGV[2] == 'defer' then
  local until_ = math.max(next, now + ms)
  redis.call('SET', KEYS[1], until_, 'PX', until_ - now + 1000)
  return { now, now }
end
local start = math.max(now, next)
redis.call('SET', KEYS[1], start + ms, 'PX', start + ms - now + 1000)
return { start, now }
`;

export interface RedisHostScheduler extends HostScheduler {
  /** Reserve the next slot for `host` without waiting: its start on Redis's clock, and how long from now that is. */
  reserve(host: string, minIntervalMs: number): Promise<{ at: number; waitMs: number }>;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * @example
 * const hosts = createRedisHostScheduler(redis, config.queue);
 * await hosts.acquire('www.yna.co.kr', 1000); // resolves when this process may send the next request
 * ctx.resources.once('fetch.host-scheduler', async () => hosts); // before the first fetch
 */
export function createRedisHostScheduler(redis: RedisClient, cfg: Pick<QueueConfig, 'prefix' | 'hashTag'>, log?: Logger): RedisHostScheduler {
  const key = (host: string) => ownKey(cfg, 'host', host.toLowerCase());
  const reserve = async (host: string, minIntervalMs: number) => {
    const [at, now] = (await redis.eval(SCRIPT, 1, key(host), String(Math.max(0, Math.round(minIntervalMs))), 'reserve')) as [number, number];
    return { at: Number(at), waitMs: Number(at) - Number(now) };
  };
  return {
    reserve,
    async acquire(host, minIntervalMs) {
      const { waitMs } = await reserve(host, minIntervalMs);
      if (waitMs > 0) await sleep(waitMs);
    },
    // Slots are spaced from their start, so a finished request frees nothing early.
    release() {},
    defer(host, delayMs) {
      // Fire and forget: politeness must not turn a fetch error into a Redis error; the lost deferral is logged.
      redis.eval(SCRIPT, 1, key(host), String(Math.max(0, Math.round(delayMs))), 'defer').catch((err: Error) =>
        log?.warn('cannot push back the host schedule', { stage: 'fetch', code: 'host_schedule_failed', host, delay_ms: Math.round(delayMs), error: err.message }),
      );
    },
  };
}
