/**
 * summarise: a headline, 3–5 key bullets and key figures for every article.
 * Extractive by default (offline, deterministic); through an OpenAI-compatible
 * model when one is configured, and then only if the model's summary is
 * grounded in the source — otherwise the extractive summary stands, and the
 * rejection is recorded in `summary.rejected`.
 */
import type { StageContext } from '../context.js';
import { ok, type Outcome } from '../outcome.js';
import type { Enriched, Summarised } from '../records.js';
import { llmEnabled } from './llm/client.js';
import { summariseWithLlm } from './llm/summarise-llm.js';
import { summariseExtractive } from './summarise-extractive.js';

export { summariseExtractive, toExtractiveInput } from './summarise-extractive.js';
export { extractSentences } from './extractive.js';
export { pickKeyFigures } from './key-figures.js';
export { createOpenAiClient, llmEnabled, llmResource, provideLlm, ProviderError, type LlmClient } from './llm/client.js';
export { memorySummaryCache, provideSummaryCache, summaryCacheResource, type SummaryCache } from './llm/cache.js';
export { groundSummary, sidesStated, type Dispute } from './llm/grounding.js';
export { storeSummaryCache } from './store-cache.js';

/**
 * @example
 * const out = await summarise(enriched, ctx);
 * if (out.kind === 'ok') console.log(out.value.summary.bullets);
 */
export async function summarise(input: Enriched, ctx: StageContext): Promise<Outcome<Summarised>> {
  const cfg = ctx.config.summarise;
  const extractive = summariseExtractive(input, cfg);
  if (!llmEnabled(cfg) || input.sentences.length === 0) return ok({ ...input, summary: extractive });
  return ok({ ...input, summary: await summariseWithLlm(input, extractive, ctx) });
}
