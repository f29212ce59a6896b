/**
 * Schedules on BullMQ job schedulers, driven through the `kiji schedule`
 * command: a scheduled source is polled by the workers again and again, and
 * its articles land in the store once each; list shows the next run and the
 * last result; run, remove and sync do what they say.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectRedis } from '../src/queue/connection.js';
import { openQueues } from '../src/queue/queues.js';
import type { ScheduleInfo } from '../src/queue/schedules.js';
import { openStore } from '../src/store/index.js';
import { runWorkers } from '../workers/runner.js';
import { kiji } from './support/cli.js';
import { FIXTURES, ROOT } from './support/fixtures.js';
import { cleanupQueues, testConfig, testContext, testQueueConfig, waitFor } from './support/queue.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function setup() {
  const config = testConfig(testQueueConfig());
  const env = { REDIS_URL: config.queue.redis, KIJI_QUEUE_PREFIX: config.queue.prefix };
  const redis = connectRedis(config.queue.redis);
  const q = openQueues(config.queue, redis);
  cleanups.push(async () => {
    await q.close();
    redis.disconnect();
    await cleanupQueues(config.queue);
  });
  return { config, env, q };
}

const list = async (env: Record<string, string>) => JSON.parse((await kiji(['schedule', 'list', '--format', 'json'], { env })).stdout) as ScheduleInfo[];

const ITEMS = [
  {
    guid: 'ko-hbm',
    title: 'SK하이닉스, HBM4 양산 체제 돌입',
    body: '<p>SK하이닉스는 12일 차세대 고대역폭메모리 HBM4의 양산 체제를 갖췄다고 밝혔다. 회사는 엔비디아에 공급할 물량을 내년 1분기부터 본격 출하할 계획이다.</p><p>업계는 HBM 시장 규모가 2026년 약 460억 달러에 이를 것으로 보고 있다.</p>',
  },
  {
    guid: 'en-tsmc',
    title: 'TSMC raises capital spending to $42 billion',
    body: '<p>Taiwan Semiconductor Manufacturing Co said on Thursday it would raise capital spending this year to as much as $42 billion as demand for chips used in artificial intelligence servers keeps growing.</p><p>The company reported third-quarter net income up 39% from a year earlier.</p>',
  },
  {
    guid: 'ja-rapidus',
    title: 'ラピダス、2ナノ半導体の試作に成功',
    body: '<p>ラピダスは18日、北海道千歳市の工場で回路線幅2ナノメートルの半導体の試作に成功したと発表した。2027年の量産開始を目指す。</p><p>政府はこれまでに約1兆7000億円の支援を決めている。</p>',
  },
];

// Short items are teasers: the workers follow each to its article page on the same server.
const rss = (base: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Chip Desk</title><link>http://chips.test/</link><description>semiconductors</description>${ITEMS.map(
    (i) => `<item><guid>${i.guid}</guid><title>${i.title}</title><link>${base}/articles/${i.guid}</link><pubDate>Thu, 16 Oct 2025 09:00:00 +0900</pubDate><description><![CDATA[${i.body}]]></description></item>`,
  ).join('')}</channel></rss>`;
const page = (i: (typeof ITEMS)[number]) => `<html><head><title>${i.title} - Chip Desk</title></head><body><nav>Chips Memory Foundry</nav><article><h1>${i.title}</h1>${i.body}</article></body></html>`;

describe('scheduled feed polling', () => {
  it('a feed on a local HTTP server, polled on a schedule by the workers: each article stored once, later polls conditional', async () => {
    const requests: IncomingHttpHeaders[] = [];
    const pages: string[] = [];
    const server = createServer((req, res) => {
      if (req.url === '/robots.txt') return void res.writeHead(404).end();
      const item = ITEMS.find((i) => req.url === `/articles/${i.guid}`);
      if (item) return void (pages.push(req.url!), res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(item)));
      if (req.url !== '/feed.xml') return void res.writeHead(404).end('not found');
      requests.push(req.headers);
      if (req.headers['if-none-match'] === '"chips-1"') return void res.writeHead(304).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"chips-1"' }).end(rss(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    const feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;

    const queue = testQueueConfig();
    const config = testConfig(queue, ':memory:', ['127.0.0.1']);
    const env = { REDIS_URL: config.queue.redis, KIJI_QUEUE_PREFIX: config.queue.prefix };
    const redis = connectRedis(config.queue.redis);
    const q = openQueues(config.queue, redis);
    cleanups.push(async () => (await q.close(), redis.disconnect(), await cleanupQueues(config.queue)));

    const added = await kiji(['schedule', 'add', feedUrl, '--every', '1s'], { env });
    expect(added.code).toBe(0);
    const id = `127.0.0.1-${feedUrl.split(':')[2]!.split('/')[0]}-feed.xml`;
    expect((await list(env)).map((s) => s.id)).toEqual([id]);

    const store = await openStore(':memory:');
    // One poll at a time, as one scheduler does: each poll sees what the one before committed.
    const running = await runWorkers({ config, stages: ['poll', 'fetch', 'analyze'], store, concurrency: 1 });
    cleanups.push(async () => (await running.close(), await store.close()));
    await waitFor(async () => (await q.queues.analyze.getCompletedCount()) === 3);
    // Each article page fetched once, by a fetch job of its own.
    expect(pages.sort()).toEqual(ITEMS.map((i) => `/articles/${i.guid}`).sort());
    expect(await q.queues.fetch.getCompletedCount()).toBe(3);
    // Later polls: a conditional GET answered 304, nothing new to enqueue.
    const later = await waitFor(async () => requests.length >= 3 && (await list(env))[0]?.last);
    expect(later).toMatchObject({ ok: true, documents: 0, failed: 0 });
    // Once the first poll committed the feed's validators, every request carries them.
    const conditional = requests.map((h) => h['if-none-match'] ?? null);
    const first = conditional.indexOf('"chips-1"');
    expect(first).toBeGreaterThan(0);
    expect(conditional.slice(first).every((v) => v === '"chips-1"')).toBe(true);

    const articles = await store.listArticles();
    expect(articles.map((a) => a.title).sort()).toEqual(ITEMS.map((i) => i.title).sort());
    expect(articles.map((a) => a.lang).sort()).toEqual(['en', 'ja', 'ko']);
    expect(articles.map((a) => a.url).sort()).toEqual(ITEMS.map((i) => `${feedUrl.replace('/feed.xml', '')}/articles/${i.guid}`).sort());
    expect(await q.queues.analyze.getJobCounts('completed', 'failed', 'waiting')).toEqual({ completed: 3, failed: 0, waiting: 0 });
  }, 60_000);
});

describe('kiji schedule', () => {
  it('a scheduled folder of articles is polled repeatedly; each article is stored once', async () => {
    const { config, env, q } = setup();
    const dir = mkdtempSync(join(tmpdir(), 'kiji-feed-'));
    for (const slug of ['ja-allforces-blackrock-korea-ai-hub', 'ko-blackrock-ai-hub-html', 'en-blackrock-korea-ai-hub']) cpSync(join(FIXTURES, slug), join(dir, slug), { recursive: true });

    const added = await kiji(['schedule', 'add', dir, '--every', '1s', '--id', 'blackrock-desk'], { env });
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^scheduled blackrock-desk: .* every 1s, next run \d{4}-/);
    const [s] = await list(env);
    expect(s).toMatchObject({ id: 'blackrock-desk', source: dir, every: 1000, cron: null, last: null });
    expect(s!.next).toBeGreaterThan(0);

    const store = await openStore(':memory:');
    const running = await runWorkers({ config, stages: ['poll', 'analyze'], store });
    cleanups.push(async () => (await running.close(), await store.close()));
    // Two polls at least: the second finds the same three documents and adds no work.
    const firstPoll = await waitFor(async () => (await list(env))[0]?.last);
    await waitFor(async () => {
      const last = (await list(env))[0]?.last;
      return last && last.at !== firstPoll.at && (await q.queues.analyze.getCompletedCount()) === 3;
    });
    expect(firstPoll).toMatchObject({ ok: true, documents: 3, failed: 0, error: null });
    const articles = await store.listArticles();
    expect(articles.map((a) => a.lang).sort()).toEqual(['en', 'ja', 'ko']);
    expect(await q.queues.analyze.getJobCounts('completed', 'failed', 'waiting')).toEqual({ completed: 3, failed: 0, waiting: 0 });
    expect((await q.queues.poll.getCompletedCount()) + (await q.queues.poll.getActiveCount())).toBeGreaterThanOrEqual(2);

    const ran = await kiji(['schedule', 'run', 'blackrock-desk'], { env });
    expect(ran.stdout).toMatch(/^queued a poll of blackrock-desk \(job poll-[0-9a-f]+\)/);
    expect((await kiji(['schedule', 'remove', 'blackrock-desk'], { env })).code).toBe(0);
    expect(await list(env)).toEqual([]);
    expect((await kiji(['schedule', 'remove', 'blackrock-desk'], { env })).code).toBe(1);
  }, 60_000);

  it('sync makes Redis hold the schedules of a feeds file; cron schedules keep their zone', async () => {
    const { env } = setup();
    const synced = await kiji(['schedule', 'sync', join(ROOT, 'config', 'feeds.yaml')], { env });
    expect(synced.code).toBe(0);
    const all = await list(env);
    expect(all.map((s) => s.id).sort()).toEqual(['itmedia-news', 'nhk-news', 'reuters-tech', 'yonhap-all']);
    expect(all.find((s) => s.id === 'itmedia-news')).toMatchObject({ cron: '*/30 7-23 * * *', tz: 'Asia/Tokyo', every: null });
    // The next ITmedia run falls at :00 or :30 between 07:00 and 23:59 in Tokyo.
    const next = new Date(all.find((s) => s.id === 'itmedia-news')!.next!);
    const tokyo = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(next);
    expect(tokyo).toMatch(/^(0[7-9]|1\d|2[0-3]):(00|30)$/);
    expect(all.find((s) => s.id === 'nhk-news')).toMatchObject({ every: 900_000, source: 'https://www3.nhk.or.jp/rss/news/cat0.xml' });

    // Edit the file: one feed gone, one changed. Sync again.
    const dir = mkdtempSync(join(tmpdir(), 'kiji-feeds-'));
    const file = join(dir, 'feeds.yaml');
    writeFileSync(file, 'feeds:\n  - id: nhk-news\n    source: https://www3.nhk.or.jp/rss/news/cat0.xml\n    every: 5m\n  - source: https://www.hani.co.kr/rss/\n    cron: "0 */2 * * *"\n    tz: Asia/Seoul\n');
    const again = await kiji(['schedule', 'sync', file], { env });
    expect(again.stdout).toMatch(/synced 2 schedules .*removed/);
    const now = await list(env);
    expect(now.map((s) => s.id).sort()).toEqual(['nhk-news', 'www.hani.co.kr-rss']);
    expect(now.find((s) => s.id === 'nhk-news')!.every).toBe(300_000);

    writeFileSync(file, 'feeds:\n  - source: https://www.hani.co.kr/rss/\n    every: 15m\n    cron: "0 * * * *"\n');
    const bad = await kiji(['schedule', 'sync', file], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('give exactly one of every or cron');
  }, 60_000);

  it('refuses a bad interval, a bad cron pattern and an unknown zone as usage errors (exit 2), naming the problem', async () => {
    const { env } = setup();
    for (const every of ['15 minutes', '15x']) {
      const r = await kiji(['schedule', 'add', 'https://www.yna.co.kr/rss/news.xml', '--every', every], { env });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`"${every}" is not an interval`);
    }
    for (const cron of ['61 * * * *', 'bad cron']) {
      const r = await kiji(['schedule', 'add', 'https://www.yna.co.kr/rss/news.xml', '--cron', cron], { env });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`bad cron pattern "${cron}"`);
    }
    const r3 = await kiji(['schedule', 'add', 'https://www.yna.co.kr/rss/news.xml', '--cron', '0 * * * *', '--tz', 'Asia/Nowhere'], { env });
    expect(r3.code).toBe(2);
    expect(r3.stderr).toContain('Asia/Nowhere');
    expect(await list(env)).toEqual([]);
  }, 30_000);
});
