/**
 * fetch: an input named on the command line, in a batch line or on the queue
 * becomes what the rest of the pipeline reads: documents in hand, and
 * article pages still to fetch for feed items that carry only a title or a
 * teaser (`units.ts`). The ingestion loop (src/ingest) drives it.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { StageContext } from '../context.js';
import { InputError } from '../errors.js';
import type { Lang, RawDocument } from '../records.js';
import type { Store } from '../store/index.js';
import { getFeedSource } from '../store/feeds.js';
import type { FullTextMode } from './config.js';
import { parseFeed } from './feed/index.js';
import { FEED_ACCEPT, feedItemUnit, pollFeed } from './feed/poll.js';
import { FetchError, fetchUrl, isFetchError, pageDocument, resourceKind, type FetchedResource } from './http/index.js';
import { formatOfPath, localDocument, readLocalFile, readStdin, type LocalFormat } from './local.js';
import { parseOpml } from './opml.js';
import type { PageRequest, Unit } from './units.js';

export { PageRequest, SeenItemRef, unitInput, type Unit } from './units.js';
export { isFullArticle, settleItem } from './feed/poll.js';

/** One thing named on the command line or in a batch line. */
export type InputRef = { kind: 'file'; path: string } | { kind: 'url'; url: string } | { kind: 'stdin' };

/**
 * @example
 * classifyInput('https://example.com/a') // { kind: 'url', url: 'https://example.com/a' }
 * classifyInput('-')                      // { kind: 'stdin' }
 */
