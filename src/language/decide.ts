/**
 * The document language decision: every signal a page gives (the language
 * it declares in <html lang>, Content-Language, og:locale or JSON-LD, the
 * HTTP header, the feed), the scripts of its text, and the trigram model's
 * test of Latin and Cyrillic text, weighed together.
 *
 * Text outweighs declarations when it says much: templates declare `en`
 * on Japanese and German sites alike. Declarations decide when the text says
 * little (a short page of names and figures), and name the language of a
 * page kiji skips when the text cannot.
 */
import type { Lang, LanguageSignal } from '../records.js';
import { countScripts, LATIN_DOUBT_NATS, latinLanguage, otherScript, scriptWeights } from './detect.js';
import { chineseScript, languageName } from './model.js';

/** Where a declared language came from. */
export type SignalSource = LanguageSignal['source'];

export type LanguageDecision =
  | { kind: 'supported'; lang: Lang; basis: string }
  /** `found`: a BCP 47 code (`de`, `pt`, `ru`, `zh-Hant`); `name`: its English name. */
  | { kind: 'unsupported'; found: string; name: string; basis: string }
  | { kind: 'no-letters' };

/** Evidence (nats) beyond which the text overrules any declaration. */
const TEXT_DECIDES_NATS = 15;
/** Han-only text shorter than this may still be Japanese or Korean when the page says so (a headline in kanji). */
const SHORT_HAN = 40;

/**
 * @example
 * decideLanguage({ texts: ['Die Bundesregierung hat am Mittwoch …'], signals: [{ source: 'html', value: 'de' }] })
 * // { kind: 'unsupported', found: 'de', name: 'German', basis: 'text; declared de (html)' }
 * decideLanguage({ texts: ['SamsungとNVIDIAはAIファクトリーを構築する。'], signals: [{ source: 'html', value: 'en' }] })
 * // { kind: 'supported', lang: 'ja', basis: 'script' }
 */
