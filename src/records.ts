/**
 * The records that flow between stages. Each schema is the single source of
 * truth for its type (`z.infer`), and every stage validates at its edge only.
 *
 * Offsets are UTF-16 code units, end exclusive, as JavaScript strings index them.
 */
import { z } from 'zod';

export const Lang = z.enum(['ja', 'ko', 'en']);
export type Lang = z.infer<typeof Lang>;

export const SourceKind = z.enum(['file', 'url', 'feed-item', 'stdin']);
export type SourceKind = z.infer<typeof SourceKind>;

export const Source = z.object({ kind: SourceKind, uri: z.string() });
export type Source = z.infer<typeof Source>;

/**
 * How a fetched body is to be read by `extract`: `markdown` (front matter,
 * headings), `text` (a scraped page: title line, site chrome), `html` (a web
 * page), `plain` (an article body and nothing else: standard input and
 * `--jsonl` text; no line of it is taken for a title).
 */
export const DocumentFormat = z.enum(['markdown', 'text', 'html', 'plain']);
export type DocumentFormat = z.infer<typeof DocumentFormat>;

/** Metadata a source already knows (front matter, feed item fields, HTML meta). */
export const SourceMeta = z.object({
  title: z.string().nullable().default(null),
  publishedAt: z.string().nullable().default(null),
  author: z.string().nullable().default(null),
  url: z.string().nullable().default(null),
  siteName: z.string().nullable().default(null),
  feedUrl: z.string().nullable().default(null),
  guid: z.string().nullable().default(null),
});
export type SourceMeta = z.infer<typeof SourceMeta>;

/**
 * A language a document or its transport declares, as written (`en-US`,
 * `ja_JP`, `de, en`): the page's <html lang>, Content-Language or og:locale
 * meta, JSON-LD inLanguage, the HTTP Content-Language header, the feed's
 * language. The language decision (src/language/decide.ts) weighs them
 * against the text.
 */
export const LanguageSignal = z.object({
  source: z.enum(['html', 'meta', 'og', 'jsonld', 'http', 'feed']),
  value: z.string(),
});
export type LanguageSignal = z.infer<typeof LanguageSignal>;

/** Output of `fetch`: a decoded document and where it came from. */
export const RawDocument = z.object({
  source: Source,
  format: DocumentFormat,
  body: z.string(),
  /** A language the caller asserted (`--lang`); detection is skipped when set. */
  langHint: Lang.nullable(),
  /** Languages the transport declared: the HTTP Content-Language header (`http`), the feed's language (`feed`). */
  languageSignals: z.array(LanguageSignal).optional(),
  meta: SourceMeta,
  /**
   * What to use where the document itself says nothing: a feed item's title,
   * date and author, and the feed's name, for the article page it links to.
   * `meta` overrules the document; `fallback` only fills its gaps.
   */
  fallback: SourceMeta.partial().optional(),
  fetchedAt: z.string(),
});
export type RawDocument = z.infer<typeof RawDocument>;

export const ParagraphKind = z.enum(['heading', 'paragraph', 'list', 'quote']);
export type ParagraphKind = z.infer<typeof ParagraphKind>;

export const DropReason = z.enum([
  'exact-duplicate',
  'near-duplicate',
  'contained',
  'marker',
  'boilerplate',
  'fragment-merged',
]);
export type DropReason = z.infer<typeof DropReason>;

/**
 * Something removed from the body. `index` is the paragraph's position in the
 * original block sequence; `of` the original index of the kept copy, if any.
 * A sentence-level drop also names the sentence's position in its paragraph.
 */
export const Dropped = z.object({
  index: z.number().int().nonnegative(),
  text: z.string(),
  reason: DropReason,
  of: z.number().int().nonnegative().nullable(),
  similarity: z.number().min(0).max(1).nullable(),
  sentence: z.number().int().nonnegative().nullable().default(null),
  detail: z.string().nullable().default(null),
});
export type Dropped = z.infer<typeof Dropped>;

/** One block of the source body, in source order. `index` never changes after extract. */
export const Block = z.object({
  index: z.number().int().nonnegative(),
  text: z.string(),
  kind: ParagraphKind,
  /**
   * The table or list this block is a row or item of (`table:0`, `list:3`),
   * where the source marks one: dedupe keeps repeated rows and items.
   */
  group: z.string().optional(),
});
export type Block = z.infer<typeof Block>;

