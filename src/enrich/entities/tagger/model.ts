/*
 * The entity tagger's model: per language, BIO labels over units (English
 * words, Japanese and Korean characters), a weight row per hashed feature and
 * a label-to-label transition matrix, decoded with Viterbi under BIO
 * constraints (an I-X only after B-X or I-X). Features are stored as 32-bit
 * hashes rather than strings: the file stays small and a lookup never builds
 * more than the feature string itself.
 *
 * File format (little-endian), gzip-compressed as a whole:
 *   "KIJINER1", u32 header length, header JSON (utf8), then per language in
 *   header order: u32[rows] feature hashes, i16[rows × labels] weights
 *   (× header scale), f32[(labels + 1) × labels] transitions (row 0 = start),
 *   u32[lexicon] hashes of words seen lower-case in running text.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import type { Lang } from '../../../records.js';

/** FNV-1a over UTF-16 code units; never 0 (0 marks an empty slot). */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h >>>= 0;
  return h === 0 ? 1 : h;
}

/** What the header says about one language's model. */
export const LangHeader = z.object({
  lang: z.enum(['ja', 'ko', 'en']),
  labels: z.array(z.string()).min(1),
  rows: z.number().int().nonnegative(),
  lexicon: z.number().int().nonnegative(),
  scale: z.number().positive(),
});
export type LangHeader = z.infer<typeof LangHeader>;

export const ModelHeader = z.object({
  version: z.literal(1),
  /** Version of the feature templates the weights were trained with; a mismatch refuses to load. */
  features: z.number().int(),
  langs: z.array(LangHeader),
  /** How the weights were made (data, sizes, epochs, seed): for the docs and a reviewer's diff. */
  training: z.record(z.string(), z.unknown()),
});
export type ModelHeader = z.infer<typeof ModelHeader>;

/** One language's tagger, ready to decode. */
export interface LangModel {
  lang: Lang;
  labels: string[];
  /** Open-addressing table: feature hash → row, or -1. */
  slots: Uint32Array;
  slotRows: Int32Array;
  mask: number;
  /** rows × labels emission weights. */
  weights: Float32Array;
  /** (labels + 1) × labels; row 0 is the start of a sentence. */
  trans: Float32Array;
  /** Hashes of words seen lower-case in running text (English): a capitalised one may just start a sentence. */
  lexicon: Set<number>;
  /** allowed[prev * L + cur], prev = L for the start. */
  allowed: Uint8Array;
}

export interface TaggerModel {
  header: ModelHeader;
  byLang: Map<Lang, LangModel>;
  /** Bytes of typed arrays held (weights, tables), for the size report. */
  bytes: number;
}

/** Look a feature up; -1 when the model has no row for it. */
export function rowOf(m: LangModel, h: number): number {
  let i = h & m.mask;
  for (;;) {
    const k = m.slots[i]!;
    if (k === 0) return -1;
    if (k === h) return m.slotRows[i]!;
    i = (i + 1) & m.mask;
  }
}

/** BIO constraints: which label may follow which. */
export function allowedTransitions(labels: string[]): Uint8Array {
  const L = labels.length;
  const out = new Uint8Array((L + 1) * L);
  for (let p = 0; p <= L; p++)
    for (let c = 0; c < L; c++) {
      const cur = labels[c]!;
      if (!cur.startsWith('I-')) out[p * L + c] = 1;
      else if (p < L) {
        const prev = labels[p]!;
        out[p * L + c] = prev !== 'O' && prev.slice(2) === cur.slice(2) ? 1 : 0;
      }
    }
  return out;
}

/**
 * Best label sequence for per-unit emission scores (units × labels, row-major).
 *
 * @example
 * viterbi(new Float32Array([0, 1, 0, 1, 0, 0]), 2, new Float32Array(9), allowedTransitions(['O', 'B-X', 'I-X']), 3) // [1, 0]
 */
export function viterbi(emit: Float32Array | Float64Array, n: number, trans: ArrayLike<number>, allowed: Uint8Array, L: number): number[] {
  if (n === 0) return [];
  const score = new Float64Array(n * L);
  const back = new Int32Array(n * L);
  for (let c = 0; c < L; c++) score[c] = allowed[L * L + c] ? trans[L * L + c]! + emit[c]! : -Infinity;
  for (let i = 1; i < n; i++) {
    for (let c = 0; c < L; c++) {
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < L; p++) {
        if (!allowed[p * L + c]) continue;
        const s = score[(i - 1) * L + p]! + trans[p * L + c]!;
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      score[i * L + c] = best + emit[i * L + c]!;
      back[i * L + c] = arg;
    }
  }
  let best = -Infinity;
  let arg = 0;
  for (let c = 0; c < L; c++)
    if (score[(n - 1) * L + c]! > best) {
      best = score[(n - 1) * L + c]!;
      arg = c;
    }
  const out = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    out[i] = arg;
    arg = back[i * L + arg]!;
  }
  return out;
}

/**
 * Labels of a sentence: features of each unit (as hashes) scored by the model, then decoded.
 *
 * @example
 * decode(model.byLang.get('en')!, [[hash32('w=tokyo')]]) // ['B-PLACE']
 */
