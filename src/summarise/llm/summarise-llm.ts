import { stripControlsInline } from '../../normalise/controls.js';
import { useResource, type StageContext } from '../../context.js';
import { gazetteerResource, type Gazetteer } from '../../enrich/entities/gazetteer.js';
import type { Enriched, Lang, Summary } from '../../records.js';
import { cacheKeyString, inflightResource, summaryCacheResource, type CacheKey, type CachedReply } from './cache.js';
import { llmResource, ProviderError } from './client.js';
import { groundSummary, type Dispute, type Grounding } from './grounding.js';
import { buildRequest, PROMPT_VERSION } from './prompt.js';
import { LlmSummary } from './schema.js';

type Attempt =
  | { lang: Lang; ok: true; reply: CachedReply; cached: boolean; grounding: Grounding }
  | { lang: Lang; ok: false; reasons: string[]; promptTokens: number; completionTokens: number };

/**
 * The LLM summary of `doc` in its own language, plus one per configured
 * reader language. A summary that fails (provider error, refusal, malformed
 * or invalid JSON, or grounding) is recorded in `rejected`; for the article's
 * own language the extractive summary stands in.
 *
 * @example
 * const summary = await summariseWithLlm(enriched, summariseExtractive(enriched, cfg), ctx);
 * // Re-summarising a story whose sources disagree (disputes from the digest's conflict finder):
 * const story = await summariseWithLlm(enriched, summariseExtractive(enriched, cfg), ctx, { disputes });
 */
export async function summariseWithLlm(doc: Enriched, extractive: Summary, ctx: StageContext, opts: { disputes?: readonly Dispute[] } = {}): Promise<Summary> {
  const cfg = ctx.config.summarise;
  const langs = [doc.lang, ...cfg.readerLangs.filter((l) => l !== doc.lang)];
  // The gazetteer is loaded at start (src/runtime.ts) and enrich already used it: a failure here is real, not "no gazetteer".
  const gazetteer = await useResource(ctx, gazetteerResource);
  const disputes = opts.disputes ?? [];
  const attempts = await Promise.all(langs.map((lang) => attempt(doc, lang, ctx, gazetteer, disputes)));

  let promptTokens = 0;
  let completionTokens = 0;
  let allCached = true;
  const rejected: NonNullable<Summary['rejected']> = [];
  const alternates: NonNullable<Summary['alternates']> = [];
  let main: Summary = extractive;
  for (const a of attempts) {
    if (!a.ok) {
      promptTokens += a.promptTokens;
      completionTokens += a.completionTokens;
      allCached = false;
      rejected.push({ lang: a.lang, reasons: a.reasons.map(stripControlsInline) });
      continue;
    }
    promptTokens += a.reply.promptTokens;
    completionTokens += a.reply.completionTokens;
    allCached &&= a.cached;
    if (!a.grounding.ok) {
      rejected.push({ lang: a.lang, reasons: a.grounding.reasons.map(stripControlsInline) });
      continue;
    }
    // A model's words are input like any other: no control characters or bidi overrides reach output.
    const s = { headline: stripControlsInline(a.reply.summary.headline), bullets: a.reply.summary.bullets.map(stripControlsInline) };
    if (a.lang === doc.lang) {
      main = {
        headline: s.headline,
        bullets: s.bullets,
        lang: doc.lang,
        method: 'llm',
        keyFigures: a.grounding.keyFigures.length ? a.grounding.keyFigures : extractive.keyFigures,
      };
    } else alternates.push({ headline: s.headline, bullets: s.bullets, lang: a.lang, method: 'llm' });
  }
  const llm = await useResource(ctx, llmResource);
  const usage = { promptTokens, completionTokens, model: llm.model, cached: allCached };
  ctx.log.info('llm summary', {
    stage: 'summarise',
    article_id: doc.id,
    method: main.method,
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    cached: allCached,
    rejected: rejected.map((r) => `${r.lang}: ${r.reasons.join('; ')}`),
  });
  return { ...main, usage, ...(alternates.length ? { alternates } : {}), ...(rejected.length ? { rejected } : {}) };
}

async function attempt(doc: Enriched, lang: Lang, ctx: StageContext, gazetteer: Gazetteer | null, disputes: readonly Dispute[]): Promise<Attempt> {
  const llm = await useResource(ctx, llmResource);
  // A summary written knowing what other reports dispute depends on them, not on the content alone: it is not cached.
  const cache = disputes.length ? null : await useResource(ctx, summaryCacheResource);
  const inflight = await useResource(ctx, inflightResource);
  const key: CacheKey = { contentId: doc.id, lang, model: llm.model, promptVersion: PROMPT_VERSION };
  const k = disputes.length ? `${cacheKeyString(key)}\u0000disputes:${JSON.stringify(disputes)}` : cacheKeyString(key);

  const hit = cache ? await cache.get(key) : null;
  if (hit) return { lang, ok: true, reply: hit, cached: true, grounding: groundSummary(hit.summary, doc, lang, gazetteer, disputes) };

  let pending = inflight.get(k) as Promise<Attempt> | undefined;
  if (pending) {
    // Another document with this content is being summarised now: share its answer, spend nothing.
    const shared = await pending;
    return shared.ok ? { ...shared, cached: true } : shared;
  }
  pending = (async (): Promise<Attempt> => {
    let reply;
    try {
      reply = await llm.complete(buildRequest(doc, lang, ctx.config.summarise.llm.maxInputChars, disputes));
    } catch (err) {
      const reason = err instanceof ProviderError ? `${err.code}: ${err.message}` : `error: ${(err as Error).message}`;
      ctx.log.warn('llm summary failed', { stage: 'summarise', article_id: doc.id, lang, reason });
      return { lang, ok: false, reasons: [reason], promptTokens: 0, completionTokens: 0 };
    }
    const spent = { promptTokens: reply.promptTokens, completionTokens: reply.completionTokens };
    if (reply.refusal) return { lang, ok: false, reasons: [`refused: ${reply.refusal}`], ...spent };
    if (reply.finishReason === 'length') return { lang, ok: false, reasons: ['truncated: the reply hit the token limit'], ...spent };
    let json: unknown;
    try {
      json = JSON.parse(reply.content ?? '');
    } catch (err) {
      return { lang, ok: false, reasons: [`malformed JSON: ${(err as Error).message}`], ...spent };
    }
    const parsed = LlmSummary.safeParse(json);
    if (!parsed.success)
      return { lang, ok: false, reasons: parsed.error.issues.map((i) => `invalid reply: ${i.path.join('.') || '(root)'}: ${i.message}`), ...spent };
    const cached: CachedReply = { summary: parsed.data, ...spent, model: reply.model };
    await cache?.put(key, cached);
    return { lang, ok: true, reply: cached, cached: false, grounding: groundSummary(parsed.data, doc, lang, gazetteer, disputes) };
  })();
  inflight.set(k, pending);
  try {
    return await pending;
  } finally {
    inflight.delete(k);
  }
}
