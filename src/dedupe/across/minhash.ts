/**
 * MinHash signatures and LSH banding for near-duplicate articles.
 *
 * An article becomes a set of shingles (character 5-grams of Japanese and
 * Korean letters, word 3-grams of English), the set a signature of `k`
 * minimum hashes, and the signature `bands` bucket keys of `rows` values
 * each. Two articles whose shingle sets have Jaccard similarity J share at
 * least one bucket with probability 1 − (1 − J^rows)^bands; the estimate of
 * J is the share of equal signature values.
 */
import { createHash } from 'node:crypto';

export interface MinHashParams {
  /** Number of hash functions (signature length). */
  k: number;
  bands: number;
  rows: number;
  charGram: number;
  wordGram: number;
}

const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * Shingles of a document's text: CJK runs by characters, Latin by words, so
 * a Japanese article quoting English names and an English one both work.
 *
 * @example
 * documentShingles('Samsung grew fast today', { charGram: 5, wordGram: 3 }).size // 2
 */
export function documentShingles(text: string, p: Pick<MinHashParams, 'charGram' | 'wordGram'>): Set<string> {
  const words = text.normalize('NFKC').toLowerCase().split(NOT_LETTER_OR_DIGIT).filter(Boolean);
  const out = new Set<string>();
  // CJK words joined into one run: Korean spacing and Japanese line breaks do not change the grams.
  const cjk = Array.from(words.filter((w) => CJK.test(w)).join(''));
  for (let i = 0; i + p.charGram <= cjk.length; i++) out.add(cjk.slice(i, i + p.charGram).join(''));
  if (cjk.length > 0 && cjk.length < p.charGram) out.add(cjk.join(''));
  const latin = words.filter((w) => !CJK.test(w));
  // Latin words make shingles of their own only where they carry the text (English), not names inside Japanese.
  if (latin.length * 2 >= words.length) {
    for (let i = 0; i + p.wordGram <= latin.length; i++) out.add(latin.slice(i, i + p.wordGram).join(' '));
    if (latin.length > 0 && latin.length < p.wordGram) out.add(latin.join(' '));
  }
  return out;
}

// FNV-1a over UTF-16 code units: a fast 32-bit hash of a shingle.
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// The murmur3 finaliser: mixes a 32-bit value with a seed into an independent-looking hash.
function mix(x: number, seed: number): number {
  let h = (x ^ seed) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function seeds(k: number): Uint32Array {
  const out = new Uint32Array(k);
  for (let i = 0; i < k; i++) out[i] = mix(i + 1, 0x9e3779b9);
  return out;
}

/**
 * The MinHash signature of a shingle set (all 0xffffffff for an empty set).
 *
 * @example
 * const sig = signature(documentShingles(text, p), p); // Uint32Array(p.k)
 */
export function signature(shingles: Set<string>, p: Pick<MinHashParams, 'k'>): Uint32Array {
  const s = seeds(p.k);
  const sig = new Uint32Array(p.k).fill(0xffffffff);
  for (const sh of shingles) {
    const x = hash32(sh);
    for (let i = 0; i < p.k; i++) {
      const v = mix(x, s[i]!);
      if (v < sig[i]!) sig[i] = v;
    }
  }
  return sig;
}

/**
 * Estimated Jaccard similarity of two signatures: the share of equal values.
 *
 * @example
 * estimateJaccard(sig, sig) // 1
 */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) same++;
  return same / n;
}

/**
 * The LSH bucket keys of a signature, one per band (`<band>:<hash of its rows>`).
 *
 * @example
 * bandKeys(sig, { bands: 16, rows: 8 }).length // 16
 */
export function bandKeys(sig: Uint32Array, p: Pick<MinHashParams, 'bands' | 'rows'>): string[] {
  const keys: string[] = [];
  for (let b = 0; b < p.bands; b++) {
    let h1 = 0x811c9dc5 ^ b;
    let h2 = 0x01000193 + b;
    for (let r = 0; r < p.rows; r++) {
      const v = sig[b * p.rows + r] ?? 0;
      h1 = Math.imul(h1 ^ v, 0x01000193) >>> 0;
      h2 = mix(h2 ^ v, 0x27d4eb2d);
    }
    keys.push(`${b}:${(h1 >>> 0).toString(36)}${(h2 >>> 0).toString(36)}`);
  }
  return keys;
}

/**
 * A signature as text for the store (base64 of little-endian uint32s), and back.
 *
 * @example
 * decodeSignature(encodeSignature(sig)) // equal to sig
 */
export function encodeSignature(sig: Uint32Array): string {
  return Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength).toString('base64');
}

export function decodeSignature(s: string): Uint32Array {
  const buf = Buffer.from(s, 'base64');
  const out = new Uint32Array(buf.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = buf.readUInt32LE(i * 4);
  return out;
}

/**
 * Hash of a body's letters and digits only: the same text however it was
 * spaced, punctuated or marked up.
 *
 * @example
 * contentHash('Samsung, grew!') === contentHash('samsung grew') // true
 */
export function contentHash(text: string): string {
  return createHash('sha256').update(text.normalize('NFKC').toLowerCase().replace(NOT_LETTER_OR_DIGIT, '')).digest('hex').slice(0, 32);
}