/** Output of `extract`: metadata and body blocks; site chrome already in `dropped`. */
export const Extracted = z.object({
  source: Source,
  url: z.string().nullable(),
  title: z.string(),
  publishedAt: z.string().nullable(),
  author: z.string().nullable(),
  tags: z.array(z.string()),
  categories: z.array(z.string()),
  excerpt: z.string().nullable(),
  siteName: z.string().nullable(),
  langHint: Lang.nullable(),
  /** Every declared language: the transport's (from RawDocument) and the page's own (html, meta, og, jsonld). */
  languageSignals: z.array(LanguageSignal).optional(),
  blocks: z.array(Block),
  dropped: z.array(Dropped),
});
export type Extracted = z.infer<typeof Extracted>;

/** A block with its match form and language (null when it has no letters we can judge). */
export const NormalisedBlock = Block.extend({
  norm: z.string(),
  lang: Lang.nullable(),
});
export type NormalisedBlock = z.infer<typeof NormalisedBlock>;

/** Output of `normalise`: a stable content id and the document language. */
export const Normalised = Extracted.omit({ blocks: true }).extend({
  id: z.string(),
  lang: Lang,
  blocks: z.array(NormalisedBlock),
});
export type Normalised = z.infer<typeof Normalised>;

export const TokenPos = z.enum([
  'noun',
  'proper',
  'verb',
  'adjective',
  'adverb',
  'particle',
  'number',
  'symbol',
  'foreign',
  /** A content word whose part of speech kiji does not tag further (English, unknown Korean). */
  'word',
  /** A function word (the, of, and …) in a language without particles. */
  'function',
  'other',
]);
export type TokenPos = z.infer<typeof TokenPos>;

/**
 * A token. `start`/`end` are offsets into the text that holds it (the block
 * text while tokenizing, the document `text` after dedupe). `lemma` is the
 * match form (lower-case, NFKC, dictionary form for Japanese, stem for Korean).
 * `detail` keeps kuromoji's finer tag (組織, 人名, 地域, 数 …) where there is one.
 */
