/**
 * Feeds through the queue, the way a deployment runs them: `kiji jobs add`
 * puts each feed on `kiji.poll`; `kiji worker` processes poll it (the same
 * ingestion loop as `kiji ingest`), put each title-only or teaser item's
 * article page on `kiji.fetch`, fetch it with the per-host spacing they share
 * in Redis, and analyse and store it. Each article is stored once with its
 * page's text; a second poll fetches nothing; bad items leave failure rows.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis } from '../src/queue/connection.js';
import { openQueues, type KijiQueues } from '../src/queue/queues.js';
import { openStore } from '../src/store/index.js';
import { kiji } from './support/cli.js';
import { ARTICLES, startNewsSite, type NewsSite } from './support/news-site.js';
import { cleanupQueues, testConfig, testQueueConfig, waitFor } from './support/queue.js';
import { startWorkerProc, stopWorkerProc, writeConfig, type WorkerProc } from './support/worker-procs.js';

let site: NewsSite;
const dir = mkdtempSync(join(tmpdir(), 'kiji-qfeeds-'));
const INTERVAL = 100;
beforeAll(async () => {
  site = await startNewsSite();
});
afterAll(() => site.close());

async function setup(db: string) {
  const config = testConfig(testQueueConfig({ attempts: 2, backoffMs: 100 }), db, ['127.0.0.1']);
  const env = { REDIS_URL: config.queue.redis, KIJI_QUEUE_PREFIX: config.queue.prefix, KIJI_FETCH_ALLOW: '127.0.0.1' };
  const redis = connectRedis(config.queue.redis);
  const q = openQueues(config.queue, redis);
  const cfg = writeConfig(dir, { queue: { ...config.queue, concurrency: 3 }, store: { db }, fetch: { allow: ['127.0.0.1'], hostIntervalMs: INTERVAL, retries: 0 }, logLevel: 'warn' });
  return { env, q, cfg, close: async () => (await q.close(), redis.disconnect(), await cleanupQueues(config.queue)) };
}

/** Two `kiji worker` processes until every queue is empty. */
async function drain(cfg: string): Promise<void> {
  const procs: WorkerProc[] = [startWorkerProc(cfg, ['--until-empty']), startWorkerProc(cfg, ['--until-empty'])];
  try {
    for (const p of procs) expect(await p.exited, p.stderr()).toBe(0);
  } finally {
    for (const p of procs) if (p.proc.exitCode === null && p.proc.signalCode === null) p.proc.kill('SIGKILL');
  }
}

const counts = async (q: KijiQueues) => ({
  poll: await q.queues.poll.getJobCounts('completed', 'failed'),
  fetch: await q.queues.fetch.getJobCounts('completed', 'failed'),
  analyze: await q.queues.analyze.getJobCounts('completed', 'failed'),
});

