import type { StageContext } from '../context.js';
import { displayForm, matchForm } from '../normalise/match-form.js';
import { ok, skip, type Outcome } from '../outcome.js';
import type { Block, Dropped, Extracted, RawDocument } from '../records.js';
import { scriptLanguage } from '../language/detect.js';
import { parseDate, zoneForLanguage, zoneForUrl } from '../time.js';
import { hasFrontMatter, splitFrontMatter } from './front-matter.js';
import { extractHtml, type HtmlExtraction } from './html/index.js';
import { markdownBlocks, type RawBlock } from './markdown.js';
import { plainBlocks } from './plain-text.js';
import { checkSanity, type SanityResult } from './sanity.js';
import { scrapedText } from './scraped-text.js';

/**
 * extract: a decoded document → title, metadata and body blocks in source
 * order, with site chrome moved to `dropped` (reason `boilerplate`).
 *
 * `.md` (and any body that opens with a `---` fence) reads YAML front matter;
 * `.txt` is a scraped page (title line, site line, chrome); `.html` goes
 * through the HTML main-text extractor. Broken front matter throws an
 * InputError; a document with no body text is a skip.
 *
 * @example
 * const out = extract(raw, ctx);
 * if (out.kind === 'ok') out.value.dropped.filter((d) => d.reason === 'boilerplate');
 */
export function extract(raw: RawDocument, ctx: StageContext): Outcome<Extracted> {
  // A date without a zone is read in the zone its language implies (KST, JST), else the configured one.
  // (HTML pages work out their own zone from their markup: see html/dates.ts.)
  // Only Japanese and Korean have a zone of their own, so the script decides; the language itself is detected once, in normalise.
  const tz = zoneForUrl(raw.meta.url) ?? zoneForLanguage(raw.langHint ?? (raw.format === 'html' ? null : scriptLanguage(raw.body.slice(0, 4000))), ctx.config.timeZone);
  const base = {
    source: raw.source,
    url: raw.meta.url,
    title: raw.meta.title ?? '',
    publishedAt: parseDate(raw.meta.publishedAt, tz),
    author: raw.meta.author,
    tags: [] as string[],
    categories: [] as string[],
    excerpt: null as string | null,
    siteName: raw.meta.siteName,
    langHint: raw.langHint,
    languageSignals: raw.languageSignals ?? [],
  };
  let doc: Extracted;
  let sanity: SanityResult;
  if (raw.format === 'html') {
    const h = extractHtml(raw.body, { baseUrl: raw.meta.url, timeZone: raw.langHint ? zoneForLanguage(raw.langHint, ctx.config.timeZone) : ctx.config.timeZone, now: ctx.clock() });
    sanity = checkSanity({ blocks: h.blocks, visibleLength: h.visibleLength, fromStatedBody: h.fromStatedBody });
    doc = fromHtml(base, h, sanity);
  } else {
    if (raw.format === 'plain') doc = fromMarkdown(raw, base, tz, plainBlocks);
    else if (raw.format === 'markdown' || hasFrontMatter(raw.body)) doc = fromMarkdown(raw, base, tz, markdownBlocks);
    else doc = fromText(raw, base, tz);
    sanity = checkSanity({ blocks: doc.blocks });
    doc = dropCode(doc, sanity);
  }
  // Script or style that leaked into the body is never stored as an article.
  if (!sanity.ok) return skip('extract', 'not-an-article', `${raw.source.uri}: ${sanity.reason}`);

  // A followed feed item: the feed's title, date and author where the page gives none.
  const fb = raw.fallback;
  if (fb) {
    doc.title ||= fb.title ? displayForm(fb.title) : '';
    doc.publishedAt ??= parseDate(fb.publishedAt ?? null, tz);
    doc.author ??= fb.author ?? null;
    doc.siteName ??= fb.siteName ?? null;
  }
  // A body given as text is all body: its title is the one given with it, or none.
  if (!doc.title && raw.format !== 'plain') doc.title = fallbackTitle(doc.blocks);
  if (doc.blocks.length === 0) return skip('extract', 'not-an-article', `${raw.source.uri}: no body text (only chrome or metadata)`);
  ctx.log.debug('extracted', { article_uri: raw.source.uri, blocks: doc.blocks.length, dropped: doc.dropped.length });
  return ok(doc);
}

