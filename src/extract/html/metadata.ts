/**
 * Page metadata from the places publishers put it, most deliberate first:
 * JSON-LD (schema.org Article and kin), Open Graph / article:* / Twitter
 * meta tags, plain <meta> names, then the document itself (<title>, <time>,
 * <html lang>, rel=canonical).
 */
import { decodeHTML } from 'entities';
import type { LanguageSignal } from '../../records.js';
import { attr, descendants, isElement, rawText, type AnyNode, type Element, type ParentNode } from './dom.js';
import { collapseSpace, similarity } from './text.js';

export interface PageMetadata {
  title: string | null;
  /** The <title> text as written, before site-name trimming. */
  documentTitle: string | null;
  /**
   * The publication date as the page states it, most deliberate statement
   * first (JSON-LD, meta, microdata, <time>, the URL path); not yet
   * normalised: `dates.ts` reads it in the page's zone.
   */
  dates: DateCandidate[];
  author: string | null;
  siteName: string | null;
  excerpt: string | null;
  lang: string | null;
  /** Every language the page declares, and where (html, meta, og, jsonld). */
  languageSignals: LanguageSignal[];
  tags: string[];
  url: string | null;
  /** JSON-LD articleBody, when the page states one. */
  articleBody: string | null;
  /** A fact check's claim and verdict (schema.org ClaimReview), when the page states one. */
  claimReview: { claim: string; rating: string | null } | null;
  /** Other dates the page writes (modified times, every <time>): their offset tells the page's zone. */
  zoneHints: string[];
  /** Short lines with a year in them outside the page chrome ("Published …", "입력 …", "2024年2月14日"): where a dateline may be. */
  datelineTexts: () => string[];
}

/** A date the page states, with where it was found. */
export interface DateCandidate {
  value: string;
  source: 'jsonld' | 'meta' | 'microdata' | 'time' | 'url';
}

const ARTICLE_TYPES = new Set([
  'article',
  'newsarticle',
  'reportagenewsarticle',
  'analysisnewsarticle',
  'opinionnewsarticle',
  'backgroundnewsarticle',
  'reviewnewsarticle',
  'askpublicnewsarticle',
  'blogposting',
  'liveblogposting',
  'socialmediaposting',
  'techarticle',
  'scholarlyarticle',
  'medicalscholarlyarticle',
  'report',
  'claimreview',
  'photograph',
  'videoobject',
]);
/** Types whose date is the page's, though they are not articles. */
const PAGE_TYPES = new Set(['webpage', 'itempage', 'collectionpage', 'aboutpage', 'faqpage', 'qapage', 'mediagallery', 'imagegallery']);

