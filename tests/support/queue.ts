/**
 * Queue test support: a random prefix per test (so runs never see each
 * other's jobs), a quiet context on it, cleanup by `obliterate`, and a
 * private redis-server for tests that restart Redis.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { loadConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { createContext, type StageContext } from '../../src/context.js';
import { createLogger, type Logger, type LogLevel } from '../../src/log.js';
import type { QueueConfig } from '../../src/queue/config.js';
import { STAGES } from '../../src/queue/names.js';
import { openQueues } from '../../src/queue/queues.js';
import { ROOT } from './fixtures.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export const randomPrefix = () => `kiji-test-${randomBytes(5).toString('hex')}`;

/** Queue settings for tests: a fresh prefix, short locks and stall checks, quick retries. */
export function testQueueConfig(overrides: Partial<QueueConfig> = {}): Partial<QueueConfig> {
  return { redis: REDIS_URL, prefix: randomPrefix(), lockDurationMs: 3_000, stalledIntervalMs: 1_000, backoffMs: 200, metricsFlushMs: 200, ...overrides };
}

export function testConfig(queue: Partial<QueueConfig>, db = ':memory:', fetchAllow: string[] = []): Config {
  return loadConfig({ file: null, env: {}, cwd: ROOT, overrides: { queue, store: { db }, fetch: { allow: fetchAllow } } });
}

export function testContext(config: Config, lines?: string[], level: LogLevel = 'silent'): StageContext {
  return createContext(config, { log: testLog(lines, level) });
}

/** A logger that keeps its lines in `lines` (every level), or says nothing. */
export function testLog(lines?: string[], level: LogLevel = 'silent'): Logger {
  return lines ? createLogger({ level: 'debug', write: (l) => lines.push(l) }) : createLogger({ level });
}

/** Remove every key a test made under its prefix: the queues (obliterate) and kiji's own keys. */
export async function cleanupQueues(cfg: QueueConfig): Promise<void> {
  const redis = new Redis(cfg.redis, { maxRetriesPerRequest: null });
  try {
    const q = openQueues(cfg, redis);
    for (const s of STAGES) {
      for (const sch of await q.queues[s].getJobSchedulers(0, -1)) await q.queues[s].removeJobScheduler(sch.key);
      await q.queues[s].obliterate({ force: true });
    }
    await q.close();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${cfg.prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Poll until `check` holds; the test's own timeout bounds the wait. */
export async function waitFor<T>(check: () => Promise<T | false | null | undefined> | T | false | null | undefined, everyMs = 100): Promise<T> {
  for (;;) {
    const v = await check();
    if (v) return v;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** A redis-server of our own, persisting to an append-only file so a restart keeps the queues. */
export interface PrivateRedis {
  url: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
  /** Stop, stay down for `downMs` (clients' reconnect attempts then fail, as in a real outage), start again. */
  restart(downMs?: number): Promise<void>;
}

/** `persistence: false` runs it as a cache (no AOF, no RDB): what issue 17 #11 warns about. */
export async function startPrivateRedis(opts: { persistence?: boolean } = {}): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'kiji-redis-'));
  let proc: ChildProcess | null = null;
  const start = async () => {
    const persist = opts.persistence === false ? ['--appendonly', 'no'] : ['--appendonly', 'yes', '--appendfsync', 'always'];
    proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, ...persist, '--save', ''], { stdio: 'ignore' });
    const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => 50 });
    probe.on('error', () => {}); // refused until the server is up: expected
    await waitFor(async () => {
      try {
        if (probe.status !== 'ready') await probe.connect().catch(() => {});
        return (await probe.ping()) === 'PONG';
      } catch {
        return false;
      }
    }, 50);
    probe.disconnect();
  };
  const stop = async () => {
    const p = proc;
    if (!p || p.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      p.once('exit', () => resolve());
      p.kill('SIGTERM');
    });
    proc = null;
  };
  await start();
  const restart = async (downMs = 0) => {
    await stop();
    if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
    await start();
  };
  return { url: `redis://127.0.0.1:${port}`, port, dir, stop, restart };
}
