/*
 * What the tagger sees of a sentence: its units (English words; Japanese and
 * Korean characters, since entity edges fall inside kuromoji tokens and
 * Korean eojeol) and, for each unit, a list of 32-bit feature hashes.
 *
 * A feature is a template and up to three integer parts (a character code, a
 * class, or the hash of a word computed once per word), mixed into 32 bits
 * with integer arithmetic: no feature string is ever built, which is what
 * makes tagging cheap enough to run on every sentence of every article.
 * Training and tagging call the same functions, so the two cannot drift
 * apart; FEATURE_SET names the templates, and a model trained with other
 * templates refuses to load.
 */
import type { EntityType, Lang, Token } from '../../../records.js';
import { splitEojeol } from '../../../tokenize/korean.js';
import { KO_COMMON_NOUNS } from '../common-nouns.js';
import { KO_SURNAMES } from '../rules.js';
import { hash32, Workspace } from './model.js';

/** Bump when a template changes: the committed weights must then be retrained. */
export const FEATURE_SET = 4;

/** The units of a sentence: unit i spans text[start[i], end[i]). */
export interface Units {
  n: number;
  start: Int32Array;
  end: Int32Array;
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

/** Feature hashes of a sentence: unit i's are hashes[offsets[i] .. offsets[i + 1]). */
export interface Features {
  hashes: Uint32Array;
  offsets: Int32Array;
}

// --- hashing ------------------------------------------------------------------

/** One murmur3 round: fold a 32-bit part into the running hash. */
function mix(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** murmur3's finaliser, never 0 (0 marks an empty slot in the model's table). */
function fin(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0 || 1;
}

/** Hash of a sequence of integers (a suffix, a stem): the same as mixing them in one by one. */
const seq = mix;
const SEQ0 = 0x2545f491;

// Outside the sentence, and "none": values no character code or word hash is meant to take.
const BOS = 0x7fff0001;
const EOS = 0x7fff0002;
const NONE = 0x7fff0003;
const LONG = 0x7fff0004;

/** Templates by name; the id is the hash of the name, so adding one changes no other. */
function templates<const K extends string>(names: readonly K[]): Record<K, number> {
  return Object.fromEntries(names.map((n) => [n, hash32(n)])) as Record<K, number>;
}

/** Collects the hashes of one sentence, unit by unit, into the workspace's buffer. */
class Sink {
  hashes: Uint32Array;
  len = 0;
  constructor(
    readonly ws: Workspace,
    n: number,
  ) {
    if (ws.offsets.length < n + 1) ws.offsets = new Int32Array(2 * (n + 1));
    ws.offsets[0] = 0;
    this.hashes = ws.hashes;
  }
  /** Unit i is complete. */
  next(i: number): void {
    this.ws.offsets[i + 1] = this.len;
  }
  private grow(): void {
    const h = new Uint32Array(this.hashes.length * 2);
    h.set(this.hashes);
    this.hashes = this.ws.hashes = h;
  }
  f1(t: number, a: number): void {
    if (this.len === this.hashes.length) this.grow();
    this.hashes[this.len++] = fin(mix(t, a));
  }
  f2(t: number, a: number, b: number): void {
    if (this.len === this.hashes.length) this.grow();
    this.hashes[this.len++] = fin(mix(mix(t, a), b));
  }
  f3(t: number, a: number, b: number, c: number): void {
    if (this.len === this.hashes.length) this.grow();
    this.hashes[this.len++] = fin(mix(mix(mix(t, a), b), c));
  }
  done(n: number): Features {
    return { hashes: this.hashes.subarray(0, this.len), offsets: this.ws.offsets.subarray(0, n + 1) };
  }
}

// --- units ----------------------------------------------------------------------

// English words: initials (U.S.), words with inner apostrophes, hyphens and ampersands (O'Neill, Anglo-Dutch, AT&T),
// numbers with separators, a possessive 's on its own, any other character alone.
const EN_UNIT = /(?:\p{L}\.){2,}|\p{L}[\p{L}\p{M}\p{N}]*(?:(?:['’](?!s(?![\p{L}\p{N}]))|[-&])[\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*|\p{N}+(?:[.,:/-]\p{N}+)*|['’]s(?![\p{L}\p{N}])|\S/gu;

const isLatinOrDigit = (c: number) =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a);
const isSpace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200b) || c === 0xfeff || c === 0x2028 || c === 0x2029;

/**
 * The units of a sentence: words for English; for Japanese and Korean every
 * non-space character, except that a run of Latin letters and digits (CEO,
 * HBM4, NVIDIA, with inner . & ' -) is one unit.
 *
 * @example
 * unitsOf("Samsung's chief", 0, 15, 'en').n // 3
 */
export function unitsOf(text: string, from: number, to: number, lang: Lang): Units {
  const start: number[] = [];
  const end: number[] = [];
  if (lang === 'en') {
    EN_UNIT.lastIndex = 0;
    const seg = text.slice(from, to);
    for (const m of seg.matchAll(EN_UNIT)) {
      start.push(from + m.index!);
      end.push(from + m.index! + m[0].length);
    }
  } else {
    let i = from;
    while (i < to) {
      const c = text.charCodeAt(i);
      if (isSpace(c)) {
        i++;
        continue;
      }
      let j = i + 1;
      if (isLatinOrDigit(c)) {
        for (;;) {
          if (j < to && isLatinOrDigit(text.charCodeAt(j))) j++;
          else if (j + 1 < to && /[.&'’-]/.test(text[j]!) && isLatinOrDigit(text.charCodeAt(j + 1))) j += 2;
          else break;
        }
      } else if (c >= 0xd800 && c <= 0xdbff && j < to) {
        const d = text.charCodeAt(j);
        if (d >= 0xdc00 && d <= 0xdfff) j++;
      }
      start.push(i);
      end.push(j);
      i = j;
    }
  }
  return { n: start.length, start: Int32Array.from(start), end: Int32Array.from(end) };
}

/** Units as integers, two sentinels either side: out[i + 2] is unit i's character code, or the hash of a longer unit. */
function unitCodes(text: string, u: Units, ws: Workspace): Int32Array {
  const out = ws.int32(1, u.n + 4);
  out[0] = out[1] = BOS;
  out[u.n + 2] = out[u.n + 3] = EOS;
  for (let i = 0; i < u.n; i++) out[i + 2] = u.end[i]! - u.start[i]! === 1 ? text.charCodeAt(u.start[i]!) : hash32(text.slice(u.start[i]!, u.end[i]!)) | 0;
  return out;
}

const TYPE_CODE: Record<string, number> = { PERSON: 1, ORG: 2, PLACE: 3, PRODUCT: 4, EVENT: 5, OTHER: 6, MISC: 7 };

/** Hints as per-unit BIO codes, one sentinel either side: 0 none, 2·type for B, 2·type + 1 for I; out[i + 1] is unit i's. */
function marks(u: Units, hints: Hint[], ws: Workspace, slot: number): Int32Array {
  const out = ws.int32(slot, u.n + 2);
  out[0] = out[u.n + 1] = BOS;
  for (const h of hints) {
    let first = true;
    const t = TYPE_CODE[h.type] ?? 6;
    for (let i = 0; i < u.n; i++) {
      if (u.end[i]! <= h.start || u.start[i]! >= h.end) continue;
      if (out[i + 1] !== 0) continue;
      out[i + 1] = first ? 2 * t : 2 * t + 1;
      first = false;
    }
  }
  return out;
}

const H = templates(['g', 'r', 'g|r', 'g-1', 'g+1', 'r+1', 'nohint'] as const);

/**
 * Gazetteer and rule hints of unit i and its neighbours. Most units have none anywhere near: for them one feature
 * stands for the six (they would always fire together), which saves five lookups on most units.
 */
function hintFeatures(sink: Sink, gaz: Int32Array, rules: Int32Array, i: number): void {
  const g = gaz[i + 1]!;
  const r = rules[i + 1]!;
  const gp = gaz[i]!;
  const gn = gaz[i + 2]!;
  const rn = rules[i + 2]!;
  if ((g | r) === 0 && (rn === 0 || rn === BOS) && (gp === 0 || gp === BOS) && (gn === 0 || gn === BOS)) {
    sink.f1(H.nohint, 0);
    return;
  }
  sink.f1(H.g, g);
  sink.f1(H.r, r);
  sink.f2(H['g|r'], g, r);
  sink.f1(H['g-1'], gp);
  sink.f1(H['g+1'], gn);
  sink.f1(H['r+1'], rn);
}

/**
 * Feature hashes of every unit of a sentence. The result lives in the
 * workspace until its next use; copy it to keep it.
 *
 * @example
 * const units = unitsOf(text, 0, text.length, 'en');
 * const { hashes, offsets } = featuresOf({ text, from: 0, to: text.length, lang: 'en', tokens: [], gazetteer: [], rules: [] }, units, new Set());
 */
export function featuresOf(input: TagInput, units: Units, lexicon: Set<number>, ws = new Workspace()): Features {
  const sink = new Sink(ws, units.n);
  const gaz = marks(units, input.gazetteer, ws, 3);
  const rules = marks(units, input.rules, ws, 4);
  if (input.lang === 'en') englishFeatures(input, units, lexicon, sink, gaz, rules);
  else if (input.lang === 'ja') japaneseFeatures(input, units, sink, gaz, rules);
  else koreanFeatures(input, units, sink, gaz, rules);
  return sink.done(units.n);
}

// --- English ----------------------------------------------------------------

const E = templates([
  'b', 'w', 'W', 'sh', 'ss', 'hl', 'p1', 'p2', 'p3', 'p4', 's1', 's2', 's3', 's4', 'w-1', 'w+1', 'w-2', 'w+2', 'w-1|w', 'w|w+1',
  'ss-1|ss', 'ss|ss+1', 'ss-1|ss|ss+1', 'pos', 'lex', 'prevcap', 'nextcap',
] as const);
const PREFIX = [E.p1, E.p2, E.p3, E.p4];
const SUFFIX = [E.s1, E.s2, E.s3, E.s4];

const enum Letter {
  Upper = 1,
  Lower = 2,
  Other = 3,
}

/** Case of one character: ASCII by its code, anything else by Unicode property. */
function letterCase(word: string, k: number): Letter {
  const c = word.charCodeAt(k);
  if (c < 128) return c >= 65 && c <= 90 ? Letter.Upper : c >= 97 && c <= 122 ? Letter.Lower : Letter.Other;
  const ch = word[k]!;
  return /\p{Lu}/u.test(ch) ? Letter.Upper : /\p{Ll}/u.test(ch) ? Letter.Lower : /\p{L}/u.test(ch) ? Letter.Lower : Letter.Other;
}

function englishFeatures(input: TagInput, units: Units, lexicon: Set<number>, sink: Sink, gaz: Int32Array, rules: Int32Array): void {
  const n = units.n;
  const words: string[] = new Array(n);
  const lowers: string[] = new Array(n);
  // Per word, two sentinels either side: lower-case form, short shape (as hashes); capitalised or not.
  const ws = sink.ws;
  const lw = ws.int32(5, n + 4);
  const ss = ws.int32(6, n + 4);
  const sh = ws.int32(7, n);
  const ww = ws.int32(8, n);
  const cap = ws.int32(9, n + 2);
  lw[0] = lw[1] = ss[0] = ss[1] = BOS;
  lw[n + 2] = lw[n + 3] = ss[n + 2] = ss[n + 3] = EOS;
  let letters = 0;
  let caps = 0;
  for (let i = 0; i < n; i++) {
    const w = input.text.slice(units.start[i]!, units.end[i]!);
    const lower = w.toLowerCase();
    words[i] = w;
    lowers[i] = lower;
    lw[i + 2] = hash32(lower) | 0;
    ww[i] = w === lower ? 0 : hash32(w) | 0;
    // Shape: X upper case, x lower, d digit, other characters as they are (first 12); the short shape squeezes repeats.
    let full = SEQ0;
    let short = SEQ0;
    let last = -1;
    let upper = 0;
    let lowerCount = 0;
    for (let k = 0; k < w.length; k++) {
      const c = w.charCodeAt(k);
      let s: number;
      const lc = letterCase(w, k);
      if (lc === Letter.Upper) {
        s = 88;
        upper++;
      } else if (lc === Letter.Lower) {
        s = 120;
        lowerCount++;
      } else if (c >= 48 && c <= 57) s = 100;
      else s = c;
      if (k < 12) full = seq(full, s);
      if (s !== last) short = seq(short, s);
      last = s;
    }
    sh[i] = full;
    ss[i + 2] = short;
    cap[i + 1] = letterCase(w, 0) === Letter.Upper ? 1 : 0;
    // All-caps headlines and datelines (SOCCER - JAPAN GET LUCKY WIN, ROME 1996-12-06): capitals say nothing there.
    if (upper + lowerCount >= 2) {
      letters++;
      if (lowerCount === 0) caps++;
    }
  }
  const headline = letters > 0 && caps / letters >= 0.6 ? 1 : 0;
  for (let i = 0; i < n; i++) {
    const word = words[i]!;
    const lower = lowers[i]!;
    const x = i + 2;
    const w0 = lw[x]!;
    const s0 = ss[x]!;
    sink.f1(E.b, 0);
    sink.f1(E.w, w0);
    sink.f1(E.sh, sh[i]!);
    sink.f1(E.ss, s0);
    sink.f2(E.hl, headline, s0);
    if (ww[i] !== 0) sink.f1(E.W, ww[i]!);
    // Prefixes of the word as written, suffixes of its lower-case form, up to four characters.
    let p = SEQ0;
    for (let k = 0; k < 4 && k < word.length; k++) {
      p = seq(p, word.charCodeAt(k));
      sink.f1(PREFIX[k]!, p);
    }
    let q = SEQ0;
    for (let k = 1; k <= 4 && k <= lower.length; k++) {
      q = seq(q, lower.charCodeAt(lower.length - k));
      sink.f1(SUFFIX[k - 1]!, q);
    }
    sink.f1(E['w-1'], lw[x - 1]!);
    sink.f1(E['w+1'], lw[x + 1]!);
    sink.f1(E['w-2'], lw[x - 2]!);
    sink.f1(E['w+2'], lw[x + 2]!);
    sink.f2(E['w-1|w'], lw[x - 1]!, w0);
    sink.f2(E['w|w+1'], w0, lw[x + 1]!);
    sink.f2(E['ss-1|ss'], ss[x - 1]!, s0);
    sink.f2(E['ss|ss+1'], s0, ss[x + 1]!);
    sink.f3(E['ss-1|ss|ss+1'], ss[x - 1]!, s0, ss[x + 1]!);
    sink.f2(E.pos, i === 0 ? 0 : i === n - 1 ? 2 : 1, s0);
    // A capitalised word whose lower-case form runs in ordinary text may be capitalised only by position or headline.
    if (cap[i + 1]) sink.f3(E.lex, lexicon.has(w0 >>> 0) ? 1 : 0, i === 0 ? 1 : 0, headline);
    if (cap[i]) sink.f1(E.prevcap, s0);
    if (cap[i + 2]) sink.f1(E.nextcap, s0);
    hintFeatures(sink, gaz, rules, i);
    sink.next(i);
  }
}

// --- Japanese and Korean: shared character classes ------------------------------

const enum Cls {
  Space = 2,
  Hira,
  Kata,
  Han,
  Hangul,
  Upper,
  Lower,
  Digit,
  Open,
  Close,
  Dot,
  Other,
}

/** Script class of a unit (its first character), for Japanese and Korean. */
function charClass(text: string, start: number): number {
  const c = text.charCodeAt(start);
  if (c >= 0x3041 && c <= 0x309f) return Cls.Hira;
  if (c === 0x30fb || c === 0xff65) return Cls.Dot;
  if ((c >= 0x30a0 && c <= 0x30ff) || (c >= 0xff66 && c <= 0xff9f)) return Cls.Kata;
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || c === 0x3005 || c === 0x3006 || c === 0x30f6 || (c >= 0xd840 && c <= 0xd87f)) return Cls.Han;
  if (c >= 0xac00 && c <= 0xd7a3) return Cls.Hangul;
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0xff21 && c <= 0xff3a)) return Cls.Upper;
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0xff41 && c <= 0xff5a)) return Cls.Lower;
  if ((c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19)) return Cls.Digit;
  if (c === 0x300c || c === 0x300e || c === 0x3010 || c === 0x3008 || c === 0x300a || c === 0x22 || c === 0x201c) return Cls.Open;
  if (c === 0x300d || c === 0x300f || c === 0x3011 || c === 0x3009 || c === 0x300b || c === 0x201d) return Cls.Close;
  if (isSpace(c)) return Cls.Space;
  return Cls.Other;
}

