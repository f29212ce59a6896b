/**
 * Re-applying a reviewer's "keep" decisions: the spans dedupe dropped that a
 * reviewer said to keep go back into the cleaned text, between dedupe and
 * enrich, so every offset stays true. Pure.
 */
import { assemble, type KeptBlock } from '../dedupe/assemble.js';
import type { Cleaned, Sentence, Tokenized } from '../records.js';
import { overrideMatches, type ReviewOverride } from './overrides.js';

/** Spans whose text moved into another paragraph rather than being removed: nothing to restore. */
const NOT_RESTORABLE = new Set(['fragment-merged']);

/**
 * Put the dropped spans named by `keep` overrides back into a cleaned
 * document. Pure: `tokenized` is dedupe's input (it holds every block with
 * its sentences and tokens), `cleaned` dedupe's output. Overrides that match
 * no current drop are ignored.
 *
 * @example
 * const cleaned = restoreKept(tokenized, dedupeOut.value, await overridesFor(store, tokenized.id));
 */
export function restoreKept(tokenized: Tokenized, cleaned: Cleaned, overrides: readonly ReviewOverride[]): Cleaned {
  const restore = cleaned.dropped.filter((d) => !NOT_RESTORABLE.has(d.reason) && overrides.some((o) => overrideMatches(o, d) && sameText(o.text, d.text)));
  if (restore.length === 0) return cleaned;

  // The kept blocks as dedupe left them, sentence offsets relative to each paragraph's text.
  const blocks = new Map<number, KeptBlock & { order: number[] }>();
  for (const p of cleaned.paragraphs) {
    const sentences: Sentence[] = cleaned.sentences
      .filter((s) => s.paragraph === p.index && s.start >= p.start && s.end <= p.end)
      .map((s) => ({
        start: s.start - p.start,
        end: s.end - p.start,
        text: s.text,
        norm: s.norm,
        tokens: cleaned.tokens.filter((t) => t.start >= s.start && t.end <= s.end).map((t) => ({ ...t, start: t.start - p.start, end: t.end - p.start })),
      }));
    const source = tokenized.blocks.find((b) => b.index === p.index);
    blocks.set(p.index, { index: p.index, kind: p.kind, lang: p.lang, text: p.text, sentences, order: sentences.map((s, i) => positionIn(source?.sentences ?? [], s.text, i)) });
  }

  for (const d of restore) {
    const source = tokenized.blocks.find((b) => b.index === d.index);
    if (!source) continue;
    if (d.sentence === null) {
      blocks.set(d.index, { index: source.index, kind: source.kind, lang: source.lang, text: source.text, sentences: source.sentences, order: source.sentences.map((_, i) => i) });
      continue;
    }
    const sentence = source.sentences[d.sentence] && sameText(source.sentences[d.sentence]!.text, d.text) ? source.sentences[d.sentence]! : source.sentences.find((s) => sameText(s.text, d.text));
    if (!sentence) continue;
    const block = blocks.get(d.index) ?? { index: source.index, kind: source.kind, lang: source.lang, sentences: [], order: [] };
    // Sentences now come from two different texts: let assemble join them with its default gaps.
    delete block.text;
    const at = block.order.findIndex((o) => o > d.sentence!);
    const pos = at < 0 ? block.sentences.length : at;
    block.sentences.splice(pos, 0, sentence);
    block.order.splice(pos, 0, d.sentence);
    blocks.set(d.index, block);
  }

  const kept = [...blocks.values()].sort((a, b) => a.index - b.index).map(({ order: _o, ...b }) => b);
  const dropped = cleaned.dropped.filter((d) => !restore.includes(d));
  return assemble(tokenized, kept, dropped);
}

const squash = (s: string) => s.replace(/\s+/g, '');
function sameText(a: string | null, b: string): boolean {
  return a === null || squash(a) === squash(b);
}

/** Where a kept sentence sat among its block's sentences (its position in the kept list when it cannot be found). */
function positionIn(sentences: readonly Sentence[], text: string, fallback: number): number {
  const i = sentences.findIndex((s) => squash(s.text) === squash(text));
  return i >= 0 ? i : fallback;
}
