/**
 * The queue path against the in-process path on the same generated corpus,
 * in the same run, twice:
 *
 * 1. documents in hand: `ingestDocument` in a loop in this process, then the
 *    same documents through `kiji.analyze` with 1 and with 2 `kiji worker`
 *    processes; with Redis commands (round trips) per article.
 * 2. a title-only feed whose article pages must be fetched, served on
 *    loopback: `kiji ingest FEED`'s loop (`ingestSource` with the store sink)
 *    in this process, then a poll job worked through `kiji.poll` →
 *    `kiji.fetch` → `kiji.analyze` by 1 and by 2 worker processes. Per-host
 *    spacing is off (hostIntervalMs 0): the pages are local, and the bench
 *    measures kiji, not politeness.
 *
 * Redis is a private redis-server on a free port, so the command count is
 * this bench's alone.
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
import { japaneseTokenizerResource } from '../../src/tokenize/japanese.js';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ingestSource, storeSink } from '../../src/ingest/index.js';
import { enqueueSource } from '../../src/queue/queues.js';
import { createRuntime } from '../../src/runtime.js';
import { generateCorpus, type BenchDoc } from '../corpus.js';
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
    await useResource(ctx, japaneseTokenizerResource);
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

    const feed = await feedBench(redis, dir, Math.max(60, Math.round(300 * opts.scale)));
    Object.assign(metrics, feed.metrics);
    return {
      table: [
        `${n} generated articles (${langs}); queue throughput is from the first job started to the last finished (Redis job timestamps); Redis commands are those clients sent (counted under MONITOR in a separate run; script-internal ones left out): enqueueing, job moves, locks, stall checks, metrics flushes`,
        table(rows),
        `goal: 2 workers ≥ 1.6× in-process → ${metrics.queue2Ratio!.toFixed(2)}×`,
        '',
        feed.table,
      ].join('\n'),
      metrics,
    };
  } finally {
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A title-only feed of `n` generated articles on a loopback HTTP server: the
 * in-process loop against the queue with 1 and 2 worker processes (every
 * queue), each into a store of its own.
 */
async function feedBench(redis: { url: string }, dir: string, n: number): Promise<{ table: string; metrics: Record<string, number> }> {
  const docs = generateCorpus(n, 5);
  const server = createHttpServer((req, res) => {
    const m = /^\/a\/(\d+)$/.exec(req.url ?? '');
    if (req.url === '/robots.txt') return void res.writeHead(404).end();
    if (req.url === '/feed.xml') return void res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(feedXml);
    if (!m || !docs[Number(m[1])]) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(asPage(docs[Number(m[1])]!));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const feedXml = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>bench</title><link>${base}/</link>${docs
    .map((d, i) => `<item><guid>bench-${i}</guid><title>item ${i}</title><link>${base}/a/${i}</link><pubDate>Mon, 03 Nov 2025 09:00:00 GMT</pubDate></item>`)
    .join('')}</channel></rss>`;
  const fetch = { allow: ['127.0.0.1'], hostIntervalMs: 0, maxItemsPerPoll: n };
  try {
    const config = loadConfig({ file: null, env: {}, overrides: { fetch, store: { db: join(dir, 'feed-inproc.db') } } });
    const rt = await createRuntime(config, { store: 'now', analysis: true, log: createLogger({ level: 'silent' }) });
    const t = performance.now();
    const report = await ingestSource(`${base}/feed.xml`, rt, storeSink(await rt.store(), rt.ctx));
    const inProcMs = performance.now() - t;
    await rt.close();
    const stored = report.results.filter((r) => r.result.status === 'stored' || r.result.status === 'duplicate').length;
    if (stored !== n) throw new Error(`bench queue: in-process feed run stored ${stored} of ${n}`);

    const rows: (string | number)[][] = [['path', 'articles/s', 'ms/article', 'vs in-process']];
    rows.push(['in-process (kiji ingest FEED: fetch, analyse, store in one loop)', (n / inProcMs) * 1000, inProcMs / n, '1.00×']);
    const metrics: Record<string, number> = { feedArticles: n, feedInProcessPerSec: (n / inProcMs) * 1000 };
    for (const workers of [1, 2]) {
      const prefix = `feed${workers}`;
      const cfg = loadConfig({ file: null, env: {}, overrides: { queue: { redis: redis.url, prefix, concurrency: 2 } } }).queue;
      const conn = connectRedis(redis.url);
      const q = openQueues(cfg, conn);
      await enqueueSource(q, `${base}/feed.xml`);
      const file = join(dir, `kiji-${prefix}.yaml`);
      writeFileSync(file, stringify({ queue: { redis: redis.url, prefix, concurrency: 2, metricsFlushMs: 5000 }, fetch, store: { db: join(dir, `feed-${prefix}.db`) }, logLevel: 'warn' }));
      const procs = Array.from({ length: workers }, () =>
        spawn(process.execPath, [join(ROOT, 'bin', 'kiji.js'), 'worker', '--until-empty', '--config', file], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] }),
      );
      const codes = await Promise.all(procs.map((p) => new Promise<number | null>((r) => p.on('exit', (c) => r(c)))));
      if (codes.some((c) => c !== 0)) throw new Error(`bench queue: a worker exited with ${codes.join(', ')}`);
      const jobs = [...(await q.queues.poll.getCompleted(0, -1)), ...(await q.queues.fetch.getCompleted(0, -1)), ...(await q.queues.analyze.getCompleted(0, -1))];
      const analysed = (await q.queues.analyze.getCompletedCount()) + (await q.queues.analyze.getFailedCount());
      if (analysed !== n) throw new Error(`bench queue: ${analysed} of ${n} feed articles analysed with ${workers} workers`);
      const ms = Math.max(...jobs.map((j) => j.finishedOn ?? 0)) - Math.min(...jobs.map((j) => j.processedOn ?? Infinity));
      rows.push([`queue, ${workers} worker process${workers > 1 ? 'es' : ''} (poll → fetch → analyze, concurrency 2 each)`, (n / ms) * 1000, ms / n, `${(inProcMs / ms).toFixed(2)}×`]);
      metrics[`feedQueue${workers}PerSec`] = (n / ms) * 1000;
      metrics[`feedQueue${workers}Ratio`] = inProcMs / ms;
      await q.close();
      conn.disconnect();
    }
    return {
      table: [`a title-only feed of ${n} generated articles, each page fetched from loopback (per-host spacing off), from the first job started to the last finished:`, table(rows)].join('\n'),
      metrics,
    };
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
}

/** A generated document as the article page a site would serve. */
function asPage(d: BenchDoc): string {
  if (d.format === 'html') return d.body;
  const body = d.body.replace(/^---\n[\s\S]*?\n---\n/, '');
  const paras = body.split(/\n+/).map((l) => l.trim()).filter(Boolean);
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<!doctype html><html lang="${d.lang}"><head><meta charset="utf-8"><title>${esc(paras[0] ?? '')}</title></head><body><article><h1>${esc(paras[0] ?? '')}</h1>${paras.slice(1).map((p) => `<p>${esc(p)}</p>`).join('')}</article></body></html>`;
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