/** Classes of the units, two sentinels either side (out[i + 2] is unit i's). */
function classes(text: string, u: Units, ws: Workspace): Int32Array {
  const out = ws.int32(2, u.n + 4);
  out[0] = out[1] = BOS;
  out[u.n + 2] = out[u.n + 3] = EOS;
  for (let i = 0; i < u.n; i++) out[i + 2] = charClass(text, u.start[i]!);
  return out;
}

// --- Japanese ---------------------------------------------------------------

// (c±2, the outer character bigrams, the outer class trigrams and the neighbouring tokens conjoined with the position
// were measured on the dev fifth to add at most 0.3 points of F1 here, and dropped: each feature costs a lookup.)
const J = templates([
  'b', 'c', 'c-1', 'c+1', 'c-1c', 'cc+1', 'c-1cc+1', 't', 't-1t', 'tt+1', 't-1tt+1', 'q',
  'tp', 'tp|at', 'ts', 'tl', 'pt', 'pp', 'nt', 'np', 'pp|tp', 'tp|np', 'tp=none', 'ch|at', 'ch-head|at', 'ch-first|at', 'ch=none',
] as const);

/** Parts of speech that make up a compound name in kuromoji's output: nouns, proper nouns, Latin words. */
const isNominal = (t: Token) => t.pos === 'noun' || t.pos === 'proper' || t.pos === 'foreign';