/** Meta names that state when an article was first published, most specific first. */
const PUBLISHED_META = [
  'article:published_time', 'article:published', 'og:article:published_time', 'og:published_time', 'article.published',
  'published_time', 'published-time', 'publish_date', 'publish-date', 'publishdate', 'published_date', 'publication_date',
  'datepublished', 'pubdate', 'dc.date.issued', 'dcterms.issued', 'dc.date.created', 'dcterms.created', 'dc.date',
  'sailthru.date', 'parsely-pub-date', 'cxenseparse:recs:publishtime', 'article:post_date', 'date', 'datecreated',
  'original-publish-date', 'pdate', 'ptime', 'displaydate', 'dc:date',
];

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
  const times: { value: string; marked: boolean }[] = [];
  const microdata: { value: string; created: boolean }[] = [];
  const h1s: string[] = [];
  let relAuthor: string | null = null;
  const ld: Json[] = [];
  const holders: Element[] = [];

  for (const el of descendants(root)) {
    // itemprop may hold several names ("datePublished dateCreated"); any of them counts.
    const itemprops = (attr(el, 'itemprop') ?? '').toLowerCase().split(/\s+/);
    if (itemprops.includes('datepublished') || itemprops.includes('datecreated')) {
      const v = nonEmpty(attr(el, 'content') ?? attr(el, 'datetime') ?? (el.name === 'meta' ? null : shortText(el)));
      if (v) microdata.push({ value: v, created: !itemprops.includes('datepublished') });
    }
    if (DATELINE_HOLDERS.has(el.name) && !hasBlockElementChild(el)) holders.push(el);
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
      case 'h1':
        if (h1s.length < 6) {
          const t = nonEmpty(collapseSpace(rawText(el)).trim());
          if (t && t.length <= 300) h1s.push(t);
        }
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
      case 'time': {
        const v = nonEmpty(attr(el, 'datetime')) ?? nonEmpty(shortText(el));
        // A <time> marked as the publication (pubdate, a "published" class) outranks any other on the page.
        const marks = `${attr(el, 'class') ?? ''} ${attr(el, 'id') ?? ''} ${attr(el, 'itemprop') ?? ''}`;
        const marked = attr(el, 'pubdate') !== null || /publish|posted|created|pubdate|entry-date/i.test(marks) || /publish|posted|dateline|article-date|entry-date|timestamp/i.test(parentMarks(el));
        if (v && !/modif|updat|edited/i.test(marks) && times.length < 20) times.push({ value: v, marked });
        break;
      }
      case 'a':
        if ((attr(el, 'rel') ?? '').split(/\s+/).includes('author'))
          relAuthor ??= nonEmpty(collapseSpace(rawText(el)).trim());
        break;
    }
  }

  const m = (...keys: string[]) => {
    for (const k of keys) {
      const v = meta.get(k);
      if (v) return v;
    }
    return null;
  };
  const ogUrl = m('og:url');
  const pageUrl = resolveUrl(canonical ?? ogUrl ?? '', base);
  const article = pickArticle(ld, pageUrl, documentTitle);
  const page = ld.find((o) => typesOf(o).some((t) => PAGE_TYPES.has(t))) ?? null;

  const siteName =
    m('og:site_name', 'application-name', 'twitter:site:name') ??
    (article ? names(article.publisher) : null) ??
    (page ? names(page.publisher) : null) ??
    (ld.find((o) => typesOf(o).some((t) => t === 'website' || t === 'newsmediaorganization'))?.name as string | undefined) ??
    null;
  const host = hostOf(pageUrl ?? base);

  const title = chooseTitle({
    ldHeadline: article ? decodeEntities(str(article.headline)) : null,
    ldName: article ? decodeEntities(str(article.name)) : null,
    og: decodeEntities(m('og:title', 'twitter:title')),
    meta: decodeEntities(m('dc.title', 'title', 'sailthru.title', 'parsely-title')),
    document: decodeEntities(documentTitle),
    h1s: h1s.map((h) => decodeEntities(h)!),
    siteNames: [siteName, m('twitter:site')?.replace(/^@/, '') ?? null].filter((x): x is string => !!x),
    host,
  });

  const site = siteName ?? siteFromTitle(documentTitle, title);

  const dates: DateCandidate[] = [];
  const push = (value: string | null, source: DateCandidate['source']) => {
    if (value && !dates.some((d) => d.value === value)) dates.push({ value, source });
  };
  if (article) push(ldDate(article.datePublished) ?? ldDate(article.dateCreated) ?? ldDate(article.uploadDate), 'jsonld');
  push(m(...PUBLISHED_META), 'meta');
  for (const x of microdata.filter((x) => !x.created)) push(x.value, 'microdata');
  for (const t of times.filter((t) => t.marked)) push(t.value, 'time');
  for (const x of microdata.filter((x) => x.created)) push(x.value, 'microdata');
  if (page) push(ldDate(page.datePublished), 'jsonld');
  // Any other JSON-LD object that carries a datePublished (a graph whose article has an unlisted type).
  for (const o of ld) if (o !== article && o !== page && !typesOf(o).some((t) => t === 'organization' || t === 'person')) push(ldDate(o.datePublished), 'jsonld');
  push(urlDate(pageUrl ?? base), 'url');
  if (times[0]) push(times[0].value, 'time');

  const ldAuthor = article ? names(article.author) : null;
  const metaAuthor = m('author', 'article:author', 'dc.creator', 'parsely-author', 'sailthru.author', 'byl');
  const author = ldAuthor ?? (metaAuthor && !/^https?:/.test(metaAuthor) ? metaAuthor.replace(/^by\s+/i, '') : null) ?? relAuthor;

  const excerpt =
    m('og:description', 'description', 'twitter:description', 'dc.description') ??
    (article ? str(article.description) : null);

  const languageSignals: LanguageSignal[] = [];
  const signal = (source: LanguageSignal['source'], value: string | null | undefined) => {
    if (value && value.trim()) languageSignals.push({ source, value: value.trim() });
  };
  signal('html', htmlLang);
  signal('meta', m('content-language', 'dc.language', 'language'));
  signal('og', m('og:locale'));
  signal('jsonld', article ? str(article.inLanguage) : page ? str(page.inLanguage) : null);
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
  const url = resolveUrl(canonical ?? ogUrl ?? ldUrl ?? '', base) ?? base;

  // Raw, not collapsed: its line breaks are the paragraph breaks.
  const rawBody = article ? article.articleBody ?? article.text : null;
  const body = typeof rawBody === 'string' && rawBody.trim() ? rawBody : null;

  const review = ld.find((o) => typesOf(o).includes('claimreview'));
  const claim = review ? str(review.claimReviewed) : null;
  const rating = review && review.reviewRating && typeof review.reviewRating === 'object' ? str((review.reviewRating as Json).alternateName) : null;

  return {
    title,
    documentTitle,
    dates,
    author: author ? decodeEntities(author) : null,
    siteName: site ? decodeEntities(site) : null,
    excerpt: excerpt ? decodeEntities(excerpt) : null,
    lang: lang ? lang.trim() : null,
    languageSignals,
    tags: dedupe(tags.map((t) => decodeEntities(t.trim())!).filter((t) => t.length > 0 && t.length < 80)).slice(0, 40),
    url,
    articleBody: body,
    claimReview: claim ? { claim: decodeEntities(claim)!, rating: decodeEntities(rating) } : null,
    // Read only when no statement in the markup gave a date: most pages never need it.
    datelineTexts: () => {
      const out: string[] = [];
      for (const el of holders) {
        const t = collapseSpace(spacedText(el, 160)).trim();
        if (t.length >= 8 && t.length <= 140 && /(?<!\d)(?:19|20)\d{2}(?!\d)/.test(t) && !inChrome(el)) out.push(t);
        if (out.length >= 40) break;
      }
      return out;
    },
    zoneHints: [
      ...times.map((t) => t.value),
      ...[m('article:modified_time', 'og:updated_time', 'datemodified', 'last-modified'), article ? ldDate(article.dateModified) : null].filter((x): x is string => !!x),
    ],
  };
}

