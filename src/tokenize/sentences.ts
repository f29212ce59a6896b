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
  // Every question below is asked of each mark in a run of marks ("!!!!", "……", "。」」」"), and its
  // answer is the same for the whole run: remembering the last run's answer keeps a hostile run of a
  // million marks linear instead of quadratic.
  const runs = new RunScanner(text);
  for (let i = 0; i < n; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      push(i);
      continue;
    }
    // ２．４パーセント: a full-width full stop between digits is a decimal point, not the end of a sentence.
    const fullWidthEnd = FULL_END.includes(ch) && !(ch === '．' && isDigitOfAnyWidth(text[i - 1]) && isDigitOfAnyWidth(text[i + 1]));
    const isBang = ch === '?' || ch === '!';
    if (!fullWidthEnd && !isBang && ch !== '.') continue;
    // Japanese writes "?" and "!" without a following space; elsewhere they need one.
    const bangEnd = isBang && (lang === 'ja' || runs.spaceOrEndAfter(i));
    const dotEnd = ch === '.' && runs.spaceOrEndAfter(i);
    if (!fullWidthEnd && !bangEnd && !dotEnd) continue;
    // Runs like "?!", "。」" or "..." end together.
    const j = runs.endOfRun(i);
    // 「…した。」と述べた: a quotation closed and carried on by a particle is not a sentence end
    // (nor is any mark of the same run: skip it whole).
    if (j > i + 1 && /[」』]/.test(text[j - 1]!) && /[とっのなもがをにや]/.test(text[j] ?? '')) {
      i = j - 1;
      continue;
    }
    if (dotEnd) {
      if (text[i + 1] === '.') {
        // An ellipsis ends a sentence only before a capital or a CJK start.
        if (!runs.startsNewSentence(j)) continue;
      } else if (isAbbreviation(text, i, lang)) continue;
      else if (lang === 'en' && !runs.startsNewSentence(j)) continue;
    }
    push(j);
    i = j - 1;
  }
  push(n);
  return out;
}

/** The forward scans of `splitSentences`, each remembered for the run of marks it covered. */
class RunScanner {
  private spaceFrom = -1;
  private spaceEnd = -1;
  private marksFrom = -1;
  private marksEnd = -1;
  private runEnd = -1;
  private newFrom = -1;
  private newAnswer = false;
  constructor(private readonly text: string) {}

  /** After the marks that follow `i` (closers and . ! ?): white space, or the end of the text? */
  spaceOrEndAfter(i: number): boolean {
    const t = this.text;
    // Inside the span scanned last time, the scan would stop at the same place.
    if (!(i + 1 > this.spaceFrom && i + 1 <= this.spaceEnd)) {
      let j = i + 1;
      while (j < t.length && (CLOSERS.includes(t[j]!) || t[j] === '.' || t[j] === '!' || t[j] === '?')) j++;
      this.spaceFrom = i + 1;
      this.spaceEnd = j;
    }
    const e = this.spaceEnd;
    return e >= t.length || /\s/.test(t[e]!);
  }

  /** Where the run of end marks after `i`, then its closing quotes and brackets, ends. */
  endOfRun(i: number): number {
    const t = this.text;
    if (!(i + 1 > this.marksFrom && i + 1 <= this.marksEnd)) {
      let j = i + 1;
      while (j < t.length && (JA_END.includes(t[j]!) || t[j] === '.')) j++;
      this.marksFrom = i + 1;
      this.marksEnd = j;
      while (j < t.length && CLOSERS.includes(t[j]!)) j++;
      this.runEnd = j;
    }
    return this.runEnd;
  }

  startsNewSentence(j: number): boolean {
    if (j !== this.newFrom) {
      this.newFrom = j;
      this.newAnswer = startsNewSentence(this.text, j);
    }
    return this.newAnswer;
  }
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

function isDigitOfAnyWidth(c: string | undefined): boolean {
  return c !== undefined && ((c >= '0' && c <= '9') || (c >= '０' && c <= '９'));
}
