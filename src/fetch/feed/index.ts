/**
 * Feeds: RSS 0.9x/1.0/2.0 and Atom through rss-parser, JSON Feed directly,
 * all adapted to one FeedDocument. Feeds in the wild are often not
 * well-formed XML; a failed strict parse is repaired (bare ampersands, HTML
 * entities, control characters, doctypes) and, failing that, read by a
 * tolerant parser, with `wellFormed: false` and the reason in `warnings`.
 */
import { createHash } from 'node:crypto';
import { load } from 'cheerio';
import { capHtml, XML_LIMITS } from '../../extract/html/limits.js';
import Parser from 'rss-parser';
import { z } from 'zod';
import { FetchError } from '../http/errors.js';
import { parseFeedDate } from './dates.js';
import { textToHtml } from '../../html-escape.js';
import { stripControls } from '../../normalise/controls.js';

export { parseFeedDate } from './dates.js';
export { itemIdentity, choosePolicy, type IdentityPolicy, type SeenItem } from './identity.js';

export const FeedItem = z.object({
  /** The item's identity under the `auto` policy: GUID, else link, else a content hash. */
  id: z.string(),
  guid: z.string().nullable(),
  link: z.string().nullable(),
  title: z.string().nullable(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  author: z.string().nullable(),
  /** The fullest body the feed gives (content:encoded, Atom content, content_html), as HTML. */
  contentHtml: z.string().nullable(),
  /** The short form (description, Atom summary, JSON Feed summary), as plain text. */
  summary: z.string().nullable(),
  categories: z.array(z.string()),
});
export type FeedItem = z.infer<typeof FeedItem>;

export const FeedDocument = z.object({
  format: z.enum(['rss', 'rdf', 'atom', 'json']),
  title: z.string().nullable(),
  link: z.string().nullable(),
  description: z.string().nullable(),
  lang: z.string().nullable(),
  items: z.array(FeedItem),
  /** False when the XML had to be repaired or read leniently. */
  wellFormed: z.boolean(),
  warnings: z.array(z.string()),
});
export type FeedDocument = z.infer<typeof FeedDocument>;

type RawItem = Record<string, unknown>;

/**
 * Parse a feed body (already decoded to text).
 *
 * @example
 * const feed = await parseFeed(xml, { url: 'https://www3.nhk.or.jp/rss/news/cat0.xml', timeZone: 'Asia/Tokyo' });
 * feed.items[0]; // { id, guid, link, title, publishedAt, contentHtml, summary, … }
 */
export async function parseFeed(body: string, opts: { url: string | null; timeZone: string }): Promise<FeedDocument> {
  const input = opts.url ?? 'feed';
  const text = body.replace(/^\uFEFF/, '').trim();
  if (!text) throw new FetchError('empty', `${input}: empty feed`, { input, retryable: false });
  if (text.startsWith('{')) return parseJsonFeed(text, opts);

  const start = text.indexOf('<');
  if (start < 0) throw new FetchError('not_a_feed', `${input}: neither XML nor JSON`, { input, retryable: false });
  const head = text.slice(0, 4096).toLowerCase();
  const root = /<(rss|feed|rdf:rdf)[\s>]/.exec(head)?.[1] ?? (/<(rss|feed|rdf:rdf)[\s>]/.exec(text.toLowerCase())?.[1] ?? null);
  if (!root) {
    const what = /<html[\s>]/.test(head) ? 'an HTML page' : 'XML without an rss, feed or rdf:RDF root';
    throw new FetchError('not_a_feed', `${input}: ${what}, not a feed`, { input, retryable: false });
  }

  const warnings: string[] = [];
  // Nesting and element limits before any parser: both XML parsers slow down with depth (see limits.ts).
  const capped = capHtml(text.slice(start), XML_LIMITS, { xml: true });
  if (capped.droppedTags > 0) warnings.push(`${capped.droppedTags} tags past the ${capped.reached.join(' and ')} limit dropped, their text kept`);
  const xml = stripDoctypes(capped.markup);
  // rss-parser turns Atom dates into ISO strings with the machine's zone; keep them raw instead.
  const prepared = root === 'feed' ? xml.replace(/<(\/?)(published|updated)(\s|>|\/)/g, '<$1kiji-$2$3') : xml;

  let out: ParsedXml | null = null;
  try {
    out = await parseStrict(prepared);
  } catch (err) {
    // rss-parser also throws on well-formed feeds it finds structurally odd (an <rss> with no
    // <channel>); only XML syntax errors make the feed ill-formed.
    const syntax = !(err instanceof TypeError);
    if (syntax) warnings.push(`not well-formed XML: ${firstLine(err)}`);
    try {
      out = syntax ? await parseStrict(repair(prepared)) : parseLenient(prepared);
    } catch {
      out = parseLenient(prepared);
    }
  }
  if (!out) throw new FetchError('not_a_feed', `${input}: could not read the feed`, { input, retryable: false });
  const base = opts.url ?? out.link;
  return {
    format: out.format,
    title: clean(out.title),
    link: resolve(out.link, opts.url),
    description: clean(out.description),
    lang: clean(out.lang),
    items: out.items.map((raw) => toItem(raw, out!.format, base, opts.timeZone)),
    wellFormed: warnings.length === 0,
    warnings,
  };
}

interface ParsedXml {
  format: 'rss' | 'rdf' | 'atom';
  title: string | null;
  link: string | null;
  description: string | null;
  lang: string | null;
  items: RawItem[];
}

async function parseStrict(xml: string): Promise<ParsedXml> {
  const parser = new Parser({
    // An <rss> without a version attribute is read as RSS 2.0.
    defaultRSS: 2,
    customFields: {
      item: [
        'kiji-published',
        'kiji-updated',
        'id',
        'description',
        ['category', 'category', { keepArray: true }],
        ['dc:subject', 'dc:subject', { keepArray: true }],
      ] as never[],
    },
  });
  const feed = (await parser.parseString(xml)) as unknown as Record<string, unknown> & { items: RawItem[] };
  const format = /^\s*<feed[\s>]/i.test(xml.replace(/^<\?xml[^>]*>\s*/, '').replace(/^(<!--[\s\S]*?-->\s*)+/, ''))
    ? 'atom'
    : /<rdf:RDF/i.test(xml.slice(0, 2000))
      ? 'rdf'
      : 'rss';
  return {
    format: /<feed[\s>]/.test(xml.slice(0, 4096)) && !/<rss[\s>]/.test(xml.slice(0, 4096)) ? 'atom' : format,
    title: str(feed.title),
    link: str(feed.link),
    description: str(feed.description) ?? str(feed.subtitle),
    lang: str(feed.language),
    items: feed.items ?? [],
  };
}

/**
 * Remove `<!DOCTYPE …>` declarations, internal subset included (entity
 * definitions are where XML bombs live). A scan, not a regex: it stays
 * linear on a declaration that never closes.
 */
function stripDoctypes(xml: string): string {
  const lower = xml.toLowerCase();
  let at = lower.indexOf('<!doctype');
  if (at < 0) return xml;
  const out: string[] = [];
  let copied = 0;
  while (at >= 0) {
    out.push(xml.slice(copied, at));
    let i = at + 9;
    while (i < xml.length && xml[i] !== '>' && xml[i] !== '[') i++;
    if (xml[i] === '[') {
      // The subset ends at the first `]` followed by optional space and `>`.
      let close = xml.indexOf(']', i + 1);
      for (; close >= 0; close = xml.indexOf(']', close + 1)) {
        let k = close + 1;
        while (k < xml.length && /\s/.test(xml[k]!)) k++;
        if (xml[k] === '>') {
          i = k;
          break;
        }
      }
      if (close < 0) i = xml.length;
    }
    copied = Math.min(xml.length, i + 1);
    at = lower.indexOf('<!doctype', copied);
  }
  out.push(xml.slice(copied));
  return out.join('');
}

/** Fix what breaks strict XML parsers most often in real feeds. */
function repair(xml: string): string {
  const entities = new Map<string, string | null>();
  const entity = (name: string) => {
    if (!entities.has(name)) entities.set(name, htmlEntity(name));
    return entities.get(name)!;
  };
  return (
    xml
      // eslint-disable-next-line no-control-regex
      .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '')
      .replace(/&(?!(?:[a-zA-Z][\w.-]*|#\d+|#x[0-9a-fA-F]+);)/g, '&amp;')
      .replace(/&([a-zA-Z][\w]*);/g, (all, name: string) => (['amp', 'lt', 'gt', 'quot', 'apos'].includes(name) ? all : entity(name) ?? all))
      // A document cut off after its last item: close what is open.
      .replace(/<\/(rss|feed|rdf:RDF)\s*$/i, '</$1>')
  );
}

function htmlEntity(name: string): string | null {
  const decoded = load(`&${name};`, null, false).text();
  return decoded === `&${name};` ? null : `&#${decoded.codePointAt(0)};`;
}

/** htmlparser2 in XML mode reads almost anything; used when strict parsing fails twice. */
function parseLenient(xml: string): ParsedXml | null {
  const $ = load(xml, { xml: { xmlMode: true, decodeEntities: true } });
  const root = $('rss, feed, rdf\\:RDF').first();
  if (root.length === 0) return null;
  const rootName = (root[0] as { name?: string }).name?.toLowerCase() ?? 'rss';
  const format = rootName === 'feed' ? 'atom' : rootName === 'rdf:rdf' ? 'rdf' : 'rss';
  const child = (el: unknown, ...names: string[]): string | null => {
    for (const name of names) {
      const found = $(el as never).children().filter((_, c) => (c as { name?: string }).name?.toLowerCase() === name).first();
      if (found.length > 0) {
        if (name === 'link' && found.attr('href')) return found.attr('href') ?? null;
        const t = found.text();
        if (t.trim()) return t;
      }
    }
    return null;
  };
  const channel = format === 'atom' ? root : root.children('channel').first();
  const items: RawItem[] = [];
  const itemEls = format === 'atom' ? root.children('entry') : format === 'rdf' ? root.children('item') : channel.children('item');
  itemEls.each((_, el) => {
    items.push({
      title: child(el, 'title'),
      link: child(el, 'link'),
      guid: child(el, 'guid') ?? (format === 'rdf' ? $(el).attr('rdf:about') ?? null : null),
      id: child(el, 'id'),
      pubDate: child(el, 'pubdate'),
      'dc:date': child(el, 'dc:date'),
      'kiji-published': child(el, 'kiji-published', 'published', 'issued'),
      'kiji-updated': child(el, 'kiji-updated', 'updated', 'modified'),
      content: format === 'atom' ? child(el, 'content') : child(el, 'description'),
      description: child(el, 'description'),
      'content:encoded': child(el, 'content:encoded'),
      summary: child(el, 'summary'),
      creator: child(el, 'dc:creator', 'author'),
      categories: $(el).children('category').map((_, c) => $(c).attr('term') ?? $(c).text()).get(),
    });
  });
  return {
    format,
    title: child(channel[0], 'title'),
    link: child(channel[0], 'link'),
    description: child(channel[0], 'description', 'subtitle'),
    lang: child(channel[0], 'language', 'dc:language') ?? root.attr('xml:lang') ?? null,
    items,
  };
}

function toItem(raw: RawItem, format: ParsedXml['format'], base: string | null, timeZone: string): FeedItem {
  const guid = str(raw.guid) ?? str(raw.id) ?? str(raw['rdf:about']);
  const link = resolve(str(raw.link), base);
  const title = clean(stripTags(str(raw.title)));
  const published = str(raw['kiji-published']) ?? str(raw.pubDate) ?? str(raw['dc:date']) ?? str(raw.date);
  const updated = str(raw['kiji-updated']);
  const encoded = str(raw['content:encoded']);
  const content = str(raw.content);
  const description = str(raw.description) ?? (format === 'atom' ? null : content);
  const atomSummary = str(raw.summary);
  const contentHtml = encoded ?? content ?? atomSummary ?? description;
  const summarySource = format === 'atom' ? atomSummary : encoded ? description : null;
  const summary = summarySource ? clean(htmlToText(summarySource)) : null;
  const categories = toStrings(raw.categories ?? raw.category).concat(toStrings(raw['dc:subject']));
  const item = {
    guid,
    link,
    title,
    publishedAt: parseFeedDate(published ?? updated, timeZone),
    updatedAt: parseFeedDate(updated, timeZone),
    author: clean(str(raw.creator) ?? str(raw.author) ?? str(raw['dc:creator'])),
    contentHtml: contentHtml?.trim() ? contentHtml.trim() : null,
    summary,
    categories: [...new Set(categories.map((c) => c.trim()).filter(Boolean))],
  };
  return { id: guid ?? link ?? contentHash(item.title, item.contentHtml ?? item.summary), ...item };
}

function parseJsonFeed(text: string, opts: { url: string | null; timeZone: string }): FeedDocument {
  const input = opts.url ?? 'feed';
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new FetchError('not_a_feed', `${input}: invalid JSON (${firstLine(err)})`, { input, retryable: false });
  }
  if (!Array.isArray(data.items) || (typeof data.version === 'string' && !data.version.includes('jsonfeed.org'))) {
    throw new FetchError('not_a_feed', `${input}: JSON without a JSON Feed version and items`, { input, retryable: false });
  }
  const base = opts.url ?? str(data.home_page_url);
  const authorsOf = (o: Record<string, unknown>) => {
    const list = Array.isArray(o.authors) ? o.authors : o.author ? [o.author] : [];
    const names = list.map((a) => (a && typeof a === 'object' ? str((a as Record<string, unknown>).name) : null)).filter((n): n is string => !!n);
    return names.length > 0 ? names.join(', ') : null;
  };
  const items = (data.items as Record<string, unknown>[]).filter((i) => i && typeof i === 'object').map((i) => {
    const id = str(i.id) ?? (typeof i.id === 'number' ? String(i.id) : null);
    const link = resolve(str(i.url) ?? str(i.external_url), base);
    const contentHtml = str(i.content_html) ?? (str(i.content_text) ? textToHtml(str(i.content_text)!) : null);
    const item = {
      guid: id,
      link,
      title: clean(str(i.title)),
      publishedAt: parseFeedDate(str(i.date_published), opts.timeZone),
      updatedAt: parseFeedDate(str(i.date_modified), opts.timeZone),
      author: authorsOf(i) ?? authorsOf(data),
      contentHtml,
      summary: clean(str(i.summary)),
      categories: toStrings(i.tags),
    };
    return { id: id ?? link ?? contentHash(item.title, contentHtml), ...item };
  });
  return {
    format: 'json',
    title: clean(str(data.title)),
    link: resolve(str(data.home_page_url), opts.url),
    description: clean(str(data.description)),
    lang: clean(str(data.language)),
    items,
    wellFormed: true,
    warnings: [],
  };
}

/**
 * The feeds an HTML page advertises (`<link rel="alternate" type="application/rss+xml">`).
 *
 * @example
 * discoverFeeds('<link rel="alternate" type="application/atom+xml" href="/atom.xml">', 'https://a.example/') // ['https://a.example/atom.xml']
 */
export function discoverFeeds(html: string, baseUrl: string): string[] {
  const $ = load(capHtml(html).markup);
  const out: string[] = [];
  $('link[rel~="alternate"][href]').each((_, el) => {
    const type = ($(el).attr('type') ?? '').toLowerCase();
    if (!/rss|atom|feed\+json|application\/json/.test(type)) return;
    const href = resolve($(el).attr('href') ?? null, baseUrl);
    if (href && !out.includes(href)) out.push(href);
  });
  return out;
}

function str(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() ? v : null;
  if (Array.isArray(v)) return str(v[0]);
  if (v && typeof v === 'object' && typeof (v as { _?: unknown })._ === 'string') return str((v as { _: string })._);
  return null;
}

function toStrings(v: unknown): string[] {
  if (!v) return [];
  const list = Array.isArray(v) ? v : [v];
  return list
    .map((x) => (typeof x === 'string' ? x : x && typeof x === 'object' ? str((x as { _?: unknown })._) ?? str((x as { $?: { term?: string } }).$?.term) : null))
    .filter((x): x is string => !!x && !!x.trim());
}

function clean(s: string | null): string | null {
  if (!s) return null;
  // No control characters or bidi overrides in what a feed says of itself (titles reach terminals and pages).
  // ASCII whitespace only collapses: an ideographic space is part of a Japanese headline.
  const t = trimSpaces(stripControls(s).replace(/[ \t\r\n\u00a0]+/g, ' '));
  return t || null;
}

/** Trim ASCII and ideographic spaces by hand: an anchored regex for the end is quadratic on a long run. */
function trimSpaces(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && (s[a] === ' ' || s[a] === '\u3000')) a++;
  while (b > a && (s[b - 1] === ' ' || s[b - 1] === '\u3000')) b--;
  return s.slice(a, b);
}

function stripTags(s: string | null): string | null {
  return s && /<[a-z!/]/i.test(s) ? htmlToText(s) : s;
}

function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return html;
  return load(`<div>${capHtml(html).markup}</div>`, null, false).text();
}


function resolve(href: string | null, base: string | null): string | null {
  if (!href) return null;
  try {
    return new URL(href.trim(), base ?? undefined).href;
  } catch {
    return href.trim() || null;
  }
}

function contentHash(title: string | null, body: string | null): string {
  return 'sha1:' + createHash('sha1').update(`${title ?? ''}\u0000${body ?? ''}`).digest('hex').slice(0, 20);
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}
