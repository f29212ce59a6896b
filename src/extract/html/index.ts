/**
 * HTML main-text extraction: metadata from JSON-LD, Open Graph and <meta>,
 * then the article body as blocks, with the site chrome that was cut out
 * reported in `dropped`. Pure: no I/O, no module state.
 */
import { load } from 'cheerio';
import { looksLikeCode } from '../sanity.js';
import { extractContent, type ContentBlock } from './content.js';
import { datelineDate, pageZone, resolvePublished, type PublishedDate } from './dates.js';
import { flattenDeep } from './dom.js';
import { capHtml } from './limits.js';
import { readMetadata, type PageMetadata } from './metadata.js';
import { collapseSpace, similarity, weightedLength } from './text.js';

/** Page metadata (see PageMetadata) and the main text as blocks. */
export interface HtmlExtraction extends Pick<PageMetadata, 'title' | 'author' | 'siteName' | 'excerpt' | 'lang' | 'tags' | 'url' | 'languageSignals'> {
  /** ISO 8601 in UTC, or null when the page states no date. */
  publishedAt: string | null;
  /** Where the date came from and the zone a zone-less date was read in. */
  published: PublishedDate | null;
  blocks: ContentBlock[];
  /** Removed chrome worth reporting: navigation, ads, share, related, comments, byline, caption, title (text capped at 1000 chars). */
  dropped: { text: string; detail: string }[];
  /** Weighted length of the page's visible text, for the sanity check. */
  visibleLength: number;
  /** The body is the page's JSON-LD articleBody (the page showed only a teaser). */
  fromStatedBody: boolean;
}

export interface HtmlOptions {
  baseUrl: string | null;
  /** The zone for a date written without one when the page gives no better clue (default UTC). */
  timeZone?: string;
  /** Now, to refuse dates in the future. */
  now?: Date;
}

/**
 * Extract the article from an HTML page.
 *
 * @example
 * const x = extractHtml('<html><body><article><h1>見出し</h1><p>本文です。…</p></article></body></html>', { baseUrl: null });
 * x.blocks[0]; // { text: '本文です。…', kind: 'paragraph' }
 */
