/**
 * Per-host politeness as a port: the in-process implementation below keeps
 * its schedule in memory (one per context); a queue deployment can supply
 * one backed by Redis under the same interface, so several workers share a
 * host's schedule.
 */
import { defineResource } from '../../context.js';

export interface HostScheduler {
  /**
   * Resolve when a request to `host` may start: at least `minIntervalMs`
   * after the previous request to that host started, and (for schedulers
   * that implement `release`) after the previous one finished.
   */
  acquire(host: string, minIntervalMs: number): Promise<void>;
  /** The request that `acquire` admitted is done; the next may go once its interval has passed. */
  release?(host: string): void;
  /** Keep `host` quiet for `delayMs` from now (Retry-After, backoff after failures). */
  defer?(host: string, delayMs: number): void;
}

interface HostState {
  busy: boolean;
  next: number;
  waiting: { interval: number; resolve: () => void }[];
}

/**
 * One request at a time per host, spaced by the interval. Create one per
 * context or process; never share one through module state.
 *
 * @example
 * const hosts = createMemoryHostScheduler();
 * await hosts.acquire('example.com', 1000);
 * try { await get(); } finally { hosts.release?.('example.com'); }
 */
export function createMemoryHostScheduler(opts: { now?: () => number } = {}): HostScheduler {
  const now = opts.now ?? (() => Date.now());
  const hosts = new Map<string, HostState>();
  const state = (host: string) => {
    let s = hosts.get(host);
    if (!s) hosts.set(host, (s = { busy: false, next: 0, waiting: [] }));
    return s;
  };
  const pump = (host: string) => {
    const s = state(host);
    if (s.busy || s.waiting.length === 0) return;
    s.busy = true;
    const item = s.waiting.shift()!;
    const go = () => {
      // Re-check: a defer() may have pushed the slot back while we slept.
      const wait = s.next - now();
      if (wait > 0) return void setTimeout(go, wait);
      s.next = now() + item.interval;
      item.resolve();
    };
    go();
  };
  return {
    acquire(host, minIntervalMs) {
      return new Promise<void>((resolve) => {
        state(host).waiting.push({ interval: minIntervalMs, resolve });
        pump(host);
      });
    },
    release(host) {
      const s = state(host);
      s.busy = false;
      if (s.waiting.length === 0 && s.next <= now()) hosts.delete(host);
      else pump(host);
    },
    defer(host, delayMs) {
      const s = state(host);
      s.next = Math.max(s.next, now() + delayMs);
    },
  };
}

/**
 * The context's scheduler. A deployment that shares the schedule across
 * processes registers its own under the same key before the first fetch.
 */
export const hostSchedulerResource = defineResource<HostScheduler>('fetch.host-scheduler', async () => createMemoryHostScheduler());

/**
 * Exponential backoff with jitter: a random delay between half and all of
 * base·2^attempt (capped), so retries from many workers do not arrive together
 * and none comes back immediately.
 *
 * @example
 * backoffDelay(2, 500, 30_000, () => 0.5) // 1500
 */
export function backoffDelay(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Milliseconds from a Retry-After header (delta-seconds or an HTTP date), or null.
 *
 * @example
 * parseRetryAfter('120', new Date()) // 120000
 */
export function parseRetryAfter(value: string | string[] | undefined, now: Date): number | null {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return null;
  if (/^\s*\d+\s*$/.test(v)) return Number(v.trim()) * 1000;
  const t = Date.parse(v);
  if (Number.isNaN(t)) return null;
  return Math.max(0, t - now.getTime());
}
