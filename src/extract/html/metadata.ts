/**
 * Page metadata from the places publishers put it, most deliberate first:
 * JSON-LD (schema.org Article and kin), Open Graph / article:* / Twitter
 * meta tags, plain <meta> names, then the document itself (<title>, <time>,
 * <html lang>, rel=canonical).
 */
import { attr, descendants, rawText, type Element, type ParentNode } from './dom.js';
import { collapseSpace } from './text.js';

export interface PageMetadata {
  title: string | null;
  /** The <title> text as written, before site-name trimming. */
  documentTitle: string | null;
  publishedAt: string | null;
  author: string | null;
  siteName: string | null;
  excerpt: string | null;
  lang: string | null;
  tags: string[];
  url: string | null;
  /** JSON-LD articleBody, when the page states one. */
  articleBody: string | null;
}

const ARTICLE_TYPES = new Set([
  'article',
  'newsarticle',
  'reportagenewsarticle',
  'analysisnewsarticle',
  'opinionnewsarticle',
  'backgroundnewsarticle',
  'reviewnewsarticle',
  'blogposting',
  'liveblogposting',
  'socialmediaposting',
  'techarticle',
  'scholarlyarticle',
  'report',
]);

type Json = Record<string, unknown>;

/**
 * @example
 * const $ = cheerio.load(html);
 * readMetadata($.root()[0], 'https://example.com/a').title
 */
