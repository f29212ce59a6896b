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
 * Trigram counts of `text`, at most `limit` trigrams read.
 *
 * @example
 * trigramCounts('The cat').get(' th') // 1
 */
export function trigramCounts(text: string, limit = Infinity): Map<string, number> {
  const counts = new Map<string, number>();
  let seen = 0;
  const words = text.normalize('NFC').toLowerCase().match(/[\p{L}\p{M}]+(?:['’][\p{L}]+)*/gu) ?? [];
  for (const w of words) {
    const padded = ` ${w.replace(/’/g, "'")} `;
    for (let i = 0; i + 3 <= padded.length; i++) {
      const g = padded.slice(i, i + 3);
      counts.set(g, (counts.get(g) ?? 0) + 1);
      if (++seen >= limit) return counts;
    }
  }
  return counts;
}