/**
 * `u` without its query or fragment: what `u.replace(/[?#].*$/, '')` gave (a `?` or `#` with no line
 * break after it, and all that follows), found by index so a URL of many `?` costs one pass.
 *
 * @example
 * withoutQueryOrFragment('https://example.com/a?b=1#c') // 'https://example.com/a'
 */
export function withoutQueryOrFragment(u: string): string {
  const lineStart = Math.max(u.lastIndexOf('\n'), u.lastIndexOf('\r'), u.lastIndexOf('\u2028'), u.lastIndexOf('\u2029')) + 1;
  const q = u.indexOf('?', lineStart);
  const h = u.indexOf('#', lineStart);
  const cut = q < 0 ? h : h < 0 ? q : Math.min(q, h);
  return cut < 0 ? u : u.slice(0, cut);
}

/** The JSON-LD object that describes this page's article: the one whose URL or headline matches, else the first. */
function pickArticle(ld: Json[], pageUrl: string | null, documentTitle: string | null): Json | null {
  const articles = ld.filter((o) => typesOf(o).some((t) => ARTICLE_TYPES.has(t)) && !typesOf(o).includes('claimreview'));
  if (articles.length <= 1) return articles[0] ?? ld.find((o) => typesOf(o).includes('claimreview')) ?? null;
  const strip = (u: string) => withoutQueryOrFragment(u).replace(/\/$/, '');
  if (pageUrl) {
    const hit = articles.find((o) => {
      const u = str(o.url) ?? idOf(o.mainEntityOfPage) ?? idOf(o['@id']);
      return u !== null && strip(u) === strip(pageUrl);
    });
    if (hit) return hit;
  }
  if (documentTitle) {
    const hit = articles.find((o) => {
      const h = str(o.headline) ?? str(o.name);
      return h !== null && similarity(h, documentTitle) >= 0.5;
    });
    if (hit) return hit;
  }
  return articles[0]!;
}

/** A JSON-LD date: a string, the first of a list, or a `{"@value": …}` object. */
function ldDate(v: unknown): string | null {
  if (Array.isArray(v)) return ldDate(v[0]);
  if (v && typeof v === 'object' && typeof (v as Json)['@value'] === 'string') return nonEmpty((v as Json)['@value'] as string);
  return typeof v === 'string' ? nonEmpty(v) : null;
}

