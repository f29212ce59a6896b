/**
 * One poll of one feed against the store: conditional GET with the stored
 * validators, parse, pick the identity policy, and return only the items the
 * feed has not delivered before. Each item is marked seen by the ingestion
 * loop once its article is stored or its failure recorded; the validators
 * are kept only when every item is settled (`commit`), so a crash in between
 * loses no item (the next poll sends no validators that would hide them
 * behind a 304, and fetches only the items still unseen).
 */
import type { StageContext } from '../../context.js';
import { InputError } from '../../errors.js';
import {
  getFeedSource,
  markItemsSeen,
  recentSeenItems,
  recordFeedNotModified,
  recordFeedOk,
  recordSourceError,
  unseenItemKeys,
} from '../../store/feeds.js';
import type { Store } from '../../store/index.js';
import { FetchError, isFetchError } from '../http/errors.js';
import { fetchUrl, type FetchedResource, type HostScheduler } from '../http/index.js';
import { backoffDelay } from '../http/scheduler.js';
import { choosePolicy, itemIdentity, type IdentityPolicy } from './identity.js';
import { parseFeed, type FeedDocument, type FeedItem } from './index.js';
import { textToHtml } from '../../html-escape.js';
import { replaceScriptAndStyle, replaceTags } from '../../strip-tags.js';
import type { FullTextMode } from '../config.js';
import type { SeenItemRef, Unit } from '../units.js';

export const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5';

export type PollResult =
  | { status: 'not_modified'; feedUrl: string }
  | {
      status: 'ok';
      feedUrl: string;
      feed: FeedDocument;
      policy: IdentityPolicy;
      /** Items not seen before, in feed order, with their identity keys. */
      fresh: { key: string; item: FeedItem; seen: SeenItemRef }[];
      /** Record the validators and the feed's health. Call once every fresh item is settled. */
      commit(): Promise<void>;
    };

/**
 * @example
 * const r = await pollFeed('https://www3.nhk.or.jp/rss/news/cat0.xml', ctx, store);
 * if (r.status === 'ok') { for (const f of r.fresh) await settle(feedItemUnit(f.item, r.feed, r.feedUrl, f.seen, ctx)); await r.commit(); }
 */
export async function pollFeed(
  feedUrl: string,
  ctx: StageContext,
  store: Store,
  opts: { scheduler?: HostScheduler; prefetched?: FetchedResource } = {},
): Promise<PollResult> {
  const state = await getFeedSource(store, feedUrl);
  const now = ctx.clock();
  let res: FetchedResource;
  try {
    // A body fetched a moment ago to find out what the URL is (no validators sent) saves a second request.
    res = opts.prefetched ?? await fetchUrl(feedUrl, ctx, {
      etag: state?.etag ?? null,
      lastModified: state?.lastModified ?? null,
      accept: FEED_ACCEPT,
      ...(opts.scheduler ? { scheduler: opts.scheduler } : {}),
    });
  } catch (err) {
    if (isFetchError(err) && err.code === 'not_modified') {
      await recordFeedNotModified(store, feedUrl, now);
      return { status: 'not_modified', feedUrl };
    }
    await recordPollFailure(store, feedUrl, err, ctx, state?.consecutiveFailures ?? 0);
    throw err;
  }

  let feed: FeedDocument;
  try {
    const zone = ctx.config.fetch.feedTimeZones[feedUrl] ?? ctx.config.timeZone;
    feed = await parseFeed(res.body, { url: res.finalUrl, timeZone: zone });
  } catch (err) {
    await recordPollFailure(store, feedUrl, err, ctx, state?.consecutiveFailures ?? 0);
    throw err;
  }
  if (!feed.wellFormed) ctx.log.warn('feed repaired', { stage: 'fetch', feed_url: feedUrl, warning: feed.warnings[0] });

  const seen = await recentSeenItems(store, feedUrl, 1000);
  const policy = choosePolicy(seen, feed.items, state?.identityPolicy ?? 'guid');
  if (state && policy !== state.identityPolicy) ctx.log.info('feed identity policy changed', { stage: 'fetch', feed_url: feedUrl, from: state.identityPolicy, to: policy });
  const keyed = feed.items.map((item) => ({ key: itemIdentity(item, policy), item }));
  // The same item twice in one feed (it happens) is delivered once.
  const unique = [...new Map(keyed.map((k) => [k.key, k])).values()];
  const unseen = new Set(await unseenItemKeys(store, feedUrl, unique.map((k) => k.key)));
  // Items remembered under an earlier policy (by GUID) still count as seen after a switch.
  const seenLinks = new Set(seen.map((r) => r.link).filter(Boolean));
  const seenHashes = new Set(seen.map((r) => r.hash));
  const fresh = unique
    .filter((k) => unseen.has(k.key) && !(policy !== 'guid' && ((k.item.link && seenLinks.has(k.item.link) && policy === 'link') || seenHashes.has(itemIdentity(k.item, 'hash')))))
    .map((k) => ({ ...k, seen: { feedUrl, key: k.key, guid: k.item.guid, link: k.item.link, hash: itemIdentity(k.item, 'hash') } }));

  return {
    status: 'ok',
    feedUrl,
    feed,
    policy,
    fresh,
    async commit() {
      await recordFeedOk(store, feedUrl, { title: feed.title, etag: res.etag, lastModified: res.lastModified, identityPolicy: policy, at: ctx.clock() });
    },
  };
}

