/**
 * Separator markers and the sentences they cut. Scraped and generated text
 * often arrives as several attempts glued together with `---END---`; an
 * attempt can stop mid-sentence and the next one pick up the sentence again,
 * sometimes repeating its last words or opening with `...`.
 */
import type { Lang } from '../../records.js';

// A marker glued to text on the same line: `…いるよ。---END---`, `<|endoftext|>`, `[END]`.
// A match may only begin where a run of dashes begins: otherwise every dash of a long run is a new start.
const INLINE_MARKER = /(?<!-)-{3,}\s*(?:END|EOF|EOT|CONTINUED?|続き|끝)\s*-{3,}|<\|?end(?:oftext)?\|>|\[(?:END|EOF|EOT)\]/giu;

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
  for (let k = max; k >= 1; k--) {
    if (!tail.endsWith(head.slice(0, k))) continue;
    if (k >= Math.max(2, minChars) || k === tail.length) return k;
    // Whole words repeated (`... in` / `in Korea`, `새` / `새 공장`) are an overlap however short.
    const startsWord = /\s/.test(tail[tail.length - k - 1] ?? ' ');
    const endsWord = k === head.length || /[\s\p{P}]/u.test(head[k]!);
    if (startsWord && endsWord && /\s/.test(tail)) return k;
  }
  return 0;
}

/**
 * Join a cut sentence and its continuation: Japanese runs on without a
 * space; Korean and English with one, unless the continuation opens with a
 * piece too short to be a word of its own (the cut fell inside a word).
 *
 * @example
 * joinCut('可能性を秘', 'めている。', 'ja') // '可能性を秘めている。'
 */
export function joinCut(tail: string, head: string, lang: Lang | null): string {
  if (!head) return tail;
  if (lang === 'ja' || /^[、。，．,.;:!?！？)）」』]/u.test(head)) return tail + head;
  return midWord(tail, head, lang) ? tail + head : `${tail} ${head}`;
}

const EN_SHORT_WORDS = new Set(
  'a an the to of in on at by for and or but nor so is it as be am are was has had do did not no its his her our my we he she us me him you they who how why yet if off up out per via than then that this with from all any few own'.split(' '),
);
const KO_SHORT_WORDS = new Set('그 이 저 더 또 및 약 총 전 후 각 새 한 두 세 네 곧 꼭 왜 다 잘 못 안 즉 단 그는 이는 그의 이번 지난 올해 내년 작년 현재 당시 모든 다른 같은'.split(' '));

/**
 * Whether a continuation starts inside the word the cut sentence ended in:
 * a first word too short to stand alone (`disappoi` + `nt.`, `남` + `는다.`).
 */
function midWord(tail: string, head: string, lang: Lang | null): boolean {
  if (!/[\p{L}\p{N}]$/u.test(tail)) return false;
  const first = /^[\p{L}\p{N}]+/u.exec(head)?.[0] ?? '';
  if (!first) return false;
  if (/\p{Script=Hangul}/u.test(first)) return first.length <= 2 && !KO_SHORT_WORDS.has(first);
  if (lang === 'en' || /^[a-z]+$/.test(first)) return first.length <= 3 && /^[a-z]+$/.test(first) && !EN_SHORT_WORDS.has(first);
  return false;
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
