/**
 * Redis Cluster for real: three `redis-server --cluster-enabled yes` on
 * loopback ports, made into one cluster by `redis-cli --cluster create`.
 * `kiji jobs add` is pointed at one node only (whichever owns the slots or
 * not: the cluster client follows MOVED), two `kiji worker` processes take
 * the jobs, one is SIGKILLed mid-run and started again, and every article
 * ends up in the store exactly once. Each queue has a hash tag of its own,
 * so the queues sit in different slots while each stays in one. Skipped only
 * when redis-server is not installed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import { connectRedis } from '../src/queue/connection.js';
import { ownKey, queuePrefix, STAGES } from '../src/queue/names.js';
import { openQueues } from '../src/queue/queues.js';
import { kiji } from './support/cli.js';
import { pair } from './support/generated-news.js';
import { ROOT } from './support/fixtures.js';
import { freePort, randomPrefix, waitFor } from './support/queue.js';
import { postgresStore, type TestStore } from './support/stores.js';
import { startWorkerProc, stopWorkerProc, writeConfig, type WorkerProc } from './support/worker-procs.js';

const haveRedis = spawnSync('redis-server', ['--version']).status === 0;

let dir: string;
const nodes: { port: number; proc: ChildProcess }[] = [];

async function startCluster(): Promise<number[]> {
  const ports = [await freePort(), await freePort(), await freePort()];
  for (const port of ports) {
    const d = join(dir, `node-${port}`);
    mkdirSync(d);
    const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', d, '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '5000', '--appendonly', 'yes', '--save', ''], { stdio: 'ignore' });
    nodes.push({ port, proc });
  }
  for (const port of ports) {
    await waitFor(async () => {
      const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => {});
      try {
        await probe.connect();
        return (await probe.ping()) === 'PONG';
      } catch {
        return false;
      } finally {
        probe.disconnect();
      }
    }, 50);
  }
  const created = spawnSync('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'], { encoding: 'utf8' });
  expect(created.status, created.stdout + created.stderr).toBe(0);
  for (const port of ports) {
    await waitFor(() => {
      const info = spawnSync('redis-cli', ['-p', String(port), 'cluster', 'info'], { encoding: 'utf8' }).stdout;
      return /cluster_state:ok/.test(info) && /cluster_known_nodes:3/.test(info);
    }, 100);
  }
  return ports;
}

/** The port of the node that serves `key`'s slot. */
function ownerOf(ports: number[], key: string): number {
  const slot = Number(spawnSync('redis-cli', ['-p', String(ports[0]), 'cluster', 'keyslot', key], { encoding: 'utf8' }).stdout.trim());
  const shards = spawnSync('redis-cli', ['-p', String(ports[0]), 'cluster', 'slots'], { encoding: 'utf8' }).stdout.trim().split('\n');
  // `cluster slots` prints: start, end, host, port, id … per range, one value a line.
  for (let i = 0; i + 3 < shards.length; i++) {
    const [start, end, , port] = shards.slice(i, i + 4).map((l) => l.trim());
    if (/^\d+$/.test(start!) && /^\d+$/.test(end!) && /^\d+$/.test(port!) && Number(port) > 1000 && slot >= Number(start) && slot <= Number(end)) return Number(port);
  }
  throw new Error(`no owner for slot ${slot}`);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiji-cluster-'));
});
afterAll(async () => {
  for (const n of nodes) {
    if (n.proc.exitCode !== null) continue;
    await new Promise<void>((r) => {
      n.proc.once('exit', () => r());
      n.proc.kill('SIGTERM');
    });
  }
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!haveRedis)('Redis Cluster', () => {
  it('enqueue through any node, work on two workers, kill one: every article stored once; queues spread over slots', async () => {
    const ports = await startCluster();
    const prefix = randomPrefix();
    const cfg = loadConfig({ file: null, env: {}, cwd: ROOT, overrides: { queue: { redis: `redis+cluster://127.0.0.1:${ports[1]}`, prefix, lockDurationMs: 10_000, stalledIntervalMs: 2_000, maxStalledCount: 5, backoffMs: 200 } } }).queue;
    expect(cfg.hashTag).toBe(true);

    // Each queue is in its own slot, and kiji's own keys follow the same rule.
    const slots = new Set(STAGES.map((s) => spawnSync('redis-cli', ['-p', String(ports[0]), 'cluster', 'keyslot', `${queuePrefix(cfg, s)}:kiji.${s}:wait`], { encoding: 'utf8' }).stdout.trim()));
    expect(slots.size).toBe(3);
    // Point the command at a node that does not own the analyze queue's slot: before, that was `MOVED`.
    const owner = ownerOf(ports, `${queuePrefix(cfg, 'analyze')}:kiji.analyze:wait`);
    const elsewhere = ports.find((p) => p !== owner)!;
    const url = `redis+cluster://127.0.0.1:${elsewhere}`;

    const n = 120;
    const docsDir = join(dir, 'docs');
    mkdirSync(docsDir);
    for (let i = 0; i < n; i++) writeFileSync(join(docsDir, `${String(i).padStart(3, '0')}.md`), pair(i).original);

    const t: TestStore = await postgresStore();
    const procs: WorkerProc[] = [];
    const redis = connectRedis(url);
    const q = openQueues({ ...cfg, redis: url }, redis);
    try {
      const added = await kiji(['jobs', 'add', docsDir], { env: { REDIS_URL: url, KIJI_QUEUE_PREFIX: prefix } });
      expect(added.stderr).toBe('');
      expect(added.code).toBe(0);
      const queued = Number(/enqueued (\d+) on kiji\.analyze/.exec(added.stdout)?.[1]);
      expect(queued).toBe(n);

      const db = `${t.url}${t.url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${t.schema}`)}`;
      const file = writeConfig(dir, { queue: { redis: url, prefix, concurrency: 2, lockDurationMs: 10_000, stalledIntervalMs: 2_000, maxStalledCount: 5, backoffMs: 200 }, store: { db }, logLevel: 'warn' });
      const a = startWorkerProc(file);
      const b = startWorkerProc(file);
      procs.push(a, b);
      await waitFor(async () => (await q.queues.analyze.getCompletedCount()) >= 30, 100);
      a.proc.kill('SIGKILL');
      expect(await a.exited).toBe(null);
      const a2 = startWorkerProc(file);
      procs.push(a2);
      await waitFor(async () => {
        const c = await q.queues.analyze.getJobCounts('completed', 'failed');
        return c.completed! + c.failed! === queued;
      }, 200);
      expect(await stopWorkerProc(b)).toBe(0);
      expect(await stopWorkerProc(a2)).toBe(0);
      expect((await q.queues.analyze.getFailed(0, -1)).map((j) => j.failedReason)).toEqual([]);

      const rows = await t.store.listArticles();
      const ids = rows.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      const sources = new Set((await t.store.loadArticles()).map((r) => r.analysis.source.uri));
      // Every enqueued document is stored, as itself or linked to the original it duplicates.
      expect(sources.size).toBe(queued);
      // The workers' metrics went to their own slot's hash on the cluster.
      expect(Object.keys(await redis.hgetall(ownKey(cfg, 'metrics'))).length).toBeGreaterThan(0);
      expect(b.stderr()).not.toMatch(/CROSSSLOT|MOVED/);
    } finally {
      for (const p of procs) if (p.proc.exitCode === null && p.proc.signalCode === null) p.proc.kill('SIGKILL');
      await q.close();
      redis.disconnect();
      await t.cleanup();
    }
  }, 300_000);
});
