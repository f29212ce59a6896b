/**
 * Escaping for HTML built from untrusted text (article bodies, feed items,
 * titles), and the one link guard. One place, used by every digest renderer
 * (Markdown included), the web reader and the feed reader, so that a fix to
 * one is a fix to all.
 */
import { stripControls } from './normalise/controls.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/**
 * Escape text for element content and quoted attribute values. Control
 * characters and bidi overrides are dropped too: they have no business in a
 * page, and a stored article from before normalisation removed them may
 * still hold some.
 *
 * @example
 * escapeHtml('<img src=x onerror="alert(1)">') // '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
 */
export function escapeHtml(s: string): string {
  return stripControls(s).replace(/[&<>"'`]/g, (c) => ESCAPES[c]!);
}

/**
 * Escaped text isolated from its surroundings for bidirectional layout, so
 * a right-to-left name cannot reorder the text around it.
 *
 * @example
 * isolatedHtml('<b>삼성</b>') // '<bdi>&lt;b&gt;삼성&lt;/b&gt;</bdi>'
 */
export function isolatedHtml(s: string): string {
  return `<bdi>${escapeHtml(s)}</bdi>`;
}

/**
 * Only absolute http(s) URLs may become links; anything else (javascript:,
 * data:, vbscript:, relative paths from a feed) is null and shown as text.
 * The result is serialised by the URL parser, so controls, bidi overrides,
 * spaces and quotes in it come out percent-encoded.
 *
 * @example
 * safeHref('javascript:alert(1)') // null
 * safeHref('https://example.com/a?b=1') // 'https://example.com/a?b=1'
 */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

/**
 * Plain text as HTML paragraphs (a blank line between paragraphs), escaped.
 *
 * @example
 * textToHtml('a < b\n\nc') // '<p>a &lt; b</p>\n<p>c</p>'
 */
export function textToHtml(s: string): string {
  return s
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('\n');
}