function japaneseFeatures(input: TagInput, units: Units, sink: Sink, gaz: Int32Array, rules: Int32Array): void {
  const { text } = input;
  const n = units.n;
  const code = unitCodes(text, units, sink.ws);
  const cls = classes(text, units, sink.ws);
  // The sentence's tokens in order, each with its surface and part of speech as integers, computed once.
  const tokens = input.tokens;
  const T = tokens.length;
  const surf = sink.ws.int32(5, T + 2);
  const pos = sink.ws.int32(6, T + 2);
  surf[0] = pos[0] = BOS;
  surf[T + 1] = pos[T + 1] = EOS;
  for (let k = 0; k < T; k++) {
    const tok = tokens[k]!;
    surf[k + 1] = hash32(tok.surface.length <= 6 ? tok.surface : '~' + tok.surface.slice(-2)) | 0;
    pos[k + 1] = hash32(tok.pos + '/' + (tok.detail ?? '')) | 0;
  }
  // Runs of nominal tokens (a compound noun: 東京証券取引所, 文献リンク): names are such runs or parts of them, and the run's
  // last token (社, 大学, 駅, 線) says much about its type. Per token: the first and last token of its run, or -1.
  const chunkFirst = sink.ws.int32(7, T).fill(-1, 0, T);
  const chunkLast = sink.ws.int32(8, T).fill(-1, 0, T);
  for (let a = 0; a < T; ) {
    if (!isNominal(tokens[a]!)) {
      a++;
      continue;
    }
    let b = a;
    while (b + 1 < T && isNominal(tokens[b + 1]!) && tokens[b + 1]!.start === tokens[b]!.end) b++;
    for (let j = a; j <= b; j++) {
      chunkFirst[j] = a;
      chunkLast[j] = b;
    }
    a = b + 1;
  }
  let depth = 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const us = units.start[i]!;
    const ue = units.end[i]!;
    const x = i + 2;
    const ch = code[x]!;
    const cm1 = code[x - 1]!;
    const cp1 = code[x + 1]!;
    const t0 = cls[x]!;
    // Inside 「…」 or 『…』: titles and product names (「iPhone 15」) are written there.
    const opens = ch === 0x300c || ch === 0x300e;
    if (opens) depth++;
    const quoted = depth > 0 && !opens ? 1 : 0;
    if (ch === 0x300d || ch === 0x300f) depth = Math.max(0, depth - 1);

    sink.f1(J.b, 0);
    sink.f1(J.c, ch);
    sink.f1(J['c-1'], cm1);
    sink.f1(J['c+1'], cp1);
    sink.f2(J['c-1c'], cm1, ch);
    sink.f2(J['cc+1'], ch, cp1);
    sink.f3(J['c-1cc+1'], cm1, ch, cp1);
    sink.f1(J.t, t0);
    sink.f2(J['t-1t'], cls[x - 1]!, t0);
    sink.f2(J['tt+1'], t0, cls[x + 1]!);
    sink.f3(J['t-1tt+1'], cls[x - 1]!, t0, cls[x + 1]!);
    sink.f2(J.q, quoted, t0);

    while (k < T && tokens[k]!.end <= us) k++;
    if (k < T && tokens[k]!.start <= us) {
      const tok = tokens[k]!;
      const at = us === tok.start ? (ue === tok.end ? 1 : 2) : ue === tok.end ? 3 : 4;
      const y = k + 1;
      const tp = pos[y]!;
      sink.f1(J.tp, tp);
      sink.f2(J['tp|at'], tp, at);
      sink.f1(J.ts, surf[y]!);
      sink.f2(J.tl, Math.min(tok.end - tok.start, 6), at);
      sink.f1(J.pt, surf[y - 1]!);
      sink.f1(J.pp, pos[y - 1]!);
      sink.f1(J.nt, surf[y + 1]!);
      sink.f1(J.np, pos[y + 1]!);
      sink.f2(J['pp|tp'], pos[y - 1]!, tp);
      sink.f2(J['tp|np'], tp, pos[y + 1]!);
      const first = chunkFirst[k]!;
      if (first >= 0) {
        const last = chunkLast[k]!;
        const cs = tokens[first]!.start;
        const ce = tokens[last]!.end;
        const cat = us === cs ? (ue === ce ? 1 : 2) : ue === ce ? 3 : 4;
        sink.f2(J['ch|at'], cat, Math.min(last - first + 1, 4));
        sink.f2(J['ch-head|at'], surf[last + 1]!, cat);
        sink.f2(J['ch-first|at'], pos[first + 1]!, cat);
      } else sink.f1(J['ch=none'], 0);
    } else sink.f1(J['tp=none'], 0);
    hintFeatures(sink, gaz, rules, i);
    sink.next(i);
  }
}