export function readMetadata(root: ParentNode, baseUrl: string | null): PageMetadata {
  const meta = new Map<string, string>();
  const tags: string[] = [];
  let documentTitle: string | null = null;
  let canonical: string | null = null;
  let htmlLang: string | null = null;
  let base: string | null = baseUrl;
  let firstTime: string | null = null;
  let itempropDate: string | null = null;
  let relAuthor: string | null = null;
  const ld: Json[] = [];

  for (const el of descendants(root)) {
    switch (el.name) {
      case 'html':
        htmlLang ??= nonEmpty(attr(el, 'lang') ?? attr(el, 'xml:lang'));
        break;
      case 'base': {
        const href = attr(el, 'href');
        if (href) base = resolveUrl(href, baseUrl) ?? base;
        break;
      }
      case 'title':
        documentTitle ??= nonEmpty(collapseSpace(rawText(el)).trim());
        break;
      case 'meta': {
        const key = (attr(el, 'property') ?? attr(el, 'name') ?? attr(el, 'itemprop') ?? attr(el, 'http-equiv') ?? '')
          .trim()
          .toLowerCase();
        const content = nonEmpty(collapseSpace(attr(el, 'content') ?? '').trim());
        if (!key || !content) break;
        // Some pages put several names in one attribute ("dc:title og:title").
        for (const k of key.split(/\s+/)) {
          if (k === 'article:tag') tags.push(content);
          else if (!meta.has(k)) meta.set(k, content);
        }
        break;
      }
      case 'link': {
        const rel = (attr(el, 'rel') ?? '').toLowerCase().split(/\s+/);
        if (rel.includes('canonical')) canonical ??= nonEmpty(attr(el, 'href'));
        break;
      }
      case 'script':
        if ((attr(el, 'type') ?? '').toLowerCase().includes('ld+json')) collectJsonLd(rawJson(el), ld);
        break;
      case 'time':
        firstTime ??= nonEmpty(attr(el, 'datetime'));
        if ((attr(el, 'itemprop') ?? '').includes('datePublished')) itempropDate ??= nonEmpty(attr(el, 'datetime'));
        break;
      case 'a':
        if ((attr(el, 'rel') ?? '').split(/\s+/).includes('author'))
          relAuthor ??= nonEmpty(collapseSpace(rawText(el)).trim());
        break;
      default:
        if ((attr(el, 'itemprop') ?? '') === 'datePublished')
          itempropDate ??= nonEmpty(attr(el, 'content') ?? attr(el, 'datetime'));
    }
  }

  const article = ld.find((o) => typesOf(o).some((t) => ARTICLE_TYPES.has(t))) ?? null;
  const page = ld.find((o) => typesOf(o).includes('webpage')) ?? null;
  const m = (...keys: string[]) => {
    for (const k of keys) {
      const v = meta.get(k);
      if (v) return v;
    }
    return null;
  };

  const ldTitle = article ? str(article.headline) ?? str(article.name) : null;
  const title = ldTitle ?? m('og:title', 'twitter:title', 'dc.title', 'title') ?? trimSiteName(documentTitle);

  const rawDate =
    (article ? str(article.datePublished) ?? str(article.dateCreated) : null) ??
    m('article:published_time', 'og:published_time', 'datepublished', 'pubdate', 'publishdate', 'date',
      'dc.date.issued', 'dc.date', 'dcterms.created', 'sailthru.date', 'parsely-pub-date', 'article.published',
      'cxenseparse:recs:publishtime') ??
    itempropDate ??
    firstTime;

  const ldAuthor = article ? names(article.author) : null;
  const metaAuthor = m('author', 'article:author', 'dc.creator', 'parsely-author', 'sailthru.author', 'byl');
  const author = ldAuthor ?? (metaAuthor && !/^https?:/.test(metaAuthor) ? metaAuthor.replace(/^by\s+/i, '') : null) ?? relAuthor;

  const siteName =
    m('og:site_name', 'application-name', 'twitter:site:name') ??
    (article ? names(article.publisher) : null) ??
    (page ? names(page.publisher) : null) ??
    siteFromTitle(documentTitle, title);

  const excerpt =
    m('og:description', 'description', 'twitter:description', 'dc.description') ??
    (article ? str(article.description) : null);

  const lang =
    htmlLang ?? m('content-language', 'dc.language', 'language') ?? (article ? str(article.inLanguage) : null) ??
    (m('og:locale')?.replace('_', '-') ?? null);

  for (const source of [m('news_keywords'), m('keywords')]) if (source) tags.push(...splitList(source));
  if (article) {
    const kw = article.keywords;
    if (typeof kw === 'string') tags.push(...splitList(kw));
    else if (Array.isArray(kw)) for (const k of kw) if (typeof k === 'string') tags.push(k.trim());
  }

  const ldUrl = article ? str(article.url) ?? idOf(article.mainEntityOfPage) : null;
  const url = resolveUrl(canonical ?? m('og:url') ?? ldUrl ?? '', base) ?? base;

  // Raw, not collapsed: its line breaks are the paragraph breaks.
  const rawBody = article ? article.articleBody ?? article.text : null;
  const body = typeof rawBody === 'string' && rawBody.trim() ? rawBody : null;

  return {
    title: title ? decodeLeftoverEntities(title) : null,
    documentTitle,
    publishedAt: normaliseDate(rawDate),
    author: author ? decodeLeftoverEntities(author) : null,
    siteName,
    excerpt: excerpt ? decodeLeftoverEntities(excerpt) : null,
    lang: lang ? lang.trim() : null,
    tags: dedupe(tags.map((t) => t.trim()).filter((t) => t.length > 0 && t.length < 80)).slice(0, 40),
    url,
    articleBody: body,
  };
}

function nonEmpty(s: string | null | undefined): string | null {
  return s && s.trim() ? s.trim() : null;
}

/** A <script>'s text: its direct text children (rawText skips scripts on purpose). */
function rawJson(el: Element): string {
  let out = '';
  for (const c of el.children) if ('data' in c && typeof c.data === 'string') out += c.data;
  return out;
}

function collectJsonLd(text: string, out: Json[]): void {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, '').trim());
  } catch {
    // Publishers ship JSON-LD with raw newlines inside strings; one repair, then give up.
    try {
      data = JSON.parse(text.replace(/[\n\r\t]+/g, ' '));
    } catch {
      return;
    }
  }
  const visit = (v: unknown, depth: number) => {
    if (depth > 4 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1);
      return;
    }
    const o = v as Json;
    out.push(o);
    if (Array.isArray(o['@graph'])) visit(o['@graph'], depth + 1);
    if (o.mainEntity && typeof o.mainEntity === 'object') visit(o.mainEntity, depth + 1);
  };
  visit(data, 0);
}

