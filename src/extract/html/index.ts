/**
 * HTML main-text extraction: metadata from JSON-LD, Open Graph and <meta>,
 * then the article body as blocks, with the site chrome that was cut out
 * reported in `dropped`. Pure: no I/O, no module state.
 */
import { load } from 'cheerio';
import { extractContent, type ContentBlock } from './content.js';
import { flattenDeep } from './dom.js';
import { capHtml } from './limits.js';
import { readMetadata, type PageMetadata } from './metadata.js';
import { collapseSpace, weightedLength } from './text.js';

/** Page metadata (see PageMetadata) and the main text as blocks. */
export interface HtmlExtraction extends Pick<PageMetadata, 'title' | 'publishedAt' | 'author' | 'siteName' | 'excerpt' | 'lang' | 'tags' | 'url'> {
  blocks: ContentBlock[];
  /** Removed chrome worth reporting: navigation, ads, share, related, comments, byline, title (text capped at 1000 chars). */
  dropped: { text: string; detail: string }[];
}

/**
 * Extract the article from an HTML page.
 *
 * @example
 * const x = extractHtml('<html><body><article><h1>見出し</h1><p>本文です。…</p></article></body></html>', { baseUrl: null });
 * x.blocks[0]; // { text: '本文です。…', kind: 'paragraph' }
 */
export function extractHtml(html: string, opts: { baseUrl: string | null }): HtmlExtraction {
  // Depth, element and attribute limits first: the parser's cost grows with nesting (see limits.ts).
  const $ = load(capHtml(html).markup);
  const root = $.root()[0]!;
  flattenDeep(root, 160);
  const meta = readMetadata(root, opts.baseUrl);
  const title = meta.title ?? meta.documentTitle;
  let content = extractContent(root, { title });
  // Class names can mislead (a story inside a "modal", a body marked "share"):
  // when the strict pass finds next to nothing, try again trusting only tags.
  if (textLength(content.blocks) < 500) {
    const lenient = extractContent(root, { title, lenient: true });
    if (textLength(lenient.blocks) > textLength(content.blocks) * 2) content = lenient;
  }

  let blocks = content.blocks;
  // A JSON-LD articleBody much longer than what the page shows means the page
  // hides or paginates its text; the stated body is the better source then.
  if (meta.articleBody) {
    const ldLen = weightedLength(meta.articleBody);
    const domLen = textLength(blocks);
    if (ldLen > 500 && domLen < ldLen * 0.6) {
      blocks = meta.articleBody
        .split(/\n\s*\n|\r?\n/)
        .map((t) => collapseSpace(t).trim())
        .filter((t) => t.length > 0)
        .map((text) => ({ text, kind: 'paragraph' as const }));
    }
  }

  const excerpt = meta.excerpt ?? blocks.find((b) => b.kind === 'paragraph')?.text.slice(0, 300) ?? null;
  return {
    title: meta.title,
    publishedAt: meta.publishedAt,
    author: meta.author ?? content.byline,
    siteName: meta.siteName,
    excerpt,
    lang: meta.lang,
    tags: meta.tags,
    url: meta.url,
    blocks,
    dropped: content.dropped,
  };
}

function textLength(blocks: { text: string }[]): number {
  return blocks.reduce((n, b) => n + weightedLength(b.text), 0);
}
