/**
 * The language model: per-language character trigram profiles trained by
 * `npm run train:language` (src/language/train.ts) and read from
 * model.json, a versioned data file beside this code.
 *
 * A naive Bayes score over the profiles: each trigram of the text costs
 * -ln P(trigram | language), and a trigram outside a language's profile
 * costs a little more than its rarest kept one. The profile data is
 * immutable and parsed once, when the module is first imported.
 */
import data from './model.json' with { type: 'json' };
import { trigramCode, trigramCodeCounts, type LanguageModelFile, type ModelScript } from './trigrams.js';

interface Profile {
  code: string;
  name: string;
  script: ModelScript;
  cost: ReadonlyMap<string, number>;
  /** Cost of a trigram the profile does not hold. */
  missing: number;
}

const file = data as LanguageModelFile;
const PROFILES: readonly Profile[] = Object.freeze(
  Object.entries(file.languages).map(([code, l]) => {
    const cost = new Map<string, number>();
    for (let i = 0; i < l.cost.length; i++) cost.set(l.grams.slice(i * 3, i * 3 + 3), l.cost[i]! / 10);
    const worst = Math.max(...l.cost) / 10;
    return { code, name: l.name, script: l.script, cost, missing: worst + 1.5 };
  }),
);
/**
 * The profiles of one script turned inside out: for each trigram any of them
 * holds, its cost in every profile (the missing cost where one lacks it), so
 * that scoring looks a trigram up once rather than once per language.
 */
interface ScriptTable {
  profiles: readonly Profile[];
  /** By `trigramCode`. */
  rows: ReadonlyMap<number, Float64Array>;
  /** The costs of a trigram no profile holds. */
  missing: Float64Array;
}

function scriptTable(script: ModelScript): ScriptTable {
  const profiles = PROFILES.filter((p) => p.script === script);
  const missing = Float64Array.from(profiles, (p) => p.missing);
  const rows = new Map<number, Float64Array>();
  profiles.forEach((p, i) => {
    for (const [gram, cost] of p.cost) {
      const g = trigramCode(gram);
      let row = rows.get(g);
      if (!row) rows.set(g, (row = missing.slice()));
      row[i] = cost;
    }
  });
  return { profiles, rows, missing };
}
const TABLES: Readonly<Record<ModelScript, ScriptTable>> = Object.freeze({ latin: scriptTable('latin'), cyrillic: scriptTable('cyrillic') });
const HANT = new Set(file.hant);
const HANS = new Set(file.hans);

/** One language's score: the text's mean cost per trigram (lower is better) and the total. */
export interface LanguageScore {
  code: string;
  name: string;
  /** Mean cost in nats per trigram. */
  mean: number;
}

export interface Classification {
  /** Languages of the script, best first. */
  ranked: LanguageScore[];
  /** How many trigrams were read. */
  trigrams: number;
}

/**
 * Rank the languages written in `script` for `text`.
 *
 * @example
 * classify('Die Regierung will das Gesetz noch in diesem Jahr ändern.', 'latin').ranked[0].code // 'de'
 */
export function classify(text: string, script: ModelScript, limit = 6000): Classification {
  const counts = trigramCodeCounts(text, limit);
  let n = 0;
  for (const c of counts.values()) n += c;
  const { profiles, rows, missing } = TABLES[script];
  // Each language's sum runs over the trigrams in the same order as one loop per language would: the same floats.
  const totals = new Float64Array(profiles.length);
  for (const [g, c] of counts) {
    const row = rows.get(g) ?? missing;
    for (let i = 0; i < row.length; i++) totals[i]! += c * row[i]!;
  }
  const ranked: LanguageScore[] = profiles.map((p, i) => ({ code: p.code, name: p.name, mean: n === 0 ? 0 : totals[i]! / n }));
  ranked.sort((a, b) => a.mean - b.mean || a.code.localeCompare(b.code));
  return { ranked, trigrams: n };
}

/** The English name of a language code the model knows (or the code itself). */
export function languageName(code: string): string {
  const base = code.split('-')[0]!;
  return PROFILES.find((p) => p.code === base)?.name ?? NAMES[base] ?? code;
}

const NAMES: Record<string, string> = {
  ja: 'Japanese', ko: 'Korean', zh: 'Chinese', el: 'Greek', ar: 'Arabic', fa: 'Persian', ur: 'Urdu', he: 'Hebrew',
  th: 'Thai', hi: 'Hindi', bn: 'Bengali', ta: 'Tamil', ka: 'Georgian', hy: 'Armenian', km: 'Khmer', lo: 'Lao',
  my: 'Burmese', am: 'Amharic', ms: 'Malay',
};

/**
 * Traditional or Simplified Chinese, by the characters only one of them uses.
 *
 * @example
 * chineseScript('這是臺灣的新聞報導') // 'zh-Hant'
 */
export function chineseScript(text: string): 'zh-Hant' | 'zh-Hans' | 'zh' {
  let t = 0;
  let s = 0;
  for (const ch of text) {
    if (HANT.has(ch)) t++;
    else if (HANS.has(ch)) s++;
  }
  if (t > s * 2 && t >= 2) return 'zh-Hant';
  if (s > t * 2 && s >= 2) return 'zh-Hans';
  return 'zh';
}
