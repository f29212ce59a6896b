import type { Lang } from '../records.js';
import { chineseScript, classify } from './model.js';

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
    // Basic Latin, full-width Latin, Latin-1 to Extended-B, and Extended Additional (Vietnamese ạ ế ộ).
    else if ((cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || (cp >= 0xff21 && cp <= 0xff3a) || (cp >= 0xff41 && cp <= 0xff5a) || (cp >= 0xc0 && cp <= 0x24f && cp !== 0xd7 && cp !== 0xf7) || (cp >= 0x1e00 && cp <= 0x1eff)) c.latin++;
    else if (!plainNonLetter(cp) && /\p{L}/u.test(ch)) c.other++;
  }
  return c;
}

/** ASCII, CJK and general punctuation, spaces and digits: no letter among them (the Latin ones are counted before). */
function plainNonLetter(cp: number): boolean {
  return cp < 0x80 || (cp >= 0x3000 && cp <= 0x3004) || (cp >= 0x3008 && cp <= 0x3020) || (cp >= 0xff01 && cp <= 0xff20) || (cp >= 0xff5b && cp <= 0xff65) || (cp >= 0x2000 && cp <= 0x206f);
}

export type Detected =
  | { lang: Lang; confidence: number }
  /** `found`: the language the text is in, as a BCP 47 code (`de`, `ru`, `zh-Hant`), when it can be named. */
  | { lang: null; reason: 'no-letters' | 'unsupported'; script: string; found?: string };

/**
 * Identify ja/ko/en for a paragraph or a document by script, with Latin
 * text tested for English against the languages written like it (German,
 * French, Spanish, Portuguese, Italian, Dutch, Indonesian, Vietnamese,
 * Turkish, Polish and forty more) by the trigram model in model.ts.
 *
 * Why scripts first: the three languages use distinct scripts, so scripts
 * decide nearly every case; the hard cases are mixed text (English names in
 * Japanese) and Latin text that is not English. Kana mark Japanese even when
 * Latin letters outnumber them; Han without kana or Hangul is Chinese, which
 * kiji does not handle.
 *
 * @example
 * detectLanguage('NVIDIAはSamsungとAIファクトリーを構築する').lang // 'ja'
 * detectLanguage('엔비디아는 삼성전자와 협력한다').lang         // 'ko'
 * detectLanguage('Le gouvernement a annoncé un plan.')         // { lang: null, reason: 'unsupported', script: 'latin', found: 'fr' }
 */
