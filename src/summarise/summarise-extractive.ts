import { findFigures } from '../enrich/figures/find.js';
import { displayForm } from '../normalise/match-form.js';
import type { Enriched, Summary, Token } from '../records.js';
import type { SummariseConfig } from './config.js';
import { extractSentences, type ExtractiveInput, type SentenceInput } from './extractive.js';
import { pickKeyFigures } from './key-figures.js';

/**
 * The candidate sentences of a cleaned document with their tokens, and the
 * position of each sentence's paragraph among the body paragraphs.
 *
 * @example
 * toExtractiveInput(enriched).sentences.length === enriched.sentences.length // true
 */
export function toExtractiveInput(doc: Enriched): ExtractiveInput {
  const kindOf = new Map(doc.paragraphs.map((p) => [p.index, p.kind]));
  const order = new Map(doc.paragraphs.map((p, i) => [p.index, i]));
  // Tokens and sentences are both sorted by offset: one sweep assigns them.
  const sentences: SentenceInput[] = [];
  let t = 0;
  for (const s of doc.sentences) {
    while (t < doc.tokens.length && doc.tokens[t]!.start < s.start) t++;
    const tokens: Token[] = [];
    let u = t;
    while (u < doc.tokens.length && doc.tokens[u]!.end <= s.end) tokens.push(doc.tokens[u++]!);
    t = u;
    sentences.push({
      text: s.text,
      start: s.start,
      end: s.end,
      paragraph: order.get(s.paragraph) ?? 0,
      kind: kindOf.get(s.paragraph) ?? 'paragraph',
      tokens,
    });
  }
  return { lang: doc.lang, title: doc.title, sentences, entities: doc.entities, figures: doc.figures };
}

/**
 * The extractive summary: the title (or the best sentence) as headline, the
 * picked sentences in document order as bullets, key figures beside them.
 *
 * @example
 * const s = summariseExtractive(enriched, config.summarise);
 * s.method // 'extractive'
 */
export function summariseExtractive(doc: Enriched, cfg: SummariseConfig): Summary {
  const input = toExtractiveInput(doc);
  const { picked, scored } = extractSentences(input, {
    count: cfg.sentences,
    redundancy: cfg.redundancy,
    weights: cfg.weights,
  });
  const bullets = picked.map((i) => displayForm(input.sentences[i]!.text));
  let headline = displayForm(doc.title);
  if (!headline) {
    const best = [...scored].sort((a, b) => b.score - a.score || a.index - b.index)[0];
    headline = best ? clip(displayForm(input.sentences[best.index]!.text), 120) : '';
  }
  const spans = picked.map((i) => input.sentences[i]!);
  return {
    headline,
    bullets,
    lang: doc.lang,
    method: 'extractive',
    keyFigures: pickKeyFigures(doc.figures, spans, cfg.keyFigures, doc.text.length, headlineValues(doc.title)),
  };
}

function headlineValues(title: string): number[] {
  return findFigures(title).flatMap((f) => [f.value, f.low, f.high].filter((v): v is number => v !== null));
}

function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut) + '…';
}
