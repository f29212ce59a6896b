/**
 * Nothing is lost: two `kiji worker` processes share a 500-article run into
 * PostgreSQL and one is SIGKILLed in the middle, then started again; the same
 * with a title-only feed whose 150 article pages the workers must fetch; and
 * a run in which Redis itself restarts. Each ends with every article stored
 * exactly once. Uses a redis-server of its own (append-only file, so a
 * restart keeps the queues) and a PostgreSQL schema of its own.
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../bench/corpus.js';
import { extract } from '../src/extract/index.js';
import { localDocument } from '../src/fetch/local.js';
import { normalise } from '../src/normalise/index.js';
import { connectRedis } from '../src/queue/connection.js';
import type { QueueConfig } from '../src/queue/config.js';
import { enqueueDocuments, openQueues, type KijiQueues } from '../src/queue/queues.js';
import type { RawDocument } from '../src/records.js';
import { openStore, type Store } from '../src/store/index.js';
import { kiji } from './support/cli.js';
import { companyArticle } from './support/generated-news.js';
import { rss } from './support/news-site.js';
import { cleanupQueues, randomPrefix, startPrivateRedis, testConfig, testContext, waitFor, type PrivateRedis } from './support/queue.js';
import { postgresStore, type TestStore } from './support/stores.js';
import { startWorkerProc, stopWorkerProc, writeConfig, type WorkerProc } from './support/worker-procs.js';

let redis: PrivateRedis;
const dir = mkdtempSync(join(tmpdir(), 'kiji-crash-'));
beforeAll(async () => {
  redis = await startPrivateRedis();
});
afterAll(async () => {
  await redis?.stop();
});

/** Generated articles as documents, with the article id each must end up as (extract + normalise give it). */
function corpus(n: number, seed: number): { docs: RawDocument[]; expected: Set<string> } {
  const ctx = testContext(testConfig({}));
  const docs = generateCorpus(n, seed).map((d) => localDocument(d.body, d.format, { kind: 'file', uri: d.uri }, ctx));
  const expected = new Set<string>();
  for (const doc of docs) {
    const e = extract(doc, ctx);
    if (e.kind !== 'ok') continue;
    const nz = normalise(e.value, ctx);
    if (nz.kind === 'ok') expected.add(nz.value.id);
  }
  return { docs, expected };
}

function queueConfig(): QueueConfig {
  return testConfig({ redis: redis.url, prefix: randomPrefix(), concurrency: 2, lockDurationMs: 10_000, stalledIntervalMs: 2_000, maxStalledCount: 5, backoffMs: 200 }).queue;
}

async function setup(q: QueueConfig, docs: RawDocument[]): Promise<{ queues: KijiQueues; close(): Promise<void> }> {
  const conn = connectRedis(q.redis);
  const queues = openQueues(q, conn);
  if (docs.length) expect(await enqueueDocuments(queues, docs)).toHaveLength(docs.length);
  return {
    queues,
    async close() {
      await queues.close();
      conn.disconnect();
      await cleanupQueues(q);
    },
  };
}

