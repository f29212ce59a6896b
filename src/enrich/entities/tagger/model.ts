/*
 * The entity tagger's model: per language, BIO labels over units (English
 * words, Japanese and Korean characters), a weight row per hashed feature and
 * a label-to-label transition matrix, decoded with Viterbi under BIO
 * constraints (an I-X only after B-X or I-X). Features are stored as 32-bit
 * hashes rather than strings: the file stays small and a lookup never builds
 * more than the feature string itself.
 *
 * File format (little-endian), gzip-compressed as a whole:
 *   "KIJINER2", u32 header length, header JSON (utf8), then per language in
 *   header order: u32[rows] feature hashes, i8[rows × labels] weights
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

/**
 * Scratch arrays for tagging, grown as needed and reused from one sentence to
 * the next (a document's sentences would otherwise allocate a few kilobytes
 * each, all garbage a moment later). One per caller; never shared between
 * concurrent calls.
 */
export class Workspace {
  hashes = new Uint32Array(1024);
  offsets = new Int32Array(64);
  acc = new Float64Array(0);
  emit = new Float64Array(0);
  score = new Float64Array(0);
  back = new Int32Array(0);
  /** Where the prefetching pass of emissions() leaves its (meaningless) result, so that it is not optimised away. */
  touched = 0;
  private pool: Int32Array[] = [];

  /**
   * A zeroed scratch array of at least n integers, the same one each time for the same slot: for the per-unit and
   * per-word arrays of feature extraction, so that a sentence allocates none.
   */
  int32(slot: number, n: number): Int32Array {
    const a = this.pool[slot];
    if (a && a.length >= n) {
      a.fill(0, 0, n);
      return a;
    }
    const fresh = new Int32Array(Math.max(64, 2 * n));
    this.pool[slot] = fresh;
    return fresh;
  }
  private predTable: Int32Array | null = null;
  private predFor: Uint8Array | null = null;

  /** Allowed predecessors per label as one array: label c's are out[out[c] .. out[c + 1]). Cached per constraint table. */
  preds(allowed: Uint8Array, L: number): Int32Array {
    if (this.predFor === allowed && this.predTable) return this.predTable;
    const lists: number[][] = [];
    for (let c = 0; c < L; c++) {
      const list: number[] = [];
      for (let p = 0; p < L; p++) if (allowed[p * L + c]) list.push(p);
      lists.push(list);
    }
    const out = new Int32Array(L + 1 + lists.reduce((a, l) => a + l.length, 0));
    let k = L + 1;
    lists.forEach((list, c) => {
      out[c] = k;
      for (const p of list) out[k++] = p;
    });
    out[L] = k;
    this.predTable = out;
    this.predFor = allowed;
    return out;
  }

  /** Room for n units of L labels summed W wide. */
  reserve(n: number, L: number, W: number): void {
    if (this.offsets.length < n + 1) this.offsets = new Int32Array(2 * (n + 1));
    if (this.acc.length < n * W) this.acc = new Float64Array(2 * n * W);
    if (this.emit.length < n * L) {
      this.emit = new Float64Array(2 * n * L);
      this.score = new Float64Array(2 * n * L);
      this.back = new Int32Array(2 * n * L);
    }
  }
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
  version: z.literal(2),
  /** Version of the feature templates the weights were trained with; a mismatch refuses to load. */
  features: z.number().int(),
  langs: z.array(LangHeader),
  /** How the weights were made (data, sizes, epochs, seed): for the docs and a reviewer's diff. */
  training: z.record(z.string(), z.unknown()),
});
export type ModelHeader = z.infer<typeof ModelHeader>;

/**
 * One language's tagger, ready to decode. The weights live in an
 * open-addressing table whose slots hold a feature hash and that feature's
 * 8-bit weights side by side (`stride` bytes, a power of two, so a slot
 * never straddles a cache line): a feature costs one memory access, which is
 * what tagging time is made of.
 */
