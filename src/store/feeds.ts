/**
 * Feed polling state in the store: conditional-GET validators, the identity
 * policy and health of each source, the item keys already seen, and every
 * fetch error with its code (migration 003-feeds).
 */
import type { Kysely } from 'kysely';
import type { Store } from './index.js';

export interface FeedTables {
  feed_sources: {
    url: string;
    title: string | null;
    etag: string | null;
    last_modified: string | null;
    identity_policy: string;
    last_fetched_at: string | null;
    last_ok_at: string | null;
    last_status: string | null;
    last_error_code: string | null;
    last_error_message: string | null;
    consecutive_failures: number;
    next_fetch_at: string | null;
    created_at: string;
  };
  feed_items_seen: {
    feed_url: string;
    item_key: string;
    guid: string | null;
    link: string | null;
    content_hash: string;
    first_seen_at: string;
  };
  source_errors: {
    source: string;
    at: string;
    code: string;
    message: string;
    retryable: number;
    status: number | null;
  };
}

type Db = Kysely<FeedTables>;
const dbOf = (store: Store): Db => store.db as unknown as Db;

export type IdentityPolicyName = 'guid' | 'link' | 'hash';

export interface FeedSourceState {
  url: string;
  title: string | null;
  etag: string | null;
  lastModified: string | null;
  identityPolicy: IdentityPolicyName;
  lastFetchedAt: string | null;
  lastOkAt: string | null;
  /** 'ok', 'not_modified' or 'error'. */
  lastStatus: string | null;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  consecutiveFailures: number;
  /** Earliest time the next poll should run (backoff after failures, Retry-After). */
  nextFetchAt: string | null;
}

export interface SeenItemRow {
  key: string;
  guid: string | null;
  link: string | null;
  /** itemIdentity(item, 'hash'): lets the identity policy be re-judged later. */
  hash: string;
}

export interface SourceError {
  source: string;
  at: string;
  code: string;
  message: string;
  retryable: boolean;
  status: number | null;
}

function toState(r: FeedTables['feed_sources']): FeedSourceState {
  return {
    url: r.url,
    title: r.title,
    etag: r.etag,
    lastModified: r.last_modified,
    identityPolicy: (['guid', 'link', 'hash'].includes(r.identity_policy) ? r.identity_policy : 'guid') as IdentityPolicyName,
    lastFetchedAt: r.last_fetched_at,
    lastOkAt: r.last_ok_at,
    lastStatus: r.last_status,
    lastErrorCode: r.last_error_code,
    lastErrorMessage: r.last_error_message,
    consecutiveFailures: Number(r.consecutive_failures),
    nextFetchAt: r.next_fetch_at,
  };
}

/**
 * @example
 * const state = await getFeedSource(store, 'https://www3.nhk.or.jp/rss/news/cat0.xml');
 * state?.etag // sent back as If-None-Match
 */
export async function getFeedSource(store: Store, url: string): Promise<FeedSourceState | null> {
  const row = await dbOf(store).selectFrom('feed_sources').selectAll().where('url', '=', url).executeTakeFirst();
  return row ? toState(row) : null;
}

/** Every known source with its health, most troubled first: what `/sources` shows. */
export async function listFeedSources(store: Store): Promise<FeedSourceState[]> {
  const rows = await dbOf(store).selectFrom('feed_sources').selectAll().orderBy('consecutive_failures', 'desc').orderBy('url').execute();
  return rows.map(toState);
}

async function ensureSource(db: Db, url: string, at: string): Promise<void> {
  await db
    .insertInto('feed_sources')
    .values({ url, created_at: at, identity_policy: 'guid', consecutive_failures: 0 })
    .onConflict((oc) => oc.column('url').doNothing())
    .execute();
}

/** A successful poll whose items were all handled: keep the validators for the next conditional GET. */
export async function recordFeedOk(
  store: Store,
  url: string,
  v: { title: string | null; etag: string | null; lastModified: string | null; identityPolicy: IdentityPolicyName; at: Date },
): Promise<void> {
  const db = dbOf(store);
  const at = v.at.toISOString();
  await ensureSource(db, url, at);
  await db
    .updateTable('feed_sources')
    .set({
      title: v.title,
      etag: v.etag,
      last_modified: v.lastModified,
      identity_policy: v.identityPolicy,
      last_fetched_at: at,
      last_ok_at: at,
      last_status: 'ok',
      last_error_code: null,
      last_error_message: null,
      consecutive_failures: 0,
      next_fetch_at: null,
    })
    .where('url', '=', url)
    .execute();
}

