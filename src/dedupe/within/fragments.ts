/**
 * Separator markers and the sentences they cut. Scraped and generated text
 * often arrives as several attempts glued together with `---END---`; an
 * attempt can stop mid-sentence and the next one pick up the sentence again,
 * sometimes repeating its last words or opening with `...`.
 */
import type { Lang } from '../../records.js';

// A marker glued to text on the same line: `…いるよ。---END---`, `<|endoftext|>`, `[END]`.
const INLINE_MARKER = /-{3,}\s*(?:END|EOF|EOT|CONTINUED?|続き|끝)\s*-{3,}|<\|?end(?:oftext)?\|>|\[(?:END|EOF|EOT)\]/giu;

// Where a complete sentence (or a list label) may end.
const TERMINAL = /[。．.！!？?」』）)】〕〉》"”’'…:：;；]$/u;

const LEADING_ELLIPSIS = /^(?:\s*(?:\.{2,}|…+|⋯+))+\s*/u;

/** Pieces of a line split at glued markers: text pieces and the markers between them. */
export interface MarkerSplit {
  pieces: string[];
  markers: string[];
}

/**
 * Split a block's text at markers glued to it; `markers` is empty when there are none.
 *
 * @example
 * splitInlineMarkers('期待しているよ。---END---めている。') // { pieces: ['期待しているよ。', 'めている。'], markers: ['---END---'] }
 */
export function splitInlineMarkers(text: string): MarkerSplit {
  const pieces: string[] = [];
  const markers: string[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE_MARKER)) {
    pieces.push(text.slice(last, m.index).trim());
    markers.push(m[0]);
    last = m.index + m[0].length;
  }
  pieces.push(text.slice(last).trim());
  return { pieces, markers };
}

/**
 * Whether a sentence stops before its end: no closing punctuation. Only
 * meaningful for the last sentence before a marker.
 *
 * @example
 * isCut('構造的な変革をもたらす可能性を秘') // true
 * isCut('可能性を秘めている。') // false
 */
export function isCut(sentence: string): boolean {
  const t = sentence.trim();
  return t.length > 0 && !TERMINAL.test(t);
}

/**
 * The start of a continuation without its leading ellipsis.
 *
 * @example
 * stripLeadingEllipsis('...多層的で包括的な') // { rest: '多層的で包括的な', ellipsis: true }
 */
export function stripLeadingEllipsis(text: string): { rest: string; ellipsis: boolean } {
  const m = LEADING_ELLIPSIS.exec(text);
  return m ? { rest: text.slice(m[0].length), ellipsis: true } : { rest: text, ellipsis: false };
}

/**
 * Length of the longest end of `tail` that `head` repeats at its start, or 0.
 * Overlaps shorter than `minChars` count only when they repeat the whole
 * tail (`日本` / `日本はどうだろう？`): two or three shared characters are
 * otherwise too often chance.
 *
 * @example
 * overlapLength('防御まで、多層的で', '多層的で包括的な防御策', 3) // 4
 */
export function overlapLength(tail: string, head: string, minChars: number): number {
  const max = Math.min(tail.length, head.length, 200);
  for (let k = max; k >= 2; k--) {
    if (!tail.endsWith(head.slice(0, k))) continue;
    if (k >= minChars || k === tail.length) return k;
    return 0;
  }
  return 0;
}

/**
 * Join a cut sentence and its continuation: Japanese runs on without a
 * space; Korean and English are joined with one (a word cut in half then
 * shows a stray space, which is easier to read than two words run together).
 *
 * @example
 * joinCut('可能性を秘', 'めている。', 'ja') // '可能性を秘めている。'
 */
export function joinCut(tail: string, head: string, lang: Lang | null): string {
  if (!head) return tail;
  if (lang === 'ja' || /^[、。，．,.;:!?！？)）」』]/u.test(head)) return tail + head;
  return `${tail} ${head}`;
}

/**
 * Whether a continuation could not start a sentence of its own in English:
 * a lower-case letter or a comma. (Japanese and Korean give no such sign.)
 *
 * @example
 * looksLikeContinuation('invest $3 billion.', 'en') // true
 */
export function looksLikeContinuation(head: string, lang: Lang | null): boolean {
  if (lang !== 'en') return true;
  return /^[\p{Ll},;:)]/u.test(head.trim());
}