// --- Korean -----------------------------------------------------------------

// What ends a Korean name inside its eojeol: particles, honorifics and titles glued on.
const KO_TAILS = `은 는 이 가 을 를 의 에 와 과 로 도 만 나 께 엔 랑 씨 님 측 들 으로 에서 에게 까지 부터 보다 처럼 에는 에도 와의 과의 이나 이며 이고 이라 라고 라는 이라는 이라고
   에서는 에서도 에서의 에게는 으로는 으로도 으로서 께서 한테 씨는 씨가 씨의 씨를 씨와 씨에게 님은 님이 님의 모씨 모 씨도 측은 측이 측의 들은 들이 들의 이다 였다 이었다 대표 회장 사장
   감독 선수 의원 장관 대통령 교수 총리 위원장`.split(/\s+/);
/** Hash of a run of characters, as the Korean features compute it incrementally. */
function runHash(s: string): number {
  let h = SEQ0;
  for (let i = 0; i < s.length; i++) h = seq(h, s.charCodeAt(i));
  return h;
}
const KO_TAIL_HASHES = new Set(KO_TAILS.map(runHash));

const K = templates([
  'b', 'c', 'c-1', 'c+1', 'c-2', 'c+2', 'c-1c', 'cc+1', 'c-1cc+1', 'c-2c-1c', 'cc+1c+2', 't|pos', 't-1tt+1', 'pos', 'c|pos', 'len', 'rest', 'tail',
  'head', 'stem', 'jong', 'pw', 'nw', 'nw|pos', 'word', 'stemw', 'sur', 'suf', 'common',
] as const);