/** A 304: nothing changed, nothing to do downstream. */
export async function recordFeedNotModified(store: Store, url: string, at: Date): Promise<void> {
  const db = dbOf(store);
  const iso = at.toISOString();
  await ensureSource(db, url, iso);
  await db
    .updateTable('feed_sources')
    .set({ last_fetched_at: iso, last_ok_at: iso, last_status: 'not_modified', consecutive_failures: 0, next_fetch_at: null, last_error_code: null, last_error_message: null })
    .where('url', '=', url)
    .execute();
}

/**
 * A failed poll: logged in `source_errors`, counted on the source, and the
 * next poll pushed back (the caller computes `retryAt` from Retry-After or backoff).
 */
export async function recordSourceError(
  store: Store,
  source: string,
  err: { code: string; message: string; retryable: boolean; status?: number | null },
  at: Date,
  retryAt: Date | null = null,
): Promise<void> {
  const db = dbOf(store);
  const iso = at.toISOString();
  await ensureSource(db, source, iso);
  await db
    .insertInto('source_errors')
    .values({ source, at: iso, code: err.code, message: err.message, retryable: err.retryable ? 1 : 0, status: err.status ?? null })
    .execute();
  const row = await db.selectFrom('feed_sources').select('consecutive_failures').where('url', '=', source).executeTakeFirst();
  await db
    .updateTable('feed_sources')
    .set({
      last_fetched_at: iso,
      last_status: 'error',
      last_error_code: err.code,
      last_error_message: err.message,
      consecutive_failures: Number(row?.consecutive_failures ?? 0) + 1,
      next_fetch_at: retryAt ? retryAt.toISOString() : null,
    })
    .where('url', '=', source)
    .execute();
}

/** The most recent errors of one source (or of all, when `source` is null). */
export async function listSourceErrors(store: Store, source: string | null, limit = 50): Promise<SourceError[]> {
  let q = dbOf(store).selectFrom('source_errors').selectAll();
  if (source !== null) q = q.where('source', '=', source);
  const rows = await q.orderBy('at', 'desc').limit(limit).execute();
  return rows.map((r) => ({ source: r.source, at: r.at, code: r.code, message: r.message, retryable: Number(r.retryable) === 1, status: r.status }));
}

/** Which of `keys` this feed has not seen yet, in the order given. */
export async function unseenItemKeys(store: Store, feedUrl: string, keys: string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const seen = new Set<string>();
  // Chunked: SQLite limits the number of bound parameters.
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await dbOf(store)
      .selectFrom('feed_items_seen')
      .select('item_key')
      .where('feed_url', '=', feedUrl)
      .where('item_key', 'in', keys.slice(i, i + 500))
      .execute();
    for (const r of rows) seen.add(r.item_key);
  }
  return keys.filter((k) => !seen.has(k));
}

/** Remember items as handled; seeing one again is a no-op. */
export async function markItemsSeen(store: Store, feedUrl: string, items: SeenItemRow[], at: Date): Promise<void> {
  if (items.length === 0) return;
  const iso = at.toISOString();
  const db = dbOf(store);
  await ensureSource(db, feedUrl, iso);
  for (let i = 0; i < items.length; i += 200) {
    await db
      .insertInto('feed_items_seen')
      .values(items.slice(i, i + 200).map((it) => ({ feed_url: feedUrl, item_key: it.key, guid: it.guid, link: it.link, content_hash: it.hash, first_seen_at: iso })))
      .onConflict((oc) => oc.columns(['feed_url', 'item_key']).doNothing())
      .execute();
  }
}

/** The latest seen items of a feed, to judge whether its GUIDs are stable. */
export async function recentSeenItems(store: Store, feedUrl: string, limit = 100): Promise<SeenItemRow[]> {
  const rows = await dbOf(store)
    .selectFrom('feed_items_seen')
    .select(['item_key', 'guid', 'link', 'content_hash'])
    .where('feed_url', '=', feedUrl)
    .orderBy('first_seen_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ key: r.item_key, guid: r.guid, link: r.link, hash: r.content_hash }));
}