export function decideLanguage(input: { texts: readonly string[]; title?: string | null; signals?: readonly LanguageSignal[]; hint?: Lang | null }): LanguageDecision {
  if (input.hint) return { kind: 'supported', lang: input.hint, basis: 'asserted' };
  const declared = declaredLanguages(input.signals ?? []);
  const said = declared.length > 0 ? `declared ${declared.map((d) => `${d.code} (${d.sources.join(', ')})`).join(', ')}` : 'nothing declared';
  // A long page is judged by a sample of its text: the start and a stretch from the middle.
  const body = sample(input.texts.join('\n'));
  // A body without letters (a table of figures) is judged by its title.
  let text = body;
  let c = countScripts(text);
  let w = scriptWeights(c);
  if (w.letters === 0 && input.title) {
    text = input.title;
    c = countScripts(text);
    w = scriptWeights(c);
  }
  if (w.letters === 0) return { kind: 'no-letters' };
  const top = declared[0]?.code ?? null;
  const primary = top?.split('-')[0] ?? null;

  if (w.best === w.ja && w.ja > 0) return { kind: 'supported', lang: 'ja', basis: `script (kana); ${said}` };
  if (w.best === w.ko && w.ko > 0) return { kind: 'supported', lang: 'ko', basis: `script (hangul); ${said}` };
  if (w.best === w.zh && w.zh > 0) {
    if ((primary === 'ja' || primary === 'ko') && c.han < SHORT_HAN) return { kind: 'supported', lang: primary, basis: `declared, short han text; ${said}` };
    const found = primary === 'zh' ? top! : chineseScript(text);
    return unsupported(found === 'zh' ? chineseScript(text) : found, `script (han without kana or hangul); ${said}`);
  }
  if (w.best === w.en) {
    const latin = latinLanguage(text, 6000);
    if (latin.nats >= TEXT_DECIDES_NATS) return { kind: 'supported', lang: 'en', basis: `text (${nats(latin.nats)} for English); ${said}` };
    if (latin.nats <= -TEXT_DECIDES_NATS) return unsupported(latin.best, `text (${nats(-latin.nats)} for ${latin.best}); ${said}`);
    // Little evidence in the text: a declared Latin-script language other than English settles it.
    const declaredLatin = declared.find((d) => isLatinLanguage(d.code));
    if (declaredLatin && declaredLatin.code !== 'en') return unsupported(declaredLatin.code, `declared, text inconclusive (${nats(latin.nats)}); ${said}`);
    const fewWords = (text.match(/[A-Za-z\u00c0-\u024f\u1e00-\u1eff']+/g) ?? []).length < 6 && !/[\u00c0-\u024f\u1e00-\u1eff]/.test(text);
    if (declaredLatin?.code === 'en' || fewWords || latin.nats > -LATIN_DOUBT_NATS) return { kind: 'supported', lang: 'en', basis: `text inconclusive, ${declaredLatin ? 'declared en' : 'no evidence against English'}; ${said}` };
    return unsupported(latin.best, `text (${nats(-latin.nats)} for ${latin.best}); ${said}`);
  }
  const script = otherScript(text);
  // The model names Cyrillic languages; a page's own declaration names others (or a closer variant).
  const found = primary && declared[0] && !isLatinLanguage(primary) && primary !== 'ja' && primary !== 'ko' && primary !== 'en' ? top! : script.code ?? top ?? script.name;
  return unsupported(found, `script (${script.name}); ${said}`);
}

function unsupported(found: string, basis: string): LanguageDecision {
  return { kind: 'unsupported', found, name: languageName(found), basis };
}

const nats = (x: number) => `${x.toFixed(0)} nats`;

/** The languages the model knows in Latin script (plus a few it does not, for declarations). */
function isLatinLanguage(code: string): boolean {
  const base = code.split('-')[0]!;
  return LATIN_CODES.has(base);
}
const LATIN_CODES = new Set(
  'en de fr es pt it nl id ms vi tr pl sv da nb nn no fi cs sk ro hu tl fil ca hr bs sl et lv lt eu gl af sw cy ga is sq mt eo la ceb jv su so ha yo zu xh uz az'.split(' '),
);

/**
 * Declared languages, most declared first, normalised to BCP 47 (`ja_JP` →
 * `ja`, `zh-TW` → `zh-Hant`, `pt-BR` → `pt`); placeholders (`und`, `mul`,
 * `x-default`, `*`) are no declaration.
 *
 * @example
 * declaredLanguages([{ source: 'html', value: 'en-US' }, { source: 'og', value: 'en_GB' }]) // [{ code: 'en', sources: ['html', 'og'] }]
 */
export function declaredLanguages(signals: readonly LanguageSignal[]): { code: string; sources: SignalSource[] }[] {
  const out = new Map<string, SignalSource[]>();
  for (const s of signals) {
    for (const part of s.value.split(/[,;\s]+/)) {
      const code = normaliseTag(part);
      if (!code) continue;
      const list = out.get(code) ?? [];
      if (!list.includes(s.source)) list.push(s.source);
      out.set(code, list);
    }
  }
  return [...out.entries()].map(([code, sources]) => ({ code, sources })).sort((a, b) => b.sources.length - a.sources.length);
}

/**
 * @example
 * normaliseTag('zh_TW') // 'zh-Hant'
 * normaliseTag('q=0.8') // null
 */
export function normaliseTag(tag: string): string | null {
  const t = tag.trim().replace(/_/g, '-').toLowerCase();
  if (!/^[a-z]{2,3}(-[a-z0-9]{1,8})*$/.test(t)) return null;
  const [base, ...rest] = t.split('-') as [string, ...string[]];
  if (base === 'und' || base === 'mul' || base === 'zxx' || base === 'x') return null;
  if (base === 'zh' || base === 'cmn' || base === 'yue') {
    if (rest.some((r) => r === 'hant' || r === 'tw' || r === 'hk' || r === 'mo')) return 'zh-Hant';
    if (rest.some((r) => r === 'hans' || r === 'cn' || r === 'sg')) return 'zh-Hans';
    return 'zh';
  }
  const three: Record<string, string> = { jpn: 'ja', kor: 'ko', eng: 'en', deu: 'de', ger: 'de', fra: 'fr', fre: 'fr', spa: 'es', por: 'pt', ita: 'it', rus: 'ru', nld: 'nl', ind: 'id', vie: 'vi', tur: 'tr', pol: 'pl', fil: 'tl', nob: 'nb', nno: 'nb', no: 'nb', in: 'id', iw: 'he', jw: 'jv' };
  return three[base] ?? base;
}

/** At most ~24k characters: the start of the text and a stretch from its middle. */
function sample(text: string): string {
  if (text.length <= 24_000) return text;
  const mid = Math.floor(text.length / 2);
  return `${text.slice(0, 16_000)}\n${text.slice(mid, mid + 8000)}`;
}
