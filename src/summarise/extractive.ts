/**
 * Extractive summarisation: score every body sentence by graph centrality
 * (TextRank over content-word cosine), closeness to the document centroid,
 * position, overlap with the title, and the salient entities and figures it
 * carries; then pick greedily, skipping any sentence too similar to one
 * already picked. Deterministic: ties break on position.
 */
import { matchForm } from '../normalise/match-form.js';
import type { Entity, Figure, FigureKind, Lang, ParagraphKind, Token } from '../records.js';
import type { ExtractiveWeights } from './config.js';
import { contentWords } from './content-words.js';

/** One candidate sentence; offsets index the document text (only used to place entities and figures). */
export interface SentenceInput {
  text: string;
  start: number;
  end: number;
  /** Position of the paragraph among the body paragraphs (0 = first). */
  paragraph: number;
  kind: ParagraphKind;
  tokens: readonly Token[];
}

export interface ExtractiveInput {
  lang: Lang;
  title: string;
  sentences: readonly SentenceInput[];
  entities: readonly Entity[];
  figures: readonly Figure[];
}

export interface ExtractiveOptions {
  /** How many sentences to pick. */
  count: number;
  /** Cosine at which two sentences count as saying the same thing. */
  redundancy: number;
  weights: ExtractiveWeights;
}

export interface ScoredSentence {
  /** Index into `input.sentences`. */
  index: number;
  score: number;
  features: { rank: number; centroid: number; position: number; title: number; entity: number; figure: number };
}

export interface ExtractiveResult {
  /** Indices into `input.sentences` of the picked sentences, in document order. */
  picked: number[];
  scored: ScoredSentence[];
}

type Vec = Map<string, number>;

const OWN_SCRIPT: Record<Lang, RegExp> = {
  ja: /[\p{Script=Hiragana}\p{Script=Katakana}]/u,
  ko: /\p{Script=Hangul}/u,
  en: /[A-Za-z]{2}/,
};

// Figures that carry the news weigh more than a date or a duration.
const HAS_DIGIT = /[0-9０-９万億兆만억조]/;

const FIGURE_WEIGHT: Record<FigureKind, number> = {
  money: 1, count: 0.9, percent: 0.9, quantity: 0.7, ratio: 0.6, duration: 0.3, date: 0.2,
};

/**
 * Score and pick sentences.
 *
 * @example
 * const { picked } = extractSentences(input, { count: 4, redundancy: 0.5, weights });
 * picked.map((i) => input.sentences[i]!.text);
 */