describe('feeds through kiji worker', () => {
  it('title-only and teaser feeds in ja, ko and en: every article fetched by a fetch job, stored once with its full text; a second poll fetches nothing', async () => {
    const db = join(dir, 'feeds.db');
    const s = await setup(db);
    try {
      const mark = site.hits.length;
      const opml = join(dir, 'subscriptions.opml');
      writeFileSync(opml, `<?xml version="1.0"?><opml version="2.0"><head><title>購読リスト</title></head><body><outline text="速報" xmlUrl="${site.titleOnlyUrl}"/><outline text="Asia" xmlUrl="${site.teaserUrl}"/></body></opml>`);
      const added = await kiji(['jobs', 'add', opml], { env: s.env });
      expect(added.code, added.stderr).toBe(0);
      // A poll job per feed of the list: jobs add reads nothing remote itself; the workers do,
      // with the feed's seen items and the per-host spacing they share.
      expect(added.stdout).toMatch(/enqueued 2 on kiji\.poll/);
      expect(site.hits.length).toBe(mark);
      await drain(s.cfg);

      const c = await counts(s.q);
      expect(c).toEqual({ poll: { completed: 2, failed: 0 }, fetch: { completed: 12, failed: 0 }, analyze: { completed: 12, failed: 0 } });
      const store = await openStore(db);
      try {
        const rows = await store.loadArticles();
        // The two feeds name the same six pages: six articles, each stored once.
        expect(rows).toHaveLength(6);
        for (const page of ARTICLES) {
          const a = rows.find((r) => r.url === `${site.base}/articles/${page.slug}`);
          expect(a, page.slug).toBeDefined();
          expect(a!.lang).toBe(page.lang);
          expect(a!.analysis.text).toContain(page.onlyOnPage);
        }
        const seen = await store.db.selectFrom('feed_items_seen' as never).selectAll().execute();
        expect(seen).toHaveLength(12);
      } finally {
        await store.close();
      }
      // Requests to the site, from two processes, kept the host's interval: n requests span at least
      // n - 2 intervals (one spare for a request that arrived late on a busy machine).
      const pages = site.hits.slice(mark).filter((h) => h.path.startsWith('/articles/'));
      expect(pages).toHaveLength(12);
      const all = site.hits.slice(mark);
      expect(all.at(-1)!.at - all[0]!.at).toBeGreaterThanOrEqual((all.length - 2) * INTERVAL);

      // Poll again: conditional GETs, no new items, no page asked for.
      const again = site.hits.length;
      expect((await kiji(['jobs', 'add', site.titleOnlyUrl, site.teaserUrl], { env: s.env })).code).toBe(0);
      await drain(s.cfg);
      expect(site.hits.slice(again).filter((h) => h.path.startsWith('/articles/'))).toHaveLength(0);
      expect(site.hits.slice(again).filter((h) => h.path.startsWith('/feeds/')).every((h) => h.inm !== undefined)).toBe(true);
      expect((await counts(s.q)).fetch.completed).toBe(12);
    } finally {
      await s.close();
    }
  }, 120_000);

  it('items whose pages fail: failure rows naming them, the items settled, nothing left on the queue', async () => {
    const db = join(dir, 'broken.db');
    const s = await setup(db);
    site.setFlaky(true);
    try {
      expect((await kiji(['jobs', 'add', site.brokenUrl], { env: s.env })).code).toBe(0);
      await drain(s.cfg);
      const c = await counts(s.q);
      // ftp: and link-less items fail in the poll (nothing to fetch); the other six fail their fetch job.
      expect(c.fetch).toEqual({ completed: 0, failed: 6 });
      const store = await openStore(db);
      try {
        const failures = await store.listFailures();
        const codes = new Map(failures.map((f) => [f.input, f.kind === 'error' ? f.error.code : f.skip.reason]));
        expect(Object.fromEntries(codes)).toMatchObject({
          [`${site.base}/articles/gone`]: 'http_4xx',
          [`${site.base}/files/report.pdf`]: 'bad_encoding',
          'http://10.1.2.3/notice': 'blocked',
          [`${site.base}/loop/a`]: 'blocked',
          'ftp://files.news.test/report.txt': 'bad_request',
          [`${site.brokenUrl}#nolink`]: 'bad_request',
          [`${site.base}/private/memo`]: 'robots',
          [`${site.base}/articles/flaky`]: 'http_5xx',
        });
        const gone = failures.find((f) => f.input.endsWith('/articles/gone'));
        expect(gone?.kind === 'error' ? gone.error.message : null).toMatch(/削除された記事/);
        // Every item is settled: a failure recorded for good counts as handled.
        const seen = await store.db.selectFrom('feed_items_seen' as never).selectAll().execute();
        expect(seen).toHaveLength(8);
      } finally {
        await store.close();
      }
      // The failed fetch jobs keep their payload for `kiji jobs failed` and `kiji jobs retry`.
      const listed = JSON.parse((await kiji(['jobs', 'failed', '--queue', 'fetch', '--format', 'json'], { env: s.env })).stdout) as { input: string }[];
      expect(listed.map((f) => f.input).sort()).toContain(`${site.base}/articles/flaky`);
    } finally {
      await s.close();
    }
  }, 120_000);
});
