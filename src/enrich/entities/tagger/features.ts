/*
 * What the tagger sees of a sentence: its units (English words; Japanese and
 * Korean characters, since entity edges fall inside kuromoji tokens and
 * Korean eojeol) and, for each unit, a list of feature strings hashed to
 * 32 bits. Training and tagging call the same functions, so the two cannot
 * drift apart; FEATURE_SET names the templates, and a model trained with
 * other templates refuses to load.
 */
import type { EntityType, Lang, Token } from '../../../records.js';
import { splitEojeol } from '../../../tokenize/korean.js';
import { hash32 } from './model.js';

/** Bump when a template changes: the committed weights must then be retrained. */
export const FEATURE_SET = 2;

/** A unit's place in the document text (end exclusive). */
export interface Unit {
  start: number;
  end: number;
}

/** A typed span some other finder proposed (gazetteer hit, rule candidate): a hint, never the answer. */
export interface Hint {
  start: number;
  end: number;
  type: EntityType;
}

/** One sentence to tag, offsets into `text`. */
export interface TagInput {
  text: string;
  from: number;
  to: number;
  lang: Lang;
  /** Japanese: kuromoji tokens of the sentence (as the tokenize stage makes them); ignored elsewhere. */
  tokens: Token[];
  gazetteer: Hint[];
  rules: Hint[];
}

