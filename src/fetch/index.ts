import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { StageContext } from '../context.js';
import { InputError } from '../errors.js';
import type { Lang, RawDocument } from '../records.js';
import { formatOfPath, localDocument, readLocalFile, readStdin, type LocalFormat } from './local.js';

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

// Wired to src/fetch/http and src/fetch/feed when those land.
async function acquireUrl(url: string, _ctx: StageContext, _lang: Lang | null): Promise<RawDocument[]> {
  throw new InputError('fetch', 'unsupported_format', `${url}: fetching URLs is not wired yet`, { input: url });
}
async function feedDocuments(_body: string, _format: 'feed' | 'opml', source: RawDocument['source'], _ctx: StageContext, _lang: Lang | null): Promise<RawDocument[]> {
  throw new InputError('fetch', 'unsupported_format', `${source.uri}: feeds are not wired yet`, { input: source.uri });
}