function typesOf(o: Json): string[] {
  const t = o['@type'];
  if (typeof t === 'string') return [t.toLowerCase()];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase());
  return [];
}

function str(v: unknown): string | null {
  if (typeof v === 'string') return nonEmpty(collapseSpace(v));
  if (Array.isArray(v) && typeof v[0] === 'string') return nonEmpty(collapseSpace(v[0]));
  return null;
}

function idOf(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && typeof (v as Json)['@id'] === 'string') return (v as Json)['@id'] as string;
  return null;
}

/** A person or organisation value: a string, an object with `name`, or a list of either. */
function names(v: unknown): string | null {
  const list = Array.isArray(v) ? v : [v];
  const out: string[] = [];
  for (const x of list) {
    if (typeof x === 'string' && x.trim()) out.push(x.trim());
    else if (x && typeof x === 'object' && typeof (x as Json).name === 'string') out.push(((x as Json).name as string).trim());
  }
  const clean = out.filter((s) => s && !/^https?:/.test(s));
  return clean.length > 0 ? dedupe(clean).join(', ') : null;
}

function splitList(s: string): string[] {
  return s.split(/[,、，;；]/).map((x) => x.trim());
}

function dedupe(xs: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const x of xs) {
    const k = x.toLowerCase();
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(x);
  }
  return out;
}

/** Resolve `href` against `base`; only http(s) results are kept. */
export function resolveUrl(href: string, base: string | null): string | null {
  if (!href.trim()) return null;
  try {
    const u = base ? new URL(href.trim(), base) : new URL(href.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/**
 * Drop a site name from a <title> ("Story headline | The Paper" → "Story
 * headline"), but only when what remains still looks like a headline.
 */
export function trimSiteName(title: string | null): string | null {
  if (!title) return null;
  const parts = title.split(/\s+[|\-–—»·:]\s+|\s*[|｜]\s*|_/);
  if (parts.length < 2) return title;
  // Keep the longest part, which is nearly always the headline.
  let best = parts[0]!;
  for (const p of parts) if (p.length > best.length) best = p;
  const words = best.split(/\s+/).length;
  const cjk = /[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]/.test(best);
  return words >= 3 || (cjk && best.length >= 6) ? best.trim() : title;
}

/** "Headline | Site" → "Site", when the headline part is the page title. */
function siteFromTitle(documentTitle: string | null, title: string | null): string | null {
  if (!documentTitle || !title || documentTitle === title) return null;
  const m = /^(.*?)\s+[|\-–—»·]\s+([^|\-–—»·]{2,40})$/.exec(documentTitle);
  if (!m || similarityLoose(m[1]!, title) < 0.8) return null;
  return m[2]!.trim();
}

function similarityLoose(a: string, b: string): number {
  const x = a.trim().toLowerCase();
  const y = b.trim().toLowerCase();
  return x === y || x.startsWith(y) || y.startsWith(x) ? 1 : 0;
}

/**
 * An ISO 8601 string when the date carries a zone (converted to UTC); the
 * date part alone when it has none, so no zone is invented here.
 */
export function normaliseDate(raw: string | null): string | null {
  if (!raw) return null;
  const s = raw.trim();
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (dateOnly) return s;
  const hasZone = /(Z|[+-]\d{2}:?\d{2}|\b(GMT|UTC|[ECMP][SD]T))\s*$/i.test(s);
  const local = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?/.exec(s);
  if (local && !hasZone) return `${local[1]}-${local[2]}-${local[3]}T${local[4]}:${local[5]}:${local[6] ?? '00'}`;
  const t = Date.parse(s);
  if (Number.isNaN(t)) return null;
  return new Date(t).toISOString();
}

/** Titles double-escaped by their CMS ("Q&amp;A") read as what was meant. */
function decodeLeftoverEntities(s: string): string {
  return s.replace(/&(amp|quot|#39|apos|lt|gt);/g, (_, e: string) =>
    ({ amp: '&', quot: '"', '#39': "'", apos: "'", lt: '<', gt: '>' })[e] ?? _,
  );
}
