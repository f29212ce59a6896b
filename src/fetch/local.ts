import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { StageContext } from '../context.js';
import { InputError } from '../errors.js';
import type { DocumentFormat, Lang, RawDocument } from '../records.js';
import { decodeDocument } from './decode.js';
import { declaredInDocument } from './http/charset.js';

/** What a local input holds: a document, or a feed/OPML file whose items are documents. */
export type LocalFormat = DocumentFormat | 'feed' | 'opml';

const BY_EXTENSION: Record<string, LocalFormat> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.txt': 'text',
  '.text': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.xml': 'feed',
  '.rss': 'feed',
  '.atom': 'feed',
  '.json': 'feed',
  '.opml': 'opml',
};

/** The format a path's extension names, or null when it names none kiji reads. */
export function formatOfPath(path: string): LocalFormat | null {
  return BY_EXTENSION[extname(path).toLowerCase()] ?? null;
}

/**
 * Guess the format of a body that came without a name (stdin, a URL without a
 * telling content type).
 */
export function sniffFormat(body: string): LocalFormat {
  const head = body.slice(0, 2048).trimStart().toLowerCase();
  if (head.startsWith('<opml') || (head.startsWith('<?xml') && head.includes('<opml'))) return 'opml';
  if (/^(<\?xml[^>]*>\s*)?<(rss|feed|rdf:rdf)\b/.test(head)) return 'feed';
  if (head.startsWith('{') && head.includes('jsonfeed.org')) return 'feed';
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /<(body|article|p|div)\b/.test(head)) return 'html';
  if (head.startsWith('---\n') || head.startsWith('---\r\n')) return 'markdown';
  return 'text';
}

/**
 * Read and decode a local file, refusing what is not a readable text document
 * with an InputError that names the file and the reason.
 *
 * @example
 * const { body, format } = await readLocalFile('fixtures/articles/ja-x/source.txt', ctx);
 */
export async function readLocalFile(path: string, ctx: StageContext): Promise<{ body: string; format: LocalFormat }> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError('fetch', 'not_found', `${path}: no such file`, { input: path, cause: err });
    throw new InputError('fetch', 'unreadable', `${path}: cannot read (${code ?? (err as Error).message})`, { input: path, cause: err });
  }
  if (!info.isFile()) throw new InputError('fetch', 'not_a_file', `${path}: not a regular file`, { input: path });
  const limit = ctx.config.extract.maxDocumentBytes;
  if (info.size > limit)
    throw new InputError('fetch', 'too_large', `${path}: ${formatBytes(info.size)} is over the ${formatBytes(limit)} limit (extract.maxDocumentBytes)`, { input: path });
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new InputError('fetch', 'unreadable', `${path}: cannot read (${(err as Error).message})`, { input: path, cause: err });
  }
  return { ...decodeBytes(bytes, path, formatOfPath(path)), format: formatOfPath(path) ?? sniffFormat(bytes.subarray(0, 4096).toString('utf8')) };
}

/** Decode bytes read from a file or stdin and refuse empty bodies. */
export function decodeBytes(bytes: Uint8Array, input: string, format: LocalFormat | null): { body: string } {
  if (bytes.length === 0) throw new InputError('fetch', 'empty', `${input}: empty file`, { input });
  const declared = format === 'html' || format === 'feed' || format === 'opml' || format === null ? declaredInDocument(bytes) : null;
  const body = decodeDocument(bytes, { input, declared });
  if (!body.trim()) throw new InputError('fetch', 'empty', `${input}: only white space`, { input });
  return { body };
}

/** Read all of standard input, up to the document size limit: an HTML page or a feed by its look, anything else a plain body. */
export async function readStdin(stream: NodeJS.ReadableStream, ctx: StageContext): Promise<{ body: string; format: LocalFormat }> {
  const limit = ctx.config.extract.maxDocumentBytes;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += b.length;
    if (size > limit) throw new InputError('fetch', 'too_large', `stdin: over the ${formatBytes(limit)} limit (extract.maxDocumentBytes)`, { input: '-' });
    chunks.push(b);
  }
  const bytes = Buffer.concat(chunks);
  const { body } = decodeBytes(bytes, 'stdin', null);
  // Piped text is an article body, all of it (CONTRACT.md): only a page or a feed is read as one.
  const sniffed = sniffFormat(body);
  return { body, format: sniffed === 'text' || sniffed === 'markdown' ? 'plain' : sniffed };
}

/** Wrap a decoded local body as the RawDocument that `extract` reads. */
export function localDocument(
  body: string,
  format: DocumentFormat,
  source: RawDocument['source'],
  ctx: StageContext,
  langHint: Lang | null = null,
): RawDocument {
  return {
    source,
    format,
    body,
    langHint,
    meta: { title: null, publishedAt: null, author: null, url: null, siteName: null, feedUrl: null, guid: null },
    fetchedAt: ctx.clock().toISOString(),
  };
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}
