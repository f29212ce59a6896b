/**
 * The LLM port: one chat completion with a JSON-schema response format, over
 * any OpenAI-compatible server (OpenAI, Ollama, vLLM, llama.cpp) through the
 * `openai` package. Retries 429, 5xx, timeouts and dropped connections with
 * exponential backoff, honouring Retry-After; at most `concurrency` requests
 * in flight per context. The client lives in the context (a resource), never
 * in a module global, so two contexts (two tests, two tenants) never share one.
 */
import OpenAI from 'openai';
import { defineResource, type StageContext } from '../../context.js';
import { KijiError } from '../../errors.js';
import type { LlmConfig } from '../config.js';

export interface LlmRequest {
  system: string;
  user: string;
  /** Name and JSON Schema of the structured reply. */
  schemaName: string;
  schema: Record<string, unknown>;
}

export interface LlmReply {
  /** The message content (JSON text, unparsed), or null on a refusal. */
  content: string | null;
  refusal: string | null;
  finishReason: string | null;
  promptTokens: number;
  completionTokens: number;
  model: string;
  /** Requests made, retries included. */
  attempts: number;
}

/** The port the summariser talks to. */
export interface LlmClient {
  readonly model: string;
  complete(req: LlmRequest): Promise<LlmReply>;
}

export type ProviderErrorCode = 'rate_limited' | 'server_error' | 'timeout' | 'connection' | 'bad_request' | 'auth' | 'bad_response';

/** The LLM provider failed; `retryable` says whether a later attempt could succeed. */
export class ProviderError extends KijiError {
  readonly status: number | null;
  constructor(code: ProviderErrorCode, message: string, opts: { status?: number | null; retryable?: boolean; cause?: unknown } = {}) {
    super('summarise', code, message, { retryable: opts.retryable ?? false, cause: opts.cause });
    this.status = opts.status ?? null;
  }
}

/**
 * A counting semaphore: the returned function runs `fn` when a slot is free.
 *
 * @example
 * const limit = createLimiter(2);
 * await Promise.all(urls.map((u) => limit(() => fetch(u)))); // at most two at once
 */
export function createLimiter(max: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/**
 * Milliseconds the server asked us to wait: `retry-after-ms`, or
 * `Retry-After` as seconds or an HTTP date; null when it said nothing usable.
 *
 * @example
 * retryAfterMs(new Headers({ 'retry-after': '2' }), Date.now()) // 2000
 */
export function retryAfterMs(headers: Headers | undefined | null, now: number): number | null {
  if (!headers) return null;
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.get('retry-after-ms') !== null && Number.isFinite(ms) && ms >= 0) return ms;
  const ra = headers.get('retry-after');
  if (ra === null) return null;
  const secs = Number(ra);
  if (ra.trim() !== '' && Number.isFinite(secs) && secs >= 0) return secs * 1000;
  const at = Date.parse(ra);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function classify(err: unknown): ProviderError {
  if (err instanceof ProviderError) return err;
  if (err instanceof OpenAI.APIConnectionTimeoutError) return new ProviderError('timeout', 'llm request timed out', { retryable: true, cause: err });
  if (err instanceof OpenAI.APIConnectionError) return new ProviderError('connection', `llm connection failed: ${err.message}`, { retryable: true, cause: err });
  if (err instanceof OpenAI.APIError) {
    const status = err.status ?? null;
    const msg = `llm ${status ?? ''} ${err.message}`.replace(/\s+/g, ' ').trim();
    if (status === 429) return new ProviderError('rate_limited', msg, { status, retryable: true, cause: err });
    if (status !== null && status >= 500) return new ProviderError('server_error', msg, { status, retryable: true, cause: err });
    if (status === 401 || status === 403) return new ProviderError('auth', msg, { status, cause: err });
    return new ProviderError('bad_request', msg, { status, cause: err });
  }
  return new ProviderError('bad_response', `llm call failed: ${(err as Error)?.message ?? String(err)}`, { cause: err });
}

export interface OpenAiClientOptions {
  config: LlmConfig;
  log: StageContext['log'];
  /** Waits between retries; tests may pass one that records the delays. */
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
}

/**
 * @example
 * const llm = createOpenAiClient({ config: ctx.config.summarise.llm, log: ctx.log });
 * const reply = await llm.complete({ system, user, schemaName: 'summary', schema });
 */
export function createOpenAiClient(opts: OpenAiClientOptions): LlmClient {
  const { config, log } = opts;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const client = new OpenAI({
    // A local server needs no key, but the SDK insists on one.
    apiKey: config.apiKey ?? 'no-key',
    ...(config.baseUrl ? { baseURL: config.baseUrl } : {}),
    timeout: config.timeoutMs,
    // Retries are ours: one policy, logged, and bounded by maxBackoffMs.
    maxRetries: 0,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
  const limit = createLimiter(config.concurrency);

  const once = (req: LlmRequest) =>
    client.chat.completions.create({
      model: config.model,
      temperature: config.temperature,
      messages: [
        { role: 'system', content: req.system },
        { role: 'user', content: req.user },
      ],
      response_format: { type: 'json_schema', json_schema: { name: req.schemaName, strict: true, schema: req.schema } },
    });

  return {
    model: config.model,
    complete: (req) =>
      limit(async () => {
        for (let attempt = 1; ; attempt++) {
          try {
            const data = await once(req);
            const choice = data.choices?.[0];
            if (!choice) throw new ProviderError('bad_response', 'llm reply has no choices');
            const message = choice.message as { content: string | null; refusal?: string | null };
            return {
              content: message.content ?? null,
              refusal: message.refusal ?? null,
              finishReason: choice.finish_reason ?? null,
              promptTokens: data.usage?.prompt_tokens ?? 0,
              completionTokens: data.usage?.completion_tokens ?? 0,
              model: data.model ?? config.model,
              attempts: attempt,
            };
          } catch (err) {
            const e = classify(err);
            if (!e.retryable || attempt > config.maxRetries) throw e;
            const asked = err instanceof OpenAI.APIError ? retryAfterMs(err.headers as Headers | undefined, Date.now()) : null;
            const wait = Math.min(config.maxBackoffMs, asked ?? config.backoffMs * 2 ** (attempt - 1));
            log.warn('llm retry', { stage: 'summarise', code: e.code, status: e.status, attempt, wait_ms: wait });
            await sleep(wait);
          }
        }
      }),
  };
}

/**
 * Make `client` the context's LLM client (call before the first summary):
 * for a client with its own `sleep` or `fetch`, or one shared by contexts.
 *
 * @example
 * provideLlm(ctx, createOpenAiClient({ config: ctx.config.summarise.llm, log: ctx.log }));
 */
export function provideLlm(ctx: StageContext, client: LlmClient): void {
  void ctx.resources.once(llmResource.key, async () => client);
}

/** Whether the configuration asks for the LLM path. */
export function llmEnabled(cfg: { method: string; llm: LlmConfig }): boolean {
  if (cfg.method === 'extractive') return false;
  if (cfg.method === 'llm') return true;
  return cfg.llm.apiKey !== null || cfg.llm.baseUrl !== null;
}

/**
 * The context's LLM client, built from its configuration on first use.
 *
 * @example
 * const llm = await useResource(ctx, llmResource);
 */
export const llmResource = defineResource<LlmClient>('summarise.llm', async (ctx) =>
  createOpenAiClient({ config: ctx.config.summarise.llm, log: ctx.log }),
);
