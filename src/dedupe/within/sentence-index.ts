/**
 * The kept sentences of one document so far, indexed for lookup: an exact map
 * by bare form, and an inverted index from shingle to the sentences holding
 * it. Lookups probe only a sentence's rarest shingles and read at most
 * `postingCap` entries per shingle, so a document of n sentences costs
 * O(n · probe · cap) however repetitive it is (no all-pairs comparison).
 */
import type { DedupeConfig } from '../config.js';
import { similarity, type Fingerprint } from './shingles.js';

export interface Slot<T> {
  id: number;
  fp: Fingerprint;
  /** What the caller keeps with the sentence (where it lives in the output). */
  value: T;
}

export interface Match<T> {
  slot: Slot<T>;
  /** Jaccard similarity of the two shingle sets. */
  jaccard: number;
  /** Share of the query's shingles in the candidate. */
  queryIn: number;
  /** Share of the candidate's shingles in the query. */
  candidateIn: number;
}

// Rare shingles find similar sentences; common ones (ている, the) only cost time.
const PROBE = 32;

/**
 * @example
 * const index = new SentenceIndex<number>(cfg);
 * index.add(fingerprint('samsung beat estimates', cfg), 0);
 * index.candidates(fingerprint('samsung beat the estimates', cfg))[0]?.jaccard // 0.75
 */
export class SentenceIndex<T> {
  private readonly slots: Slot<T>[] = [];
  private readonly exact = new Map<string, Slot<T>>();
  private readonly postings = new Map<string, number[]>();

  constructor(private readonly cfg: DedupeConfig) {}

  /** Add a kept sentence; returns its slot. */
  add(fp: Fingerprint, value: T): Slot<T> {
    const slot: Slot<T> = { id: this.slots.length, fp, value };
    this.slots.push(slot);
    this.addKey(fp.bare, slot);
    for (const s of fp.shingles) {
      let p = this.postings.get(s);
      if (!p) this.postings.set(s, (p = []));
      // Past the cap a list is never read further, so it need not grow.
      if (p.length <= this.cfg.postingCap) p.push(slot.id);
    }
    return slot;
  }

  /** Also find `slot` by another bare form (a fragment merged into it, an earlier shorter form). */
  addKey(bare: string, slot: Slot<T>): void {
    if (bare && !this.exact.has(bare)) this.exact.set(bare, slot);
  }

  /** Replace a slot's fingerprint with a longer form of the same sentence. */
  extend(slot: Slot<T>, fp: Fingerprint): void {
    const old = slot.fp;
    slot.fp = fp;
    this.addKey(fp.bare, slot);
    for (const s of fp.shingles) {
      if (old.shingles.has(s)) continue;
      let p = this.postings.get(s);
      if (!p) this.postings.set(s, (p = []));
      if (p.length <= this.cfg.postingCap) p.push(slot.id);
    }
  }

  exactMatch(bare: string): Slot<T> | undefined {
    return this.exact.get(bare);
  }

  /** Share of a fingerprint's shingles that occur anywhere in the kept text. */
  presence(fp: Fingerprint): number {
    if (fp.shingles.size === 0) return 0;
    let n = 0;
    for (const s of fp.shingles) if (this.postings.has(s)) n++;
    return n / fp.shingles.size;
  }

  /** The most similar kept sentences, best first by shared shingles, each with exact scores. */
  candidates(fp: Fingerprint): Match<T>[] {
    const lists: number[][] = [];
    for (const s of fp.shingles) {
      const p = this.postings.get(s);
      if (p) lists.push(p);
    }
    if (lists.length === 0) return [];
    lists.sort((a, b) => a.length - b.length);
    const counts = new Map<number, number>();
    const cap = this.cfg.postingCap;
    for (const p of lists.slice(0, PROBE)) {
      const n = Math.min(p.length, cap);
      for (let i = 0; i < n; i++) counts.set(p[i]!, (counts.get(p[i]!) ?? 0) + 1);
    }
    return [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, this.cfg.maxCandidates)
      .map(([id]) => {
        const slot = this.slots[id]!;
        const sim = similarity(fp.shingles, slot.fp.shingles);
        return { slot, jaccard: sim.jaccard, queryIn: sim.aIn, candidateIn: sim.bIn };
      });
  }

  /** Share of `fp`'s shingles covered by the union of the given slots. */
  coveredBy(fp: Fingerprint, slots: Slot<T>[]): number {
    if (fp.shingles.size === 0) return 0;
    let n = 0;
    for (const s of fp.shingles) if (slots.some((x) => x.fp.shingles.has(s))) n++;
    return n / fp.shingles.size;
  }
}