export function detectLanguage(s: string): Detected {
  const w = scriptWeights(countScripts(s));
  if (w.letters === 0) return { lang: null, reason: 'no-letters', script: 'none' };
  const { ja, ko, en, zh, best, total } = w;
  if (best === ja && ja > 0) return { lang: 'ja', confidence: ja / total };
  if (best === ko && ko > 0) return { lang: 'ko', confidence: ko / total };
  if (best === en) {
    // A few words without accents (a name, a product line, a label) have no language to speak of: English.
    const words = s.match(/[A-Za-z\u00c0-\u024f\u1e00-\u1eff']+/g) ?? [];
    if (words.length < 6 && !/[\u00c0-\u024f\u1e00-\u1eff]/.test(s)) return { lang: 'en', confidence: en / total };
    const latin = latinLanguage(s);
    if (latin.english) return { lang: 'en', confidence: en / total };
    return { lang: null, reason: 'unsupported', script: 'latin', found: latin.best };
  }
  if (best === zh) return { lang: null, reason: 'unsupported', script: 'han', found: chineseScript(s) };
  const script = otherScript(s);
  return { lang: null, reason: 'unsupported', script: script.name, ...(script.code ? { found: script.code } : {}) };
}

/**
 * Japanese or Korean by script alone, as `detectLanguage` would say them;
 * null for anything else (English and the Latin languages included): what
 * choosing a time zone needs, without the trigram model.
 *
 * @example
 * scriptLanguage('韓国が発表した') // 'ja'
 * scriptLanguage('The plan was announced.') // null
 */
export function scriptLanguage(s: string): 'ja' | 'ko' | null {
  const w = scriptWeights(countScripts(s));
  if (w.letters === 0) return null;
  if (w.best === w.ja && w.ja > 0) return 'ja';
  if (w.best === w.ko && w.ko > 0) return 'ko';
  return null;
}

/** How much each language's script says in a text; what `detectLanguage` and `decideLanguage` weigh. */
export interface ScriptWeights {
  ja: number;
  ko: number;
  en: number;
  zh: number;
  other: number;
  best: number;
  total: number;
  letters: number;
}

export function scriptWeights(c: ScriptCounts): ScriptWeights {
  // Each CJK character carries roughly a word's worth of meaning; a Latin letter a fifth of one.
  // Kana are the grammar of a Japanese sentence: a few of them outweigh a long English name inside it.
  const ja = c.kana > 0 ? 3 * c.kana + c.han : 0;
  const ko = c.hangul + (c.kana === 0 && c.hangul > 0 ? c.han : 0);
  const en = c.latin / 4;
  const zh = c.kana === 0 && c.hangul === 0 ? c.han : 0;
  const other = c.other / 2;
  return {
    ja, ko, en, zh, other,
    best: Math.max(ja, ko, en, zh, other),
    total: ja + ko + en + zh + other,
    letters: c.kana + c.han + c.hangul + c.latin + c.other,
  };
}

/** Below this many nats of evidence for another language, Latin text counts as English (names, figures, short lines). */
export const LATIN_DOUBT_NATS = 6;

/**
 * Is this Latin-script text English? The model's log-likelihood ratio of
 * English against the best other language, over the whole text (`nats`,
 * positive for English): short runs (names, product lines, a score line)
 * carry little evidence either way and count as English; a sentence of
 * German or Vietnamese carries plenty.
 *
 * @example
 * latinLanguage('Die Regierung will das Gesetz noch ändern.') // { english: false, best: 'de', nats: -40.1 }
 */
export function latinLanguage(s: string, limit = 4000): { english: boolean; best: string; nats: number } {
  const c = classify(s, 'latin', limit);
  const en = c.ranked.find((r) => r.code === 'en')!;
  const other = c.ranked.find((r) => r.code !== 'en')!;
  const nats = (other.mean - en.mean) * c.trigrams;
  return { english: nats > -LATIN_DOUBT_NATS, best: nats > 0 ? 'en' : other.code, nats };
}

const OTHER_SCRIPTS: ReadonlyArray<[RegExp, string, string | null]> = [
  [/\p{Script=Cyrillic}/u, 'cyrillic', 'ru'],
  [/\p{Script=Greek}/u, 'greek', 'el'],
  [/\p{Script=Arabic}/u, 'arabic', 'ar'],
  [/\p{Script=Hebrew}/u, 'hebrew', 'he'],
  [/\p{Script=Thai}/u, 'thai', 'th'],
  [/\p{Script=Devanagari}/u, 'devanagari', 'hi'],
  [/\p{Script=Bengali}/u, 'bengali', 'bn'],
  [/\p{Script=Tamil}/u, 'tamil', 'ta'],
  [/\p{Script=Georgian}/u, 'georgian', 'ka'],
  [/\p{Script=Armenian}/u, 'armenian', 'hy'],
  [/\p{Script=Khmer}/u, 'khmer', 'km'],
  [/\p{Script=Lao}/u, 'lao', 'lo'],
  [/\p{Script=Myanmar}/u, 'myanmar', 'my'],
  [/\p{Script=Ethiopic}/u, 'ethiopic', 'am'],
];

/**
 * The dominant script of letters that are neither CJK nor Latin, with the
 * language it implies (Cyrillic goes through the model: ru, uk, bg, sr …).
 *
 * @example
 * otherScript('Правительство подписало соглашение') // { name: 'cyrillic', code: 'ru' }
 */
export function otherScript(s: string): { name: string; code: string | null } {
  const tally = new Map<number, number>();
  for (const ch of s) {
    const i = OTHER_SCRIPTS.findIndex(([re]) => re.test(ch));
    if (i >= 0) tally.set(i, (tally.get(i) ?? 0) + 1);
  }
  const top = [...tally.entries()].sort((a, b) => b[1] - a[1])[0];
  if (!top) return { name: 'other', code: null };
  const [, name, code] = OTHER_SCRIPTS[top[0]]!;
  if (name === 'cyrillic') return { name, code: classify(s, 'cyrillic', 4000).ranked[0]?.code ?? code };
  return { name, code };
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
