/**
 * What a fetched URL is: a feed (RSS, Atom, JSON Feed), an OPML list, or a
 * page; and a fetched page as the RawDocument the pipeline reads.
 */
import type { StageContext } from '../../context.js';
import type { Lang, RawDocument } from '../../records.js';
import type { FetchedResource } from './index.js';

export type ResourceKind = 'feed' | 'opml' | 'html' | 'text';

/**
 * Decide from the Content-Type and the first bytes of the body; servers
 * label feeds `text/xml`, `text/html` or `application/octet-stream` often
 * enough that the body has the last word.
 *
 * @example
 * resourceKind({ contentType: 'text/xml', body: '<?xml version="1.0"?><rss version="2.0">…' }) // 'feed'
 */
export function resourceKind(res: Pick<FetchedResource, 'contentType' | 'body'>): ResourceKind {
  const head = res.body.slice(0, 2048).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  const ct = (res.contentType ?? '').toLowerCase();
  if (/<opml[\s>]/.test(head)) return 'opml';
  if (/^<(rss|feed|rdf:rdf)[\s>]/.test(skipProlog(head))) return 'feed';
  if (head.startsWith('{') && /"version"\s*:\s*"https?:\/\/jsonfeed\.org/.test(res.body.slice(0, 4096))) return 'feed';
  if (/html|xml/.test(ct) || /^(<!doctype html|<html|<head|<body|<meta|<!--)/.test(head) || head.startsWith('<')) return 'html';
  return 'text';
}

/**
 * A fetched page as a RawDocument (`source.kind` 'url', format html or text).
 *
 * @example
 * const doc = pageDocument(await fetchUrl(url, ctx), ctx, null);
 */
export function pageDocument(res: FetchedResource, ctx: StageContext, langHint: Lang | null): RawDocument {
  const kind = resourceKind(res);
  return {
    source: { kind: 'url', uri: res.url },
    format: kind === 'text' ? 'text' : 'html',
    body: res.body,
    langHint,
    ...(res.contentLanguage ? { languageSignals: [{ source: 'http' as const, value: res.contentLanguage }] } : {}),
    meta: { title: null, publishedAt: null, author: null, url: res.finalUrl, siteName: null, feedUrl: null, guid: null },
    fetchedAt: res.fetchedAt ?? ctx.clock().toISOString(),
  };
}

/**
 * The text after an XML prolog: declarations, processing instructions,
 * comments and white space skipped in one scan (the equivalent regex,
 * `(<!--[\s\S]*?-->\s*|<\?[^>]*>\s*)*`, is exponential on a crafted head).
 */
function skipProlog(s: string): string {
  let i = 0;
  for (;;) {
    while (i < s.length && /\s/.test(s[i]!)) i++;
    if (s.startsWith('<!--', i)) {
      const end = s.indexOf('-->', i + 4);
      if (end < 0) return '';
      i = end + 3;
    } else if (s.startsWith('<?', i)) {
      const end = s.indexOf('>', i + 2);
      if (end < 0) return '';
      i = end + 1;
    } else return s.slice(i);
  }
}
