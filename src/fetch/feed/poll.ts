/**
 * One poll of one feed against the store: conditional GET with the stored
 * validators, parse, pick the identity policy, and return only the items the
 * feed has not delivered before. Nothing is remembered until the caller
 * commits, so a crash between fetching and storing loses no item (the next
 * poll sends no validators that would hide them behind a 304).
 */
import type { StageContext } from '../../context.js';
import type { Lang, RawDocument } from '../../records.js';
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
import { escapeHtml } from '../../html-escape.js';

export const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5';

export type PollResult =
  | { status: 'not_modified'; feedUrl: string }
  | {
      status: 'ok';
      feedUrl: string;
      feed: FeedDocument;
      policy: IdentityPolicy;
      /** Items not seen before, in feed order, with their identity keys. */
      fresh: { key: string; item: FeedItem }[];
      /** Record the validators and mark every item of this fetch as seen. Call after storing `fresh`. */
      commit(): Promise<void>;
    };

/**
 * @example
 * const r = await pollFeed('https://www3.nhk.or.jp/rss/news/cat0.xml', ctx, store);
 * if (r.status === 'ok') { for (const { item } of r.fresh) await ingest(feedItemDocument(item, r.feed, r.feedUrl, ctx)); await r.commit(); }
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
  const fresh = unique.filter(
    (k) => unseen.has(k.key) && !(policy !== 'guid' && ((k.item.link && seenLinks.has(k.item.link) && policy === 'link') || seenHashes.has(itemIdentity(k.item, 'hash')))),
  );

  return {
    status: 'ok',
    feedUrl,
    feed,
    policy,
    fresh,
    async commit() {
      const at = ctx.clock();
      await markItemsSeen(
        store,
        feedUrl,
        unique.map(({ key, item }) => ({ key, guid: item.guid, link: item.link, hash: itemIdentity(item, 'hash') })),
        at,
      );
      await recordFeedOk(store, feedUrl, { title: feed.title, etag: res.etag, lastModified: res.lastModified, identityPolicy: policy, at });
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
 * A feed item as a RawDocument for the pipeline: the item's HTML body (or
 * summary), with the metadata the feed already knows.
 *
 * @example
 * const doc = feedItemDocument(item, feed, feedUrl, ctx);
 */
export function feedItemDocument(item: FeedItem, feed: FeedDocument, feedUrl: string, ctx: StageContext): RawDocument {
  const body = item.contentHtml ?? (item.summary ? `<p>${escapeHtml(item.summary)}</p>` : '');
  return {
    source: { kind: 'feed-item', uri: item.link ?? `${feedUrl}#${encodeURIComponent(item.id)}` },
    format: 'html',
    body,
    langHint: langOf(feed.lang),
    meta: {
      title: item.title,
      publishedAt: item.publishedAt,
      author: item.author,
      url: item.link,
      siteName: feed.title,
      feedUrl,
      guid: item.guid,
    },
    fetchedAt: ctx.clock().toISOString(),
  };
}

/** A feed's declared language, when it is one kiji handles. */
function langOf(tag: string | null): Lang | null {
  const primary = (tag ?? '').toLowerCase().split(/[-_]/)[0];
  return primary === 'ja' || primary === 'ko' || primary === 'en' ? primary : null;
}