export function decode(m: LangModel, features: number[][]): string[] {
  const L = m.labels.length;
  const n = features.length;
  const emit = new Float32Array(n * L);
  for (let i = 0; i < n; i++) {
    const base = i * L;
    for (const h of features[i]!) {
      const r = rowOf(m, h);
      if (r < 0) continue;
      const w = r * L;
      for (let c = 0; c < L; c++) emit[base + c]! += m.weights[w + c]!;
    }
  }
  return viterbi(emit, n, m.trans, m.allowed, L).map((c) => m.labels[c]!);
}

/** Weights of one language as training produces them, before quantisation. */
export interface TrainedLang {
  lang: Lang;
  labels: string[];
  hashes: Uint32Array;
  weights: Float64Array;
  trans: Float64Array;
  lexicon: number[];
}

/**
 * Write trained weights in the compact format: rows whose weights all round
 * to zero are dropped, the rest quantised to 16 bits.
 *
 * @example
 * writeFileSync('models/entity-tagger.bin', serialiseModel([en, ja, ko], 3, { seed: 13 }));
 */
export function serialiseModel(langs: TrainedLang[], features: number, training: Record<string, unknown>): Buffer {
  const parts: Buffer[] = [];
  const headers: LangHeader[] = [];
  for (const t of langs) {
    const L = t.labels.length;
    let max = 0;
    for (const w of t.weights) max = Math.max(max, Math.abs(w));
    const scale = max > 0 ? max / 32767 : 1;
    // Sort rows by hash so that the file does not depend on the order features were first seen.
    const order = [...t.hashes.keys()].sort((a, b) => t.hashes[a]! - t.hashes[b]!);
    const keep: number[] = [];
    for (const r of order) {
      let nz = false;
      for (let c = 0; c < L; c++) if (Math.round(t.weights[r * L + c]! / scale) !== 0) nz = true;
      if (nz) keep.push(r);
    }
    const hashes = new Uint32Array(keep.length);
    const q = new Int16Array(keep.length * L);
    keep.forEach((r, k) => {
      hashes[k] = t.hashes[r]!;
      for (let c = 0; c < L; c++) q[k * L + c] = Math.round(t.weights[r * L + c]! / scale);
    });
    const lexicon = Uint32Array.from([...new Set(t.lexicon)].sort((a, b) => a - b));
    parts.push(Buffer.from(hashes.buffer), Buffer.from(q.buffer), Buffer.from(Float32Array.from(t.trans).buffer), Buffer.from(lexicon.buffer));
    headers.push({ lang: t.lang as 'ja' | 'ko' | 'en', labels: t.labels, rows: keep.length, lexicon: lexicon.length, scale });
  }
  const header: ModelHeader = { version: 1, features, langs: headers, training };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(json.length);
  // mtime 0 and a fixed level: the same weights give the same bytes.
  return gzipSync(Buffer.concat([Buffer.from('KIJINER1', 'latin1'), len, json, ...parts]), { level: 9 });
}

/**
 * Read a model file; throws with the reason when the bytes are not one.
 *
 * @example
 * const model = parseModel(readFileSync('models/entity-tagger.bin'), 3);
 */
export function parseModel(bytes: Buffer, expectFeatures: number): TaggerModel {
  let raw: Buffer;
  try {
    raw = gunzipSync(bytes);
  } catch (err) {
    throw new Error(`not a gzip stream (${(err as Error).message})`);
  }
  if (raw.subarray(0, 8).toString('latin1') !== 'KIJINER1') throw new Error('not a kiji entity tagger model (bad magic)');
  const hlen = raw.readUInt32LE(8);
  const header = ModelHeader.parse(JSON.parse(raw.subarray(12, 12 + hlen).toString('utf8')));
  if (header.features !== expectFeatures)
    throw new Error(`trained with feature set ${header.features}, this code extracts feature set ${expectFeatures}: run npm run train`);
  let off = 12 + hlen;
  // Copy each section into its own aligned buffer (the header length leaves the rest unaligned).
  const take = (bytesLen: number) => {
    if (off + bytesLen > raw.length) throw new Error('truncated model file');
    const b = new Uint8Array(bytesLen);
    b.set(raw.subarray(off, off + bytesLen));
    off += bytesLen;
    return b.buffer;
  };
  const byLang = new Map<Lang, LangModel>();
  let total = 0;
  for (const h of header.langs) {
    const L = h.labels.length;
    const hashes = new Uint32Array(take(h.rows * 4));
    const q = new Int16Array(take(h.rows * L * 2));
    const trans = new Float32Array(take((L + 1) * L * 4));
    const lex = new Uint32Array(take(h.lexicon * 4));
    const weights = new Float32Array(q.length);
    for (let i = 0; i < q.length; i++) weights[i] = q[i]! * h.scale;
    let size = 1;
    while (size < h.rows * 2) size <<= 1;
    const slots = new Uint32Array(size);
    const slotRows = new Int32Array(size);
    const mask = size - 1;
    for (let r = 0; r < h.rows; r++) {
      let i = hashes[r]! & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = hashes[r]!;
      slotRows[i] = r;
    }
    byLang.set(h.lang, { lang: h.lang, labels: h.labels, slots, slotRows, mask, weights, trans, lexicon: new Set(lex), allowed: allowedTransitions(h.labels) });
    total += slots.byteLength + slotRows.byteLength + weights.byteLength + trans.byteLength + lex.length * 8;
  }
  if (off !== raw.length) throw new Error(`model file has ${raw.length - off} trailing bytes`);
  return { header, byLang, bytes: total };
}