export function extractSentences(input: ExtractiveInput, opts: ExtractiveOptions): ExtractiveResult {
  const n = input.sentences.length;
  if (n === 0) return { picked: [], scored: [] };
  const words = input.sentences.map((s) => contentWords(s.tokens, input.lang));
  const vecs = tfIsf(words);
  const sim = similarityMatrix(vecs);

  const rank = scale(textRank(sim));
  const centroidVec = centroid(vecs, titleVec(input.title, words, vecs));
  const centroidScore = scale(vecs.map((v) => cosine(v, centroidVec)));
  const titleScore = scale(titleOverlap(input.title, input.sentences, input.lang));
  const entityScore = scale(input.sentences.map((s) => entityMass(s, input.entities)));
  const figureScore = scale(input.sentences.map((s) => figureMass(s, input.figures)));
  const w = opts.weights;

  const scored: ScoredSentence[] = input.sentences.map((s, i) => {
    const features = {
      rank: rank[i]!,
      centroid: centroidScore[i]!,
      position: positionPrior(i, s.paragraph),
      title: titleScore[i]!,
      entity: entityScore[i]!,
      figure: figureScore[i]!,
    };
    let score =
      w.rank * features.rank +
      w.centroid * features.centroid +
      w.position * features.position +
      w.title * features.title +
      w.entity * features.entity +
      w.figure * features.figure;
    // Headings, fragments and very long run-ons make poor summary sentences.
    if (s.kind === 'heading') score *= 0.2;
    // A sentence in another script (an English link title in a Japanese article) does not read as part of the summary.
    if (!OWN_SCRIPT[input.lang].test(s.text)) score *= 0.3;
    // No closing punctuation: a list fragment or a caption rather than a sentence.
    else if (!/[.!?。！？…」』）)"'”’]\s*$/.test(s.text)) score *= 0.75;
    const len = words[i]!.length;
    if (len < 3) score *= 0.4;
    else if (len > 45) score *= 0.7;
    // Rounded so that float summation order never decides between equal sentences: position does.
    return { index: i, score: Math.round(score * 1e9) / 1e9, features };
  });

  const order = [...scored].sort((a, b) => b.score - a.score || a.index - b.index);
  const picked: number[] = [];
  const title = matchForm(input.title);
  for (const s of order) {
    if (picked.length >= opts.count) break;
    if (words[s.index]!.length === 0) continue;
    // A sentence that only repeats the headline adds nothing beside it.
    if (restatesTitle(words[s.index]!, title)) continue;
    // A sentence with the whole headline inside it is page debris (a title run into the lead), not prose.
    if (title.length >= 15 && matchForm(input.sentences[s.index]!.text).includes(title)) continue;
    if (picked.some((p) => sim[p]![s.index]! >= opts.redundancy || contained(words[p]!, words[s.index]!))) continue;
    picked.push(s.index);
  }
  return { picked: picked.sort((a, b) => a - b), scored };
}

/** Sentence vectors: term frequency times inverse sentence frequency, sublinear. */
function tfIsf(words: string[][]): Vec[] {
  const df = new Map<string, number>();
  for (const ws of words) for (const w of new Set(ws)) df.set(w, (df.get(w) ?? 0) + 1);
  const n = words.length;
  return words.map((ws) => {
    const tf = new Map<string, number>();
    for (const w of ws) tf.set(w, (tf.get(w) ?? 0) + 1);
    const v: Vec = new Map();
    for (const [w, c] of tf) v.set(w, (1 + Math.log(c)) * Math.log(1 + n / df.get(w)!));
    return v;
  });
}

function norm(v: Vec): number {
  let s = 0;
  for (const x of v.values()) s += x * x;
  return Math.sqrt(s);
}

export function cosine(a: Vec, b: Vec): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [k, x] of small) {
    const y = large.get(k);
    if (y !== undefined) dot += x * y;
  }
  const d = norm(a) * norm(b);
  return d === 0 ? 0 : dot / d;
}

/**
 * All pairwise cosines through an inverted index: only sentence pairs that
 * share a word are touched, so the cost follows the word overlap, not n².
 */
function similarityMatrix(vecs: Vec[]): number[][] {
  const n = vecs.length;
  const m = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const postings = new Map<string, Array<[number, number]>>();
  vecs.forEach((v, i) => {
    for (const [k, x] of v) {
      let list = postings.get(k);
      if (!list) postings.set(k, (list = []));
      list.push([i, x]);
    }
  });
  for (const list of postings.values())
    for (let a = 0; a < list.length; a++)
      for (let b = a + 1; b < list.length; b++) m[list[a]![0]]![list[b]![0]]! += list[a]![1] * list[b]![1];
  const norms = vecs.map(norm);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const d = norms[i]! * norms[j]!;
      const c = d === 0 ? 0 : m[i]![j]! / d;
      m[i]![j] = c;
      m[j]![i] = c;
    }
  return m;
}