async function recordPollFailure(store: Store, feedUrl: string, err: unknown, ctx: StageContext, failuresSoFar: number): Promise<void> {
  const now = ctx.clock();
  const e = isFetchError(err)
    ? { code: err.code, message: err.message, retryable: err.retryable, status: (err as FetchError).status }
    : { code: 'internal', message: err instanceof Error ? err.message : String(err), retryable: false, status: null };
  // Failing sources are polled less often: Retry-After when given, else exponential backoff (capped at a day).
  const delay = isFetchError(err) && err.retryAfterMs !== null ? err.retryAfterMs : backoffDelay(failuresSoFar, 60_000, 24 * 3600_000);
  await recordSourceError(store, feedUrl, e, now, e.retryable ? new Date(now.getTime() + delay) : null);
}

/**
 * Mark a feed item seen: its article is stored, or its failure recorded.
 *
 * @example
 * await settleItem(store, unit.item, ctx.clock());
 */
export async function settleItem(store: Store, item: SeenItemRef, at: Date): Promise<void> {
  await markItemsSeen(store, item.feedUrl, [{ key: item.key, guid: item.guid, link: item.link, hash: item.hash }], at);
}

/**
 * What a feed item becomes: the article itself when its own body is a full
 * article, else its article page to fetch (see `isFullArticle` and the
 * `fetch.fullText` setting), with the feed's metadata either way.
 *
 * @example
 * const unit = feedItemUnit(item, feed, feedUrl, seen, ctx); // { kind: 'page', page: { url: item.link, … } }
 */
export function feedItemUnit(item: FeedItem, feed: FeedDocument, feedUrl: string, seen: SeenItemRef | null, ctx: StageContext, mode?: FullTextMode): Unit {
  const cfg = ctx.config.fetch;
  const want = mode ?? cfg.feedFullText[feedUrl] ?? cfg.fullText;
  const body = item.contentHtml ?? (item.summary ? textToHtml(item.summary) : '');
  const meta = {
    title: item.title,
    publishedAt: item.publishedAt,
    author: item.author,
    url: item.link,
    siteName: feed.title,
    feedUrl,
    guid: item.guid,
  };
  // The feed's declared language is a signal weighed against the text, never a verdict: a
  // template's `en` on a German feed must not make its items English (src/language/decide.ts).
  const languageSignals = feed.lang ? [{ source: 'feed' as const, value: feed.lang }] : [];
  const input = item.link ?? `${feedUrl}#${encodeURIComponent(item.id)}`;
  const follow = want === 'always' || (want === 'auto' && !isFullArticle(body, cfg.fullTextMinChars));
  if (!follow) {
    return {
      kind: 'document',
      doc: { source: { kind: 'feed-item', uri: input }, format: 'html', body, langHint: null, languageSignals, meta, fetchedAt: ctx.clock().toISOString() },
      item: seen,
    };
  }
  const named = `item ${item.title ? `"${clip(item.title, 80)}" ` : ''}of ${feed.title ? `${feed.title} (${feedUrl})` : feedUrl}`;
  if (!item.link) {
    return { kind: 'invalid', input, item: seen, error: new InputError('fetch', 'bad_request', `${input}: ${named} has no link to its article page and no full text of its own`, { input }) };
  }
  if (!/^https?:\/\//i.test(item.link)) {
    return { kind: 'invalid', input, item: seen, error: new InputError('fetch', 'bad_request', `${input}: ${named} links to ${clip(item.link, 80)}, not an http(s) page`, { input }) };
  }
  return {
    kind: 'page',
    page: {
      url: item.link,
      label: named,
      langHint: null,
      languageSignals,
      meta: { title: null, publishedAt: null, author: null, url: null, siteName: null, feedUrl, guid: item.guid },
      fallback: { ...meta, url: null, feedUrl: null, guid: null },
    },
    item: seen,
  };
}

