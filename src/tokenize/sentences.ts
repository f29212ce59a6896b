import type { Lang } from '../records.js';

export interface SpanOf {
  start: number;
  end: number;
}

// Closing quotes and brackets that belong to the sentence they end.
const CLOSERS = '」』）)】〕〉》"\'”’]';
const JA_END = '。．！？!?';
const FULL_END = '。．！？';
const EN_ABBREV = new Set(
  'mr mrs ms dr prof sr jr st inc corp ltd co vs etc e.g i.e u.s u.k u.n e.u jan feb mar apr jun jul aug sep sept oct nov dec no gov sen rep gen lt col approx est dept univ fig vol pp ph.d'.split(' '),
);

/**
 * Split a paragraph into sentences; spans index `text` and exclude the
 * whitespace between sentences.
 *
 * Japanese ends sentences at 。！？ (an ASCII `.` only before a space, so `1.5兆`
 * stays whole); Korean and English at `. ? !` followed by white space, with
 * English abbreviations and initials (`U.S.`, `Mr.`, `J. Smith`) kept inside
 * the sentence. Line breaks always end a sentence. Closing quotes and
 * brackets stay with the sentence they close.
 *
 * @example
 * splitSentences('韓国が発表した。NVIDIAも応じた。', 'ja') // [{start:0,end:8},{start:8,end:18}]
 */
export function splitSentences(text: string, lang: Lang | null): SpanOf[] {
  const out: SpanOf[] = [];
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) out.push({ start: s, end: e });
    start = end;
  };
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      push(i);
      continue;
    }
    // ２．４パーセント: a full-width full stop between digits is a decimal point, not the end of a sentence.
    const fullWidthEnd = FULL_END.includes(ch) && !(ch === '．' && isDigitOfAnyWidth(text[i - 1]) && isDigitOfAnyWidth(text[i + 1]));
    // Japanese writes "?" and "!" without a following space; elsewhere they need one.
    const bangEnd = (ch === '?' || ch === '!') && (lang === 'ja' || nextIsSpaceOrEnd(text, i));
    const dotEnd = ch === '.' && nextIsSpaceOrEnd(text, i);
    if (!fullWidthEnd && !bangEnd && !dotEnd) continue;
    // Runs like "?!", "。」" or "..." end together.
    let j = i + 1;
    while (j < n && (JA_END.includes(text[j]!) || text[j] === '.')) j++;
    while (j < n && CLOSERS.includes(text[j]!)) j++;
    // 「…した。」と述べた: a quotation closed and carried on by a particle is not a sentence end.
    if (j > i + 1 && /[」』]/.test(text[j - 1]!) && /[とっのなもがをにや]/.test(text[j] ?? '')) continue;
    if (dotEnd) {
      if (text[i + 1] === '.') {
        // An ellipsis ends a sentence only before a capital or a CJK start.
        if (!startsNewSentence(text, j)) continue;
      } else if (isAbbreviation(text, i, lang)) continue;
      else if (lang === 'en' && !startsNewSentence(text, j)) continue;
    }
    push(j);
    i = j - 1;
  }
  push(n);
  return out;
}

function isDigitOfAnyWidth(c: string | undefined): boolean {
  return c !== undefined && ((c >= '0' && c <= '9') || (c >= '０' && c <= '９'));
}

function nextIsSpaceOrEnd(text: string, i: number): boolean {
  let j = i + 1;
  while (j < text.length && (CLOSERS.includes(text[j]!) || text[j] === '.' || text[j] === '!' || text[j] === '?')) j++;
  return j >= text.length || /\s/.test(text[j]!);
}

function startsNewSentence(text: string, j: number): boolean {
  let k = j;
  while (k < text.length && /\s/.test(text[k]!)) k++;
  if (k >= text.length) return true;
  return /[\p{Lu}\p{N}"'“‘(\[「『\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(text[k]!);
}

function isAbbreviation(text: string, dot: number, lang: Lang | null): boolean {
  let k = dot - 1;
  while (k >= 0 && /[A-Za-z.]/.test(text[k]!)) k--;
  const word = text.slice(k + 1, dot).toLowerCase();
  if (!word) return false;
  if (lang === 'en' || /^[a-z.]+$/.test(word)) {
    if (EN_ABBREV.has(word)) return true;
    if (/^[a-z]$/.test(word) && /[A-Z]/.test(text[dot - 1]!)) return true; // an initial: "J. Smith"
    if (/^([a-z]\.)+[a-z]$/.test(word)) return true; // "U.S", "e.g"
  }
  return false;
}