/** Weighted PageRank by power iteration (d = 0.85) over the non-zero edges; a fixed cap on rounds keeps it bounded. */
function textRank(sim: number[][]): number[] {
  const n = sim.length;
  // Edges as flat lists: from j, to i, with weight already divided by j's out-weight.
  const from: number[] = [];
  const to: number[] = [];
  const weight: number[] = [];
  const dangling: number[] = [];
  for (let j = 0; j < n; j++) {
    let out = 0;
    for (let i = 0; i < n; i++) out += sim[j]![i]!;
    if (out === 0) {
      dangling.push(j);
      continue;
    }
    for (let i = 0; i < n; i++)
      if (sim[j]![i]! > 0) {
        from.push(j);
        to.push(i);
        weight.push(sim[j]![i]! / out);
      }
  }
  let r = new Float64Array(n).fill(1 / n);
  for (let iter = 0; iter < 50; iter++) {
    // A sentence linked to nothing spreads its rank evenly, so rank is conserved.
    let spread = 0;
    for (const j of dangling) spread += r[j]!;
    const next = new Float64Array(n).fill((1 - 0.85) / n + (0.85 * spread) / n);
    for (let e = 0; e < from.length; e++) next[to[e]!]! += 0.85 * r[from[e]!]! * weight[e]!;
    let delta = 0;
    for (let i = 0; i < n; i++) delta += Math.abs(next[i]! - r[i]!);
    r = next;
    if (delta < 1e-9) break;
  }
  return [...r];
}

/** The title as a vector over the document's own vocabulary (words it shares with the body). */
function titleVec(title: string, words: string[][], vecs: Vec[]): Vec {
  const t = matchForm(title);
  const v: Vec = new Map();
  if (!t) return v;
  words.forEach((ws, i) => {
    for (const w of ws) if (w.length > 1 && t.includes(w)) v.set(w, vecs[i]!.get(w) ?? 1);
  });
  return v;
}

function centroid(vecs: Vec[], title: Vec): Vec {
  const c: Vec = new Map();
  for (const v of vecs) for (const [k, x] of v) c.set(k, (c.get(k) ?? 0) + x);
  for (const [k, x] of title) c.set(k, (c.get(k) ?? 0) + 2 * x * Math.max(1, vecs.length / 4));
  return c;
}

/** Share of a sentence's content tokens whose match form occurs in the title. */
function titleOverlap(title: string, sentences: readonly SentenceInput[], lang: Lang): number[] {
  const t = matchForm(title);
  return sentences.map((s) => {
    const ws = contentWords(s.tokens, lang);
    if (!t || ws.length === 0) return 0;
    const uniq = new Set(ws);
    let hit = 0;
    for (const w of uniq) if (w.length > 1 && t.includes(w)) hit++;
    return hit / Math.sqrt(uniq.size);
  });
}

/**
 * Lead sentences carry news: a smooth decay over sentence order, and a small
 * lift for the first paragraphs. Returns 0..1.
 */
function positionPrior(i: number, paragraph: number): number {
  return 0.75 / (1 + i / 2) + 0.25 / (1 + paragraph);
}

function entityMass(s: SentenceInput, entities: readonly Entity[]): number {
  let m = 0;
  for (const e of entities) if (e.mentions.some((x) => x.start >= s.start && x.end <= s.end)) m += e.salience;
  return m;
}

function figureMass(s: SentenceInput, figures: readonly Figure[]): number {
  let m = 0;
  // Figures in digits or with a CJK scale (3兆, 53조): a small number in words ("two", "three decades", 세 명)
  // is seldom the fact a summary leads with.
  for (const f of figures) if (f.start >= s.start && f.end <= s.end && HAS_DIGIT.test(f.text)) m += FIGURE_WEIGHT[f.kind];
  // Diminishing returns: a table-like sentence of ten numbers is not ten times better.
  return Math.sqrt(m);
}

/** Most of `b`'s content words already said by `a` (or the reverse): one restates the other. */
function contained(a: string[], b: string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  const small = sa.size < sb.size ? sa : sb;
  const large = small === sa ? sb : sa;
  if (small.size < 3) return false;
  let hit = 0;
  for (const w of small) if (large.has(w)) hit++;
  return hit / small.size >= 0.8;
}

function restatesTitle(ws: string[], title: string): boolean {
  const uniq = new Set(ws);
  if (!title || uniq.size < 3) return false;
  let hit = 0;
  for (const w of uniq) if (title.includes(w)) hit++;
  return hit / uniq.size >= 0.85;
}

/** Min-max to 0..1; a constant feature becomes 0 so it does not tip the balance. */
function scale(xs: number[]): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of xs) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  if (!(hi > lo)) return xs.map(() => 0);
  return xs.map((x) => (x - lo) / (hi - lo));
}
