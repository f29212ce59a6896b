/**
 * Re-applying `keep` overrides when an article is analysed again: the spans
 * a reviewer kept go back into the cleaned text, in their original place,
 * before enrich and summarise run, so entities, figures and the summary see
 * them like any other text.
 */
import type { StageContext } from '../context.js';
import { assemble, type KeptBlock } from '../dedupe/assemble.js';
import { dedupe } from '../dedupe/index.js';
import { enrich } from '../enrich/index.js';
import { extract } from '../extract/index.js';
import { normalise } from '../normalise/index.js';
import type { Outcome } from '../outcome.js';
import { toAnalysis } from '../pipeline.js';
import type { Analysis, Cleaned, RawDocument, Sentence, Tokenized } from '../records.js';
import type { Store } from '../store/index.js';
import { summarise } from '../summarise/index.js';
import { tokenize } from '../tokenize/index.js';
import { overrideMatches, overridesFor, type ReviewOverride } from './overrides.js';

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

/**
 * Analyse a document with the article's review overrides applied: the
 * pipeline of `analyzeDocument`, with `restoreKept` between dedupe and enrich.
 *
 * @example
 * const again = await analyzeWithOverrides(raw, ctx, await overridesFor(store, id));
 */
export async function analyzeWithOverrides(raw: RawDocument, ctx: StageContext, overrides: readonly ReviewOverride[]): Promise<Outcome<Analysis>> {
  const extracted = extract(raw, ctx);
  if (extracted.kind !== 'ok') return extracted;
  const normalised = normalise(extracted.value, ctx);
  if (normalised.kind !== 'ok') return normalised;
  const tokenized = await tokenize(normalised.value, ctx);
  if (tokenized.kind !== 'ok') return tokenized;
  const cleaned = await dedupe(tokenized.value, ctx);
  if (cleaned.kind !== 'ok') return cleaned;
  const restored = restoreKept(tokenized.value, cleaned.value, overrides.filter((o) => o.articleId === tokenized.value.id));
  const enriched = await enrich(restored, ctx);
  if (enriched.kind !== 'ok') return enriched;
  const summarised = await summarise(enriched.value, ctx);
  if (summarised.kind !== 'ok') return summarised;
  return { kind: 'ok', value: toAnalysis(summarised.value) };
}

/**
 * The hook for ingest (and the queue's store worker): given a fresh analysis
 * and the document it came from, re-apply the article's `keep` overrides.
 * Costs one lookup when there are none (the common case), a second pass of
 * the pipeline when there are.
 *
 * @example
 * // in ingestDocument, after analyzeDocument:
 * const analysis = await applyReviewOverrides(raw, out.value, ctx, store);
 */
export async function applyReviewOverrides(raw: RawDocument, analysis: Analysis, ctx: StageContext, store: Store): Promise<Analysis> {
  const overrides = (await overridesFor(store, analysis.id)).filter((o) => o.kind === 'keep');
  if (!overrides.some((o) => analysis.dropped.some((d) => overrideMatches(o, d)))) return analysis;
  const again = await analyzeWithOverrides(raw, ctx, overrides);
  if (again.kind !== 'ok' || again.value.id !== analysis.id) return analysis;
  ctx.log.info('review overrides applied', { article_id: analysis.id, overrides: overrides.length });
  return again.value;
}