// Words that end Korean organisation and place names (서울대학교, 국민은행, 현대차그룹, 한국전력공사, 국토교통부, 경찰청, 금융위원회, 강남구).
const KO_NAME_ENDS = `대학교 대학원 대학 은행 그룹 공사 공단 위원회 협회 재단 연구원 연구소 전자 증권 보험 생명 카드 건설 화학 중공업 자동차 텔레콤 홀딩스 엔터테인먼트
   방송 일보 신문 뉴스 경찰서 경찰청 검찰청 지검 지법 법원 병원 학교 고등학교 중학교 초등학교 센터 구단 클럽 당 부 처 청 원 시 도 군 구 동 읍 면 리 역 항 공항 산 강 섬 호
   대교 터널 공원 시장 광장 타워 빌딩 호텔 리조트 기업 회사 주식회사 코리아 재팬 차이나`.split(/\s+/);
const KO_NAME_END_HASHES = new Map(KO_NAME_ENDS.map((w) => [w, hash32('end:' + w) | 0]));
const KO_SURNAME_SET: Set<string> = KO_SURNAMES;
const KO_COMMON: Set<string> = KO_COMMON_NOUNS;

function koreanFeatures(input: TagInput, units: Units, sink: Sink, gaz: Int32Array, rules: Int32Array): void {
  const { text } = input;
  const n = units.n;
  const code = unitCodes(text, units, sink.ws);
  const cls = classes(text, units, sink.ws);
  // Eojeol (space-separated words): where each starts and ends, in units, and their stems by the rule stemmer.
  const eStart: number[] = [];
  const eEnd: number[] = [];
  const ws = sink.ws;
  const ofUnit = ws.int32(5, n);
  for (let i = 0; i < n; i++) {
    if (i === 0 || units.end[i - 1] !== units.start[i]) {
      eStart.push(i);
      eEnd.push(i + 1);
    } else eEnd[eEnd.length - 1] = i + 1;
    ofUnit[i] = eStart.length - 1;
  }
  const E = eStart.length;
  const wordH = ws.int32(6, E);
  // Stems with a sentinel either side: stemH[e + 1] is eojeol e's.
  const stemH = ws.int32(7, E + 2);
  stemH[0] = BOS;
  stemH[E + 1] = EOS;
  const stemLen = ws.int32(8, E);
  const peeledH = ws.int32(9, E);
  const stemWord = ws.int32(10, E);
  // Per eojeol: 1 when its stem looks like a Korean personal name (two to four syllables after a common surname), the
  // name-ending word its stem ends with (as a hash, 0 for none, with its length in units), 1 when the stem is a common noun.
  const surname = ws.int32(11, E);
  const nameEnd = ws.int32(12, E);
  const nameEndLen = ws.int32(13, E);
  const common = ws.int32(14, E);
  for (let e = 0; e < E; e++) {
    const from = units.start[eStart[e]!]!;
    const word = text.slice(from, units.end[eEnd[e]! - 1]!);
    wordH[e] = hash32(word.length <= 6 ? word : '~' + word.slice(0, 3)) | 0;
    const { stem, rest } = splitEojeol(word);
    const sh = hash32(stem) | 0;
    stemH[e + 1] = sh;
    // Stem length in units (a Latin run is one unit).
    let len = 0;
    for (let i = eStart[e]!; i < eEnd[e]! && units.end[i]! - from <= stem.length; i++) len++;
    stemLen[e] = len;
    peeledH[e] = rest.length <= 3 ? hash32(rest) | 0 : LONG;
    stemWord[e] = stem.length >= 2 && stem.length <= 8 ? sh : 0;
    if (stem.length >= 2 && stem.length <= 4 && KO_SURNAME_SET.has(stem[0]!) && /^[\uac00-\ud7a3]+$/.test(stem)) surname[e] = 1;
    for (let k = Math.min(5, stem.length - 1); k >= 1; k--) {
      const end = KO_NAME_END_HASHES.get(stem.slice(-k));
      if (end !== undefined) {
        nameEnd[e] = end;
        nameEndLen[e] = k;
        break;
      }
    }
    if (KO_COMMON.has(stem)) common[e] = 1;
  }
  // Per unit: the rest of its eojeol after it, and the eojeol up to it, as hashes (short ones whole, long ones by their ends).
  const rest = ws.int32(15, n);
  const restKnown = ws.int32(16, n);
  const head = ws.int32(17, n);
  for (let e = 0; e < E; e++) {
    const s = eStart[e]!;
    const end = eEnd[e]!;
    let h = SEQ0;
    for (let i = s; i < end; i++) {
      if (i - s < 4) {
        h = seq(h, code[i + 2]!);
        head[i] = h;
      } else head[i] = seq(seq(seq(seq(SEQ0, LONG), code[i]!), code[i + 1]!), code[i + 2]!);
    }
    for (let i = s; i < end; i++) {
      const len = end - i - 1;
      if (len === 0) {
        rest[i] = NONE;
        continue;
      }
      if (len <= 4) {
        let r = SEQ0;
        for (let j = i + 1; j < end; j++) r = seq(r, code[j + 2]!);
        restKnown[i] = KO_TAIL_HASHES.has(r) ? 1 : 0;
        rest[i] = r;
      } else rest[i] = seq(seq(seq(SEQ0, LONG), code[end]!), code[end + 1]!);
    }
  }
  for (let i = 0; i < n; i++) {
    const x = i + 2;
    const ch = code[x]!;
    const cm1 = code[x - 1]!;
    const cp1 = code[x + 1]!;
    const e = ofUnit[i]!;
    const s = eStart[e]!;
    const end = eEnd[e]!;
    const at = i - s;
    const pos = end - s === 1 ? 1 : at === 0 ? 2 : i === end - 1 ? 3 : 4;
    const inStem = at < stemLen[e]! ? 1 : 2;
    const nextWord = stemH[e + 2]!;
    const jong = ch >= 0xac00 && ch <= 0xd7a3 ? ((ch - 0xac00) % 28 === 0 ? 1 : 2) : 3;
    sink.f1(K.b, 0);
    sink.f1(K.c, ch);
    sink.f1(K['c-1'], cm1);
    sink.f1(K['c+1'], cp1);
    sink.f1(K['c-2'], code[x - 2]!);
    sink.f1(K['c+2'], code[x + 2]!);
    sink.f2(K['c-1c'], cm1, ch);
    sink.f2(K['cc+1'], ch, cp1);
    sink.f3(K['c-1cc+1'], cm1, ch, cp1);
    sink.f3(K['c-2c-1c'], code[x - 2]!, cm1, ch);
    sink.f3(K['cc+1c+2'], ch, cp1, code[x + 2]!);
    sink.f2(K['t|pos'], cls[x]!, pos);
    sink.f3(K['t-1tt+1'], cls[x - 1]!, cls[x]!, cls[x + 1]!);
    sink.f1(K.pos, pos);
    sink.f2(K['c|pos'], ch, pos);
    sink.f2(K.len, Math.min(end - s, 8), at);
    sink.f1(K.rest, rest[i]!);
    sink.f1(K.tail, rest[i] === NONE ? 0 : restKnown[i] ? 1 : 2);
    sink.f1(K.head, head[i]!);
    sink.f2(K.stem, inStem, peeledH[e]!);
    sink.f2(K.jong, jong, i + 1 < end ? cp1 : NONE);
    sink.f1(K.pw, stemH[e]!);
    sink.f1(K.nw, nextWord);
    sink.f2(K['nw|pos'], nextWord, pos);
    sink.f1(K.word, wordH[e]!);
    if (stemWord[e] !== 0) sink.f1(K.stemw, stemWord[e]!);
    if (surname[e]) sink.f3(K.sur, inStem, Math.min(at, 3), stemLen[e]!);
    if (nameEnd[e] !== 0) sink.f2(K.suf, nameEnd[e]!, at >= stemLen[e]! ? 3 : at >= stemLen[e]! - nameEndLen[e]! ? 2 : 1);
    if (common[e]) sink.f2(K.common, inStem, pos);
    hintFeatures(sink, gaz, rules, i);
    sink.next(i);
  }
}
