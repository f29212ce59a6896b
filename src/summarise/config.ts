import { z } from 'zod';
import { Lang } from '../records.js';

/** Weights of the extractive scorer; each feature is scaled to 0..1 before weighting. */
export const ExtractiveWeights = z
  .object({
    /** TextRank centrality over the content-word similarity graph. */
    rank: z.number().min(0).default(1),
    /** Cosine to the document centroid (title counted twice). */
    centroid: z.number().min(0).default(1),
    /** Early sentences carry the news. */
    position: z.number().min(0).default(1.4),
    /** Shares content words with the title. */
    title: z.number().min(0).default(0.6),
    /** Mentions salient entities (from enrich). */
    entity: z.number().min(0).default(0.4),
    /** States figures (money, counts, percentages). */
    figure: z.number().min(0).default(0.3),
  })
  .prefault({});
export type ExtractiveWeights = z.infer<typeof ExtractiveWeights>;

/** The OpenAI-compatible endpoint; enabled when an API key or a base URL is set. */
export const LlmConfig = z
  .object({
    /** OPENAI_API_KEY; a local server (Ollama, vLLM, llama.cpp) may need none. */
    apiKey: z.string().nullable().default(null),
    /** OPENAI_BASE_URL, e.g. http://127.0.0.1:11434/v1 for Ollama. */
    baseUrl: z.string().nullable().default(null),
    /** KIJI_LLM_MODEL. */
    model: z.string().default('gpt-4o-mini'),
    temperature: z.number().min(0).max(2).default(0),
    /** Per request, in ms. */
    timeoutMs: z.number().int().positive().default(60_000),
    /** Retries on 429, 5xx, timeouts and connection errors (not on 4xx). */
    maxRetries: z.number().int().min(0).max(10).default(3),
    /** First backoff in ms, doubled per retry, unless the server sends Retry-After. */
    backoffMs: z.number().int().min(0).default(500),
    /** Upper bound for one wait, Retry-After included. */
    maxBackoffMs: z.number().int().min(0).default(30_000),
    /** Requests in flight at once, per context. */
    concurrency: z.number().int().min(1).max(64).default(2),
    /** Body characters sent to the model (long articles are cut at a paragraph boundary). */
    maxInputChars: z.number().int().min(500).default(12_000),
  })
  .prefault({});
export type LlmConfig = z.infer<typeof LlmConfig>;

export const SummariseConfig = z
  .object({
    /** Key sentences picked by the extractive summariser (3–5). */
    sentences: z.number().int().min(1).max(10).default(4),
    /** Extra languages to summarise into (LLM only): a Japanese article can get an English summary too. */
    readerLangs: z.array(Lang).default([]),
    /** Key figures listed beside the summary. */
    keyFigures: z.number().int().min(0).max(20).default(5),
    /**
     * Two picked sentences whose content-word cosine reaches this say the
     * same thing; the later-ranked one is skipped.
     */
    redundancy: z.number().min(0).max(1).default(0.5),
    weights: ExtractiveWeights,
    /** `auto`: the LLM when configured (api key or base URL), extractive otherwise. */
    method: z.enum(['auto', 'extractive', 'llm']).default('auto'),
    llm: LlmConfig,
  })
  .prefault({});
export type SummariseConfig = z.infer<typeof SummariseConfig>;