/**
 * A date in a URL path: /2019/11/18/, /2019-11-18/, /20191118/ (a plausible
 * year, month and day), or /2019/11/ alone is not enough.
 *
 * @example
 * urlDate('https://news.example/world/2019/11/18/story') // '2019-11-18'
 */
export function urlDate(url: string | null): string | null {
  if (!url) return null;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const m =
    /(?:^|\/)((?:19|20)\d{2})\/(0?[1-9]|1[0-2])\/(0?[1-9]|[12]\d|3[01])(?:\/|$|[-_])/.exec(path) ??
    /(?:^|[/_-])((?:19|20)\d{2})[-_](0[1-9]|1[0-2])[-_](0[1-9]|[12]\d|3[01])(?:[/_.-]|$)/.exec(path) ??
    /(?:^|[/_-])((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:[/_.-]|\d{2,6}(?:[/_.-]|$)|$)/.exec(path);
  if (!m) return null;
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

/** Elements that hold a dateline as their own short text. */
const DATELINE_HOLDERS = new Set(['p', 'div', 'span', 'li', 'dd', 'small', 'em', 'strong', 'b', 'time', 'address', 'td', 'ul', 'h4', 'h5', 'h6']);
const BLOCKISH = new Set(['p', 'div', 'section', 'article', 'table', 'ol', 'h1', 'h2', 'h3', 'blockquote', 'figure', 'header', 'footer', 'nav', 'aside', 'main']);
/** Site chrome where a date is today's, not the article's (a masthead's "2025년 09월 23일 (화)"). */
const CHROME_HOLDER = /(?:^|[\s_-])(?:gnb|lnb|top-?bar|util|masthead|site-?header|global|header-?top|ticker|weather|ranking|related|popular|most-?(?:read|view)|sidebar|footer|comment)/i;

function hasBlockElementChild(el: Element): boolean {
  for (const c of el.children) if (isElement(c) && BLOCKISH.has(c.name)) return true;
  return false;
}

function inChrome(el: Element): boolean {
  for (let p: ParentNode | null = el; p && isElement(p); p = p.parent) {
    if (p.name === 'nav' || p.name === 'footer' || p.name === 'aside' || p.name === 'script' || p.name === 'style') return true;
    if (CHROME_HOLDER.test(`${p.attribs.class ?? ''} ${p.attribs.id ?? ''}`)) return true;
  }
  return false;
}

/** Text with a space between child elements (list items, spans), so "기자입력" reads "기자 입력". */
function spacedText(el: Element, max = Infinity): string {
  let out = '';
  const stack: AnyNode[] = [el];
  while (stack.length > 0 && out.length <= max) {
    const n = stack.pop()!;
    if ('data' in n && typeof n.data === 'string' && n.type === 'text') out += n.data;
    else if (isElement(n) && n.name !== 'script' && n.name !== 'style') {
      out += ' ';
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
  }
  return out;
}

function shortText(el: Element): string | null {
  const t = collapseSpace(rawText(el)).trim();
  return t && t.length <= 80 ? t : null;
}

function parentMarks(el: Element): string {
  let out = '';
  let p = el.parent;
  for (let i = 0; i < 2 && p && isElement(p); i++, p = p.parent) out += ` ${attr(p, 'class') ?? ''} ${attr(p, 'id') ?? ''}`;
  return out;
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
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
 * Title separators: a site name sits on the far side of one of these. A match never starts inside a
 * run of spaces (a leftmost match never did: the spaces before a separator go with it), so a long
 * run of spaces is read once, not once from each of its positions; the lookaheads sit right after
 * the `_` or dash, so a failing one is not retried for each way of splitting the spaces after it.
 * (Those spaces differ only at the very end of a title, and stripSiteName trims titles first.)
 */
const SEPARATORS = /(?:(?<!\s)|(?!\s))(?:\s+[|\-–—»·:•]\s+|\s*[|｜‖]\s*|\s+::\s+|\s*[_＿](?=[^_＿]+$)\s*|\s*[-–—](?=\s*[^\s-–—]+$)\s*)/g;

/**
 * A title without the site name at its start or end ("Story | The Paper",
 * "Sportsnet - Story", "見出し：東都新聞"), when that part is the site:
 * it matches the page's site name or its host name.
 *
 * @example
 * stripSiteName('Leafs win in overtime - Sportsnet', ['Sportsnet.ca'], 'www.sportsnet.ca') // 'Leafs win in overtime'
 */
export function stripSiteName(title: string, siteNames: readonly string[], host: string | null): string {
  let t = title.trim();
  for (let round = 0; round < 2; round++) {
    const parts = splitTitle(t);
    if (parts.length < 2) break;
    const first = parts[0]!;
    const last = parts[parts.length - 1]!;
    if (isSite(last.text, siteNames, host)) t = trimEndSeparators(t.slice(0, last.start)).trim();
    else if (isSite(first.text, siteNames, host)) t = t.slice(first.end).replace(/^[\s|\-–—»·:•｜‖_＿]+/, '').trim();
    else break;
  }
  return t || title.trim();
}

const SEPARATOR_CHARS = '|-–—»·:•｜‖_＿';

/**
 * `s` without the title separators and spaces it ends with: a loop where `[…]+$` would rescan each run.
 *
 * @example
 * trimEndSeparators('Headline — ') // 'Headline'
 */
export function trimEndSeparators(s: string): string {
  let end = s.length;
  while (end > 0 && (SEPARATOR_CHARS.includes(s[end - 1]!) || s[end - 1]!.trim() === '')) end--;
  return s.slice(0, end);
}

/**
 * A title's parts between its separators, with where each starts and ends (for a trimmed title).
 *
 * @example
 * splitTitle('Story | The Paper').map((p) => p.text) // ['Story', 'The Paper']
 */
export function splitTitle(t: string): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  let at = 0;
  // matchAll works on a copy of the regex, so the shared `g` regex keeps no state between calls.
  for (const m of t.matchAll(SEPARATORS)) {
    out.push({ text: t.slice(at, m.index), start: at, end: m.index! + m[0].length });
    at = m.index! + m[0].length;
  }
  out.push({ text: t.slice(at), start: at, end: t.length });
  return out.filter((p) => p.text.trim() !== '');
}

/** Letters and digits only, lower-cased: "The Japan Times" and "japantimes" meet here. */
const squash = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '').replace(/^the/, '');

function isSite(part: string, siteNames: readonly string[], host: string | null): boolean {
  const p = squash(part);
  if (!p || p.length > 60) return false;
  for (const name of siteNames) {
    const n = squash(name.replace(/\.(com|co\.\w+|net|org|jp|kr|ca|uk)$/i, ''));
    if (n && (p === n || (n.length >= 4 && (p.startsWith(n) || n.startsWith(p)) && Math.min(p.length, n.length) / Math.max(p.length, n.length) >= 0.6))) return true;
  }
  if (host) {
    // www.sportsnet.ca → "sportsnet"; news.example.co.jp → "example", "news"
    const labels = host.replace(/^www\d*\./, '').split('.').filter((l) => l.length >= 3 && !/^(com|net|org|co|ne|or|go|ac|news)$/.test(l));
    for (const l of labels) {
      const h = squash(l);
      if (p === h || (h.length >= 5 && p.includes(h) && p.length <= h.length + 12)) return true;
    }
  }
  return false;
}

/**
 * Drop a site name from a <title> when nothing tells which part is the site:
 * keep the longest part, nearly always the headline, if it still looks like one.
 *
 * @example
 * trimSiteName('Chipmaker posts record revenue | The Daily Ledger') // 'Chipmaker posts record revenue'
 */
export function trimSiteName(title: string | null): string | null {
  if (!title) return null;
  const parts = title.split(/\s+[|\-–—»·:]\s+|\s*[|｜]\s*|_/);
  if (parts.length < 2) return title;
  let best = parts[0]!;
  for (const p of parts) if (p.length > best.length) best = p;
  const words = best.split(/\s+/).length;
  const cjk = /[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]/.test(best);
  return words >= 3 || (cjk && best.length >= 6) ? best.trim() : title;
}

interface TitleSources {
  ldHeadline: string | null;
  ldName: string | null;
  og: string | null;
  meta: string | null;
  document: string | null;
  h1s: string[];
  siteNames: string[];
  host: string | null;
}

/**
 * The page's headline. Each source is stripped of the site name; the <h1>
 * that agrees with the other sources is preferred (it is what the reader
 * sees, and carries no site suffix); a JSON-LD headline that no other source
 * agrees with (an encyclopedia's one-line description) loses to one that does.
 */
function chooseTitle(src: TitleSources): string | null {
  const strip = (t: string | null) => (t ? stripSiteName(t, src.siteNames, src.host) : null);
  const ld = strip(src.ldHeadline);
  const ldName = strip(src.ldName);
  const og = strip(src.og);
  const meta = strip(src.meta);
  const doc = strip(src.document);
  const others = [og, meta, doc, ld, ldName].filter((x): x is string => !!x);
  const agrees = (a: string, b: string) => similarity(a, b) >= 0.6 || containsTitle(b, a) || containsTitle(a, b);

  for (const h of src.h1s) {
    if (h.length < 2 || isSite(h, src.siteNames, src.host)) continue;
    if (others.some((o) => agrees(h, o))) return h;
  }
  const agreed = (t: string | null, pool: (string | null)[]) => !!t && pool.some((o) => o && o !== t && agrees(t, o));
  const pool = [og, meta, doc, ...src.h1s];
  if (ld && (agreed(ld, pool) || pool.every((x) => !x))) return ld;
  if (ldName && agreed(ldName, pool)) return ldName;
  const fallback = og ?? meta ?? (doc && src.document && doc === src.document.trim() ? trimSiteName(doc) : doc) ?? ld ?? ldName ?? src.h1s[0] ?? null;
  return fallback;
}

/** Does `outer` hold `inner` whole, as a headline inside a longer title? */
function containsTitle(outer: string, inner: string): boolean {
  const o = outer.normalize('NFKC').toLowerCase();
  const i = inner.normalize('NFKC').toLowerCase().trim();
  return i.length >= 8 && o.includes(i);
}

/** "Headline | Site" → "Site", when the headline part is the page title. */
function siteFromTitle(documentTitle: string | null, title: string | null): string | null {
  if (!documentTitle || !title || documentTitle === title) return null;
  const m = /^(.*?)\s+[|\-–—»·]\s+([^|\-–—»·]{2,40})$/.exec(documentTitle);
  if (m && similarity(m[1]!, title) >= 0.8) return m[2]!.trim();
  const r = siteFirst(documentTitle);
  if (r && similarity(r.rest, title) >= 0.8) return r.site.trim();
  return null;
}

const TITLE_SEPARATOR_CHARS = '|-–—»·';

/**
 * "Site | Headline" split where /^([^|\-–—»·]{2,40})\s+[|\-–—»·]\s+(.*)$/ split it: at the title's
 * first separator character, which needs spaces on both sides, 2 to 40 characters of site before the
 * spaces (the regex's greedy first group takes up to 40, spaces included), and no line break after
 * them. Found by index: as a regex, each split of a long run of spaces was tried.
 *
 * @example
 * siteFirst('The Paper | Headline here') // { site: 'The Paper', rest: 'Headline here' }
 */
export function siteFirst(title: string): { site: string; rest: string } | null {
  let sep = 0;
  while (sep < title.length && !TITLE_SEPARATOR_CHARS.includes(title[sep]!)) sep++;
  if (sep === title.length) return null;
  let spacesFrom = sep;
  while (spacesFrom > 0 && title[spacesFrom - 1]!.trim() === '') spacesFrom--;
  const siteLength = Math.min(40, sep - 1);
  if (spacesFrom === sep || siteLength < Math.max(2, spacesFrom)) return null;
  let restFrom = sep + 1;
  while (restFrom < title.length && title[restFrom]!.trim() === '') restFrom++;
  const rest = title.slice(restFrom);
  if (restFrom === sep + 1 || /[\n\r\u2028\u2029]/.test(rest)) return null;
  return { site: title.slice(0, siteLength), rest };
}

/**
 * Decode HTML entities a CMS left in a string (JSON-LD headlines carry
 * `&#8217;`, `&nbsp;`, `&amp;amp;`), twice at most for double escaping,
 * and collapse the spaces that come out.
 *
 * @example
 * decodeEntities('It doesn&#8217;t&nbsp;stop') // 'It doesn’t stop'
 */
export function decodeEntities(s: string | null): string | null {
  if (s === null) return null;
  let out = s;
  for (let i = 0; i < 2 && /&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/i.test(out); i++) out = decodeHTML(out);
  return collapseSpace(out).trim();
}