const childConfig = (q: QueueConfig, db: string) => ({ queue: { ...q }, store: { db }, logLevel: 'warn' });
const pgUrl = (t: TestStore) => `${t.url}${t.url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${t.schema}`)}`;

async function expectAllStoredOnce(store: Store, expected: Set<string>, uris: string[]): Promise<void> {
  const rows = await store.listArticles();
  const ids = rows.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length); // no article twice
  expect(ids.filter((id) => !expected.has(id))).toEqual([]); // nothing unexpected
  expect([...expected].filter((id) => !ids.includes(id))).toEqual([]); // none missing
  // Every stored article came from one of the enqueued documents.
  const known = new Set(uris);
  expect((await store.loadArticles()).map((a) => a.analysis.source.uri).filter((u) => !known.has(u))).toEqual([]);
}

describe('crash: SIGKILL a worker mid-run', () => {
  it('two worker processes, one killed and restarted: every article stored exactly once, none missing', async () => {
    const t = await postgresStore();
    const { docs, expected } = corpus(500, 7);
    const q = queueConfig();
    const s = await setup(q, docs);
    const cfg = writeConfig(dir, childConfig(q, pgUrl(t)));
    const procs: WorkerProc[] = [];
    try {
      const a = startWorkerProc(cfg);
      const b = startWorkerProc(cfg);
      procs.push(a, b);
      await waitFor(async () => (await s.queues.queues.analyze.getCompletedCount()) >= 150, 50);
      a.proc.kill('SIGKILL');
      expect(await a.exited).toBe(null); // killed, no chance to finish anything
      await waitFor(async () => (await s.queues.queues.analyze.getCompletedCount()) >= 250, 100);
      const a2 = startWorkerProc(cfg);
      procs.push(a2);
      await waitFor(async () => {
        const c = await s.queues.queues.analyze.getJobCounts('completed', 'failed');
        return c.completed! + c.failed! === docs.length;
      }, 200);
      expect(await stopWorkerProc(b)).toBe(0);
      expect(await stopWorkerProc(a2)).toBe(0);

      expect((await s.queues.queues.analyze.getFailed(0, -1)).map((j) => j.failedReason)).toEqual([]);
      // The killed worker's in-flight jobs were taken back after the stall interval and done again.
      const completed = await s.queues.queues.analyze.getCompleted(0, -1);
      expect(completed).toHaveLength(docs.length);
      expect(completed.filter((j) => j.stalledCounter > 0).length).toBeGreaterThan(0);
      await expectAllStoredOnce(t.store, expected, docs.map((d) => d.source.uri));
      expect(expected.size).toBeGreaterThan(450);
    } finally {
      for (const p of procs) if (p.proc.exitCode === null && p.proc.signalCode === null) p.proc.kill('SIGKILL');
      await s.close();
      await t.cleanup();
    }
  }, 300_000);
});

describe('crash: SIGKILL a worker while it follows a feed to its article pages', () => {
  it('a title-only feed of 150 items, two workers, one killed and restarted: every page fetched and stored once, every item settled', async () => {
    const n = 150;
    const server = createServer((req, res) => {
      const m = /^\/articles\/(\d+)$/.exec(req.url ?? '');
      if (req.url === '/robots.txt') return void res.writeHead(404).end();
      if (req.url === '/feed.xml') return void res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(feed);
      if (!m || Number(m[1]) >= n) return void res.writeHead(404).end();
      const a = companyArticle(Number(m[1]));
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<html lang="en"><head><title>${a.title} | Wire</title></head><body><nav>Home Business</nav><article><h1>${a.title}</h1>${a.sentences.map((x) => `<p>${x}</p>`).join('')}</article></body></html>`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const links = Array.from({ length: n }, (_, i) => `${base}/articles/${i}`);
    const feed = rss('Business wire', 'en', links.map((link, i) => ({ guid: `item-${i}`, title: companyArticle(i).title, link, description: null, pubDate: 'Mon, 03 Nov 2025 09:00:00 GMT' })));

    const t = await postgresStore();
    const q = queueConfig();
    const s = await setup(q, []);
    const cfg = writeConfig(dir, { ...childConfig(q, pgUrl(t)), fetch: { allow: ['127.0.0.1'], hostIntervalMs: 0 } });
    const procs: WorkerProc[] = [];
    try {
      const env = { REDIS_URL: q.redis, KIJI_QUEUE_PREFIX: q.prefix };
      expect((await kiji(['jobs', 'add', `${base}/feed.xml`], { env })).code).toBe(0);
      const a = startWorkerProc(cfg);
      const b = startWorkerProc(cfg);
      procs.push(a, b);
      await waitFor(async () => (await s.queues.queues.analyze.getCompletedCount()) >= 40, 50);
      a.proc.kill('SIGKILL');
      expect(await a.exited).toBe(null);
      const a2 = startWorkerProc(cfg);
      procs.push(a2);
      await waitFor(async () => {
        const f = await s.queues.queues.fetch.getJobCounts('completed', 'failed');
        const c = await s.queues.queues.analyze.getJobCounts('completed', 'failed');
        return f.completed! + f.failed! === n && c.completed! + c.failed! === n;
      }, 200);
      expect(await stopWorkerProc(b)).toBe(0);
      expect(await stopWorkerProc(a2)).toBe(0);
      expect((await s.queues.queues.fetch.getFailed(0, -1)).map((j) => j.failedReason)).toEqual([]);
      expect((await s.queues.queues.analyze.getFailed(0, -1)).map((j) => j.failedReason)).toEqual([]);

      const rows = await t.store.loadArticles();
      expect(rows.map((r) => r.analysis.source.uri).sort()).toEqual([...links].sort());
      expect(rows.every((r) => r.analysis.source.kind === 'feed-item' && r.analysis.text.includes('production halls'))).toBe(true);
      const seen = await t.store.db.selectFrom('feed_items_seen' as never).selectAll().execute();
      expect(seen).toHaveLength(n);
    } finally {
      for (const p of procs) if (p.proc.exitCode === null && p.proc.signalCode === null) p.proc.kill('SIGKILL');
      await s.close();
      await t.cleanup();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  }, 300_000);
});

describe('Redis restarted mid-run', () => {
  it('workers reconnect and finish: every article stored once', async () => {
    const { docs, expected } = corpus(60, 11);
    const q = queueConfig();
    const s = await setup(q, docs);
    const db = join(dir, 'restart.db');
    const cfg = writeConfig(dir, childConfig(q, db));
    const procs = [startWorkerProc(cfg), startWorkerProc(cfg)];
    try {
      await waitFor(async () => (await s.queues.queues.analyze.getCompletedCount()) >= 15, 50);
      // Down long enough that the workers' reconnect attempts fail: a worker whose main thread is idle (analysis runs
      // in its threads) would otherwise slip back in unnoticed.
      await redis.restart(2_000);
      await waitFor(async () => {
        const c = await s.queues.queues.analyze.getJobCounts('completed', 'failed');
        return c.completed! + c.failed! === docs.length;
      }, 200);
      for (const p of procs) expect(await stopWorkerProc(p)).toBe(0);
      expect((await s.queues.queues.analyze.getFailed(0, -1)).map((j) => j.failedReason)).toEqual([]);
      expect(procs.some((p) => p.stderr().includes('"msg":"redis connection error"'))).toBe(true);
      const store = await openStore(db);
      try {
        await expectAllStoredOnce(store, expected, docs.map((d) => d.source.uri));
      } finally {
        await store.close();
      }
    } finally {
      for (const p of procs) if (p.proc.exitCode === null && p.proc.signalCode === null) p.proc.kill('SIGKILL');
      await s.close();
    }
  }, 180_000);
});