export function extractHtml(html: string, opts: HtmlOptions): HtmlExtraction {
  // Depth, element and attribute limits first: the parser's cost grows with nesting (see limits.ts).
  const $ = load(capHtml(html).markup);
  const root = $.root()[0]!;
  flattenDeep(root, 160);
  const meta = readMetadata(root, opts.baseUrl);
  const title = meta.title ?? meta.documentTitle;
  let content = extractContent(root, { title });
  let lenient = false;
  // Class names can mislead (a story inside a "modal", a body marked "share"):
  // when the strict pass finds next to nothing, try again trusting only tags.
  if (textLength(content.blocks) < 500) {
    const tagsOnly = extractContent(root, { title, lenient: true });
    if (textLength(tagsOnly.blocks) > textLength(content.blocks) * 2) {
      content = tagsOnly;
      lenient = true;
    }
  }
  // Script text printed as the body (a bundle escaped into the page, a state blob in a <div>):
  // extract again with every element of code text pruned, so the article around it can win.
  const codeShare = content.blocks.reduce((n, b) => n + (!b.code && looksLikeCode(b.text).code ? weightedLength(b.text) : 0), 0);
  if (codeShare > 0 && codeShare >= textLength(content.blocks) * 0.3) {
    const pruned = extractContent(root, { title, pruneCode: true, lenient });
    if (textLength(pruned.blocks) > 0) content = pruned;
  }
  // A photo story is its captions: when they say more than the rest, they are the article.
  const captions = content.dropped.filter((d) => d.detail === 'caption' || d.detail === 'gallery');
  const captionLength = captions.reduce((n, d) => n + weightedLength(d.text), 0);
  if (captionLength >= 200 && captionLength > textLength(content.blocks)) {
    const withCaptions = extractContent(root, { title, keepCaptions: true, lenient });
    if (textLength(withCaptions.blocks) > textLength(content.blocks)) content = withCaptions;
  }

  let blocks = content.blocks;
  let fromStatedBody = false;
  // A JSON-LD articleBody much longer than what the page shows means the page
  // hides or paginates its text; the stated body is the better source then
  // (unless it is markup or script, which some CMSs put there).
  if (meta.articleBody && !looksLikeCode(meta.articleBody.slice(0, 5000)).code) {
    const ldLen = weightedLength(meta.articleBody);
    const domLen = textLength(blocks);
    if (ldLen > 500 && domLen < ldLen * 0.6) {
      blocks = meta.articleBody
        .split(/\n\s*\n|\r?\n/)
        .map((t) => collapseSpace(t).trim())
        .filter((t) => t.length > 0)
        .map((text) => ({ text, kind: 'paragraph' as const }));
      fromStatedBody = true;
    }
  }

  // A fact check's claim and verdict, when the page states them but its body does not show them.
  if (meta.claimReview && !blocks.some((b) => similarity(b.text, meta.claimReview!.claim) >= 0.6 || b.text.includes(meta.claimReview!.claim))) {
    const lead: ContentBlock[] = [{ text: `Claim: ${meta.claimReview.claim}`, kind: 'paragraph' }];
    if (meta.claimReview.rating) lead.push({ text: `Rating: ${meta.claimReview.rating}`, kind: 'paragraph' });
    blocks = [...lead, ...blocks];
  }

  // A byline or dateline line left at the top of the body ("社会部 鈴木健太 2024年2月14日 15時30分",
  // "입력 2024.03.27 14:22") is metadata, not text: it goes to dropped and the date search below reads it.
  const dropped = [...content.dropped];
  for (let i = 0; i < Math.min(3, blocks.length); i++) {
    const b = blocks[i]!;
    if (b.kind !== 'heading' && b.text.length <= 80 && isDatelineLine(b.text)) {
      dropped.push({ text: b.text, detail: 'byline' });
      blocks = blocks.filter((x) => x !== b);
      i--;
    }
  }

  // A tagline naming the site above the text ("From Openpedia, the free encyclopedia") is masthead.
  const site = siteWord(meta.siteName, meta.url);
  for (let i = 0; i < Math.min(2, blocks.length); i++) {
    const b = blocks[i]!;
    if (site && b.kind === 'paragraph' && b.text.length <= 80 && !/[.!?。！？]$/.test(b.text) && b.text.toLowerCase().includes(site)) {
      dropped.push({ text: b.text, detail: 'masthead' });
      blocks = blocks.filter((x) => x !== b);
      break;
    }
  }
  // A heading left at the very end with nothing under it (its "See also" list was dropped) goes with its section.
  if (blocks.filter((b) => b.kind === 'paragraph').length >= 3) {
    while (blocks[blocks.length - 1]?.kind === 'heading' && blocks[blocks.length - 1]!.text.length <= 40) dropped.push({ text: blocks.pop()!.text, detail: 'links' });
  }

  const textLang = scriptLanguage(blocks);
  const page = { url: meta.url, lang: meta.lang, textLang, fallbackZone: opts.timeZone ?? 'UTC', now: opts.now, zoneHints: meta.zoneHints };
  let published = resolvePublished(meta.dates, page);
  if (!published) {
    // No statement in the markup: a dateline in the byline area or at the top of the text.
    const zone = pageZone(meta.dates, page);
    const lines = [
      ...meta.datelineTexts(),
      ...dropped.filter((d) => d.detail === 'byline' || d.detail === 'caption').map((d) => d.text),
      ...blocks.slice(0, 4).map((b) => b.text),
      ...blocks.slice(-2).map((b) => b.text),
    ];
    const iso = datelineDate(lines, zone, opts.now);
    if (iso) published = { iso, source: 'dateline', zone };
  }

  const excerpt = meta.excerpt ?? blocks.find((b) => b.kind === 'paragraph')?.text.slice(0, 300) ?? null;
  return {
    title: meta.title,
    publishedAt: published?.iso ?? null,
    published,
    author: meta.author ?? content.byline,
    siteName: meta.siteName,
    excerpt,
    lang: meta.lang,
    languageSignals: meta.languageSignals,
    tags: meta.tags,
    url: meta.url,
    blocks,
    dropped,
    visibleLength: content.visibleLength,
    fromStatedBody,
  };
}

/** The site's name as a lower-case word to look for: the first word of its name, or its host's main label. */
function siteWord(siteName: string | null, url: string | null): string | null {
  let host: string | null = null;
  try {
    host = url ? new URL(url).hostname : null;
  } catch {
    host = null;
  }
  const label = host?.replace(/^(www|en|m|amp)\./, '').split('.')[0] ?? null;
  const word = siteName?.split(/\s+/)[0]?.toLowerCase() ?? null;
  const pick = label && label.length >= 5 ? label : word && word.length >= 5 ? word : null;
  return pick;
}

/** A line that is a byline with a date, or only a date: no sentence, a date that parses. */
function isDatelineLine(t: string): boolean {
  if (/[。.!?！？]\s*$/.test(t) && !/\d[.]?$/.test(t)) return false;
  return datelineDate([t], 'UTC') !== null;
}

function textLength(blocks: { text: string }[]): number {
  return blocks.reduce((n, b) => n + weightedLength(b.text), 0);
}

/** ja or ko when the text's script says so (for the zone of a zone-less date); null otherwise. */
function scriptLanguage(blocks: { text: string }[]): string | null {
  const sample = blocks.slice(0, 8).map((b) => b.text).join(' ');
  const kana = sample.match(/[\u3040-\u30ff]/g)?.length ?? 0;
  const hangul = sample.match(/[\uac00-\ud7af]/g)?.length ?? 0;
  if (kana > 10 && kana >= hangul) return 'ja';
  if (hangul > 10) return 'ko';
  return null;
}

