/**
 * The review of one article: its body in original block order, each kept
 * paragraph with the sentences dropped from it, each dropped block in its
 * place, and what dedupe across documents linked it to. Every renderer
 * (Markdown, terminal text, JSON) reads this one model.
 */
import type { Analysis, Dropped, DropReason, ParagraphKind } from '../records.js';

/** A sentence removed from a block, or a block removed whole. */
export interface ReviewDrop {
  index: number;
  sentence: number | null;
  reason: DropReason;
  /** The kept paragraph holding the kept copy, if any. */
  of: number | null;
  similarity: number | null;
  detail: string | null;
  text: string;
}

export type ReviewItem =
  | { kind: 'kept'; index: number; paragraphKind: ParagraphKind; text: string; drops: ReviewDrop[] }
  /** A block removed whole (`sentence` null) or one whose surviving sentences now live in another paragraph. */
  | { kind: 'dropped'; index: number; drops: ReviewDrop[] };

/** Another stored article dedupe linked to this one. */
export interface LinkedArticle {
  id: string;
  title: string;
  lang: string;
  similarity: number | null;
}

/** What dedupe across documents found; absent for a file reviewed without a store. */
export interface ReviewLinks {
  duplicateOf: LinkedArticle | null;
  duplicates: LinkedArticle[];
  clusterId: string | null;
  cluster: LinkedArticle[];
}

export interface Review {
  id: string;
  title: string;
  lang: string;
  source: string;
  counts: { keptParagraphs: number; keptChars: number; dropped: number; byReason: Partial<Record<DropReason, number>> };
  items: ReviewItem[];
  links: ReviewLinks | null;
}

/**
 * Build the review of an analysed article.
 *
 * @example
 * const review = buildReview(analysis);
 * review.items.filter((i) => i.kind === 'dropped').length // blocks dropped whole
 */
export function buildReview(a: Analysis, links: ReviewLinks | null = null): Review {
  const byIndex = new Map<number, ReviewDrop[]>();
  const byReason: Partial<Record<DropReason, number>> = {};
  for (const d of a.dropped) {
    byReason[d.reason] = (byReason[d.reason] ?? 0) + 1;
    const list = byIndex.get(d.index) ?? [];
    list.push(toDrop(d));
    byIndex.set(d.index, list);
  }
  const items: ReviewItem[] = [];
  const keptIndexes = new Set(a.paragraphs.map((p) => p.index));
  for (const p of a.paragraphs) {
    items.push({ kind: 'kept', index: p.index, paragraphKind: p.kind, text: p.text, drops: byIndex.get(p.index) ?? [] });
  }
  for (const [index, drops] of byIndex) if (!keptIndexes.has(index)) items.push({ kind: 'dropped', index, drops });
  items.sort((x, y) => x.index - y.index);
  for (const it of items) it.drops.sort((x, y) => (x.sentence ?? -1) - (y.sentence ?? -1));
  return {
    id: a.id,
    title: a.title,
    lang: a.lang,
    source: `${a.source.kind} ${a.source.uri}`,
    counts: { keptParagraphs: a.paragraphs.length, keptChars: a.text.length, dropped: a.dropped.length, byReason },
    items,
    links,
  };
}

function toDrop(d: Dropped): ReviewDrop {
  return { index: d.index, sentence: d.sentence, reason: d.reason, of: d.of, similarity: d.similarity, detail: d.detail, text: d.text };
}

/**
 * `0.93`, or `—` when there is no similarity.
 *
 * @example
 * formatSimilarity(0.9312) // '0.93'
 */
export function formatSimilarity(x: number | null): string {
  return x === null ? '—' : x.toFixed(2);
}

/**
 * A long dropped text shortened for display, saying how much was left out.
 *
 * @example
 * clip('abcdef', 3) // 'abc… (+3 chars)'
 */
export function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ');
  return t.length <= max ? t : `${t.slice(0, max)}… (+${t.length - max} chars)`;
}

/**
 * One line saying what happened to a drop and where the kept copy is.
 *
 * @example
 * describeDrop(drop) // 'near-duplicate · similarity 0.95 · kept in ¶60'
 */
export function describeDrop(d: ReviewDrop): string {
  const where = d.reason === 'fragment-merged' ? `joined to ¶${d.of}` : d.of !== null ? `kept in ¶${d.of}` : null;
  return [d.reason, d.similarity !== null ? `similarity ${formatSimilarity(d.similarity)}` : null, where, d.detail].filter(Boolean).join(' · ');
}
