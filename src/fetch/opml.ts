/**
 * OPML subscription lists: every outline with an xmlUrl, nested folders
 * included, in document order, each URL once.
 */
import { load } from 'cheerio';
import { capHtml, XML_LIMITS } from '../extract/html/limits.js';
import { FetchError } from './http/errors.js';

export interface OpmlDocument {
  title: string | null;
  feeds: { url: string; title: string | null }[];
}

/**
 * @example
 * parseOpml('<opml><body><outline text="NHK" xmlUrl="https://www3.nhk.or.jp/rss/news/cat0.xml"/></body></opml>')
 * // { title: null, feeds: [{ url: 'https://www3.nhk.or.jp/rss/news/cat0.xml', title: 'NHK' }] }
 */
export function parseOpml(body: string): OpmlDocument {
  const text = body.replace(/^\uFEFF/, '').trim();
  if (!text) throw new FetchError('empty', 'opml: empty document', { retryable: false });
  if (!/<opml[\s>]/i.test(text.slice(0, 4096))) throw new FetchError('not_a_feed', 'opml: no <opml> root element', { retryable: false });
  const $ = load(capHtml(text, XML_LIMITS, { xml: true }).markup, { xml: { xmlMode: true, decodeEntities: true } });
  const title = $('opml > head > title').first().text().replace(/\s+/g, ' ').trim() || null;
  const feeds: OpmlDocument['feeds'] = [];
  const seen = new Set<string>();
  $('outline').each((_, el) => {
    const attrs = (el as { attribs?: Record<string, string> }).attribs ?? {};
    // Attribute names are case-sensitive in XML, but exporters disagree (xmlUrl, xmlurl, XMLURL).
    const get = (name: string) => Object.entries(attrs).find(([k]) => k.toLowerCase() === name)?.[1]?.trim() || null;
    const raw = get('xmlurl');
    if (!raw) return;
    let url: string;
    try {
      url = new URL(raw).href;
    } catch {
      return;
    }
    if (!/^https?:/.test(url) || seen.has(url)) return;
    seen.add(url);
    feeds.push({ url, title: get('title') ?? get('text') });
  });
  return { title, feeds };
}
