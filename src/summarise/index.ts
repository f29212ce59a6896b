/**
 * summarise: a headline, 3–5 key bullets and key figures for every article.
 * Extractive by default (offline, deterministic); through an OpenAI-compatible
 * model when one is configured, and then only if the model's summary is
 * grounded in the source — otherwise the extractive summary stands.
 */
import type { StageContext } from '../context.js';
import { ok, type Outcome } from '../outcome.js';
import type { Enriched, Summarised } from '../records.js';
import { summariseExtractive } from './summarise-extractive.js';

export { summariseExtractive, toExtractiveInput } from './summarise-extractive.js';
export { extractSentences } from './extractive.js';
export { pickKeyFigures } from './key-figures.js';

/**
 * @example
 * const out = await summarise(enriched, ctx);
 * if (out.kind === 'ok') console.log(out.value.summary.bullets);
 */
export async function summarise(input: Enriched, ctx: StageContext): Promise<Outcome<Summarised>> {
  const summary = summariseExtractive(input, ctx.config.summarise);
  return ok({ ...input, summary });
}
