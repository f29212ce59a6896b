/**
 * A worker process against a Redis that is not there, goes away, or keeps
 * nothing (issue 17 #11, #12), through the real `kiji worker` and `kiji run`
 * in child processes:
 * - Redis unreachable at start: one clear line and exit 1 after the
 *   configured wait, not a silent hang; a cluster URL that does not parse is a
 *   configuration error (exit 2) at once;
 * - SIGTERM ends the worker whatever Redis is doing: while it is still being
 *   waited for at start, and after it went away mid-run;
 * - Redis without AOF or RDB: a warning at start, and `/metrics` says so;
 * - `--until-empty` ends even while schedules exist (their next run waits in
 *   the delayed set, which is not work left to do).
 * The timeouts are hang guards, not speed checks.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createQueueWeb } from '../src/queue/web.js';
import { kiji } from './support/cli.js';
import { ROOT } from './support/fixtures.js';
import { cleanupQueues, freePort, startPrivateRedis, testConfig, testQueueConfig, waitFor, type PrivateRedis } from './support/queue.js';
import { startWorkerProc, stopWorkerProc, writeConfig, type WorkerProc } from './support/worker-procs.js';

let dir: string;
const procs: WorkerProc[] = [];
const redises: PrivateRedis[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiji-shutdown-'));
});
afterEach(async () => {
  for (const p of procs.splice(0)) if (p.proc.exitCode === null && p.proc.signalCode === null) p.proc.kill('SIGKILL');
});
afterAll(async () => {
  for (const r of redises) await r.stop();
  rmSync(dir, { recursive: true, force: true });
});

const config = (redis: string, extra: Record<string, unknown> = {}) =>
  writeConfig(dir, { queue: { redis, prefix: `kiji-test-${Math.random().toString(36).slice(2, 8)}`, connectTimeoutMs: 1500, shutdownGraceMs: 1500, ...extra }, store: { db: join(dir, 'kiji.db') } });

function worker(configFile: string, args: string[] = ['--log-level', 'info']): WorkerProc {
  const w = startWorkerProc(configFile, ['--queues', 'poll', ...args]);
  procs.push(w);
  return w;
}

describe('Redis unreachable at start', () => {
  it('is one clear line and exit 1 after the configured wait, not a silent hang', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const w = worker(config(url), []);
    expect(await w.exited).toBe(1);
    const lines = w.stderr().trim().split('\n');
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^kiji worker: queue: cannot reach Redis at ${url.replace(/\./g, '\\.')}: no answer within 1\\.5s \\(connect ECONNREFUSED`))]);
  }, 60_000);

  it('refuses a cluster URL that does not parse as a configuration error, at once', async () => {
    const r = await kiji(['worker', '--queues', 'poll', '--redis', 'redis+cluster://127.0.0.1:7001,127.0.0.1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('queue.redis: "127.0.0.1" in the cluster URL is not host:port');
  });

  it('ends on SIGTERM while Redis is still being waited for', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const w = worker(config(url, { connectTimeoutMs: 600_000 }));
    await waitFor(() => w.stderr().includes('waiting for redis'), 100);
    w.proc.kill('SIGTERM');
    expect(await w.exited).toBe(0);
  }, 60_000);
});

describe('SIGTERM after Redis went away', () => {
  it('ends the worker within its grace period', async () => {
    const redis = await startPrivateRedis();
    redises.push(redis);
    const w = worker(config(redis.url));
    await waitFor(() => w.stderr().includes('workers started'), 100);
    await redis.stop();
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await stopWorkerProc(w)).toBe(0);
  }, 90_000);
});

describe('Redis without persistence', () => {
  it('kiji worker and kiji run warn at start; /metrics exposes it', async () => {
    const cache = await startPrivateRedis({ persistence: false });
    const kept = await startPrivateRedis();
    redises.push(cache, kept);
    const warned = worker(config(cache.url));
    await waitFor(() => warned.stderr().includes('redis persists nothing'), 100);
    const line = JSON.parse(warned.stderr().split('\n').find((l) => l.includes('redis persists nothing'))!) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'warn', stage: 'queue', code: 'redis_not_persistent', redis: cache.url });
    expect(await stopWorkerProc(warned)).toBe(0);

    const run = spawn(process.execPath, [join(ROOT, 'bin', 'kiji.js'), 'run', '--config', config(cache.url)], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, KIJI_LOG_LEVEL: 'warn' } });
    let runErr = '';
    run.stderr!.on('data', (b: Buffer) => (runErr += b.toString()));
    try {
      await waitFor(() => runErr.includes('redis persists nothing'), 100);
    } finally {
      run.kill('SIGTERM');
      await new Promise((r) => run.once('exit', r));
    }

    // With an append-only file: no warning.
    const quiet = worker(config(kept.url));
    await waitFor(() => quiet.stderr().includes('workers started'), 100);
    expect(await stopWorkerProc(quiet)).toBe(0);
    expect(quiet.stderr()).not.toContain('redis persists nothing');

    for (const [redis, aof] of [[cache, 0], [kept, 1]] as const) {
      const cfg = testConfig(testQueueConfig({ redis: redis.url })).queue;
      const web = createQueueWeb(cfg);
      try {
        const text = await (await web.metrics(new Request('http://kiji.local/metrics'))).text();
        expect(text).toContain(`kiji_redis_persistence{mode="aof"} ${aof}`);
        expect(text).toContain('kiji_redis_persistence{mode="rdb"} 0');
      } finally {
        await web.close();
      }
    }
  }, 120_000);
});

describe('kiji worker --until-empty', () => {
  it('ends when only schedules are left (their next runs are not work)', async () => {
    const queue = testQueueConfig();
    const cfg = testConfig(queue).queue;
    const env = { REDIS_URL: cfg.redis, KIJI_QUEUE_PREFIX: cfg.prefix };
    try {
      expect((await kiji(['schedule', 'add', 'https://www.yna.co.kr/rss/news.xml', '--cron', '30 */2 * * *', '--id', 'yna'], { env })).code).toBe(0);
      expect((await kiji(['schedule', 'add', 'https://www3.nhk.or.jp/rss/news/cat0.xml', '--cron', '0 6 * * *', '--tz', 'Asia/Tokyo'], { env })).code).toBe(0);
      const counts = JSON.parse((await kiji(['jobs', 'counts', '--format', 'json', '--queue', 'poll'], { env })).stdout) as Record<string, Record<string, number>>;
      expect(counts['kiji.poll']!.delayed).toBe(2);
      const r = await kiji(['worker', '--queues', 'poll', '--until-empty', '--db', join(dir, 'until-empty.db')], { env });
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('kiji worker: queues empty: 0 jobs done');
      // The schedules are still there for the next worker.
      expect((await kiji(['schedule', 'list', '--format', 'json'], { env })).stdout).toContain('"yna"');
    } finally {
      await cleanupQueues(cfg);
    }
  }, 60_000);
});
