/**
 * The pipeline, in order. Each stage is a function over zod-typed records
 * with an explicit context; a skip (not an article, unsupported language)
 * ends the run as an outcome, an error throws with its stage and code.
 *
 *   fetch ─► extract ─► normalise ─► tokenize ─► dedupe ─► enrich ─► summarise ─► store
 *   (src/fetch) (src/extract) (src/normalise) (src/tokenize) (src/dedupe) (src/enrich) (src/summarise) (src/store)
 *
 * `fetch` and `store` do I/O and are driven by the caller (the CLI, or the
 * queue workers in workers/); everything between is `analyzeDocument`.
 */
import type { StageContext } from './context.js';
import { dedupe } from './dedupe/index.js';
import { enrich } from './enrich/index.js';
import { extract } from './extract/index.js';
import { normalise } from './normalise/index.js';
import type { ReviewOverride } from './review/overrides.js';
import { restoreKept } from './review/restore.js';
import type { Outcome } from './outcome.js';
import { type Analysis, type Cleaned, type RawDocument, type Summarised } from './records.js';
import { summarise } from './summarise/index.js';
import { countTokens } from './tokenize/index.js';
import { tokenize } from './tokenize/index.js';

/**
 * extract → normalise → tokenize → dedupe: the cleaned, tokenized text
 * (with a reviewer's `keep` overrides put back, when given).
 *
 * @example
 * const out = await prepare(raw, ctx);
 * if (out.kind === 'ok') console.log(out.value.text);
 */
export async function prepare(raw: RawDocument, ctx: StageContext, opts: AnalyzeOptions = {}): Promise<Outcome<Cleaned>> {
  const extracted = extract(raw, ctx);
  if (extracted.kind !== 'ok') return extracted;
  const normalised = normalise(extracted.value, ctx);
  if (normalised.kind !== 'ok') return normalised;
  const tokenized = await tokenize(normalised.value, ctx);
  if (tokenized.kind !== 'ok') return tokenized;
  const cleaned = await dedupe(tokenized.value, ctx);
  if (cleaned.kind !== 'ok' || !opts.keep?.length) return cleaned;
  // A reviewer said some drops were wrong: put those spans back before anything reads the text.
  const keep = opts.keep.filter((o) => o.articleId === tokenized.value.id);
  return { kind: 'ok', value: restoreKept(tokenized.value, cleaned.value, keep) };
}

export interface AnalyzeOptions {
  /** Review overrides of kind `keep` for this article (src/review/overrides.ts). */
  keep?: readonly ReviewOverride[];
}

/**
 * Every in-process stage on one document: the `Analysis` record of CONTRACT.md.
 *
 * @example
 * const out = await analyzeDocument(raw, ctx);
 * if (out.kind === 'ok') process.stdout.write(JSON.stringify(out.value));
 */
export async function analyzeDocument(raw: RawDocument, ctx: StageContext, opts: AnalyzeOptions = {}): Promise<Outcome<Analysis>> {
  const cleaned = await prepare(raw, ctx, opts);
  if (cleaned.kind !== 'ok') return cleaned;
  const enriched = await enrich(cleaned.value, ctx);
  if (enriched.kind !== 'ok') return enriched;
  const summarised = await summarise(enriched.value, ctx);
  if (summarised.kind !== 'ok') return summarised;
  return { kind: 'ok', value: toAnalysis(summarised.value) };
}

/** Project the last stage's record onto the published `Analysis` shape. */
export function toAnalysis(s: Summarised): Analysis {
  return {
    id: s.id,
    source: s.source,
    lang: s.lang,
    title: s.title,
    publishedAt: s.publishedAt,
    author: s.author,
    tags: s.tags,
    url: s.url,
    siteName: s.siteName,
    excerpt: s.excerpt,
    categories: s.categories,
    text: s.text,
    paragraphs: s.paragraphs,
    dropped: s.dropped,
    tokens: { count: countTokens(s.tokens), sentences: s.sentences.length },
    entities: s.entities,
    figures: s.figures,
    summary: s.summary,
  };
}
