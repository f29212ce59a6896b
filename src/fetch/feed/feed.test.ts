import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOpml } from '../opml.js';
import { FetchError } from '../http/errors.js';
import { choosePolicy, discoverFeeds, itemIdentity, parseFeed, parseFeedDate } from './index.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', '..', '..', 'tests', 'fixtures', 'feeds', name), 'utf8');

describe('parseFeed', () => {
  it('reads an RSS 1.0 (RDF) Japanese feed, with a Japanese-format date in the feed zone', async () => {
    const feed = await parseFeed(fixture('ja-nhk-like.rdf'), { url: 'https://news.example.jp/rss/economy.rdf', timeZone: 'Asia/Tokyo' });
    expect(feed.format).toBe('rdf');
    expect(feed.title).toBe('東都ニュース 経済');
    expect(feed.wellFormed).toBe(true);
    expect(feed.items).toHaveLength(2);
    const [a, b] = feed.items;
    expect(a!.title).toBe('日銀、政策金利を0.5％に引き上げ　17年ぶり水準');
    expect(a!.guid).toBe('https://news.example.jp/economy/20250124-boj.html');
    expect(a!.publishedAt).toBe('2025-01-24T03:35:00.000Z');
    expect(a!.categories).toEqual(['金融政策']);
    expect(b!.publishedAt).toBe('2025-01-23T06:10:00.000Z');
    expect(b!.contentHtml).toContain('155円台まで上昇した');
  });

  it('repairs a Korean RSS 2.0 feed with bare ampersands and HTML entities, and reads 오전/오후 dates', async () => {
    const feed = await parseFeed(fixture('ko-broken.rss'), { url: 'https://hanbit.example/rss/economy.xml', timeZone: 'Asia/Seoul' });
    expect(feed.wellFormed).toBe(false);
    expect(feed.warnings[0]).toMatch(/not well-formed/);
    expect(feed.lang).toBe('ko');
    const [a, b] = feed.items;
    expect(a!.id).toBe('hanbit-1001');
    expect(a!.title).toBe('한국은행, 기준금리 3.5% 동결');
    expect(a!.link).toBe('https://hanbit.example/news/view?id=1001&section=economy');
    expect(a!.publishedAt).toBe('2025-01-16T01:32:00.000Z');
    expect(a!.contentHtml).toContain('<p>물가 상승률이 둔화하고 있지만');
    expect(a!.summary).toBe('한국은행 금융통화위원회는 16일 기준금리를 연 3.5%로 동결했다.');
    expect(a!.categories).toEqual(['경제']);
    // No zone in the feed: the configured zone (KST) applies, not the machine's.
    expect(b!.publishedAt).toBe('2025-01-16T06:40:00.000Z');
  });

  it('reads Atom: HTML titles, relative links, zoned and zone-less dates, author, categories', async () => {
    const feed = await parseFeed(fixture('en-atom.xml'), { url: 'https://ledger.example/business/atom.xml', timeZone: 'Europe/London' });
    expect(feed.format).toBe('atom');
    expect(feed.title).toBe('The Daily Ledger — Business');
    const [a, b] = feed.items;
    expect(a!.title).toBe('Chipmaker posts record quarterly revenue');
    expect(a!.link).toBe('https://ledger.example/business/2024/11/21/chipmaker-record-revenue');
    expect(a!.id).toBe('tag:ledger.example,2024:story-8812');
    expect(a!.publishedAt).toBe('2024-11-21T21:15:00.000Z');
    expect(a!.updatedAt).toBe('2024-11-21T23:00:00.000Z');
    expect(a!.author).toBe('Jane Doe');
    expect(a!.categories).toEqual(['technology', 'earnings']);
    expect(a!.contentHtml).toBe("<p>The world's most valuable chipmaker reported revenue of $35.1bn, up 94% from a year earlier.</p>");
    expect(a!.summary).toBe('Revenue rose 94% to $35.1bn in the three months to October.');
    expect(b!.publishedAt).toBe('2024-11-21T09:30:00.000Z');
  });

  it('reads JSON Feed directly', async () => {
    const feed = await parseFeed(fixture('en-jsonfeed.json'), { url: 'https://ledger.example/briefing/feed.json', timeZone: 'UTC' });
    expect(feed.format).toBe('json');
    expect(feed.lang).toBe('en-GB');
    const [a, b] = feed.items;
    expect(a!.link).toBe('https://ledger.example/briefing/2024-11-22');
    expect(a!.contentHtml).toBe('<p>Markets steadied on Friday.</p>\n<p>The pound rose 0.3% against the dollar.</p>');
    expect(a!.author).toBe('Briefing desk');
    expect(a!.categories).toEqual(['markets', 'briefing']);
    expect(b!.id).toBe('20241121');
    expect(b!.author).toBe('Sam Lee');
  });

  it('refuses HTML, empty bodies and foreign JSON with the right codes', async () => {
    const code = async (body: string) => {
      try {
        await parseFeed(body, { url: 'https://x.example/', timeZone: 'UTC' });
        return 'parsed';
      } catch (err) {
        expect(err).toBeInstanceOf(FetchError);
        return (err as FetchError).code;
      }
    };
    expect(await code('<!DOCTYPE html><html><head><title>ニュース</title></head><body>記事</body></html>')).toBe('not_a_feed');
    expect(await code('   ')).toBe('empty');
    expect(await code('{"items": "no", "version": "x"}')).toBe('not_a_feed');
    expect(await code('<?xml version="1.0"?><sitemap/>')).toBe('not_a_feed');
  });

  it('finds feeds advertised by an HTML page', () => {
    const html = '<head><link rel="alternate" type="application/rss+xml" href="/rss.xml"><link rel="alternate" hreflang="ko" href="/ko/"></head>';
    expect(discoverFeeds(html, 'https://hanbit.example/news/1')).toEqual(['https://hanbit.example/rss.xml']);
  });
});

