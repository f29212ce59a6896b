/**
 * Inputs that are not plain local documents, as RawDocuments: a URL (a page,
 * a feed or an OPML list, told apart by what comes back) and feed or OPML
 * bodies read from files. Stateless: for `kiji analyze` and one-off reads.
 * `kiji ingest` polls feeds with pollFeed instead, which remembers validators
 * and seen items in the store.
 */
import type { StageContext } from '../../context.js';
import type { Lang, RawDocument, Source } from '../../records.js';
import { parseFeed, type FeedDocument } from './index.js';
import { feedItemDocument, FEED_ACCEPT } from './poll.js';
import { fetchUrl, pageDocument, resourceKind } from '../http/index.js';
import { parseOpml } from '../opml.js';

/**
 * Fetch `url` and return its documents: one for a page, one per item for a
 * feed, one per item of every feed for an OPML list.
 *
 * @example
 * const docs = await urlDocuments('https://www.yna.co.kr/rss/economy.xml', ctx, null);
 */
export async function urlDocuments(url: string, ctx: StageContext, lang: Lang | null): Promise<RawDocument[]> {
  const res = await fetchUrl(url, ctx, { accept: `text/html,application/xhtml+xml,${FEED_ACCEPT}` });
  const kind = resourceKind(res);
  if (kind === 'feed') return itemsOf(await parseFeed(res.body, { url: res.finalUrl, timeZone: zoneFor(res.finalUrl, ctx) }), url, ctx, lang);
  if (kind === 'opml') {
    const out: RawDocument[] = [];
    for (const f of parseOpml(res.body).feeds) out.push(...(await feedUrlDocuments(f.url, ctx, lang)));
    return out;
  }
  return [pageDocument(res, ctx, lang)];
}

/** The items of the feed at `url`. */
export async function feedUrlDocuments(url: string, ctx: StageContext, lang: Lang | null): Promise<RawDocument[]> {
  const res = await fetchUrl(url, ctx, { accept: FEED_ACCEPT });
  return itemsOf(await parseFeed(res.body, { url: res.finalUrl, timeZone: zoneFor(res.finalUrl, ctx) }), url, ctx, lang);
}

/**
 * A feed file's items, or an OPML file's feeds fetched and expanded.
 *
 * @example
 * const docs = await feedBodyDocuments(text, 'feed', { kind: 'file', uri: 'news.rss' }, ctx, null);
 */
export async function feedBodyDocuments(body: string, format: 'feed' | 'opml', source: Source, ctx: StageContext, lang: Lang | null): Promise<RawDocument[]> {
  if (format === 'opml') {
    const out: RawDocument[] = [];
    for (const f of parseOpml(body).feeds) out.push(...(await feedUrlDocuments(f.url, ctx, lang)));
    return out;
  }
  const feed = await parseFeed(body, { url: /^https?:/.test(source.uri) ? source.uri : null, timeZone: zoneFor(source.uri, ctx) });
  return itemsOf(feed, source.uri, ctx, lang);
}

function itemsOf(feed: FeedDocument, feedUri: string, ctx: StageContext, lang: Lang | null): RawDocument[] {
  return feed.items.map((item) => {
    const doc = feedItemDocument(item, feed, feedUri, ctx);
    return lang ? { ...doc, langHint: lang } : doc;
  });
}

function zoneFor(feedUrl: string, ctx: StageContext): string {
  return ctx.config.fetch.feedTimeZones[feedUrl] ?? ctx.config.timeZone;
}
