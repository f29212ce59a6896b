/**
 * Polling feeds from a real local HTTP server into real stores (SQLite file
 * and a PostgreSQL schema): new items once, conditional requests after,
 * failures recorded per source with their codes.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Config } from '../src/config/schema.js';
import { createContext } from '../src/context.js';
import { feedItemUnit, pollFeed, settleItem } from '../src/fetch/feed/poll.js';
import { acquireSource, type Unit } from '../src/fetch/index.js';
import { FetchError } from '../src/fetch/http/errors.js';
import { fetchUrl } from '../src/fetch/http/index.js';
import { RawDocument } from '../src/records.js';
import { getFeedSource, listFeedSources, listSourceErrors } from '../src/store/feeds.js';
import { STORES } from './support/stores.js';

interface Entry {
  guid: string;
  link: string;
  title: string;
  body: string;
}
const items: Entry[] = [
  { guid: 'ja-1', link: '/news/ja-1', title: '日銀、政策金利を0.5％に引き上げ', body: '日本銀行は政策金利を0.5％程度に引き上げることを決めた。' },
  { guid: 'ko-1', link: '/news/ko-1', title: '한국은행, 기준금리 3.5% 동결', body: '한국은행은 기준금리를 연 3.5%로 동결했다.' },
];
let version = 1;
let churn = 0;
const requests: { path: string; ifNoneMatch: string | undefined }[] = [];

function rss(list: Entry[], guidSuffix = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>東都・한빛 합동 피드</title><link>http://127.0.0.1/</link><language>ja</language>${list
    .map(
      (e) =>
        `<item><title>${e.title}</title><link>http://127.0.0.1:${port}${e.link}</link><guid isPermaLink="false">${e.guid}${guidSuffix}</guid><pubDate>Fri, 24 Jan 2025 12:00:00 +0900</pubDate><description>${e.body}</description></item>`,
    )
    .join('')}</channel></rss>`;
}

let server: http.Server;
let port = 0;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push({ path, ifNoneMatch: req.headers['if-none-match'] });
    if (path === '/robots.txt') return void res.writeHead(404).end();
    if (path === '/feed.xml') {
      const etag = `"feed-v${version}"`;
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag });
      return void res.end(rss(items));
    }
    if (path === '/unstable.xml') {
      // A CMS that mints new GUIDs on every build; links and content stay the same.
      churn++;
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      return void res.end(rss(items, `-build${churn}`));
    }
    if (path === '/subs.opml') {
      res.writeHead(200, { 'content-type': 'text/x-opml' });
      return void res.end(`<?xml version="1.0"?><opml version="2.0"><head><title>購読</title></head><body><outline text="合同" xmlUrl="http://127.0.0.1:${port}/feed.xml"/></body></opml>`);
    }
    if (path === '/article.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end('<html lang="ko"><body><article><p>한국은행은 기준금리를 연 3.5%로 동결했다. 물가 상승률이 둔화하고 있다.</p></article></body></html>');
    }
    if (path === '/page.html') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><p>not a feed</p></body></html>');
    res.writeHead(404).end('gone');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const ctx = () => createContext(Config.parse({ logLevel: 'silent', timeZone: 'Asia/Tokyo', fetch: { allow: ['127.0.0.1'], hostIntervalMs: 0, retries: 0 } }));

for (const [name, open] of STORES) {
  describe(`pollFeed with ${name}`, () => {
    it('ingests new items once, then sends a conditional request and gets a 304', async () => {
      version = 1;
      items.splice(2);
      const t = await open();
      try {
        const url = `http://127.0.0.1:${port}/feed.xml`;
        const first = await pollFeed(url, ctx(), t.store);
        expect(first.status).toBe('ok');
        if (first.status !== 'ok') return;
        expect(first.fresh.map((f) => f.item.title)).toEqual([items[0]!.title, items[1]!.title]);
        expect(first.fresh[0]!.key).toBe('guid:ja-1');
        // The item's one-line description is a teaser: its article page is what gets fetched, with the feed's metadata.
        const unit = feedItemUnit(first.fresh[1]!.item, first.feed, url, first.fresh[1]!.seen, ctx());
        expect(unit).toMatchObject({ kind: 'page', page: { url: `http://127.0.0.1:${port}/news/ko-1`, langHint: null }, item: { feedUrl: url, key: 'guid:ko-1' } });
        if (unit.kind !== 'page') return;
        expect(unit.page.fallback).toMatchObject({ title: items[1]!.title, publishedAt: '2025-01-24T03:00:00.000Z', siteName: '東都・한빛 합동 피드' });
        expect(unit.page.label).toContain(items[1]!.title);
        // With `never`, the item's own body is the article.
        const own = feedItemUnit(first.fresh[1]!.item, first.feed, url, null, ctx(), 'never');
        if (own.kind !== 'document') throw new Error('expected a document');
        const doc = RawDocument.parse(own.doc);
        expect(doc.source).toEqual({ kind: 'feed-item', uri: `http://127.0.0.1:${port}/news/ko-1` });
        expect(doc.meta.publishedAt).toBe('2025-01-24T03:00:00.000Z');
        // The feed's language is a signal for the language decision, not a verdict.
        expect(doc.langHint).toBeNull();
        expect(doc.languageSignals).toEqual([{ source: 'feed', value: 'ja' }]);
        for (const f of first.fresh) await settleItem(t.store, f.seen, new Date());
        await first.commit();
        expect((await getFeedSource(t.store, url))?.etag).toBe('"feed-v1"');

        const second = await pollFeed(url, ctx(), t.store);
        expect(second.status).toBe('not_modified');
        expect(requests.at(-1)).toEqual({ path: '/feed.xml', ifNoneMatch: '"feed-v1"' });

        // A new item and a new version: only the new item is fresh.
        items.push({ guid: 'en-1', link: '/news/en-1', title: 'Central bank holds rates at 5.25%', body: 'The central bank held its main rate.' });
        version = 2;
        const third = await pollFeed(url, ctx(), t.store);
        expect(third.status === 'ok' && third.fresh.map((f) => f.key)).toEqual(['guid:en-1']);
        expect((await getFeedSource(t.store, url))?.lastStatus).toBe('not_modified');
      } finally {
        await t.cleanup();
      }
    });

    it('uses a body fetched a moment ago instead of asking again', async () => {
      version = 1;
      items.splice(2);
      const t = await open();
      try {
        const url = `http://127.0.0.1:${port}/feed.xml`;
        const prefetched = await fetchUrl(url, ctx());
        const before = requests.length;
        const r = await pollFeed(url, ctx(), t.store, { prefetched });
        expect(r.status === 'ok' && r.fresh).toHaveLength(2);
        expect(requests.length).toBe(before);
      } finally {
        await t.cleanup();
      }
    });

    it('offers again only the items not settled when the previous poll was never committed', async () => {
      version = 1;
      items.splice(2);
      const t = await open();
      try {
        const url = `http://127.0.0.1:${port}/feed.xml`;
        const first = await pollFeed(url, ctx(), t.store);
        if (first.status !== 'ok') throw new Error('expected ok');
        expect(first.fresh).toHaveLength(2);
        // One article was stored, then the process died before the other.
        await settleItem(t.store, first.fresh[0]!.seen, new Date());
        const again = await pollFeed(url, ctx(), t.store);
        expect(requests.at(-1)?.ifNoneMatch).toBeUndefined();
        expect(again.status === 'ok' && again.fresh.map((f) => f.key)).toEqual(['guid:ko-1']);
      } finally {
        await t.cleanup();
      }
    });

    it('switches to link identity when a feed mints new GUIDs on every fetch', async () => {
      items.splice(2);
      const t = await open();
      try {
        const url = `http://127.0.0.1:${port}/unstable.xml`;
        const first = await pollFeed(url, ctx(), t.store);
        if (first.status !== 'ok') throw new Error('expected ok');
        expect(first.fresh).toHaveLength(2);
        for (const f of first.fresh) await settleItem(t.store, f.seen, new Date());
        await first.commit();
        const second = await pollFeed(url, ctx(), t.store);
        if (second.status !== 'ok') throw new Error('expected ok');
        expect(second.policy).toBe('link');
        expect(second.fresh).toEqual([]);
        await second.commit();
        expect((await getFeedSource(t.store, url))?.identityPolicy).toBe('link');
      } finally {
        await t.cleanup();
      }
    });

    it('records failures per source with their codes', async () => {
      const t = await open();
      try {
        const missing = `http://127.0.0.1:${port}/missing.xml`;
        const page = `http://127.0.0.1:${port}/page.html`;
        await expect(pollFeed(missing, ctx(), t.store)).rejects.toMatchObject({ code: 'http_4xx' });
        await expect(pollFeed(missing, ctx(), t.store)).rejects.toBeInstanceOf(FetchError);
        await expect(pollFeed(page, ctx(), t.store)).rejects.toMatchObject({ code: 'not_a_feed' });
        const sources = await listFeedSources(t.store);
        const m = sources.find((s) => s.url === missing)!;
        expect([m.lastStatus, m.lastErrorCode, m.consecutiveFailures]).toEqual(['error', 'http_4xx', 2]);
        expect(sources.find((s) => s.url === page)?.lastErrorCode).toBe('not_a_feed');
        const errors = await listSourceErrors(t.store, missing);
        expect(errors).toHaveLength(2);
        expect(errors[0]).toMatchObject({ code: 'http_4xx', status: 404, retryable: false });
        expect(errors[0]!.message).toMatch(/^fetch: .*404/);
      } finally {
        await t.cleanup();
      }
    });
  });
}

const docsOf = (units: Unit[]) => units.flatMap((u) => (u.kind === 'document' ? [u.doc] : []));

describe('acquireSource without a store (stateless reads)', () => {
  it('turns a page URL into one document, a feed URL into a unit per item, an OPML URL into its feeds', async () => {
    version = 1;
    items.splice(2);
    const page = await acquireSource({ kind: 'url', url: `http://127.0.0.1:${port}/article.html` }, ctx());
    if (page.kind !== 'units') throw new Error('expected units');
    const [doc] = docsOf(page.units);
    expect(doc).toMatchObject({ format: 'html', source: { kind: 'url', uri: `http://127.0.0.1:${port}/article.html` } });
    expect(doc!.body).toContain('기준금리를 연 3.5%로 동결했다');
    const feed = await acquireSource({ kind: 'url', url: `http://127.0.0.1:${port}/feed.xml` }, ctx(), { lang: 'ja', fullText: 'never' });
    if (feed.kind !== 'units') throw new Error('expected units');
    expect(docsOf(feed.units).map((d) => d.meta.title)).toEqual([items[0]!.title, items[1]!.title]);
    expect(docsOf(feed.units).every((d) => d.source.kind === 'feed-item' && d.langHint === 'ja')).toBe(true);
    // Teasers by default: each item's page is to be fetched.
    const teasers = await acquireSource({ kind: 'url', url: `http://127.0.0.1:${port}/feed.xml` }, ctx());
    expect(teasers.kind === 'units' && teasers.units.map((u) => u.kind)).toEqual(['page', 'page']);
    const opml = await acquireSource({ kind: 'url', url: `http://127.0.0.1:${port}/subs.opml` }, ctx());
    expect(opml).toEqual({ kind: 'list', origin: `http://127.0.0.1:${port}/subs.opml`, sources: [`http://127.0.0.1:${port}/feed.xml`] });
  });

  it('reads a feed file with the configured zone for zone-less dates', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kiji-feed-')), 'quake.rss');
    writeFileSync(path, '<rss version="2.0"><channel><title>ローカル</title><item><title>地震速報</title><guid>q-1</guid><pubDate>2025/01/24 08:15</pubDate><description>震度3の揺れを観測しました。</description></item></channel></rss>');
    const got = await acquireSource({ kind: 'file', path }, ctx(), { fullText: 'never' });
    if (got.kind !== 'units') throw new Error('expected units');
    const docs = docsOf(got.units);
    expect(docs).toHaveLength(1);
    expect(docs[0]!.meta.publishedAt).toBe('2025-01-23T23:15:00.000Z');
    expect(docs[0]!.source).toEqual({ kind: 'feed-item', uri: `${path}#q-1` });
    expect(docs[0]!.body).toBe('震度3の揺れを観測しました。');
    // Followed by default, and an item without a link cannot be: a clear failure naming it, not a one-line article.
    const followed = await acquireSource({ kind: 'file', path }, ctx());
    expect(followed.kind === 'units' && followed.units[0]).toMatchObject({ kind: 'invalid', input: `${path}#q-1`, error: { code: 'bad_request' } });
    expect(followed.kind === 'units' && followed.units[0]!.kind === 'invalid' && followed.units[0]!.error.message).toMatch(/地震速報.*no link/);
  });
});