type Base = Omit<Extracted, 'blocks' | 'dropped'>;

function fromMarkdown(raw: RawDocument, base: Base, tz: string, toBlocks: (body: string) => RawBlock[]): Extracted {
  let body = raw.body;
  const doc: Base = { ...base };
  if (hasFrontMatter(body)) {
    const fm = splitFrontMatter(body, raw.source.uri);
    body = fm.body;
    doc.title = fm.meta.title ? displayForm(fm.meta.title) : doc.title;
    doc.publishedAt = parseDate(fm.meta.date, tz) ?? doc.publishedAt;
    doc.author = fm.meta.author ?? doc.author;
    doc.excerpt = fm.meta.excerpt;
    doc.tags = fm.meta.tags;
    doc.categories = fm.meta.categories;
  }
  const blocks = toBlocks(body);
  // Posts often open by repeating their title as a plain line: it heads the body.
  if (blocks[0] && doc.title && matchForm(blocks[0].text) === matchForm(doc.title)) blocks[0].kind = 'heading';
  return { ...doc, ...numbered(blocks.map((b) => ({ ...b, drop: null }))) };
}

function fromText(raw: RawDocument, base: Base, tz: string): Extracted {
  const page = scrapedText(raw.body, tz);
  return {
    ...base,
    title: base.title || page.title || '',
    siteName: base.siteName ?? page.siteName,
    author: base.author ?? page.author,
    publishedAt: base.publishedAt ?? page.publishedAt,
    ...numbered(page.blocks),
  };
}

function fromHtml(base: Base, h: HtmlExtraction, sanity: SanityResult): Extracted {
  const code = new Map(sanity.codeBlocks.map((c) => [c.index, c.why]));
  const blocks: (RawBlock & { drop: string | null; group?: string })[] = [
    ...h.blocks.map((b, i) => ({ text: b.text, kind: b.kind, group: b.group, drop: code.has(i) ? 'code' : null })),
    ...h.dropped.map((d) => ({ text: d.text, kind: 'paragraph' as const, drop: d.detail })),
  ];
  return {
    ...base,
    url: base.url ?? h.url,
    title: base.title || (h.title ?? ''),
    publishedAt: base.publishedAt ?? h.publishedAt,
    author: base.author ?? h.author,
    siteName: base.siteName ?? h.siteName,
    excerpt: h.excerpt,
    tags: h.tags,
    languageSignals: [...(base.languageSignals ?? []), ...h.languageSignals],
    ...numbered(blocks),
  };
}

/** Blocks of a text or Markdown document that the sanity check found to be code go to `dropped` (rule `code`). */
function dropCode(doc: Extracted, sanity: SanityResult): Extracted {
  if (sanity.codeBlocks.length === 0) return doc;
  const code = new Set(sanity.codeBlocks.map((c) => doc.blocks[c.index]!.index));
  const moved = doc.blocks.filter((b) => code.has(b.index));
  return {
    ...doc,
    blocks: doc.blocks.filter((b) => !code.has(b.index)),
    dropped: [...doc.dropped, ...moved.map((b) => ({ index: b.index, text: b.text, reason: 'boilerplate' as const, of: null, similarity: null, sentence: null, detail: 'code' }))].sort((a, b) => a.index - b.index),
  };
}

/** Give every block its index in source order; chrome goes to `dropped` with the same numbering. */
function numbered(blocks: (RawBlock & { drop: string | null; group?: string })[]): { blocks: Block[]; dropped: Dropped[] } {
  const kept: Block[] = [];
  const dropped: Dropped[] = [];
  blocks.forEach((b, index) => {
    if (b.drop === null) kept.push(b.group ? { index, text: b.text, kind: b.kind, group: b.group } : { index, text: b.text, kind: b.kind });
    else dropped.push({ index, text: b.text, reason: 'boilerplate', of: null, similarity: null, sentence: null, detail: b.drop });
  });
  return { blocks: kept, dropped };
}

function fallbackTitle(blocks: Block[]): string {
  const first = blocks.find((b) => b.kind === 'heading') ?? blocks[0];
  if (!first) return '';
  const t = first.text.split(/(?<=[。.!?！？])\s*/)[0] ?? first.text;
  return t.length > 120 ? t.slice(0, 119) + '…' : t;
}
