/**
 * Content words: the tokens a sentence is about. Function words, particles,
 * symbols and numbers say little about what a sentence means (numbers are
 * scored separately, as figures), so similarity is measured over the rest.
 */
import type { Lang, Token } from '../records.js';

const CONTENT_POS = new Set(['noun', 'proper', 'verb', 'adjective', 'word', 'foreign']);

// Light verbs and very common forms that every sentence shares; they would make all sentences look alike.
const STOP: Record<Lang, Set<string>> = {
  ja: new Set(['する', 'ある', 'いる', 'なる', 'れる', 'られる', 'できる', 'こと', 'もの', 'ため', 'よう', 'これ', 'それ', 'さん', 'いう', 'おる', 'くる', 'いく', 'みる', 'やる', 'の', 'ん', 'よる', 'とき', '中', '等']),
  ko: new Set(['것', '수', '등', '때', '중', '위해', '이', '그', '저', '및', '했다', '있다', '한다', '된다', '밝혔다', '말했다', '전했다', '있는', '하는', '되는', '통해', '대해', '따르면', '지난', '이번', '또한', '또', '더']),
  en: new Set(['also', 'say', 'says', 'said', 'would', 'could', 'mr', 'mrs', 'ms', 'one', 'new', 'year', 'last', 'told', 'make', 'made', 'like', 'get', 'got', 'just', 'many', 'much', 'well']),
};

/**
 * A crude English stem, enough to make `GPUs`/`GPU` and `invests`/`invested`
 * one feature; the lemma of other languages is already a match form.
 *
 * @example
 * stemEnglish('investments') // 'investment'
 */
export function stemEnglish(w: string): string {
  if (w.length <= 3) return w;
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (w.endsWith('ies') && w.length > 4) return w.slice(0, -3) + 'y';
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) return w.slice(0, -3);
  if (w.endsWith('ed') && w.length > 4) return w.slice(0, -2);
  return w;
}

/**
 * The content-word keys of a token list, in order (repeats kept).
 *
 * @example
 * contentWords(tokenizeEnglish('NVIDIA supplies GPUs.', 0), 'en') // ['nvidia', 'supplie', 'gpu']
 */
export function contentWords(tokens: readonly Token[], lang: Lang): string[] {
  const out: string[] = [];
  const stop = STOP[lang];
  for (const t of tokens) {
    if (!CONTENT_POS.has(t.pos)) continue;
    let key = t.lemma;
    if (!key || /^[\p{N}\p{P}\p{S}]+$/u.test(key)) continue;
    if (/^[A-Z]{2,}s$/.test(t.surface)) key = key.slice(0, -1); // GPUs, CPUs
    else if (/^[a-z'’-]+$/.test(key)) key = stemEnglish(key);
    if (stop.has(key)) continue;
    // A lone kana or hangul syllable is almost always a fragment, not a topic word.
    if (key.length === 1 && !/[\p{Script=Han}A-Za-z]/u.test(key)) continue;
    out.push(key);
  }
  return out;
}