export function classifyInput(arg: string): InputRef {
  if (arg === '-') return { kind: 'stdin' };
  if (/^https?:\/\//i.test(arg)) return { kind: 'url', url: arg };
  return { kind: 'file', path: arg };
}

/** The name an input goes by in messages and in the failures table. */
export function inputName(ref: InputRef): string {
  return ref.kind === 'file' ? ref.path : ref.kind === 'url' ? ref.url : '-';
}

/**
 * What one source gives: an OPML list names other sources (each read on its
 * own, so one failing feed does not stop the others), anything else gives
 * units. A polled feed also gives `commit`, to keep its validators once every
 * unit is settled, and says how many new items it left for the next poll.
 */
export type Acquired =
  | { kind: 'list'; origin: string; sources: string[] }
  | { kind: 'units'; origin: string; units: Unit[]; commit: (() => Promise<void>) | null; deferred: number };

export interface AcquireOptions {
  /** With a store, a feed URL is polled: a conditional GET, and only the items it has not delivered before. */
  store?: Store | null;
  stdin?: NodeJS.ReadableStream;
  /** A language the caller asserts for every document (`--lang`). */
  lang?: Lang | null;
  /** Overrides `fetch.fullText` for the feeds of this source. */
  fullText?: FullTextMode;
  /** The source is known to be a feed (one named in an OPML list): poll it without a first look. */
  feed?: boolean;
}

/**
 * fetch one source: a file (a document, a feed file or an OPML list), a URL
 * (a page, a feed or an OPML list, told apart by what comes back) or stdin.
 *
 * @example
 * const got = await acquireSource(classifyInput('https://www.yna.co.kr/rss/news.xml'), ctx, { store });
 * if (got.kind === 'units') for (const u of got.units) …;
 */
export async function acquireSource(ref: InputRef, ctx: StageContext, opts: AcquireOptions = {}): Promise<Acquired> {
  const lang = opts.lang ?? null;
  if (ref.kind === 'stdin') {
    if (!opts.stdin) throw new InputError('fetch', 'bad_request', 'stdin: no standard input to read', { input: '-' });
    const { body, format } = await readStdin(opts.stdin, ctx);
    return fromBody(body, format, { kind: 'stdin', uri: '-' }, ctx, opts);
  }
  if (ref.kind === 'file') {
    const { body, format } = await readLocalFile(ref.path, ctx);
    return fromBody(body, format, { kind: 'file', uri: ref.path }, ctx, opts);
  }
  const store = opts.store ?? null;
  // A URL known to be a feed is polled straight away (its failures kept on the feed's record); otherwise one look decides what it is.
  if (store && (opts.feed || (await getFeedSource(store, ref.url)))) return pollUnits(ref.url, ctx, store, opts);
  const res = await fetchUrl(ref.url, ctx, { accept: `text/html,application/xhtml+xml,${FEED_ACCEPT}` });
  const kind = resourceKind(res);
  if (kind === 'html' || kind === 'text') return units(ref.url, [{ kind: 'document', doc: pageDocument(res, ctx, lang), item: null }]);
  if (kind === 'opml') return { kind: 'list', origin: ref.url, sources: parseOpml(res.body).feeds.map((f) => f.url) };
  if (store) return pollUnits(ref.url, ctx, store, opts, res);
  return feedUnits(res.body, res.finalUrl, ctx, opts);
}

async function fromBody(body: string, format: LocalFormat, source: RawDocument['source'], ctx: StageContext, opts: AcquireOptions): Promise<Acquired> {
  if (format === 'opml') return { kind: 'list', origin: source.uri, sources: parseOpml(body).feeds.map((f) => f.url) };
  if (format === 'feed') return feedUnits(body, source.uri, ctx, opts);
  return units(source.uri, [{ kind: 'document', doc: localDocument(body, format, source, ctx, opts.lang ?? null), item: null }]);
}

const units = (origin: string, list: Unit[]): Acquired => ({ kind: 'units', origin, units: list, commit: null, deferred: 0 });

/** Every item of a feed read without state (a feed file, `kiji analyze`). */
async function feedUnits(body: string, feedUri: string, ctx: StageContext, opts: AcquireOptions): Promise<Acquired> {
  const feedUrl = /^https?:/i.test(feedUri) ? feedUri : null;
  const feed = await parseFeed(body, { url: feedUrl, timeZone: feedZone(feedUri, ctx) });
  return units(feedUri, feed.items.map((item) => withLang(feedItemUnit(item, feed, feedUri, null, ctx, opts.fullText), opts.lang ?? null)));
}

/** The new items of a polled feed, at most `fetch.maxItemsPerPoll` of them: the rest are left for the next poll. */
async function pollUnits(url: string, ctx: StageContext, store: Store, opts: AcquireOptions, prefetched?: FetchedResource): Promise<Acquired> {
  // A feed seen for the first time was fetched once already to learn what it is: poll that response.
  const r = await pollFeed(url, ctx, store, prefetched ? { prefetched } : {});
  if (r.status === 'not_modified') return units(url, []);
  const max = ctx.config.fetch.maxItemsPerPoll;
  const taken = r.fresh.slice(0, max);
  if (r.fresh.length > max) ctx.log.warn('feed has more new items than one poll takes', { stage: 'fetch', feed_url: url, new_items: r.fresh.length, taken: max });
  return {
    kind: 'units',
    origin: url,
    units: taken.map((f) => withLang(feedItemUnit(f.item, r.feed, r.feedUrl, f.seen, ctx, opts.fullText), opts.lang ?? null)),
    commit: r.commit,
    deferred: r.fresh.length - taken.length,
  };
}

function withLang(u: Unit, lang: Lang | null): Unit {
  if (!lang) return u;
  if (u.kind === 'document') return { ...u, doc: { ...u.doc, langHint: lang } };
  if (u.kind === 'page') return { ...u, page: { ...u.page, langHint: lang } };
  return u;
}

function feedZone(feedUri: string, ctx: StageContext): string {
  return ctx.config.fetch.feedTimeZones[feedUri] || ctx.config.timeZone;
}

/**
 * Fetch a feed item's article page through the polite, SSRF-safe fetcher and
 * make it a document carrying the feed's metadata. A failure names the item.
 *
 * @example
 * const doc = await fetchPage(unit.page, ctx); // source { kind: 'feed-item', uri: item link }
 */
export async function fetchPage(page: PageRequest, ctx: StageContext): Promise<RawDocument> {
  let res: FetchedResource;
  try {
    res = await fetchUrl(page.url, ctx);
  } catch (err) {
    if (!isFetchError(err)) throw err;
    throw new FetchError(err.code, `${page.label}: ${err.message.replace(/^fetch: /, '')}`, { input: page.url, retryable: err.retryable, retryAfterMs: err.retryAfterMs, status: err.status, cause: err });
  }
  const kind = resourceKind(res);
  if (kind === 'feed' || kind === 'opml') {
    throw new FetchError('not_a_page', `${page.label}: ${page.url} is ${kind === 'feed' ? 'a feed' : 'an OPML list'}, not an article page`, { input: page.url, retryable: false });
  }
  const doc = pageDocument(res, ctx, page.langHint);
  return {
    ...doc,
    languageSignals: [...(doc.languageSignals ?? []), ...page.languageSignals],
    source: { kind: 'feed-item', uri: page.url },
    meta: { ...doc.meta, feedUrl: page.meta.feedUrl, guid: page.meta.guid },
    fallback: page.fallback,
  };
}

/**
 * The one document an input holds, for `kiji analyze` and `kiji review`: a
 * file, a page URL or stdin. A feed or an OPML list is refused (they hold
 * many: `kiji ingest` reads those).
 *
 * @example
 * const doc = await acquireDocument(classifyInput('a.md'), ctx);
 */
export async function acquireDocument(ref: InputRef, ctx: StageContext, opts: { stdin?: NodeJS.ReadableStream; lang?: Lang | null } = {}): Promise<RawDocument> {
  const got = await acquireSource(ref, ctx, { ...opts, fullText: 'never' });
  const name = inputName(ref);
  if (got.kind === 'list') throw new InputError('fetch', 'unsupported_format', `${name}: an OPML list of ${got.sources.length} feeds, not one document; use kiji ingest for feeds`, { input: name });
  const docs = got.units.flatMap((u) => (u.kind === 'document' ? [u.doc] : []));
  if (got.units.length !== 1 || docs.length !== 1) {
    throw new InputError('fetch', 'unsupported_format', `${name}: holds ${got.units.length} documents (a feed?), not one; use kiji ingest for feeds`, { input: name });
  }
  return docs[0]!;
}

/**
 * Expand command-line paths: a directory is walked (sorted, recursively); in
 * a fixture folder (one holding `expected.json`) only its `source.*` document
 * is read, never the goldens.
 *
 * @example
 * await expandPaths(['fixtures/articles']) // ['fixtures/articles/en-…/source.md', …]
 */
export async function expandPaths(args: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const arg of args) {
    if (classifyInput(arg).kind !== 'file') {
      out.push(arg);
      continue;
    }
    let info;
    try {
      info = await stat(arg);
    } catch {
      out.push(arg); // reported as not found when read
      continue;
    }
    if (info.isDirectory()) out.push(...(await walk(arg)));
    else out.push(arg);
  }
  return out;
}

async function walk(dir: string): Promise<string[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  if (entries.some((e) => e.isFile() && e.name === 'expected.json')) {
    return entries.filter((e) => e.isFile() && /^source\.[a-z]+$/i.test(e.name)).map((e) => join(dir, e.name));
  }
  const out: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else if (e.isFile() && formatOfPath(p)) out.push(p);
  }
  return out;
}
