/**
 * Sentence fingerprints for dedupe: a bare form for exact comparison and a
 * set of shingles for similarity. Japanese and Korean are compared by
 * character n-grams (they have no reliable word boundaries, and reworded
 * copies shift particles and spacing); English by word n-grams.
 */
import type { DedupeConfig } from '../config.js';

export type ShingleKind = 'han' | 'hangul' | 'word';

export interface Fingerprint {
  /** Letters and digits of the match form only: spacing, punctuation and emphasis do not count. */
  bare: string;
  kind: ShingleKind;
  shingles: Set<string>;
  /** Numbers and capitalised Latin names (after the first word): facts a copy must not change. */
  facts: string[];
  /** Every number and Latin word, lower-cased: what a candidate offers to hold another sentence's facts. */
  terms: Set<string>;
}

const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;
const HAN_KANA = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const HANGUL = /\p{Script=Hangul}/gu;

/**
 * The fingerprint of one sentence, from its match form.
 *
 * @example
 * fingerprint('韓国が発表した。', cfg).kind // 'han'
 * fingerprint('Samsung beat estimates.', cfg).shingles // Set {'samsung', 'beat', 'estimates'}
 */
export function fingerprint(norm: string, cfg: DedupeConfig, text: string = norm): Fingerprint {
  const bare = norm.replace(NOT_LETTER_OR_DIGIT, '');
  const { facts, terms } = factsOf(text);
  const kind = kindOf(bare);
  const shingles = new Set<string>();
  if (kind === 'word') {
    const words = norm.split(NOT_LETTER_OR_DIGIT).filter(Boolean);
    const n = Math.min(cfg.wordShingle, Math.max(1, words.length));
    for (let i = 0; i + n <= words.length; i++) shingles.add(words.slice(i, i + n).join(' '));
  } else {
    // Shingles of n characters (code points), cut from the string by offset rather than joined from an array.
    const at: number[] = [];
    for (let u = 0; u < bare.length; u++) {
      at.push(u);
      const c = bare.charCodeAt(u);
      if (c >= 0xd800 && c <= 0xdbff && u + 1 < bare.length) {
        const d = bare.charCodeAt(u + 1);
        if (d >= 0xdc00 && d <= 0xdfff) u++;
      }
    }
    at.push(bare.length);
    const chars = at.length - 1;
    const n = Math.min(kind === 'hangul' ? cfg.hangulShingle : cfg.charShingle, Math.max(1, chars));
    for (let i = 0; i + n <= chars; i++) shingles.add(bare.slice(at[i], at[i + n]));
  }
  return { bare, kind, shingles, facts, terms };
}

const NUMBER = /\d+(?:[.,]\d+)*/gu;
const LATIN_WORD = /[A-Za-z][A-Za-z0-9&'-]*/gu;

/**
 * The facts of a sentence that a near-copy must keep: numbers (`260,000` and
 * `260000` alike) and capitalised Latin words (names: Samsung, SK Hynix),
 * the first word excepted. Two sentences that differ only in a figure or a
 * name are two facts, not a duplicate.
 *
 * @example
 * factsOf('Samsung sold 260,000 chips to Naver.').facts // ['260000', 'naver']
 */
export function factsOf(text: string): { facts: string[]; terms: Set<string> } {
  const nfkc = text.normalize('NFKC');
  const terms = new Set<string>();
  const facts: string[] = [];
  for (const m of nfkc.matchAll(NUMBER)) {
    const n = m[0].replace(/,/g, '');
    terms.add(n);
    facts.push(n);
  }
  let first = true;
  for (const m of nfkc.matchAll(LATIN_WORD)) {
    const w = m[0].toLowerCase();
    terms.add(w);
    const atStart = first && nfkc.slice(0, m.index).trim() === '';
    first = false;
    if (!atStart && /[A-Z]/.test(m[0])) facts.push(w);
  }
  return { facts, terms };
}

/**
 * Facts of `fp` that none of `others` states.
 *
 * @example
 * missingFacts(fingerprint('rose 4%', cfg), [fingerprint('rose 3%', cfg)]) // ['4']
 */
export function missingFacts(fp: Fingerprint, others: Fingerprint[]): string[] {
  return fp.facts.filter((f) => !others.some((o) => o.terms.has(f)));
}

/**
 * Which comparison a sentence gets: by its own letters, so a Korean quote in an English article is compared as Korean.
 *
 * @example
 * kindOf('삼성전자가발표했다') // 'hangul'
 */
export function kindOf(bare: string): ShingleKind {
  if (!bare) return 'word';
  const han = bare.match(HAN_KANA)?.length ?? 0;
  const hangul = bare.match(HANGUL)?.length ?? 0;
  const cjk = han + hangul;
  // A third CJK letters is enough: Japanese news is full of Latin names (BlackRock, NVIDIA).
  if (cjk * 3 < Array.from(bare).length) return 'word';
  return hangul > han ? 'hangul' : 'han';
}

/**
 * Size of the intersection of two sets, iterating the smaller.
 *
 * @example
 * overlap(new Set(['a', 'b']), new Set(['b'])) // 1
 */
export function overlap(a: Set<string>, b: Set<string>): number {
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const x of small) if (big.has(x)) n++;
  return n;
}

/**
 * Jaccard similarity of two shingle sets (1 for two empty sets).
 *
 * @example
 * jaccard(new Set(['a', 'b']), new Set(['b', 'c'])) // 1/3
 */
export function jaccard(a: Set<string>, b: Set<string>): number {
  return similarity(a, b).jaccard;
}

/**
 * Share of `a`'s shingles that are also in `b`: how much of `a` is contained in `b`.
 *
 * @example
 * containment(new Set(['a']), new Set(['a', 'b'])) // 1
 */
export function containment(a: Set<string>, b: Set<string>): number {
  return similarity(a, b).aIn;
}

/**
 * `jaccard(a, b)`, `containment(a, b)` and `containment(b, a)` from one
 * intersection: the one place those formulas live.
 *
 * @example
 * similarity(new Set(['a']), new Set(['a', 'b'])) // { jaccard: 0.5, aIn: 1, bIn: 0.5 }
 */
export function similarity(a: Set<string>, b: Set<string>): { jaccard: number; aIn: number; bIn: number } {
  const i = overlap(a, b);
  return {
    jaccard: a.size === 0 && b.size === 0 ? 1 : i / (a.size + b.size - i),
    aIn: a.size === 0 ? 1 : i / a.size,
    bIn: b.size === 0 ? 1 : i / b.size,
  };
}
