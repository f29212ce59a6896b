/**
 * A small deterministic PRNG (mulberry32): the same seed gives the same
 * sequence on every machine, so training shuffles and generated bench
 * corpora can be reproduced byte for byte.
 *
 * @example
 * const next = prng(13);
 * next(); // a number in [0, 1), the same one for seed 13 every time
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
