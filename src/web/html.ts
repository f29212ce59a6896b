/**
 * HTML built from tagged templates that escape every interpolated value.
 * Article text is hostile (scraped pages, feed items), so nothing reaches a
 * page unescaped unless it is already a `SafeHtml` made by this module.
 */

/** A fragment of markup this module produced (so already escaped). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/**
 * @example
 * escape('<img src=x onerror="alert(1)">') // '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
 */
export function escape(s: string): string {
  return s.replace(/[&<>"'`]/g, (c) => ESCAPES[c]!);
}

function render(v: HtmlValue): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return escape(String(v));
}

/**
 * Markup with every value escaped; arrays are joined, null/undefined/false vanish.
 *
 * @example
 * html`<p title="${title}">${text}</p>`.value
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** Join fragments with a separator (the separator is escaped too). */
export function join(parts: readonly HtmlValue[], sep = ''): SafeHtml {
  return new SafeHtml(parts.map(render).join(escape(sep)));
}

/**
 * Only absolute http(s) URLs may become links out of the reader; anything
 * else (javascript:, data:, vbscript:, relative paths from a feed) is null
 * and shown as text.
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

/** A path inside the reader with each segment encoded: `path('articles', id)` → `/articles/<id>`. */
export function path(...segments: string[]): string {
  return '/' + segments.map(encodeURIComponent).join('/');
}

/** A query string from defined, non-empty values only. */
export function query(params: Record<string, string | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}
