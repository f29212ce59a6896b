/**
 * A side-by-side diff of two articles for the dedupe review: both texts cut
 * into sentences, aligned by the longest common subsequence of their match
 * forms, so a syndicated copy shows which sentences it shares, which it
 * changed and which it added.
 */

export type DiffOp = 'same' | 'left' | 'right' | 'changed';

export interface DiffRow {
  op: DiffOp;
  left: string | null;
  right: string | null;
}

/**
 * Sentences of a text: cut after 。！？!? (with their closing quotes), after a
 * full stop followed by white space ("3.5" and "U.S.A" stay whole), and at
 * line breaks.
 *
 * @example
 * sentencesOf('約30億ドル。次に3.5%増えた。 Done. OK') // ['約30億ドル。', '次に3.5%増えた。', 'Done.', 'OK']
 */
export function sentencesOf(text: string): string[] {
  // One scan (a split on lookbehinds with * backtracks quadratically on a long run of closing quotes): a cut
  // at every line break, and after a sentence end with any closing quotes or brackets that follow it, each
  // of those standing alone; after a full stop only before white space.
  const pieces: string[] = [];
  let start = 0;
  let last = ''; // the last character that is not a closing quote or bracket
  for (let p = 0; p < text.length; p++) {
    const c = text[p]!;
    if (c === '\n') {
      pieces.push(text.slice(start, p));
      while (p + 1 < text.length && text[p + 1] === '\n') p++;
      start = p + 1;
      last = '\n';
      continue;
    }
    if (p > start && (SENTENCE_END.includes(last) || (last === '.' && /\s/u.test(c)))) {
      pieces.push(text.slice(start, p));
      start = p;
    }
    if (!CLOSERS.includes(c)) last = c;
  }
  pieces.push(text.slice(start));
  return pieces.map((s) => s.trim()).filter(Boolean);
}

const SENTENCE_END = '。！？!?';
const CLOSERS = '」』）)"\'’”';

const match = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s\p{P}]+/gu, '');

/** Character bigram overlap (Dice) of two match forms: how alike two changed sentences are. */
export function similarity(a: string, b: string): number {
  const grams = (s: string) => {
    const m = new Map<string, number>();
    for (let i = 0; i < s.length - 1; i++) m.set(s.slice(i, i + 2), (m.get(s.slice(i, i + 2)) ?? 0) + 1);
    return m;
  };
  const x = grams(match(a));
  const y = grams(match(b));
  let shared = 0;
  let total = 0;
  for (const [k, n] of x) {
    shared += Math.min(n, y.get(k) ?? 0);
    total += n;
  }
  for (const n of y.values()) total += n;
  return total ? (2 * shared) / total : a === b ? 1 : 0;
}

/**
 * Align two texts sentence by sentence. Unmatched runs on both sides are
 * paired as `changed` where the sentences are still alike (a light edit).
 *
 * @example
 * diffTexts('A. B. C.', 'A. B2. C. D.').map((r) => r.op) // ['same', 'changed', 'same', 'right']
 */
export function diffTexts(left: string, right: string, maxSentences = 400): DiffRow[] {
  const a = sentencesOf(left).slice(0, maxSentences);
  const b = sentencesOf(right).slice(0, maxSentences);
  const ka = a.map(match);
  const kb = b.map(match);
  // LCS table, bottom-up; texts are capped so the table stays small.
  const n = a.length;
  const m = b.length;
  const lcs: Uint16Array[] = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) lcs[i]![j] = ka[i] === kb[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const rows: DiffRow[] = [];
  let i = 0;
  let j = 0;
  const lefts: string[] = [];
  const rights: string[] = [];
  const flush = () => {
    while (lefts.length || rights.length) {
      const l = lefts.shift() ?? null;
      const r = l !== null && rights.length && similarity(l, rights[0]!) >= 0.5 ? rights.shift()! : null;
      if (l !== null && r !== null) rows.push({ op: 'changed', left: l, right: r });
      else if (l !== null) rows.push({ op: 'left', left: l, right: null });
      else rows.push({ op: 'right', left: null, right: rights.shift()! });
    }
  };
  while (i < n || j < m) {
    if (i < n && j < m && ka[i] === kb[j]) {
      flush();
      rows.push({ op: 'same', left: a[i]!, right: b[j]! });
      i++;
      j++;
    } else if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) rights.push(b[j++]!);
    else lefts.push(a[i++]!);
  }
  flush();
  return rows;
}