export const Token = z.object({
  surface: z.string(),
  lemma: z.string(),
  pos: TokenPos,
  detail: z.string().nullable(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type Token = z.infer<typeof Token>;

/** A sentence of a block; offsets into the block text; tokens likewise. */
export const Sentence = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
  norm: z.string(),
  tokens: z.array(Token),
});
export type Sentence = z.infer<typeof Sentence>;

export const TokenizedBlock = NormalisedBlock.extend({ sentences: z.array(Sentence) });
export type TokenizedBlock = z.infer<typeof TokenizedBlock>;

/** Output of `tokenize`. */
export const Tokenized = Normalised.omit({ blocks: true }).extend({
  blocks: z.array(TokenizedBlock),
});
export type Tokenized = z.infer<typeof Tokenized>;

/** A kept paragraph of the cleaned text. `index` is its original block index. */
export const Paragraph = z.object({
  index: z.number().int().nonnegative(),
  text: z.string(),
  kind: ParagraphKind,
  lang: Lang.nullable(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type Paragraph = z.infer<typeof Paragraph>;

/** A kept sentence; offsets into the document `text`. */
export const TextSentence = z.object({
  paragraph: z.number().int().nonnegative(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
  norm: z.string(),
});
export type TextSentence = z.infer<typeof TextSentence>;

/**
 * Output of `dedupe`: the cleaned body as one string with its paragraphs,
 * sentences and tokens, every offset indexing `text`.
 */
export const Cleaned = Normalised.omit({ blocks: true }).extend({
  text: z.string(),
  paragraphs: z.array(Paragraph),
  sentences: z.array(TextSentence),
  tokens: z.array(Token),
  dropped: z.array(Dropped),
});
export type Cleaned = z.infer<typeof Cleaned>;

export const Span = z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() });
export type Span = z.infer<typeof Span>;

export const EntityType = z.enum(['ORG', 'PERSON', 'PLACE', 'PRODUCT', 'EVENT', 'OTHER']);
export type EntityType = z.infer<typeof EntityType>;

/** A named entity: one canonical name, every surface spelling seen, every mention. */
export const Entity = z.object({
  canonical: z.string(),
  type: EntityType,
  surface: z.array(z.string()),
  mentions: z.array(Span),
  /** Wikidata id from the gazetteer, when the entity is a known one. */
  wikidata: z.string().nullable(),
  /** 0..1: how central the entity is (mentions, position, title). */
  salience: z.number().min(0).max(1),
  /** A person's title or role as the text gives it beside the name (CEO, Interior Minister, 会長, 회장): never part of the name. */
  role: z.string().optional(),
});
export type Entity = z.infer<typeof Entity>;

export const FigureKind = z.enum(['money', 'count', 'percent', 'ratio', 'quantity', 'date', 'duration']);
export type FigureKind = z.infer<typeof FigureKind>;

export const Qualifier = z.enum(['exact', 'approx', 'atLeast', 'atMost', 'range']);
export type Qualifier = z.infer<typeof Qualifier>;

/** A figure found in `text`, with its normalised value and evidence. */
export const Figure = z.object({
  text: z.string(),
  kind: FigureKind,
  /** Normalised number; null for a range (then low/high are set). Dates: epoch-free `YYYYMMDD`-style numbers are not used; see `iso`. */
  value: z.number().finite().nullable(),
  low: z.number().finite().nullable(),
  high: z.number().finite().nullable(),
  /** ISO 4217 for money; the counter or unit otherwise; null when there is none. */
  unit: z.string().nullable(),
  qualifier: Qualifier,
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** What is counted, where the text says (`50,000台以上のGPU` → `GPU`). */
  counted: z.string().nullable().default(null),
  /** For dates and durations: an ISO 8601 form (`2025-10-28`, `2025-10`, `P5Y`). */
  iso: z.string().nullable().default(null),
  /** A from→to change: this figure's role and the index (in `figures`) of the other end. */
  change: z
    .object({ role: z.enum(['from', 'to']), other: z.number().int().nonnegative() })
    .nullable()
    .default(null),
});
export type Figure = z.infer<typeof Figure>;

/** Output of `enrich`. */
export const Enriched = Cleaned.extend({
  entities: z.array(Entity),
  figures: z.array(Figure),
});
export type Enriched = z.infer<typeof Enriched>;

export const SummaryMethod = z.enum(['extractive', 'llm']);
export type SummaryMethod = z.infer<typeof SummaryMethod>;

export const Summary = z.object({
  headline: z.string(),
  bullets: z.array(z.string()),
  lang: Lang,
  method: SummaryMethod,
  /** Indices into `figures` of the figures the summary leads with. */
  keyFigures: z.array(z.number().int().nonnegative()).default([]),
  /** LLM only: tokens spent (0 when the summary came from the cache) and the model. */
  usage: z
    .object({ promptTokens: z.number().int().nonnegative(), completionTokens: z.number().int().nonnegative(), model: z.string(), cached: z.boolean() })
    .nullable()
    .optional(),
  /** Summaries in the configured reader languages (LLM), each grounded in the source like the main one. */
  alternates: z
    .array(z.object({ headline: z.string(), bullets: z.array(z.string()), lang: Lang, method: SummaryMethod }))
    .optional(),
  /** LLM summaries that failed grounding (or the call), with the reasons; the extractive summary stood in. */
  rejected: z.array(z.object({ lang: Lang, reasons: z.array(z.string()) })).optional(),
});
export type Summary = z.infer<typeof Summary>;

/** Output of `summarise`. */
export const Summarised = Enriched.extend({ summary: Summary });
export type Summarised = z.infer<typeof Summarised>;

/**
 * The `Analysis` record of CONTRACT.md: what `kiji analyze` prints and what the
 * store keeps. Pinned fields keep their names and meanings; the rest is extra.
 *
 * @example
 * const a = Analysis.parse(JSON.parse(stdout));
 * a.figures.every((f) => a.text.slice(f.start, f.end) === f.text); // true
 */
export const Analysis = z.object({
  id: z.string(),
  source: Source,
  lang: Lang,
  title: z.string(),
  publishedAt: z.string().nullable(),
  author: z.string().nullable(),
  tags: z.array(z.string()),
  url: z.string().nullable(),
  siteName: z.string().nullable(),
  excerpt: z.string().nullable(),
  categories: z.array(z.string()),
  text: z.string(),
  paragraphs: z.array(Paragraph),
  dropped: z.array(Dropped),
  tokens: z.object({ count: z.number().int().nonnegative(), sentences: z.number().int().nonnegative() }),
  entities: z.array(Entity),
  figures: z.array(Figure),
  summary: Summary,
});
export type Analysis = z.infer<typeof Analysis>;
