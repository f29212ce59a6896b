/** Counting helpers the eval suites share. */

/** n-grams of a token list as a multiset (key → count). */
export function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const k = tokens.slice(i, i + n).join('\u0001');
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

export interface Prf {
  p: number;
  r: number;
  f: number;
}

/**
 * Precision, recall and F1 of one multiset against another (ROUGE-n, shingle
 * overlap). Two empty sides agree perfectly; one empty side scores zero.
 *
 * @example
 * overlap(ngramCounts(['a', 'b'], 1), ngramCounts(['a', 'c'], 1)) // { p: 0.5, r: 0.5, f: 0.5 }
 */
export function overlap(got: Map<string, number>, want: Map<string, number>): Prf {
  let inter = 0;
  let gn = 0;
  let wn = 0;
  for (const v of got.values()) gn += v;
  for (const [k, v] of want) {
    wn += v;
    inter += Math.min(v, got.get(k) ?? 0);
  }
  if (gn === 0 && wn === 0) return { p: 1, r: 1, f: 1 };
  const p = gn === 0 ? 0 : inter / gn;
  const r = wn === 0 ? 0 : inter / wn;
  return { p, r, f: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
}
