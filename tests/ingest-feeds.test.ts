/**
 * `kiji ingest` on feeds as news sites publish them: items that carry only a
 * title or a teaser are followed to their article pages (through the polite,
 * SSRF-safe fetcher, spaced per host, robots.txt honoured), the page's text is
 * the article and the feed fills what the page does not say; items whose
 * links fail leave a failure row naming them; a second run fetches nothing
 * new, and retries only what failed in a way worth retrying.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/index.js';
import { getFeedSource } from '../src/store/feeds.js';
import { kiji } from './support/cli.js';
import { ARTICLES, articlePage, FEED_DATES, rss, startNewsSite, type NewsSite } from './support/news-site.js';

let site: NewsSite;
let dir: string;
let config: string;
const INTERVAL = 120;
beforeAll(async () => {
  site = await startNewsSite();
  dir = mkdtempSync(join(tmpdir(), 'kiji-feeds-'));
  config = join(dir, 'kiji.yaml');
  writeFileSync(config, `fetch:\n  hostIntervalMs: ${INTERVAL}\n  retries: 0\n  maxItemsPerPoll: 20\n`);
});
afterAll(() => site.close());

const env = () => ({ KIJI_FETCH_ALLOW: '127.0.0.1' });
const ingest = (args: string[], db: string) => kiji(['ingest', ...args, '--db', db, '--config', config], { env: env() });
const pageHits = (from = 0) => site.hits.slice(from).filter((h) => h.path.startsWith('/articles/'));

async function stored(db: string, feedUrl?: string) {
  const store = await openStore(db);
  try {
    return { articles: await store.loadArticles(), failures: await store.listFailures(), feed: feedUrl ? await getFeedSource(store, feedUrl) : null };
  } finally {
    await store.close();
  }
}

describe('kiji ingest follows feed items to their article pages', () => {
  it('a title-only feed in ja, ko and en: each article stored once with its page\'s full text and the feed\'s metadata where the page has none', async () => {
    const db = join(dir, 'title-only.db');
    const before = site.hits.length;
    const r = await ingest([site.titleOnlyUrl], db);
    expect(r.stderr).toMatch(/ingest: 6 stored, 0 duplicate, 0 skipped, 0 failed/);
    expect(r.code).toBe(0);

    const { articles } = await stored(db);
    expect(articles.map((a) => a.lang).sort()).toEqual(['en', 'en', 'ja', 'ja', 'ko', 'ko']);
    for (const page of ARTICLES) {
      const a = articles.find((x) => x.analysis.source.uri === `${site.base}/articles/${page.slug}`);
      expect(a, page.slug).toBeDefined();
      expect(a!.analysis.source.kind).toBe('feed-item');
      expect(a!.analysis.text).toContain(page.onlyOnPage);
      expect(a!.analysis.text).toContain(page.paragraphs[0]!.slice(0, 20));
      expect(a!.title.normalize('NFKC')).toBe(page.title.normalize('NFKC'));
      expect(a!.url).toBe(`${site.base}/articles/${page.slug}`);
      // The page's own date when it states one, else the feed's.
      const expected = new Date(page.published ?? FEED_DATES[page.slug]!).toISOString();
      expect(new Date(a!.publishedAt!).toISOString(), page.slug).toBe(expected);
    }
    // Every page fetched once, robots.txt read once, requests to the host spaced.
    const pages = pageHits(before);
    expect(pages.map((h) => h.path).sort()).toEqual(ARTICLES.map((a) => `/articles/${a.slug}`).sort());
    expect(site.hits.slice(before).filter((h) => h.path === '/robots.txt')).toHaveLength(1);
    // n requests to one host span at least n - 2 intervals (one spare for a request that arrived late on a busy machine).
    const all = site.hits.slice(before);
    expect(all.at(-1)!.at - all[0]!.at).toBeGreaterThanOrEqual((all.length - 2) * INTERVAL);

    // A second run: a conditional request, a 304, and no article page asked for again.
    const mark = site.hits.length;
    const again = await ingest([site.titleOnlyUrl], db);
    expect(again.stderr).toMatch(/ingest: 0 stored, 0 duplicate, 0 skipped, 0 failed/);
    expect(pageHits(mark)).toHaveLength(0);
    expect(site.hits.slice(mark).find((h) => h.path === '/feeds/title-only.xml')?.inm).toBeDefined();
  }, 60_000);

  it('a teaser feed: the teaser is not the article, the page is', async () => {
    const db = join(dir, 'teasers.db');
    const r = await ingest([site.teaserUrl], db);
    expect(r.stderr).toMatch(/ingest: 6 stored, 0 duplicate, 0 skipped, 0 failed/);
    const { articles } = await stored(db);
    for (const page of ARTICLES) {
      const a = articles.find((x) => x.analysis.source.uri.endsWith(`/articles/${page.slug}`))!;
      for (const p of page.paragraphs) expect(a.analysis.text, page.slug).toContain(p.slice(0, 12));
      expect(a.analysis.text).toContain(page.onlyOnPage);
      // Figures and names from the whole page, not just the teaser.
      expect(a.analysis.figures.length).toBeGreaterThan(1);
    }
    const tsmc = articles.find((a) => a.analysis.source.uri.endsWith('en-tsmc-arizona'))!;
    const figures = tsmc.analysis.figures.map((f) => f.text).join(' | ');
    for (const f of ['$165 billion', '40,000', '30%']) expect(figures).toContain(f);
  }, 60_000);

  it('a feed that carries whole articles is read as it is: no page is fetched', async () => {
    const db = join(dir, 'full.db');
    const full = ARTICLES.map((a) => `<item><guid>${a.slug}-full</guid><title>${a.title}</title><link>${site.base}/articles/${a.slug}</link><pubDate>${FEED_DATES[a.slug]}</pubDate><content:encoded><![CDATA[${a.paragraphs.map((p) => `<p>${p}</p>`).join('')}]]></content:encoded></item>`).join('');
    site.addFeed('/feeds/full.xml', `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Full text</title><link>http://news.test/</link>${full}</channel></rss>`);
    const mark = site.hits.length;
    const r = await ingest([`${site.base}/feeds/full.xml`], db);
    expect(r.stderr).toMatch(/ingest: 6 stored/);
    expect(pageHits(mark)).toHaveLength(0);
    // …unless told to: --full-text always fetches every page.
    const always = await ingest([`${site.base}/feeds/full.xml`, '--full-text', 'always'], join(dir, 'full-always.db'));
    expect(always.stderr).toMatch(/ingest: 6 stored/);
    expect(pageHits(mark)).toHaveLength(6);
  }, 60_000);

  it('items whose pages fail leave a failure row naming the item and the reason; the next run retries only what can succeed', async () => {
    const db = join(dir, 'broken.db');
    site.setFlaky(true);
    const r = await ingest([site.brokenUrl], db);
    expect(r.stderr).toMatch(/ingest: 0 stored, 0 duplicate, 0 skipped, 8 failed/);
    expect(r.code).toBe(0); // every item handled: its failure recorded with the reason (CONTRACT.md)
    const { failures, feed } = await stored(db, site.brokenUrl);
    const byInput = new Map(failures.map((f) => [f.input, f.kind === 'error' ? f.error : null]));
    const expectations: [string, string, RegExp][] = [
      [`${site.base}/articles/gone`, 'http_4xx', /削除された記事.*404/],
      [`${site.base}/files/report.pdf`, 'bad_encoding', /決算短信.*not a text document/],
      ['http://10.1.2.3/notice', 'blocked', /社内向けのお知らせ/],
      [`${site.base}/loop/a`, 'blocked', /転送を繰り返すページ.*(loop|redirect)/],
      ['ftp://files.news.test/report.txt', 'bad_request', /FTP の資料.*not an http/],
      [`${site.brokenUrl}#nolink`, 'bad_request', /リンクのない速報.*no link/],
      [`${site.base}/private/memo`, 'robots', /ロボット禁止のページ.*robots\.txt/],
      [`${site.base}/articles/flaky`, 'http_5xx', /日銀.*503/],
    ];
    for (const [input, code, message] of expectations) {
      expect(byInput.get(input), input).toMatchObject({ code, message: expect.stringMatching(message) });
    }
    expect(byInput.get(`${site.base}/articles/flaky`)?.retryable).toBe(true);
    // A failure worth another try left the feed's validators unkept: the next run reads the feed again.
    expect(feed?.etag ?? null).toBeNull();

    site.setFlaky(false);
    const mark = site.hits.length;
    const again = await ingest([site.brokenUrl], db);
    expect(again.stderr).toMatch(/ingest: 1 stored, 0 duplicate, 0 skipped, 0 failed/);
    expect(again.code).toBe(0);
    // Only the page that can now succeed was asked for again.
    expect(site.hits.slice(mark).map((h) => h.path).filter((p) => p !== '/robots.txt' && !p.startsWith('/feeds/'))).toEqual(['/articles/flaky']);
    const { articles, feed: feedAfter } = await stored(db, site.brokenUrl);
    expect(articles).toHaveLength(1);
    expect(articles[0]!.analysis.text).toContain('好循環');
    expect(feedAfter?.etag).toBeTruthy();
  }, 60_000);

  it('a feed with more new items than one run takes drains over several runs, every item once', async () => {
    const db = join(dir, 'big.db');
    const n = 45;
    const cities = ['Busan', 'Daegu', 'Incheon', 'Gwangju', 'Daejeon', 'Ulsan', 'Suwon', 'Changwon', 'Cheongju'];
    const items = Array.from({ length: n }, (_, i) => {
      const city = cities[i % cities.length]!;
      const slug = `big-${i}`;
      site.addPage(
        `/articles/${slug}`,
        articlePage({
          slug,
          lang: 'en',
          title: `${city} approves plan number ${i + 1} for a new transit line`,
          teaser: '',
          paragraphs: [
            `The ${city} city council approved plan ${i + 1} on Monday, a ${(i + 3) * 7} km light-rail line that will cost about ${(i + 2) * 110} billion won and open in ${2027 + (i % 5)}.`,
            `Officials said line ${i + 1} would carry up to ${(i + 4) * 9_000} passengers a day once complete, easing traffic on ${i + 2} of the busiest roads downtown.`,
            `Construction bids for section ${String.fromCharCode(65 + (i % 26))}${i} open next spring, and ${i % 2 ? 'local' : 'national'} firms are expected to compete for ${i + 5} separate contracts.`,
          ],
          published: null,
          onlyOnPage: `plan ${i + 1}`,
        }),
      );
      return { guid: slug, title: `${city} transit plan ${i + 1}`, link: `${site.base}/articles/${slug}`, description: null, pubDate: `Mon, ${String(1 + (i % 28)).padStart(2, '0')} Sep 2025 09:00:00 +0900` };
    });
    site.addFeed('/feeds/big.xml', rss('Regional transit', 'en', items));
    const url = `${site.base}/feeds/big.xml`;
    const total = { stored: 0, duplicate: 0 };
    for (const [left, taken] of [[25, 20], [5, 20], [0, 5]] as const) {
      const r = await ingest([url], db);
      const m = /ingest: (\d+) stored, (\d+) duplicate, 0 skipped, 0 failed/.exec(r.stderr);
      expect(m, r.stderr).not.toBeNull();
      expect(Number(m![1]) + Number(m![2])).toBe(taken);
      total.stored += Number(m![1]);
      total.duplicate += Number(m![2]);
      if (left) expect(r.stderr).toMatch(new RegExp(`${left} new feed items left for the next run`));
      else expect(r.stderr).not.toMatch(/left for the next run/);
    }
    const { articles } = await stored(db);
    expect(articles).toHaveLength(n);
    expect(new Set(articles.map((a) => a.analysis.source.uri)).size).toBe(n);
  }, 120_000);
});
