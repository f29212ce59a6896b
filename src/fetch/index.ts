import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { StageContext } from '../context.js';
import { InputError } from '../errors.js';
import type { Lang, RawDocument } from '../records.js';
import type { Store } from '../store/index.js';
import { getFeedSource } from '../store/feeds.js';
import { parseFeed } from './feed/index.js';
import { feedItemDocument, pollFeed } from './feed/poll.js';
import { fetchUrl, pageDocument, resourceKind, type FetchedResource } from './http/index.js';
import { formatOfPath, localDocument, readLocalFile, readStdin, type LocalFormat } from './local.js';
import { parseOpml } from './opml.js';

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

/**
 * fetch: turn an input into the documents it holds — one for an article
 * (file, page, stdin), one per item for a feed.
 *
 * @example
 * const docs = await acquire({ kind: 'file', path: 'a.md' }, ctx, { stdin: process.stdin, lang: null });
 */
export async function acquire(ref: InputRef, ctx: StageContext, opts: { stdin?: NodeJS.ReadableStream; lang?: Lang | null } = {}): Promise<RawDocument[]> {
  const lang = opts.lang ?? null;
  if (ref.kind === 'stdin') {
    if (!opts.stdin) throw new InputError('fetch', 'bad_request', 'stdin: no standard input to read', { input: '-' });
    const { body, format } = await readStdin(opts.stdin, ctx);
    return documentsOf(body, format, { kind: 'stdin', uri: '-' }, ctx, lang);
  }
  if (ref.kind === 'url') return acquireUrl(ref.url, ctx, lang);
  const { body, format } = await readLocalFile(ref.path, ctx);
  return documentsOf(body, format, { kind: 'file', uri: ref.path }, ctx, lang);
}

function documentsOf(body: string, format: LocalFormat, source: RawDocument['source'], ctx: StageContext, lang: Lang | null): Promise<RawDocument[]> | RawDocument[] {
  if (format === 'feed' || format === 'opml') return feedDocuments(body, format, source, ctx, lang);
  return [localDocument(body, format, source, ctx, lang)];
}

/**
 * Expand command-line paths: a directory is walked (sorted, recursively); in
 * a fixture folder (one holding `expected.json`) only its `source.*` document
 * is read, never the goldens.
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

/**
 * A fetched URL: a page is one document; a feed is its items; an OPML list is
 * the items of every feed it names. Without a store (kiji analyze) a feed
 * gives all its items; with one, see `acquireForIngest`.
 */
async function acquireUrl(url: string, ctx: StageContext, lang: Lang | null): Promise<RawDocument[]> {
  const res = await fetchUrl(url, ctx);
  const kind = resourceKind(res);
  if (kind === 'html' || kind === 'text') return [pageDocument(res, ctx, lang)];
  return feedDocuments(res.body, kind, { kind: 'url', uri: res.finalUrl }, ctx, lang);
}

async function feedDocuments(body: string, format: 'feed' | 'opml', source: RawDocument['source'], ctx: StageContext, lang: Lang | null): Promise<RawDocument[]> {
  if (format === 'opml') {
    const out: RawDocument[] = [];
    for (const f of parseOpml(body).feeds) out.push(...(await acquireUrl(f.url, ctx, lang)));
    return out;
  }
  const feedUrl = source.kind === 'url' ? source.uri : null;
  const zone = (feedUrl && ctx.config.fetch.feedTimeZones[feedUrl]) || ctx.config.timeZone;
  const feed = await parseFeed(body, { url: feedUrl, timeZone: zone });
  return feed.items.map((item) => withLang(feedItemDocument(item, feed, feedUrl ?? source.uri, ctx), lang));
}

const withLang = (doc: RawDocument, lang: Lang | null): RawDocument => (lang ? { ...doc, langHint: lang } : doc);

/** What one ingest input yields: its documents, and what to record once they are stored. */
export interface Acquired {
  /** The feed or page this came from (the input itself, or a feed named in an OPML list). */
  origin: string;
  docs: RawDocument[];
  /** For a polled feed: mark its items seen and keep its validators (ETag, Last-Modified). Call after storing. */
  commit: (() => Promise<void>) | null;
}

/**
 * fetch for `kiji ingest` and the feed workers: like `acquire`, but a feed URL
 * is polled against the store — a conditional GET with the validators of the
 * last fetch, and only items not seen before — and an OPML list (a file or
 * a URL) is expanded into its feeds, each polled the same way. A feed that
 * fails is recorded against its URL by the poller and reported here; the
 * other feeds of a list go on.
 *
 * @example
 * for (const a of await acquireForIngest(classifyInput(url), ctx, store)) { …store a.docs…; await a.commit?.(); }
 */
export async function acquireForIngest(
  ref: InputRef,
  ctx: StageContext,
  store: Store,
  opts: { stdin?: NodeJS.ReadableStream; lang?: Lang | null; onError?: (origin: string, err: unknown) => Promise<void> } = {},
): Promise<Acquired[]> {
  const lang = opts.lang ?? null;
  if (ref.kind === 'url') {
    // A URL already known as a feed is polled straight away; otherwise one look decides what it is.
    if (await getFeedSource(store, ref.url)) return [await pollForIngest(ref.url, ctx, store, lang)];
    const res = await fetchUrl(ref.url, ctx);
    const kind = resourceKind(res);
    if (kind === 'html' || kind === 'text') return [{ origin: ref.url, docs: [pageDocument(res, ctx, lang)], commit: null }];
    if (kind === 'opml') return pollAll(parseOpml(res.body).feeds.map((f) => f.url), ctx, store, lang, opts.onError);
    return [await pollForIngest(ref.url, ctx, store, lang, res)];
  }
  if (ref.kind === 'file' && formatOfPath(ref.path) === 'opml') {
    const { body } = await readLocalFile(ref.path, ctx);
    return pollAll(parseOpml(body).feeds.map((f) => f.url), ctx, store, lang, opts.onError);
  }
  return [{ origin: ref.kind === 'file' ? ref.path : '-', docs: await acquire(ref, ctx, opts), commit: null }];
}

async function pollForIngest(url: string, ctx: StageContext, store: Store, lang: Lang | null, prefetched?: FetchedResource): Promise<Acquired> {
  // A feed seen for the first time was fetched once already to learn what it is: poll that response.
  const r = await pollFeed(url, ctx, store, prefetched ? { prefetched } : {});
  if (r.status === 'not_modified') return { origin: url, docs: [], commit: null };
  return { origin: url, docs: r.fresh.map(({ item }) => withLang(feedItemDocument(item, r.feed, r.feedUrl, ctx), lang)), commit: r.commit };
}

async function pollAll(urls: string[], ctx: StageContext, store: Store, lang: Lang | null, onError?: (origin: string, err: unknown) => Promise<void>): Promise<Acquired[]> {
  const out: Acquired[] = [];
  for (const url of urls) {
    try {
      out.push(await pollForIngest(url, ctx, store, lang));
    } catch (err) {
      if (!onError) throw err;
      await onError(url, err);
    }
  }
  return out;
}
