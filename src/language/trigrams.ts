/**
 * The features of the language model: character trigrams of lower-cased
 * words padded with one space (" the " → " th", "the", "he "), so word
 * starts and ends count. Digits, punctuation and symbols are no evidence.
 */

/** Which script a language model profile is written in. */
export type ModelScript = 'latin' | 'cyrillic';

/** The file `npm run train:language` writes (src/language/model.json). */
export interface LanguageModelFile {
  version: 1;
  topK: number;
  languages: Record<string, { name: string; script: ModelScript; grams: string; cost: number[] }>;
  /** Han characters used in Traditional but not Simplified Chinese, and the reverse. */
  hant: string;
  hans: string;
}

/**
 * Trigram counts of `text`, at most `limit` trigrams read, keyed by the
 * trigram itself (what training writes into the model): `trigramCodeCounts`
 * with each code turned back into its three characters.
 *
 * @example
 * trigramCounts('The cat').get(' th') // 1
 */
export function trigramCounts(text: string, limit = Infinity): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [g, n] of trigramCodeCounts(text, limit)) counts.set(String.fromCharCode(Math.floor(g / 0x1_0000_0000), Math.floor(g / 0x1_0000) % 0x1_0000, g % 0x1_0000), n);
  return counts;
}

/**
 * A trigram (three UTF-16 code units) as one number, for maps keyed without
 * making a string per trigram: `c0·2^32 + c1·2^16 + c2`, exact in a double.
 *
 * @example
 * trigramCode(' th') === trigramCode(' th') // true
 */
export function trigramCode(g: string): number {
  return g.charCodeAt(0) * 0x1_0000_0000 + g.charCodeAt(1) * 0x1_0000 + g.charCodeAt(2);
}

/**
 * Trigram counts of `text`, at most `limit` trigrams read, keyed by
 * `trigramCode` (a trigram first seen earlier comes first): no string is
 * made per trigram.
 *
 * @example
 * trigramCodeCounts('The cat').get(trigramCode(' th')) // 1
 */
export function trigramCodeCounts(text: string, limit = Infinity): Map<number, number> {
  const counts = new Map<number, number>();
  let seen = 0;
  const words = text.normalize('NFC').toLowerCase().match(/[\p{L}\p{M}]+(?:['’][\p{L}]+)*/gu) ?? [];
  for (const w of words) {
    const len = w.length + 2;
    let a = paddedUnit(w, 0);
    let b = paddedUnit(w, 1);
    for (let i = 0; i + 3 <= len; i++) {
      const c = paddedUnit(w, i + 2);
      const g = a * 0x1_0000_0000 + b * 0x1_0000 + c;
      counts.set(g, (counts.get(g) ?? 0) + 1);
      if (++seen >= limit) return counts;
      a = b;
      b = c;
    }
  }
  return counts;
}

/** Code unit `i` of " word " with ’ read as ' (what `trigramCounts` slices). */
function paddedUnit(w: string, i: number): number {
  if (i === 0 || i === w.length + 1) return 0x20;
  const c = w.charCodeAt(i - 1);
  return c === 0x2019 ? 0x27 : c;
}