describe('feed dates', () => {
  it('reads RFC 822, W3C and CJK forms', () => {
    expect(parseFeedDate('Thu, 23 Jan 2025 10:00:00 +0900', 'UTC')).toBe('2025-01-23T01:00:00.000Z');
    expect(parseFeedDate('Thu, 23 Jan 2025 10:00:00 JST', 'UTC')).toBe('2025-01-23T01:00:00.000Z');
    expect(parseFeedDate('23 Jan 25 10:00 GMT', 'Asia/Tokyo')).toBe('2025-01-23T10:00:00.000Z');
    expect(parseFeedDate('2025-01-23T10:00:00.250Z', 'Asia/Tokyo')).toBe('2025-01-23T10:00:00.250Z');
    expect(parseFeedDate('2025年1月23日（木） 午後3時5分', 'Asia/Tokyo')).toBe('2025-01-23T06:05:00.000Z');
    expect(parseFeedDate('2025/01/23 15:05', 'Asia/Tokyo')).toBe('2025-01-23T06:05:00.000Z');
    expect(parseFeedDate('2025년 1월 23일 오후 3:05', 'Asia/Seoul')).toBe('2025-01-23T06:05:00.000Z');
    expect(parseFeedDate('2025-07-01 09:00', 'America/New_York')).toBe('2025-07-01T13:00:00.000Z');
    expect(parseFeedDate('not a date', 'UTC')).toBeNull();
  });
});

describe('item identity', () => {
  const item = (guid: string | null, link: string | null, title: string) => ({ guid, link, title, contentHtml: `<p>${title}</p>`, summary: null });

  it('falls back from guid to link to a content hash', () => {
    expect(itemIdentity(item('g1', 'https://a/1', '日銀'), 'guid')).toBe('guid:g1');
    expect(itemIdentity(item(null, 'https://a/1', '日銀'), 'guid')).toBe('link:https://a/1');
    expect(itemIdentity(item(null, null, '日銀'), 'guid')).toMatch(/^hash:[0-9a-f]{24}$/);
  });

  it('switches to links when GUIDs churn between fetches, to hashes when links churn too', () => {
    const prev = [item('r1-a', 'https://a/1', 'Rates held'), item('r1-b', 'https://a/2', '금리 동결'), item('r1-c', 'https://a/3', '円安')].map((i) => ({
      guid: i.guid,
      link: i.link,
      hash: itemIdentity(i, 'hash'),
    }));
    const guidsChanged = [item('r2-a', 'https://a/1', 'Rates held'), item('r2-b', 'https://a/2', '금리 동결'), item('r2-c', 'https://a/3', '円安')];
    expect(choosePolicy(prev, guidsChanged, 'guid')).toBe('link');
    const bothChanged = [item('r3-a', 'https://a/1?utm=x', 'Rates held'), item('r3-b', 'https://a/2?utm=x', '금리 동결'), item('r3-c', 'https://a/3?utm=x', '円安')];
    expect(choosePolicy(prev, bothChanged, 'guid')).toBe('hash');
    const same = [item('r1-a', 'https://a/1', 'Rates held'), item('r1-b', 'https://a/2', '금리 동결'), item('r1-c', 'https://a/3', '円安')];
    expect(choosePolicy(prev, same, 'guid')).toBe('guid');
  });
});

describe('parseOpml', () => {
  it('lists every feed once, nested folders included, skipping non-feeds and bad schemes', () => {
    const opml = parseOpml(fixture('subscriptions.opml'));
    expect(opml.title).toBe('kiji の購読リスト');
    expect(opml.feeds).toEqual([
      { url: 'https://news.example.jp/rss/economy.rdf', title: '東都ニュース 経済' },
      { url: 'https://nhk.example/rss/news/cat0.xml', title: 'NHK風ニュース' },
      { url: 'https://hanbit.example/rss/economy.xml', title: '한빛일보 - 경제' },
      { url: 'https://ledger.example/business/atom.xml', title: 'The Daily Ledger' },
    ]);
  });

  it('rejects a document that is not OPML', () => {
    expect(() => parseOpml('<rss version="2.0"><channel/></rss>')).toThrow(/no <opml> root/);
  });
});
