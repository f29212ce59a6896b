/**
 * `kiji ingest` and `kiji analyze` on URLs, feeds and OPML lists served by a
 * real HTTP server on 127.0.0.1 (allowed through KIJI_FETCH_ALLOW, as a user
 * allows an intranet host).
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/index.js';
import { listSourceErrors } from '../src/store/feeds.js';
import { kiji } from './support/cli.js';

const ITEMS = [
  {
    guid: 'ko-1',
    title: '엔비디아, 한국에 GPU 26만 장 공급',
    body: '<p>젠슨 황 엔비디아 최고경영자는 31일 경주에서 열린 APEC 최고경영자 서밋에서 한국 정부와 삼성전자, SK그룹, 현대자동차그룹, 네이버클라우드에 그래픽처리장치 26만 장 이상을 공급한다고 밝혔다.</p><p>정부는 최대 5만 장을 확보해 기업과 연구기관에 배분할 계획이다.</p>',
  },
  {
    guid: 'en-1',
    title: 'Samsung chip profit rebounds on memory prices',
    body: '<p>Samsung Electronics said on Thursday that operating profit at its chip division rose to KRW 7 trillion in the third quarter as memory prices recovered and shipments of high-bandwidth memory grew.</p><p>The company expects demand for AI servers to keep memory supply tight into next year.</p>',
  },
  {
    guid: 'ja-1',
    title: '韓国の半導体輸出が過去最高に',
    body: '<p>韓国産業通商資源部によると、9月の半導体輸出は前年同月比22%増の166億ドルとなり、月間で過去最高を記録した。</p><p>高帯域幅メモリの需要が輸出をけん引した。</p>',
  },
];

// Two-paragraph items are teasers: each is followed to its article page, which says more.
const rss = () =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Asia Tech Wire</title><link>http://example.test/</link><description>chips</description>${ITEMS.map(
    (i) => `<item><guid>${i.guid}</guid><title>${i.title}</title><link>${base}/articles/${i.guid}</link><pubDate>Fri, 31 Oct 2025 10:00:00 +0900</pubDate><description><![CDATA[${i.body}]]></description></item>`,
  ).join('')}</channel></rss>`;
const MORE: Record<string, string> = {
  'ko-1': '<p>업계는 이번 공급으로 국내 인공지능 데이터센터 구축이 2년가량 앞당겨질 것으로 본다.</p>',
  'en-1': '<p>Analysts said the rebound would help Samsung narrow the gap with SK Hynix in high-bandwidth memory next year.</p>',
  'ja-1': '<p>同省は10月も輸出の増加が続くとみている。</p>',
};
const articlePage = (i: (typeof ITEMS)[number]) => `<html><head><title>${i.title} | Asia Tech Wire</title></head><body><nav>Home Chips Markets</nav><article><h1>${i.title}</h1>${i.body}${MORE[i.guid]}</article><footer>© Asia Tech Wire</footer></body></html>`;

let server: Server;
let base: string;
const hits: { path: string; inm: string | undefined }[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push({ path: req.url!, inm: req.headers['if-none-match'] as string | undefined });
    if (req.url === '/robots.txt') return res.writeHead(404).end();
    if (req.url === '/feed.xml') {
      if (req.headers['if-none-match'] === '"v1"') return res.writeHead(304).end();
      return res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"v1"' }).end(rss());
    }
    const item = ITEMS.find((i) => req.url === `/articles/${i.guid}`);
    if (item) return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage(item));
    if (req.url === '/broken.xml') return res.writeHead(503, { 'retry-after': '120' }).end('down for maintenance');
    if (req.url === '/page.html')
      return res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(`<html lang="en"><head><title>Chip exports | Wire</title></head><body><nav>Home News Tech</nav><article><h1>Korea's chip exports hit a record</h1><p>South Korea's semiconductor exports rose 22% from a year earlier to $16.6 billion in September, the trade ministry said, led by memory chips for AI servers.</p><p>Shipments of high-bandwidth memory grew fastest, and officials expect the trend to continue into next year as data-centre spending stays high.</p></article><footer>© 2025 Wire</footer></body></html>`);
    res.writeHead(404).end('not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const env = { KIJI_FETCH_ALLOW: '127.0.0.1' };

describe('kiji ingest on the web', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiji-web-'));
  const db = join(dir, 'kiji.db');

  it('ingests a feed\'s items once, in all three languages, each from its article page', async () => {
    const r = await kiji(['ingest', `${base}/feed.xml`, '--db', db], { env });
    expect(r.stderr).toMatch(/ingest: 3 stored, 0 duplicate, 0 skipped, 0 failed/);
    // One look tells it is a feed, and that response is the poll: one request, not two.
    expect(hits.filter((h) => h.path === '/feed.xml')).toHaveLength(1);
    expect(hits.filter((h) => h.path.startsWith('/articles/')).map((h) => h.path).sort()).toEqual(['/articles/en-1', '/articles/ja-1', '/articles/ko-1']);
    const list = JSON.parse((await kiji(['list', '--format', 'json', '--db', db])).stdout);
    expect(list.map((a: { lang: string }) => a.lang).sort()).toEqual(['en', 'ja', 'ko']);
    expect(list.map((a: { url: string }) => a.url).sort()).toEqual([`${base}/articles/en-1`, `${base}/articles/ja-1`, `${base}/articles/ko-1`]);
    const en = JSON.parse((await kiji(['show', list.find((a: { lang: string }) => a.lang === 'en').id, '--format', 'json', '--db', db])).stdout);
    expect(JSON.stringify(en)).toContain('narrow the gap with SK Hynix');
  });

  it('sends a conditional request on the next run, and a 304 costs nothing downstream', async () => {
    hits.length = 0;
    const r = await kiji(['ingest', `${base}/feed.xml`, '--db', db], { env });
    expect(r.stderr).toMatch(/ingest: 0 stored, 0 duplicate, 0 skipped, 0 failed/);
    expect(hits.find((h) => h.path === '/feed.xml')?.inm).toBe('"v1"');
  });

  it('goes through an OPML list, recording a failing feed with its code and going on', async () => {
    const opml = join(dir, 'subs.opml');
    writeFileSync(opml, `<?xml version="1.0"?><opml version="2.0"><head><title>subs</title></head><body><outline text="broken" xmlUrl="${base}/broken.xml"/><outline text="wire" xmlUrl="${base}/feed.xml"/></body></opml>`);
    const r = await kiji(['ingest', opml, '--db', db], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/ingest: 0 stored, 0 duplicate, 0 skipped, 1 failed/);
    expect(r.stderr).toMatch(/broken\.xml/);
    const store = await openStore(db);
    try {
      const errors = await listSourceErrors(store, `${base}/broken.xml`);
      expect(errors[0]).toMatchObject({ code: 'http_5xx', retryable: true });
    } finally {
      await store.close();
    }
  });

  it('ingests a page URL and refuses loopback unless allowed', async () => {
    const ok = await kiji(['ingest', `${base}/page.html`, '--db', db], { env });
    expect(ok.stderr).toMatch(/1 stored/);
    const blocked = await kiji(['analyze', `${base}/page.html`], { env: { KIJI_FETCH_ALLOW: '' } });
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toMatch(/page\.html/);
    expect(blocked.stderr).toMatch(/blocked|loopback|private/i);
  });

  it('analyzes a page URL', async () => {
    const r = await kiji(['analyze', `${base}/page.html`], { env });
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(a).toMatchObject({ lang: 'en', source: { kind: 'url' } });
    expect(a.title).toMatch(/chip exports/i);
    expect(a.text).not.toContain('Home News Tech');
  });
});
