/**
 * HTML built from tagged templates that escape every interpolated value.
 * Article text is hostile (scraped pages, feed items), so nothing reaches a
 * page unescaped unless it is already a `SafeHtml` made by this module.
 */

import { escapeHtml, safeHref } from '../html-escape.js';

/** A fragment of markup this module produced (so already escaped). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

/** Escape text for HTML (the shared escaper, under the short name the templates use). */
export const escape = escapeHtml;
export { safeHref };

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
