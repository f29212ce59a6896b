/**
 * Characters that must never reach output: C0 controls (ESC and BEL retitle
 * or clear a terminal), DEL, C1 controls (U+009B is a one-character CSI on
 * some terminals), and the bidi embeddings, overrides and isolates that make
 * `‮gpj.exe` display as `exe.jpg`. Tab and newline are text; a carriage
 * return becomes a newline.
 *
 * Bidi marks (U+200E, U+200F, U+061C) stay: they are invisible hints that
 * affect only neighbouring neutral characters, and Arabic or Hebrew names in
 * an English article need them.
 */

// One pass over single characters: linear whatever the input. U+0000–U+0008, U+000B, U+000C, U+000E–U+001F,
// U+007F–U+009F, U+202A–U+202E (LRE, RLE, PDF, LRO, RLO), U+2066–U+2069 (LRI, RLI, FSI, PDI); CR handled apart.
// eslint-disable-next-line no-control-regex
const UNSAFE_OR_CR = /\r\n?|[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const ANY = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/**
 * Whether `s` holds a character `stripControls` would remove or change.
 *
 * @example
 * hasControls('a\u001b[2Jb') // true
 * hasControls('行1\n行2\tタブ') // false
 */
export function hasControls(s: string): boolean {
  return ANY.test(s);
}

/**
 * Remove control characters (all but tab and newline; CR and CRLF become a
 * newline) and bidi embeddings, overrides and isolates.
 *
 * @example
 * stripControls('Title\u001b]0;owned\u0007 here') // 'Title]0;owned here'
 * stripControls('\u202Egpj.exe') // 'gpj.exe'
 * stripControls('삼성\r\n전자') // '삼성\n전자'
 */
export function stripControls(s: string): string {
  if (!ANY.test(s)) return s;
  return s.replace(UNSAFE_OR_CR, (c) => (c.charCodeAt(0) === 0x0d ? '\n' : ''));
}

/**
 * `stripControls` for a one-line field (a title, an author, a tag): line
 * breaks become a space as well.
 *
 * @example
 * stripControlsInline('Breaking:\r\nNVIDIA\u0007') // 'Breaking: NVIDIA'
 */
export function stripControlsInline(s: string): string {
  const t = stripControls(s);
  return t.includes('\n') || t.includes('\t') ? t.replace(/[\t\n]+/g, ' ') : t;
}
