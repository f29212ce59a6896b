import type { Lang } from '../records.js';

/** Letter counts per script; what language identification weighs. */
export interface ScriptCounts {
  kana: number;
  han: number;
  hangul: number;
  latin: number;
  /** Letters of scripts kiji does not handle (Cyrillic, Arabic, Thai, …). */
  other: number;
}

export function countScripts(s: string): ScriptCounts {
  const c: ScriptCounts = { kana: 0, han: 0, hangul: 0, latin: 0, other: 0 };
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if ((cp >= 0x3041 && cp <= 0x309f) || (cp >= 0x30a0 && cp <= 0x30ff && cp !== 0x30fb) || (cp >= 0x31f0 && cp <= 0x31ff) || (cp >= 0xff66 && cp <= 0xff9d)) c.kana++;
    else if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0xf900 && cp <= 0xfaff) || cp === 0x3005) c.han++;
    else if ((cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0x1100 && cp <= 0x11ff) || (cp >= 0x3130 && cp <= 0x318f)) c.hangul++;
    else if ((cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || (cp >= 0xff21 && cp <= 0xff3a) || (cp >= 0xff41 && cp <= 0xff5a) || (cp >= 0xc0 && cp <= 0x24f)) c.latin++;
    else if (/\p{L}/u.test(ch)) c.other++;
  }
  return c;
}

export type Detected = { lang: Lang; confidence: number } | { lang: null; reason: 'no-letters' | 'unsupported'; script: string };

/**
 * Identify ja/ko/en for a paragraph or a document by script, with English
 * told apart from other Latin-script languages by its function words.
 *
 * Why scripts and not n-gram models: the three languages use distinct
 * scripts, so scripts decide nearly every case; the hard cases are mixed
 * text (English names in Japanese) and Latin text that is not English.
 * Kana mark Japanese even when Latin letters outnumber them; Han without
 * kana or Hangul is Chinese, which kiji does not handle.
 *
 * @example
 * detectLanguage('NVIDIAはSamsungとAIファクトリーを構築する').lang // 'ja'
 * detectLanguage('엔비디아는 삼성전자와 협력한다').lang         // 'ko'
 * detectLanguage('Le gouvernement a annoncé un plan.').lang     // null (unsupported)
 */
export function detectLanguage(s: string): Detected {
  const c = countScripts(s);
  const letters = c.kana + c.han + c.hangul + c.latin + c.other;
  if (letters === 0) return { lang: null, reason: 'no-letters', script: 'none' };
  // Each CJK character carries roughly a word's worth of meaning; a Latin letter a fifth of one.
  // Kana are the grammar of a Japanese sentence: a few of them outweigh a long English name inside it.
  const ja = c.kana > 0 ? 3 * c.kana + c.han : 0;
  const ko = c.hangul + (c.kana === 0 && c.hangul > 0 ? c.han : 0);
  const en = c.latin / 4;
  const zh = c.kana === 0 && c.hangul === 0 ? c.han : 0;
  const other = c.other / 2;
  const best = Math.max(ja, ko, en, zh, other);
  const total = ja + ko + en + zh + other;
  if (best === ja && ja > 0) return { lang: 'ja', confidence: ja / total };
  if (best === ko && ko > 0) return { lang: 'ko', confidence: ko / total };
  if (best === en) {
    if (isEnglish(s)) return { lang: 'en', confidence: en / total };
    return { lang: null, reason: 'unsupported', script: 'latin' };
  }
  if (best === zh) return { lang: null, reason: 'unsupported', script: 'han' };
  return { lang: null, reason: 'unsupported', script: 'other' };
}

const EN_FUNCTION = new Set(
  'the of and to in a is that for on with as was by it at from be are this an has have said will its which or not but were their more than after about new also who been had would year into over up says could other'.split(' '),
);
const NON_EN_FUNCTION = new Set(
  'de la le les des et est un une du en el los las y que del por para con una die der das und ist nicht ein eine mit von zu den het een van il di che per non sono da och att är på em não uma com'.split(' '),
);

/** Short Latin runs (names, product lines) count as English: there is no evidence against. */
function isEnglish(s: string): boolean {
  const words = s.toLowerCase().match(/[a-z\u00c0-\u024f']+/g) ?? [];
  if (words.length < 6) return !/[\u00c0-\u024f]/.test(s) || words.length < 3;
  let en = 0;
  let other = 0;
  for (const w of words) {
    if (EN_FUNCTION.has(w)) en++;
    else if (NON_EN_FUNCTION.has(w)) other++;
  }
  return en >= other && en / words.length >= 0.08;
}

/**
 * The document language: the language with the most weight over its
 * paragraphs, weighted by length. Headings count too: a document of headings
 * is still in a language.
 */
export function dominantLanguage(parts: { text: string; lang: Lang | null }[]): Lang | null {
  const weight: Record<Lang, number> = { ja: 0, ko: 0, en: 0 };
  for (const p of parts) if (p.lang) weight[p.lang] += p.lang === 'en' ? p.text.length / 4 : p.text.length;
  const ranked = (Object.entries(weight) as [Lang, number][]).sort((a, b) => b[1] - a[1]);
  return ranked[0]![1] > 0 ? ranked[0]![0] : null;
}