// Where a feed cuts its text short: an ellipsis, "[…]", 続きを読む, 더보기 at the end, or "Read more" up to 40
// characters before the end (see endsCutShort).
const CUT_SHORT_MARK = /(?:\.\.\.|…|\[(?:…|\.\.\.)\]|続きを読む|全文を読む|もっと見る|더\s?보기|기사\s?전문|전문\s?보기)\s?\W{0,3}$/i;
const READ_MORE = /read (?:the )?(?:full|more)|continue reading/gi;
const CUT_SHORT_END = /^\s?\W{0,3}$/;

/**
 * Does a feed body end the way feeds cut text short? What
 * /(\.\.\.|…|\[(…|\.\.\.)\]|read (the )?(full|more)[^.]{0,40}|continue reading[^.]{0,40}|続きを読む|全文を読む|もっと見る|더\s?보기|기사\s?전문|전문\s?보기)\s*\W{0,3}\s*$/i
 * matched, for htmlToText's output (trimmed, single spaces: there `\s*…\s*$` is `\s?…$`, and a match
 * lies in the last 60 characters). "Read more" and the 40 characters after it are checked in code:
 * in one regex they made it polynomial.
 */
function endsCutShort(text: string): boolean {
  if (CUT_SHORT_MARK.test(text)) return true;
  const tail = text.slice(-80);
  for (const m of tail.matchAll(READ_MORE)) {
    const after = tail.slice(m.index + m[0].length);
    // After the words: up to 40 characters without a full stop, then an ending of at most 4 characters.
    for (let end = Math.max(0, after.length - 4); end <= Math.min(40, after.length); end++) {
      if (!after.slice(0, end).includes('.') && CUT_SHORT_END.test(after.slice(end))) return true;
    }
  }
  return false;
}

/**
 * Is a feed item's own body the whole article? Not when it is empty, ends the
 * way feeds cut text short ("…", "Read more", 続きを読む, 더보기), or is
 * short: under `minChars` (Latin characters; a Japanese or Chinese character
 * counts 2.5, a Korean syllable 2), or under a fifth of that for a body of
 * three paragraphs or more, which a teaser never has.
 *
 * @example
 * isFullArticle('<p>Samsung will invest $3 billion…</p>', 1200) // false
 */
export function isFullArticle(html: string, minChars: number): boolean {
  const text = htmlToText(html);
  if (!text || endsCutShort(text)) return false;
  let weight = 0;
  for (const ch of text) weight += /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(ch) ? 2.5 : /\p{Script=Hangul}/u.test(ch) ? 2 : /\s/.test(ch) ? 0.5 : 1;
  if (weight >= minChars) return true;
  const paragraphs = html.split(/<\/p>|<br\s*\/?>\s*<br\s*\/?>|\n\s*\n/i).filter((p) => htmlToText(p)).length;
  return paragraphs >= 3 && weight >= minChars / 5;
}

function htmlToText(html: string): string {
  return decodeEntities(replaceTags(replaceScriptAndStyle(html, ' '), ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : ' ';
    }
    return NAMED[e.toLowerCase()] ?? m;
  });
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', hellip: '…' };

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

