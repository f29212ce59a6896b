/*
 * Structured averaged perceptron over BIO labels (Collins 2002): decode each
 * training sentence with the current weights, and where the best path
 * differs from the gold one, add the gold path's features and subtract the
 * predicted path's. The weights returned are averaged over every step, which
 * is what makes the perceptron generalise. Sentence order is shuffled each
 * epoch with a seeded generator, so the same data and seed give the same
 * weights bit for bit.
 */
import { allowedTransitions, viterbi, Workspace, type TrainedLang } from '../tagger/model.js';
import type { Lang } from '../../../records.js';
import { prng } from '../../../prng.js';

/** One training sentence: unit i's feature hashes are hashes[offsets[i] .. offsets[i + 1]); gold[i] is its label index. */
export interface Example {
  hashes: Uint32Array;
  offsets: Int32Array;
  gold: Int32Array;
}

export interface TrainOptions {
  lang: Lang;
  labels: string[];
  epochs: number;
  seed: number;
  /** Features seen fewer times than this in the training data get no weight. */
  minCount: number;
  lexicon: number[];
  /** Called after every epoch with the share of units the current weights got wrong. */
  progress?: (epoch: number, errorRate: number) => void;
}


/**
 * Train one language's weights.
 *
 * @example
 * const weights = trainPerceptron(examples, { lang: 'ko', labels, epochs: 10, seed: 13, minCount: 2, lexicon: [] });
 */
export function trainPerceptron(examples: Example[], opts: TrainOptions): TrainedLang {
  const L = opts.labels.length;
  // Feature rows: hashes seen at least minCount times, in order of first appearance.
  const counts = new Map<number, number>();
  for (const ex of examples) for (const h of ex.hashes) counts.set(h, (counts.get(h) ?? 0) + 1);
  const rowOf = new Map<number, number>();
  for (const [h, n] of counts) if (n >= opts.minCount) rowOf.set(h, rowOf.size);
  counts.clear();
  const R = rowOf.size;
  // Each sentence as flat row lists: rows[offsets[i] .. offsets[i+1]) are unit i's features.
  const compiled = examples.map((ex) => {
    const n = ex.gold.length;
    const offsets = new Int32Array(n + 1);
    const rows: number[] = [];
    for (let i = 0; i < n; i++) {
      for (let p = ex.offsets[i]!; p < ex.offsets[i + 1]!; p++) {
        const r = rowOf.get(ex.hashes[p]!);
        if (r !== undefined) rows.push(r);
      }
      offsets[i + 1] = rows.length;
    }
    return { offsets, rows: Int32Array.from(rows), gold: ex.gold };
  });

  const w = new Float64Array(R * L);
  const u = new Float64Array(R * L); // Σ step × update, for averaging
  const T = (L + 1) * L;
  const tw = new Float64Array(T);
  const tu = new Float64Array(T);
  const allowed = allowedTransitions(opts.labels);
  const rand = prng(opts.seed);
  const order = compiled.map((_, i) => i);
  let step = 1;
  const ws = new Workspace();
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let wrong = 0;
    let total = 0;
    for (const k of order) {
      const ex = compiled[k]!;
      const n = ex.gold.length;
      const emit = new Float64Array(n * L);
      for (let i = 0; i < n; i++)
        for (let p = ex.offsets[i]!; p < ex.offsets[i + 1]!; p++) {
          const base = ex.rows[p]! * L;
          for (let c = 0; c < L; c++) emit[i * L + c]! += w[base + c]!;
        }
      const pred = viterbi(emit, n, tw, allowed, L, ws);
      total += n;
      let differs = false;
      for (let i = 0; i < n; i++) if (pred[i] !== ex.gold[i]) differs = true;
      if (differs) {
        for (let i = 0; i < n; i++) {
          const g = ex.gold[i]!;
          const y = pred[i]!;
          const gp = i === 0 ? L : ex.gold[i - 1]!;
          const yp = i === 0 ? L : pred[i - 1]!;
          if (g !== y) {
            wrong++;
            for (let p = ex.offsets[i]!; p < ex.offsets[i + 1]!; p++) {
              const base = ex.rows[p]! * L;
              w[base + g]! += 1;
              u[base + g]! += step;
              w[base + y]! -= 1;
              u[base + y]! -= step;
            }
          }
          if (g !== y || gp !== yp) {
            tw[gp * L + g]! += 1;
            tu[gp * L + g]! += step;
            tw[yp * L + y]! -= 1;
            tu[yp * L + y]! -= step;
          }
        }
      }
      step++;
    }
    opts.progress?.(epoch, wrong / Math.max(1, total));
  }
  // Averaged weights: w − u / step.
  for (let i = 0; i < w.length; i++) w[i] = w[i]! - u[i]! / step;
  for (let i = 0; i < T; i++) tw[i] = tw[i]! - tu[i]! / step;
  const hashes = new Uint32Array(R);
  for (const [h, r] of rowOf) hashes[r] = h;
  return { lang: opts.lang, labels: opts.labels, hashes, weights: w, trans: tw, lexicon: opts.lexicon };
}
