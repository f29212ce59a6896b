/**
 * Whitespace and length helpers that know Japanese, Chinese and Korean text
 * is written without (or with fewer) spaces.
 */

// Kana, CJK ideographs, CJK punctuation and full-width forms: scripts written without spaces.
const CJK = /[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;
const CJK_G = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]/g;
const HANGUL_G = /[\uac00-\ud7af]/g;

/**
 * Collapse runs of whitespace to one space, and drop a line break between two
 * CJK characters entirely: source HTML wraps Japanese lines anywhere, and a
 * space there would be a character the author never wrote.
 *
 * @example
 * collapseSpace('日本の\n  経済  is  big') // '日本の経済 is big'
 */
export function collapseSpace(s: string): string {
  if (!/\s/.test(s)) return s;
  return s.replace(/[\s\u00a0]+/g, (ws, offset: number, all: string) => {
    const before = all[offset - 1];
    const after = all[offset + ws.length];
    if (/[\n\r]/.test(ws) && before && after && CJK.test(before) && CJK.test(after)) return '';
    return ' ';
  });
}

/**
 * A length that weighs scripts by how much they say per character: a CJK
 * character carries about as much as three Latin letters, a Hangul syllable
 * about two. Scoring thresholds are written in Latin-letter units.
 *
 * @example
 * weightedLength('abc') // 3
 * weightedLength('日本') // 6
 */
export function weightedLength(s: string): number {
  const cjk = s.match(CJK_G)?.length ?? 0;
  const hangul = s.match(HANGUL_G)?.length ?? 0;
  return s.length + cjk * 2 + hangul;
}

/** Commas and their CJK cousins: a sign of running prose. */
export function countCommas(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // , ، 、 ， 。
    if (c === 0x2c || c === 0x60c || c === 0x3001 || c === 0xff0c || c === 0x3002) n++;
  }
  return n;
}

/** Does the text end like a sentence (Latin, CJK or Korean punctuation)? */
export function endsSentence(s: string): boolean {
  return /[.!?。！？」』”"')]\s*$/.test(s) || /\.( |$)/.test(s);
}

/** Jaccard similarity of the word (or CJK character) sets of two strings. */
export function similarity(a: string, b: string): number {
  const ta = new Set(tokens(a));
  const tb = new Set(tokens(b));
  if (ta.size === 0 || tb.size === 0) return 0;
  let inter = 0;
  for (const t of ta) if (tb.has(t)) inter++;
  return inter / (ta.size + tb.size - inter);
}

/** Words for spaced scripts, single characters for CJK; lower-cased, NFKC. */
export function tokens(s: string): string[] {
  const out: string[] = [];
  const re = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|(?:(?![\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])[\p{L}\p{N}])+/gu;
  for (const m of s.normalize('NFKC').toLowerCase().matchAll(re)) out.push(m[0]);
  return out;
}
