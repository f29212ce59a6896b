/**
 * The queue path against the in-process path on the same generated corpus,
 * in the same run: `ingestDocument` in a loop in this process, then the same
 * documents through `kiji.analyze` with 1 and with 2 `kiji worker`
 * processes. Reports articles/s, the ratio to in-process, and Redis commands
 * (round trips) per article. Redis is a private redis-server on a free port,
 * so the command count is this bench's alone.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { stringify } from 'yaml';
import { loadConfig } from '../../src/config/load.js';
import { createContext, useResource } from '../../src/context.js';
import { localDocument } from '../../src/fetch/local.js';
import { ingestDocument } from '../../src/pipeline.js';
import { createLogger } from '../../src/log.js';
import { connectRedis } from '../../src/queue/connection.js';
import { enqueueDocuments, openQueues } from '../../src/queue/queues.js';
import { openStore } from '../../src/store/index.js';
import { kuromojiResource } from '../../src/tokenize/japanese.js';
import { generateCorpus } from '../corpus.js';
import { table } from '../table.js';
import type { BenchOptions, BenchResult } from '../types.js';

const ROOT = join(import.meta.dirname, '..', '..');

export async function run(opts: BenchOptions): Promise<BenchResult> {
  const n = Math.max(60, Math.round(1000 * opts.scale));
  const dir = mkdtempSync(join(tmpdir(), 'kiji-bench-queue-'));
  const redis = await privateRedis(dir);
  try {
    const config = loadConfig({ file: null, env: {}, overrides: { queue: { redis: redis.url } } });
    const ctx = createContext(config, { log: createLogger({ level: 'silent' }) });
    const docs = generateCorpus(n).map((d) => localDocument(d.body, d.format, { kind: 'file', uri: d.uri }, ctx));

    // In-process: the `kiji ingest` path, dictionary loaded before the clock starts (workers load theirs at start too).
    await useResource(ctx, kuromojiResource);
    const store = await openStore(join(dir, 'inproc.db'));
    const t = performance.now();
    for (const d of docs) await ingestDocument(d, ctx, store);
    const inProcMs = performance.now() - t;
    await store.close();

    const rows: (string | number)[][] = [['path', 'articles/s', 'ms/article', 'vs in-process', 'Redis cmds/article', 'enqueue ms']];
    rows.push(['in-process (ingestDocument loop, 1 process)', (n / inProcMs) * 1000, inProcMs / n, '1.00×', 0, 0]);
    const metrics: Record<string, number> = { articles: n, inProcessPerSec: (n / inProcMs) * 1000 };
    // Throughput runs without MONITOR (it echoes every command, job bodies included, and costs CPU the workers need);
    // a separate, smaller run counts the round trips.
    for (const workers of [1, 2]) {
      const r = await queueRun(redis, dir, docs, workers, `bench${workers}`);
      const perSec = (n / r.ms) * 1000;
      rows.push([`queue, ${workers} worker process${workers > 1 ? 'es' : ''} (concurrency 2 each)`, perSec, r.ms / n, `${(inProcMs / r.ms).toFixed(2)}×`, '', r.enqueueMs]);
      metrics[`queue${workers}PerSec`] = perSec;
      metrics[`queue${workers}Ratio`] = inProcMs / r.ms;
      if (r.completed !== n) throw new Error(`bench queue: ${r.completed} of ${n} jobs completed with ${workers} workers`);
    }
    const sample = docs.slice(0, Math.min(n, 200));
    await redis.count(true);
    const counted = await queueRun(redis, dir, sample, 2, 'bench-count');
    const sent = await redis.count(false);
    rows.push([`round trips: 2 worker processes on ${sample.length} of them, under MONITOR`, (sample.length / counted.ms) * 1000, counted.ms / sample.length, '', sent / sample.length, counted.enqueueMs]);
    metrics.redisCmdsPerArticle = sent / sample.length;
    const langs = ['ja', 'ko', 'en'].map((l) => `${l} ${docs.filter((d) => d.source.uri.includes(`/${l}-`)).length}`).join(', ');
    return {
      table: [
        `${n} generated articles (${langs}); queue throughput is from the first job started to the last finished (Redis job timestamps); Redis commands are those clients sent (counted under MONITOR in a separate run; script-internal ones left out): enqueueing, job moves, locks, stall checks, metrics flushes`,
        table(rows),
        `goal: 2 workers ≥ 1.6× in-process → ${metrics.queue2Ratio!.toFixed(2)}×`,
      ].join('\n'),
      metrics,
    };
  } finally {
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function queueRun(redis: { url: string }, dir: string, docs: ReturnType<typeof localDocument>[], workers: number, prefix: string) {
  const cfg = loadConfig({ file: null, env: {}, overrides: { queue: { redis: redis.url, prefix, concurrency: 2 } } }).queue;
  const conn = connectRedis(redis.url);
  const q = openQueues(cfg, conn);
  const t = performance.now();
  for (let i = 0; i < docs.length; i += 200) await enqueueDocuments(q, docs.slice(i, i + 200));
  const enqueueMs = performance.now() - t;
  const file = join(dir, `kiji-${prefix}.yaml`);
  writeFileSync(file, stringify({ queue: { redis: redis.url, prefix, concurrency: 2, metricsFlushMs: 5000 }, store: { db: join(dir, `queue-${prefix}.db`) }, logLevel: 'warn' }));
  const procs = Array.from({ length: workers }, () =>
    spawn(process.execPath, [join(ROOT, 'bin', 'kiji.js'), 'worker', '--queues', 'analyze', '--until-empty', '--config', file], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] }),
  );
  const codes = await Promise.all(procs.map((p) => new Promise<number | null>((r) => p.on('exit', (c) => r(c)))));
  if (codes.some((c) => c !== 0)) throw new Error(`bench queue: a worker exited with ${codes.join(', ')}`);
  const done = await q.queues.analyze.getCompleted(0, -1);
  const started = Math.min(...done.map((j) => j.processedOn ?? Infinity));
  const finished = Math.max(...done.map((j) => j.finishedOn ?? 0));
  await q.close();
  conn.disconnect();
  return { ms: finished - started, enqueueMs, completed: done.length };
}

/**
 * A redis-server of the bench's own, without persistence. `count(true)`
 * starts counting the commands clients send (round trips; pipelined commands
 * one by one) through MONITOR, which marks the commands Lua scripts run
 * inside Redis as `lua` — those are left out; `count(false)` stops and
 * returns the number.
 */
async function privateRedis(dir: string): Promise<{ url: string; count(on: boolean): Promise<number>; stop(): Promise<void> }> {
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  const admin = new Redis(port, '127.0.0.1', { retryStrategy: () => 50, maxRetriesPerRequest: null });
  admin.on('error', () => {});
  await admin.ping();
  let monitor: Redis | null = null;
  let sent = 0;
  return {
    url: `redis://127.0.0.1:${port}`,
    async count(on) {
      if (on) {
        sent = 0;
        monitor = await admin.monitor();
        monitor.on('monitor', (_time: string, _args: string[], source: string) => {
          if (!/lua/.test(source)) sent++;
        });
        return 0;
      }
      // MONITOR lines arrive a moment after the commands: let them land before reading.
      await new Promise((r) => setTimeout(r, 300));
      monitor?.disconnect();
      monitor = null;
      return sent;
    },
    async stop() {
      monitor?.disconnect();
      admin.disconnect();
      await new Promise<void>((r) => (proc.once('exit', () => r()), proc.kill('SIGTERM')));
    },
  };
}