// English words: initials (U.S.), words with inner apostrophes, hyphens and ampersands (O'Neill, Anglo-Dutch, AT&T),
// numbers with separators, a possessive 's on its own, any other character alone.
const EN_UNIT = /(?:\p{L}\.){2,}|\p{L}[\p{L}\p{M}\p{N}]*(?:(?:['’](?!s(?![\p{L}\p{N}]))|[-&])[\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*|\p{N}+(?:[.,:/-]\p{N}+)*|['’]s(?![\p{L}\p{N}])|\S/gu;

/**
 * The units of a sentence: words for English, non-space characters for Japanese and Korean.
 *
 * @example
 * unitsOf("Samsung's chief", 0, 15, 'en').length // 3
 */
export function unitsOf(text: string, from: number, to: number, lang: Lang): Unit[] {
  const out: Unit[] = [];
  if (lang === 'en') {
    const seg = text.slice(from, to);
    for (const m of seg.matchAll(EN_UNIT)) out.push({ start: from + m.index!, end: from + m.index! + m[0].length });
    return out;
  }
  // Japanese and Korean: one unit per character, but a run of Latin letters and digits (CEO, HBM4, NVIDIA) is one word.
  const seg = text.slice(from, to);
  for (const m of seg.matchAll(CJK_UNIT)) out.push({ start: from + m.index!, end: from + m.index! + m[0].length });
  return out;
}

const CJK_UNIT = /[A-Za-z0-9Ａ-Ｚａ-ｚ０-９](?:[A-Za-z0-9Ａ-Ｚａ-ｚ０-９]|[.&'’-](?=[A-Za-z0-9Ａ-Ｚａ-ｚ０-９]))*|[\ud800-\udbff][\udc00-\udfff]|\S/gu;

/** Hints as per-unit BIO marks ('' where none). */
function marks(units: Unit[], hints: Hint[]): string[] {
  const out = new Array<string>(units.length).fill('');
  for (const h of hints) {
    let first = true;
    for (let i = 0; i < units.length; i++) {
      const u = units[i]!;
      if (u.end <= h.start || u.start >= h.end) continue;
      if (out[i] !== '') continue;
      out[i] = (first ? 'B-' : 'I-') + h.type;
      first = false;
    }
  }
  return out;
}

function shape(w: string): string {
  let s = '';
  for (const ch of w) {
    if (/\p{Lu}/u.test(ch)) s += 'X';
    else if (/\p{Ll}/u.test(ch)) s += 'x';
    else if (/\p{N}/u.test(ch)) s += 'd';
    else s += ch;
  }
  return s;
}
const shortShape = (s: string) => s.replace(/(.)\1+/g, '$1');

/** Script class of one character, for Japanese and Korean. */
function charClass(ch: string | undefined): string {
  if (ch === undefined) return '#';
  if (/\s/.test(ch)) return '_';
  if (/[\u3041-\u309f]/.test(ch)) return 'H';
  if (/[\u30a0-\u30ff\uff66-\uff9f]/.test(ch)) return 'K';
  if (/\p{Script=Han}|[々〆ヶ]/u.test(ch)) return 'C';
  if (/[\uac00-\ud7a3]/.test(ch)) return 'G';
  if (/[A-Za-zＡ-Ｚａ-ｚ]/.test(ch)) return /[A-ZＡ-Ｚ]/.test(ch) ? 'U' : 'L';
  if (/[0-9０-９]/.test(ch)) return 'D';
  if (/[「『【〈《"“]/.test(ch)) return '(';
  if (/[」』】〉》"”]/.test(ch)) return ')';
  if (/[・･]/.test(ch)) return '・';
  return 'S';
}

/**
 * Feature hashes of every unit of a sentence.
 *
 * @example
 * const units = unitsOf(text, 0, text.length, 'en');
 * const feats = featuresOf({ text, from: 0, to: text.length, lang: 'en', tokens: [], gazetteer: [], rules: [] }, units, new Set());
 */
export function featuresOf(input: TagInput, units: Unit[], lexicon: Set<number>): number[][] {
  const strings = featureStrings(input, units, lexicon);
  return strings.map((fs) => fs.map(hash32));
}

/** The same features as strings (for training reports and debugging). */
export function featureStrings(input: TagInput, units: Unit[], lexicon: Set<number>): string[][] {
  const gaz = marks(units, input.gazetteer);
  const rules = marks(units, input.rules);
  const out = input.lang === 'en' ? englishFeatures(input, units, lexicon) : input.lang === 'ja' ? japaneseFeatures(input, units) : koreanFeatures(input, units);
  for (let i = 0; i < units.length; i++) {
    const f = out[i]!;
    f.push('g=' + gaz[i], 'r=' + rules[i], 'g|r=' + gaz[i] + '|' + rules[i]);
    if (gaz[i - 1] !== undefined) f.push('g-1=' + gaz[i - 1]);
    if (gaz[i + 1] !== undefined) f.push('g+1=' + gaz[i + 1]);
    if (rules[i + 1] !== undefined) f.push('r+1=' + rules[i + 1]);
  }
  return out;
}

// --- English ----------------------------------------------------------------

function englishFeatures(input: TagInput, units: Unit[], lexicon: Set<number>): string[][] {
  const words = units.map((u) => input.text.slice(u.start, u.end));
  const lower = words.map((w) => w.toLowerCase());
  const shapes = words.map(shape);
  const short = shapes.map(shortShape);
  // All-caps headlines and datelines (SOCCER - JAPAN GET LUCKY WIN, ROME 1996-12-06): capitals say nothing there.
  const letters = words.filter((w) => /\p{L}{2,}/u.test(w));
  const caps = letters.filter((w) => !/\p{Ll}/u.test(w)).length;
  const headline = letters.length > 0 && caps / letters.length >= 0.6 ? 'H' : '-';
  const w = (i: number) => (i < 0 ? '<s>' : i >= words.length ? '</s>' : lower[i]!);
  const sh = (i: number) => (i < 0 ? '<s>' : i >= words.length ? '</s>' : short[i]!);
  return words.map((word, i) => {
    const lw = lower[i]!;
    const f = ['b', 'w=' + lw, 'sh=' + shapes[i]!.slice(0, 12), 'ss=' + short[i], 'hl=' + headline + '|' + short[i]];
    if (word !== lw) f.push('W=' + word);
    for (let k = 1; k <= 4 && k <= word.length; k++) f.push(`p${k}=` + word.slice(0, k), `s${k}=` + lw.slice(-k));
    f.push('w-1=' + w(i - 1), 'w+1=' + w(i + 1), 'w-2=' + w(i - 2), 'w+2=' + w(i + 2));
    f.push('w-1|w=' + w(i - 1) + '|' + lw, 'w|w+1=' + lw + '|' + w(i + 1));
    f.push('ss-1|ss=' + sh(i - 1) + '|' + short[i], 'ss|ss+1=' + short[i] + '|' + sh(i + 1), 'ss-1|ss|ss+1=' + sh(i - 1) + '|' + short[i] + '|' + sh(i + 1));
    f.push('pos=' + (i === 0 ? 'first' : i === words.length - 1 ? 'last' : 'mid') + '|' + short[i]);
    if (/^\p{Lu}/u.test(word)) {
      // A capitalised word whose lower-case form runs in ordinary text may be capitalised only by position or headline.
      f.push('lex=' + (lexicon.has(hash32(lw)) ? 'y' : 'n') + '|' + (i === 0 ? 'first' : headline));
    }
    if (i > 0 && /^\p{Lu}/u.test(words[i - 1]!)) f.push('prevcap|' + short[i]);
    if (i + 1 < words.length && /^\p{Lu}/u.test(words[i + 1]!)) f.push('nextcap|' + short[i]);
    return f;
  });
}

// --- Japanese ---------------------------------------------------------------

function japaneseFeatures(input: TagInput, units: Unit[]): string[][] {
  const chars = units.map((u) => input.text.slice(u.start, u.end));
  const cls = chars.map(charClass);
  const c = (i: number) => (i < 0 ? '<s>' : i >= chars.length ? '</s>' : chars[i]!);
  const t = (i: number) => (i < 0 ? '<' : i >= chars.length ? '>' : cls[i]!);
  const tokens = input.tokens.filter((x) => x.start >= input.from && x.end <= input.to).sort((a, b) => a.start - b.start);
  // Inside 「…」 or 『…』: titles and product names (「iPhone 15」) are written there.
  let depth = 0;
  const quoted = chars.map((ch) => {
    if (/[「『]/.test(ch)) depth++;
    const q = depth > 0 && !/[「『]/.test(ch);
    if (/[」』]/.test(ch)) depth = Math.max(0, depth - 1);
    return q;
  });
  let k = 0;
  return units.map((u, i) => {
    while (k < tokens.length && tokens[k]!.end <= u.start) k++;
    const tok = k < tokens.length && tokens[k]!.start <= u.start ? tokens[k]! : null;
    const ch = chars[i]!;
    const f = [
      'b',
      'c=' + ch,
      'c-1=' + c(i - 1),
      'c+1=' + c(i + 1),
      'c-2=' + c(i - 2),
      'c+2=' + c(i + 2),
      'c-1c=' + c(i - 1) + ch,
      'cc+1=' + ch + c(i + 1),
      'c-2c-1=' + c(i - 2) + c(i - 1),
      'c+1c+2=' + c(i + 1) + c(i + 2),
      'c-1cc+1=' + c(i - 1) + ch + c(i + 1),
      't=' + t(i),
      't-1t=' + t(i - 1) + t(i),
      'tt+1=' + t(i) + t(i + 1),
      't-2t-1t=' + t(i - 2) + t(i - 1) + t(i),
      'tt+1t+2=' + t(i) + t(i + 1) + t(i + 2),
      't-1tt+1=' + t(i - 1) + t(i) + t(i + 1),
      'q=' + (quoted[i] ? 'in' : 'out') + '|' + t(i),
    ];
    if (tok) {
      const at = u.start === tok.start ? (u.end === tok.end ? 'S' : 'B') : u.end === tok.end ? 'E' : 'I';
      const pos = tok.pos + '/' + (tok.detail ?? '');
      const prev = tokens[k - 1];
      const next = tokens[k + 1];
      f.push(
        'tp=' + pos,
        'tp|at=' + pos + '|' + at,
        'ts=' + (tok.surface.length <= 6 ? tok.surface : '~' + tok.surface.slice(-2)),
        'tl=' + Math.min(tok.surface.length, 6) + '|' + at,
        'pt=' + (prev ? prev.surface : '<s>'),
        'pp=' + (prev ? prev.pos + '/' + (prev.detail ?? '') : '<s>'),
        'nt=' + (next ? next.surface : '</s>'),
        'np=' + (next ? next.pos + '/' + (next.detail ?? '') : '</s>'),
        'nt|at=' + (next ? next.surface : '</s>') + '|' + at,
        'pt|at=' + (prev ? prev.surface : '<s>') + '|' + at,
        'pp|tp=' + (prev ? prev.pos + '/' + (prev.detail ?? '') : '<s>') + '|' + pos,
        'tp|np=' + pos + '|' + (next ? next.pos + '/' + (next.detail ?? '') : '</s>'),
      );
    } else f.push('tp=none');
    return f;
  });
}

// --- Korean -----------------------------------------------------------------

// What ends a Korean name inside its eojeol: particles, honorifics and titles glued on.
const KO_TAILS = new Set(
  `은 는 이 가 을 를 의 에 와 과 로 도 만 나 께 엔 랑 씨 님 측 들 으로 에서 에게 까지 부터 보다 처럼 에는 에도 와의 과의 이나 이며 이고 이라 라고 라는 이라는 이라고
   에서는 에서도 에서의 에게는 으로는 으로도 으로서 께서 한테 씨는 씨가 씨의 씨를 씨와 씨에게 님은 님이 님의 모씨 모 씨도 측은 측이 측의 들은 들이 들의 이다 였다 이었다 대표 회장 사장
   감독 선수 의원 장관 대통령 교수 총리 위원장`.split(/\s+/),
);

function koreanFeatures(input: TagInput, units: Unit[]): string[][] {
  const { text } = input;
  const chars = units.map((u) => text.slice(u.start, u.end));
  const cls = chars.map(charClass);
  // Eojeol (space-separated words) and where each unit sits in its own.
  const eojeol: Array<{ start: number; end: number }> = [];
  const ofUnit: number[] = [];
  units.forEach((u, i) => {
    const glued = i > 0 && units[i - 1]!.end === u.start;
    if (!glued) eojeol.push({ start: i, end: i + 1 });
    else eojeol[eojeol.length - 1]!.end = i + 1;
    ofUnit.push(eojeol.length - 1);
  });
  const wordOf = (e: { start: number; end: number } | undefined) => (e ? chars.slice(e.start, e.end).join('') : '');
  const stems = eojeol.map((e) => splitEojeol(wordOf(e)));
  const c = (i: number) => {
    if (i < 0) return '<s>';
    if (i >= chars.length) return '</s>';
    return chars[i]!;
  };
  const t = (i: number) => (i < 0 ? '<' : i >= chars.length ? '>' : cls[i]!);
  return units.map((u, i) => {
    const ch = chars[i]!;
    const e = eojeol[ofUnit[i]!]!;
    const word = wordOf(e);
    const at = i - e.start;
    const pos = e.end - e.start === 1 ? 'S' : at === 0 ? 'B' : i === e.end - 1 ? 'E' : 'I';
    const rest = chars.slice(i + 1, e.end).join('');
    const head = chars.slice(e.start, i + 1).join('');
    const { stem, rest: peeled } = stems[ofUnit[i]!]!;
    const inStem = at < stem.length ? 's' : 'p';
    const prevWord = ofUnit[i]! > 0 ? stems[ofUnit[i]! - 1]!.stem : '<s>';
    const nextE = eojeol[ofUnit[i]! + 1];
    const nextWord = nextE ? stems[ofUnit[i]! + 1]!.stem : '</s>';
    const code = ch.charCodeAt(0);
    const jong = code >= 0xac00 && code <= 0xd7a3 ? ((code - 0xac00) % 28 === 0 ? 'v' : 'c') : '-';
    const f = [
      'b',
      'c=' + ch,
      'c-1=' + c(i - 1),
      'c+1=' + c(i + 1),
      'c-2=' + c(i - 2),
      'c+2=' + c(i + 2),
      'c-1c=' + c(i - 1) + ch,
      'cc+1=' + ch + c(i + 1),
      'c-1cc+1=' + c(i - 1) + ch + c(i + 1),
      'c-2c-1c=' + c(i - 2) + c(i - 1) + ch,
      'cc+1c+2=' + ch + c(i + 1) + c(i + 2),
      't=' + t(i) + '|' + pos,
      't-1tt+1=' + t(i - 1) + t(i) + t(i + 1),
      'pos=' + pos,
      'c|pos=' + ch + '|' + pos,
      'len=' + Math.min(e.end - e.start, 8) + '|' + at,
      'rest=' + (rest.length <= 4 ? rest : '~' + rest.slice(-2)),
      'tail=' + (rest === '' ? 'end' : KO_TAILS.has(rest) ? 'known' : 'other'),
      'head=' + (head.length <= 4 ? head : '~' + head.slice(-3)),
      'stem=' + inStem + '|' + (peeled.length <= 3 ? peeled : '~'),
      'jong=' + jong + '|' + (rest === '' ? 'end' : rest[0]!),
      'pw=' + prevWord,
      'nw=' + nextWord,
      'nw|pos=' + nextWord + '|' + pos,
      'word=' + (word.length <= 6 ? word : '~' + word.slice(0, 3)),
    ];
    if (stem.length >= 2 && stem.length <= 8) f.push('stemw=' + stem);
    return f;
  });
}