export interface LangModel {
  lang: Lang;
  labels: string[];
  /** The slots as 32-bit words: word 0 of a slot is its feature hash (0 = empty). */
  keys: Uint32Array;
  /** The same bytes one by one: the weights of a slot start at its fifth. */
  weights: Int8Array;
  /** Slot size in bytes; a slot's weights are weights[slot × stride + 4 + label]. */
  stride: number;
  /** Labels rounded up to 8, 12 or 16: the width of the unrolled sums (padding weights are 0). */
  width: number;
  /** Slots − 1 (a power of two). */
  mask: number;
  /** What a stored weight is worth. */
  scale: number;
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

/** The slot of a feature; -1 when the model has no weights for it. */
export function slotOf(m: LangModel, h: number): number {
  const words = m.stride >> 2;
  let i = h & m.mask;
  for (;;) {
    const k = m.keys[i * words]!;
    if (k === h) return i;
    if (k === 0) return -1;
    i = (i + 1) & m.mask;
  }
}

/**
 * Every feature a model has weights for, with its weights (dequantised): to carry one language's weights into a new file.
 *
 * @example
 * const { hashes, weights } = rowsOf(model.byLang.get('ko')!);
 */
export function rowsOf(m: LangModel): { hashes: Uint32Array; weights: Float64Array } {
  const L = m.labels.length;
  const words = m.stride >> 2;
  const found: number[] = [];
  for (let i = 0; i <= m.mask; i++) if (m.keys[i * words] !== 0) found.push(i);
  const hashes = new Uint32Array(found.length);
  const weights = new Float64Array(found.length * L);
  found.forEach((slot, r) => {
    hashes[r] = m.keys[slot * words]!;
    for (let c = 0; c < L; c++) weights[r * L + c] = m.weights[slot * m.stride + 4 + c]! * m.scale;
  });
  return { hashes, weights };
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
 * viterbi(new Float64Array([0, 1, 0, 1, 0, 0]), 2, new Float64Array(9), allowedTransitions(['O', 'B-X', 'I-X']), 3) // Int32Array [1, 0]
 */
export function viterbi(emit: Float64Array, n: number, trans: ArrayLike<number>, allowed: Uint8Array, L: number, ws = new Workspace()): Int32Array {
  const out = new Int32Array(n);
  if (n === 0) return out;
  ws.reserve(n, L, L);
  const { score, back } = ws;
  // Per label, the labels that may precede it (BIO: an I-X only after B-X or I-X), so the inner loop visits no other.
  const preds = ws.preds(allowed, L);
  for (let c = 0; c < L; c++) score[c] = allowed[L * L + c] ? trans[L * L + c]! + emit[c]! : -Infinity;
  for (let i = 1; i < n; i++) {
    const prev = (i - 1) * L;
    const cur = i * L;
    for (let c = 0; c < L; c++) {
      let best = -Infinity;
      let arg = 0;
      for (let q = preds[c]!, end = preds[c + 1]!; q < end; q++) {
        const p = preds[q]!;
        const s = score[prev + p]! + trans[p * L + c]!;
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      score[cur + c] = best + emit[cur + c]!;
      back[cur + c] = arg;
    }
  }
  let best = -Infinity;
  let arg = 0;
  const last = (n - 1) * L;
  for (let c = 0; c < L; c++)
    if (score[last + c]! > best) {
      best = score[last + c]!;
      arg = c;
    }
  for (let i = n - 1; i >= 0; i--) {
    out[i] = arg;
    arg = back[i * L + arg]!;
  }
  return out;
}

/**
 * Per-unit label scores of a sentence: the weights of each unit's features, summed (units × labels, row-major).
 * The result lives in the workspace until its next use.
 *
 * @example
 * const emit = emissions(model.byLang.get('en')!, featuresOf(input, units, lexicon), units.n);
 */
export function emissions(m: LangModel, features: { hashes: Uint32Array; offsets: Int32Array }, n: number, ws = new Workspace()): Float64Array {
  const L = m.labels.length;
  const W = m.width;
  ws.reserve(n, L, W);
  const acc = ws.acc;
  acc.fill(0, 0, n * W);
  const { offsets } = features;
  // Signed views: 32-bit integers V8 keeps in registers (unsigned ones above 2^31 would be doubles).
  const hashes = new Int32Array(features.hashes.buffer, features.hashes.byteOffset, features.hashes.length);
  const keys = new Int32Array(m.keys.buffer, m.keys.byteOffset, m.keys.length);
  const { weights, mask, stride } = m;
  const words = stride >> 2;
  // Touch every feature's first slot before using any: the loads are independent, so the processor overlaps their
  // cache misses instead of waiting for each in turn (the table is too large to stay in cache between sentences).
  const total = offsets[n]!;
  let touched = 0;
  for (let p = 0; p < total; p++) touched ^= keys[(hashes[p]! & mask) * words]!;
  ws.touched = touched;
  for (let i = 0; i < n; i++) {
    const e = i * W;
    for (let p = offsets[i]!, end = offsets[i + 1]!; p < end; p++) {
      const h = hashes[p]!;
      let s = h & mask;
      let k = keys[s * words]!;
      while (k !== h && k !== 0) {
        s = (s + 1) & mask;
        k = keys[s * words]!;
      }
      if (k === 0) continue;
      // Integer sums of the stored weights (exact), scaled once below; unrolled, since this loop is most of tagging time.
      const b = s * stride + 4;
      if (W === 12) add12(acc, e, weights, b);
      else if (W === 8) add8(acc, e, weights, b);
      else add16(acc, e, weights, b);
    }
  }
  const out = ws.emit;
  const scale = m.scale;
  for (let i = 0; i < n; i++) for (let c = 0; c < L; c++) out[i * L + c] = acc[i * W + c]! * scale;
  return out;
}

function add8(a: Float64Array, e: number, w: Int8Array, b: number): void {
  a[e]! += w[b]!;
  a[e + 1]! += w[b + 1]!;
  a[e + 2]! += w[b + 2]!;
  a[e + 3]! += w[b + 3]!;
  a[e + 4]! += w[b + 4]!;
  a[e + 5]! += w[b + 5]!;
  a[e + 6]! += w[b + 6]!;
  a[e + 7]! += w[b + 7]!;
}

function add12(a: Float64Array, e: number, w: Int8Array, b: number): void {
  add8(a, e, w, b);
  a[e + 8]! += w[b + 8]!;
  a[e + 9]! += w[b + 9]!;
  a[e + 10]! += w[b + 10]!;
  a[e + 11]! += w[b + 11]!;
}

function add16(a: Float64Array, e: number, w: Int8Array, b: number): void {
  add8(a, e, w, b);
  add8(a, e + 8, w, b + 8);
}

/**
 * Label indices of a sentence: its features scored by the model, then decoded under the BIO constraints.
 *
 * @example
 * decode(model.byLang.get('en')!, featuresOf(input, units, lexicon), units.n) // Int32Array [5, 0, …]
 */
export function decode(m: LangModel, features: { hashes: Uint32Array; offsets: Int32Array }, n: number, ws = new Workspace()): Int32Array {
  return viterbi(emissions(m, features, n, ws), n, m.trans, m.allowed, m.labels.length, ws);
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
 * Write trained weights in the compact format, quantised to 8 bits (measured:
 * no loss of F1 against 16). Rows whose weights all stay below `minWeight`
 * steps are dropped: a smaller table stays in cache, and on the dev fifth
 * dropping those below 3 steps of 127 cost nothing.
 *
 * @example
 * writeFileSync('models/entity-tagger.bin', serialiseModel([en, ja, ko], 3, { seed: 13 }));
 */
export function serialiseModel(langs: TrainedLang[], features: number, training: Record<string, unknown>, minWeight = 1): Buffer {
  const parts: Buffer[] = [];
  const headers: LangHeader[] = [];
  for (const t of langs) {
    const L = t.labels.length;
    let max = 0;
    for (const w of t.weights) max = Math.max(max, Math.abs(w));
    const scale = max > 0 ? max / 127 : 1;
    // Sort rows by hash so that the file does not depend on the order features were first seen.
    const order = [...t.hashes.keys()].sort((a, b) => t.hashes[a]! - t.hashes[b]!);
    const keep: number[] = [];
    for (const r of order) {
      let nz = false;
      for (let c = 0; c < L; c++) if (Math.abs(Math.round(t.weights[r * L + c]! / scale)) >= minWeight) nz = true;
      if (nz) keep.push(r);
    }
    const hashes = new Uint32Array(keep.length);
    const q = new Int8Array(keep.length * L);
    keep.forEach((r, k) => {
      hashes[k] = t.hashes[r]!;
      for (let c = 0; c < L; c++) q[k * L + c] = Math.round(t.weights[r * L + c]! / scale);
    });
    const lexicon = Uint32Array.from([...new Set(t.lexicon)].sort((a, b) => a - b));
    parts.push(Buffer.from(hashes.buffer), Buffer.from(q.buffer), Buffer.from(Float32Array.from(t.trans).buffer), Buffer.from(lexicon.buffer));
    headers.push({ lang: t.lang as 'ja' | 'ko' | 'en', labels: t.labels, rows: keep.length, lexicon: lexicon.length, scale });
  }
  const header: ModelHeader = { version: 2, features, langs: headers, training };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(json.length);
  // mtime 0 and a fixed level: the same weights give the same bytes.
  return gzipSync(Buffer.concat([Buffer.from('KIJINER2', 'latin1'), len, json, ...parts]), { level: 9 });
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
  if (raw.subarray(0, 8).toString('latin1') !== 'KIJINER2') throw new Error('not a kiji entity tagger model of this version (bad magic): run npm run train');
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
    const q = new Int8Array(take(h.rows * L));
    const trans = new Float32Array(take((L + 1) * L * 4));
    const lex = new Uint32Array(take(h.lexicon * 4));
    if (L > 16) throw new Error(`${h.lang} has ${L} labels; at most 16 are supported`);
    // Slots of a power-of-two size (the hash, then the labels' weights padded to the sum width), at most three quarters full (linear probing stays within a cache line or two).
    const width = L <= 8 ? 8 : L <= 12 ? 12 : 16;
    let stride = 4;
    while (stride < 4 + width) stride <<= 1;
    const words = stride >> 2;
    let size = 1;
    while (size * 0.75 < h.rows) size <<= 1;
    const buffer = new ArrayBuffer(size * stride);
    const keys = new Uint32Array(buffer);
    const weights = new Int8Array(buffer);
    const mask = size - 1;
    for (let r = 0; r < h.rows; r++) {
      let i = hashes[r]! & mask;
      while (keys[i * words] !== 0) i = (i + 1) & mask;
      keys[i * words] = hashes[r]!;
      for (let c = 0; c < L; c++) weights[i * stride + 4 + c] = q[r * L + c]!;
    }
    byLang.set(h.lang, { lang: h.lang, labels: h.labels, keys, weights, stride, width, mask, scale: h.scale, trans, lexicon: new Set(lex), allowed: allowedTransitions(h.labels) });
    total += buffer.byteLength + trans.byteLength + lex.length * 8;
  }
  if (off !== raw.length) throw new Error(`model file has ${raw.length - off} trailing bytes`);
  return { header, byLang, bytes: total };
}
