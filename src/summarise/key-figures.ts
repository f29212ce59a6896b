/**
 * Key figures: the few numbers a reader should take away, chosen from the
 * figures enrich found. Amounts of money, counts and percentages come before
 * dates; figures inside the picked sentences and early in the text first; the
 * same amount stated twice (30億ドル … $3 billion) is listed once.
 */
import type { Figure, FigureKind } from '../records.js';

const KIND_RANK: Record<FigureKind, number> = {
  money: 1, count: 0.9, percent: 0.85, quantity: 0.7, ratio: 0.6, duration: 0.35, date: 0.2,
};

/**
 * @example
 * pickKeyFigures(figures, [{ start: 0, end: 80 }], 5, text.length) // [2, 0, 5]
 */
export function pickKeyFigures(
  figures: readonly Figure[],
  pickedSpans: ReadonlyArray<{ start: number; end: number }>,
  limit: number,
  textLength: number,
  /** Amounts the headline states: the story's own numbers come first. */
  headlineValues: readonly number[] = [],
): number[] {
  const scored = figures.map((f, i) => {
    const inPicked = pickedSpans.some((s) => f.start >= s.start && f.end <= s.end);
    const early = 1 - Math.min(1, f.start / Math.max(1, textLength));
    // A bare small count (2, 3) is rarely the number a story is about.
    const small = f.kind === 'count' && f.counted === null && (f.value ?? f.high ?? 0) < 100 ? 1.5 : 0;
    // "Several trillion won" is an order of magnitude, not a figure to lead with.
    const vague = f.value === null && f.qualifier === 'approx' ? 1.5 : 0;
    const inHeadline = f.value !== null && headlineValues.some((v) => Math.abs(v - f.value!) <= 0.01 * Math.abs(v)) ? 1.5 : 0;
    return { i, f, score: KIND_RANK[f.kind] * 2 + (inPicked ? 1 : 0) + 0.5 * early + inHeadline - small - vague };
  });
  scored.sort((a, b) => b.score - a.score || a.f.start - b.f.start);
  const out: number[] = [];
  const seen = new Set<string>();
  for (const s of scored) {
    if (out.length >= limit) break;
    // Dates and durations are context, not takeaways, unless the text has nothing else.
    if ((s.f.kind === 'date' || s.f.kind === 'duration') && out.length > 0) continue;
    const key = `${s.f.kind}|${s.f.unit ?? ''}|${s.f.value ?? `${s.f.low}-${s.f.high}`}|${s.f.counted ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(s.i);
  }
  return out;
}
