// @ts-check
/**
 * "Did you mean …?" for misspelt names: commands, options, config keys.
 * Plain JavaScript, so `kiji` can suggest a command before loading TypeScript.
 */

/**
 * Edit distance with transpositions (optimal string alignment): `naer` and
 * `near` are one edit apart, as a typist would count them.
 *
 * @example
 * editDistance('analyse', 'analyze') // 1
 * @param {string} a
 * @param {string} b
 * @returns {number}
 */
export function editDistance(a, b) {
  /** @type {number[][]} */
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2][j - 2] + 1);
      d[i][j] = v;
    }
  }
  return d[a.length][b.length];
}

/**
 * The candidate closest to `word`, when it is close enough to be a slip (at
 * most a third of its letters, and at most 3, differ; case is ignored).
 *
 * @example
 * closest('stoer', ['store', 'fetch']) // 'store'
 * closest('colour', ['store'])         // null
 * @param {string} word
 * @param {readonly string[]} candidates
 * @returns {string | null}
 */
export function closest(word, candidates) {
  const w = word.toLowerCase();
  /** @type {string | null} */
  let best = null;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestD) [best, bestD] = [c, d];
  }
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  return best !== null && bestD <= limit ? best : null;
}
