/**
 * The LLM path against a local server that speaks the OpenAI chat-completions
 * wire format (never the real service): grounded summaries pass, a
 * hallucinated figure or name is caught and the extractive summary stands,
 * malformed JSON, refusals, 429s, 5xx and timeouts fall back, the cache
 * spares a second call, and the concurrency limit holds.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import { createContext, type StageContext } from '../src/context.js';
import { enrich } from '../src/enrich/index.js';
import { localDocument } from '../src/fetch/local.js';
import { createLogger } from '../src/log.js';
import { prepare } from '../src/pipeline.js';
import { connectRedis } from '../src/queue/connection.js';
import { openQueues } from '../src/queue/queues.js';
import { runWorkers } from '../workers/runner.js';
import { cleanupQueues, testQueueConfig, waitFor } from './support/queue.js';
import type { Enriched, Lang } from '../src/records.js';
import { createOpenAiClient, LLM_SUMMARY_JSON_SCHEMA, provideLlm, retryAfterMs, summariseWithLlm } from '../src/summarise/llm/index.js';
import { LlmSummary } from '../src/summarise/llm/schema.js';
import { provideSummaryCache, storeSummaryCache, summarise, summariseExtractive } from '../src/summarise/index.js';
import { openStore } from '../src/store/index.js';
import { postgresStore, sqliteStore } from './support/stores.js';

// ------------------------------------------------------------ the local server

type Scripted =
  | { status?: number; headers?: Record<string, string>; json: unknown; holdMs?: number }
  | { status: number; headers?: Record<string, string>; text: string }
  | { hang: true };

interface Seen {
  body: { model: string; messages: Array<{ role: string; content: string }>; response_format?: { type: string; json_schema?: { name: string; schema: unknown } } };
  auth: string | undefined;
}

let server: Server;
let baseUrl: string;
let script: Scripted[] = [];
let fallback: ((req: Seen) => Scripted) | null = null;
const seen: Seen[] = [];
const sockets = new Set<Socket>();
let active = 0;
let maxActive = 0;

function completion(content: string | null, opts: { refusal?: string; finish?: string; prompt?: number; completion?: number } = {}) {
  return {
    id: `chatcmpl-${seen.length}`,
    object: 'chat.completion',
    created: 1_761_900_000,
    model: 'test-model',
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: opts.refusal ?? null }, finish_reason: opts.finish ?? 'stop' }],
    usage: { prompt_tokens: opts.prompt ?? 812, completion_tokens: opts.completion ?? 143, total_tokens: (opts.prompt ?? 812) + (opts.completion ?? 143) },
  };
}
const reply = (summary: unknown, opts?: Parameters<typeof completion>[1]): Scripted => ({ json: completion(JSON.stringify(summary), opts) });

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s: Seen = { body: JSON.parse(Buffer.concat(chunks).toString('utf8')), auth: req.headers.authorization };
      seen.push(s);
      const next = script.shift() ?? fallback?.(s);
      if (!next) {
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'test server: nothing scripted' } }));
        return;
      }
      if ('hang' in next) return; // never answers: the client's timeout must fire
      active++;
      maxActive = Math.max(maxActive, active);
      // Answer on a later turn (or after holding the reply) so concurrent requests overlap when the client lets them.
      const later = (fn: () => void) => ('holdMs' in next && next.holdMs ? setTimeout(fn, next.holdMs) : setImmediate(fn));
      later(() => {
        active--;
        const headers = { 'content-type': 'application/json', ...(next.headers ?? {}) };
        if ('text' in next) res.writeHead(next.status, headers).end(next.text);
        else res.writeHead(next.status ?? 200, headers).end(JSON.stringify(next.json));
      });
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((r) => server.close(() => r()));
});

afterEach(() => {
  script = [];
  fallback = null;
  seen.length = 0;
  maxActive = 0;
});

// ------------------------------------------------------------ articles

const KO = `---
title: "엔비디아, 한국에 GPU 26만 장 공급"
---

엔비디아가 한국 정부와 국내 대기업에 최신 그래픽처리장치(GPU)를 26만 장 이상 공급한다고 31일 밝혔다.

젠슨 황 엔비디아 최고경영자는 경주에서 열린 APEC 최고경영자 서밋에서 이 같은 계획을 발표했다.

정부는 기업과 연구기관이 쓸 수 있도록 GPU를 최대 5만 장까지 들여오고, 1단계로 1만 3천 장을 클라우드 사업자를 통해 공급한다.

삼성전자와 SK그룹은 각각 GPU 5만 장 이상을 투입한 AI 팩토리를 짓는다.

현대자동차그룹은 엔비디아와 함께 약 30억 달러를 공동 투자해 자율주행과 로보틱스 분야 협력을 확대한다.
`;

const JA = `---
title: "NVIDIA、韓国にGPU26万台を供給へ"
---

NVIDIAは韓国政府と韓国の大手企業に最新のGPUを26万台以上供給すると発表した。

発表は慶州で開かれたAPEC CEOサミットで、ジェンスン・フアンCEOが行った。

SamsungとSK Groupはそれぞれ5万台以上のGPUを稼働させるAIファクトリーを構築する。

HyundaiとNVIDIAは約30億ドルを共同で投資し、自動運転やロボティクスの分野で協力を広げる。
`;

const EN = `---
title: "BlackRock and South Korea agree to build an AI hub"
---

BlackRock and the South Korean government agreed on Monday to work together on turning the country into an artificial-intelligence hub for the Asia-Pacific region.

The memorandum of understanding was signed in New York after President Lee Jae-myung met Larry Fink, BlackRock's chief executive.

The first step is a joint effort to develop hyperscale AI data centres that run on renewable energy.

BlackRock manages about $12.5 trillion in assets.
`;

const KO_GOOD = {
  language: 'ko',
  headline: '엔비디아, 한국에 GPU 26만 장 공급',
  bullets: [
    '엔비디아가 한국 정부와 대기업에 GPU를 26만 장 이상 공급한다.',
    '삼성전자와 SK그룹은 각각 GPU 5만 장 이상 규모의 AI 팩토리를 짓는다.',
    '현대자동차그룹은 엔비디아와 약 30억 달러를 공동 투자한다.',
  ],
  keyFigures: [
    { value: '26만 장 이상', sourceText: '26만 장 이상' },
    { value: '약 30억 달러', sourceText: '약 30억 달러' },
  ],
  entities: ['엔비디아', '삼성전자', 'SK그룹', '현대자동차그룹'],
};

const EN_FROM_KO = {
  language: 'en',
  headline: 'NVIDIA to supply 260,000 GPUs to South Korea',
  bullets: [
    'NVIDIA will supply more than 260,000 GPUs to the South Korean government and large companies.',
    'Samsung Electronics and SK Group will each build AI factories with over 50,000 GPUs.',
    'Hyundai Motor Group and NVIDIA will jointly invest about $3 billion.',
  ],
  keyFigures: [{ value: '$3 billion', sourceText: '약 30억 달러' }],
  entities: ['NVIDIA', 'South Korea', 'Samsung Electronics', 'SK Group', 'Hyundai Motor Group'],
};

const quiet = createLogger({ level: 'silent' });

function llmContext(overrides: Record<string, unknown> = {}, readerLangs: Lang[] = []): StageContext {
  const config = loadConfig({
    file: null,
    env: { OPENAI_BASE_URL: baseUrl, OPENAI_API_KEY: 'sk-test-local' },
    overrides: { summarise: { readerLangs, llm: { backoffMs: 1, timeoutMs: 5000, maxRetries: 2, ...overrides } } } as never,
  });
  return createContext(config, { log: quiet, clock: () => new Date('2025-11-01T00:00:00Z') });
}

const docs = new Map<string, Enriched>();
async function article(md: string, lang: Lang): Promise<Enriched> {
  const cached = docs.get(md);
  if (cached) return cached;
  const ctx = llmContext();
  const p = await prepare(localDocument(md, 'markdown', { kind: 'file', uri: `llm.${lang}.md` }, ctx, lang), ctx);
  if (p.kind !== 'ok') throw new Error('prepare skipped');
  const e = await enrich(p.value, ctx);
  if (e.kind !== 'ok') throw new Error('enrich skipped');
  docs.set(md, e.value);
  return e.value;
}

async function run(doc: Enriched, ctx: StageContext) {
  const out = await summarise(doc, ctx);
  if (out.kind !== 'ok') throw new Error('summarise skipped');
  return out.value.summary;
}

// ------------------------------------------------------------ tests

describe('summarise through an OpenAI-compatible server', () => {
  it('uses a grounded summary, maps its key figures and records token usage', async () => {
    const doc = await article(KO, 'ko');
    script = [reply(KO_GOOD, { prompt: 900, completion: 120 })];
    const s = await run(doc, llmContext());
    expect(s.method).toBe('llm');
    expect(s.headline).toBe(KO_GOOD.headline);
    expect(s.bullets).toEqual(KO_GOOD.bullets);
    expect(s.rejected).toBeUndefined();
    expect(s.keyFigures.map((i) => doc.figures[i]!.text)).toEqual(['26만 장 이상', '약 30억 달러']);
    expect(s.usage).toEqual({ promptTokens: 900, completionTokens: 120, model: 'gpt-4o-mini', cached: false });
    // The request: the configured model, the key, a JSON-schema response format, the article text.
    expect(seen).toHaveLength(1);
    expect(seen[0]!.body.model).toBe('gpt-4o-mini');
    expect(seen[0]!.auth).toBe('Bearer sk-test-local');
    expect(seen[0]!.body.response_format?.type).toBe('json_schema');
    expect(seen[0]!.body.messages[1]!.content).toContain('약 30억 달러');
  });

  it('adds a grounded English summary of a Korean article for English readers (30억 달러 = $3 billion)', async () => {
    const doc = await article(KO, 'ko');
    fallback = (req) => reply(req.body.messages[0]!.content.includes('"en"') ? EN_FROM_KO : KO_GOOD);
    const s = await run(doc, llmContext({}, ['en']));
    expect(s.method).toBe('llm');
    expect(s.lang).toBe('ko');
    expect(s.rejected).toBeUndefined();
    expect(s.alternates).toEqual([{ headline: EN_FROM_KO.headline, bullets: EN_FROM_KO.bullets, lang: 'en', method: 'llm' }]);
    expect(seen).toHaveLength(2);
    expect(s.usage?.promptTokens).toBe(2 * 812);
  });

  it('an English summary of a Japanese article is grounded through figures and gazetteer aliases', async () => {
    const doc = await article(JA, 'ja');
    const en = {
      language: 'en',
      headline: 'NVIDIA to supply over 260,000 GPUs to South Korea',
      bullets: ['NVIDIA will supply more than 260,000 GPUs to South Korea.', 'Hyundai and NVIDIA will invest about $3 billion together.'],
      keyFigures: [{ value: 'about $3 billion', sourceText: '約30億ドル' }],
      entities: ['NVIDIA', 'South Korea', 'Hyundai'],
    };
    const ja = { ...en, language: 'ja', headline: 'NVIDIA、韓国にGPU26万台', bullets: ['NVIDIAは韓国にGPUを26万台以上供給する。'], keyFigures: [], entities: ['NVIDIA'] };
    fallback = (req) => reply(req.body.messages[0]!.content.includes('"en"') ? en : ja);
    const s = await run(doc, llmContext({}, ['en']));
    expect(s.rejected).toBeUndefined();
    expect(s.alternates?.[0]?.headline).toBe(en.headline);
  });

  it('strips control characters and bidi overrides from what the model writes', async () => {
    const doc = await article(KO, 'ko');
    // Controls only (no letters): grounding must still pass, and nothing of them may reach the summary.
    const hostile = { ...KO_GOOD, headline: `\u001b\u0007${KO_GOOD.headline}\u202e`, bullets: KO_GOOD.bullets.map((b) => `\u001b${b}\u009b\u2066`) };
    script = [reply(hostile)];
    const s = await run(doc, llmContext());
    expect(s.method).toBe('llm');
    expect(s.headline).toBe(KO_GOOD.headline);
    expect(s.bullets).toEqual(KO_GOOD.bullets);
  });

  it('catches a hallucinated figure and keeps the extractive summary', async () => {
    const doc = await article(KO, 'ko');
    const bad = { ...KO_GOOD, bullets: [...KO_GOOD.bullets.slice(0, 2), '현대자동차그룹은 엔비디아와 약 50억 달러를 공동 투자한다.'] };
    script = [reply(bad)];
    const s = await run(doc, llmContext());
    expect(s.method).toBe('extractive');
    expect(s.bullets.length).toBeGreaterThanOrEqual(3);
    expect(s.rejected).toHaveLength(1);
    expect(s.rejected![0]!.lang).toBe('ko');
    expect(s.rejected![0]!.reasons.join('\n')).toMatch(/50억 달러.*not in the article/);
    // Tokens were spent even though the summary was thrown away.
    expect(s.usage?.promptTokens).toBe(812);
  });

  it('when other reports dispute a figure, the prompt names them and a summary may not pick one side silently', async () => {
    const doc = await article(KO, 'ko');
    // What the digest's conflict finder hands over: an English report says 200,000 GPUs.
    const disputes = [
      { what: 'supply (GPUs)', kind: 'count' as const, unit: null, claims: [
        { value: 260000, low: null, high: null, display: '260,000 GPUs', source: 'this article' },
        { value: 200000, low: null, high: null, display: '200,000 GPUs', source: 'Circuit Wire' },
      ] },
    ];
    const oneSided = KO_GOOD;
    const bothSides = { ...KO_GOOD, headline: '엔비디아, 한국에 GPU 공급', bullets: ['엔비디아가 GPU를 26만 장 이상 공급한다(다른 보도는 20만 장).', ...KO_GOOD.bullets.slice(1)] };
    const ctx = llmContext();
    const base = summariseExtractive(doc, ctx.config.summarise);

    script = [reply(oneSided)];
    const rejected = await summariseWithLlm(doc, base, ctx, { disputes });
    expect(seen[0]!.body.messages[1]!.content).toContain('Figures other reports of this story give differently:\n- supply (GPUs): 260,000 GPUs (this article) vs 200,000 GPUs (Circuit Wire)');
    expect(seen[0]!.body.messages[0]!.content).toMatch(/never state one side alone/);
    expect(rejected.method).toBe('extractive');
    expect(rejected.rejected![0]!.reasons.join('\n')).toMatch(/states 260,000 GPUs for supply \(GPUs\), which other reports give as 200,000 GPUs/);

    // Both values, each attributed: grounded (the other report's number counts as stated by a source), and not cached.
    script = [reply(bothSides)];
    const ok = await summariseWithLlm(doc, base, ctx, { disputes });
    expect(ok.method).toBe('llm');
    expect(ok.rejected).toBeUndefined();
    expect(seen).toHaveLength(2);
  });

  it('catches an amount in the wrong currency and a number the article never states', async () => {
    const doc = await article(EN, 'en');
    const base = { language: 'en', headline: 'BlackRock and South Korea agree to build an AI hub', keyFigures: [], entities: ['BlackRock', 'South Korea'] };
    script = [
      reply({ ...base, bullets: ['BlackRock manages about €12.5 trillion in assets.'] }),
      reply({ ...base, bullets: ['BlackRock will invest 40 billion dollars in 3 data centres.'] }),
    ];
    const a = await run(doc, llmContext());
    expect(a.method).toBe('extractive');
    expect(a.rejected![0]!.reasons.join('\n')).toMatch(/€12\.5 trillion/);
    const b = await run(doc, llmContext());
    expect(b.method).toBe('extractive');
    const reasons = b.rejected![0]!.reasons.join('\n');
    expect(reasons).toMatch(/40 billion dollars/);
    expect(reasons).toMatch(/"3"/);
  });

  it('catches a name the article does not contain', async () => {
    const doc = await article(EN, 'en');
    script = [
      reply({
        language: 'en',
        headline: 'BlackRock and Microsoft back a Korean AI hub',
        bullets: ['BlackRock and Microsoft agreed with South Korea to develop AI data centres.'],
        keyFigures: [],
        entities: ['BlackRock', 'South Korea'],
      }),
    ];
    const s = await run(doc, llmContext());
    expect(s.method).toBe('extractive');
    expect(s.rejected![0]!.reasons).toContain('entity "Microsoft" is not in the article');
  });

  it('catches a key figure quoting text the article does not contain', async () => {
    const doc = await article(KO, 'ko');
    script = [reply({ ...KO_GOOD, keyFigures: [{ value: '26만 장', sourceText: '26만 장 규모 계약' }] })];
    const s = await run(doc, llmContext());
    expect(s.method).toBe('extractive');
    expect(s.rejected![0]!.reasons.join('\n')).toMatch(/quotes "26만 장 규모 계약"/);
  });

  it('falls back on malformed JSON, on a reply of the wrong shape and on a refusal', async () => {
    const doc = await article(KO, 'ko');
    script = [
      { json: completion('{"language": "ko", "headline": "엔비디아') },
      reply({ language: 'ko', headline: '엔비디아', bullets: [] }),
      { json: completion(null, { refusal: "I'm sorry, I can't help with that." }) },
    ];
    const malformed = await run(doc, llmContext());
    expect(malformed.method).toBe('extractive');
    expect(malformed.rejected![0]!.reasons[0]).toMatch(/^malformed JSON/);
    const invalid = await run(doc, llmContext());
    expect(invalid.rejected![0]!.reasons.some((r) => r.startsWith('invalid reply: bullets'))).toBe(true);
    expect(invalid.rejected![0]!.reasons.some((r) => r.startsWith('invalid reply: keyFigures'))).toBe(true);
    const refused = await run(doc, llmContext());
    expect(refused.rejected![0]!.reasons).toEqual(["refused: I'm sorry, I can't help with that."]);
  });

  it('retries a 429 after the delay Retry-After asks for, then succeeds', async () => {
    const doc = await article(KO, 'ko');
    const ctx = llmContext();
    const waits: number[] = [];
    provideLlm(ctx, createOpenAiClient({ config: ctx.config.summarise.llm, log: quiet, sleep: async (ms) => void waits.push(ms) }));
    script = [
      { status: 429, headers: { 'retry-after': '2' }, json: { error: { message: 'Rate limit reached', type: 'requests' } } },
      { status: 503, json: { error: { message: 'overloaded' } } },
      reply(KO_GOOD),
    ];
    const s = await run(doc, ctx);
    expect(s.method).toBe('llm');
    expect(seen).toHaveLength(3);
    // 2 s as the server asked, then the configured backoff doubled for the second retry.
    expect(waits).toEqual([2000, 2]);
  });

  it('gives up after maxRetries on 5xx and falls back', async () => {
    const doc = await article(KO, 'ko');
    fallback = () => ({ status: 500, json: { error: { message: 'internal error' } } });
    const s = await run(doc, llmContext({ maxRetries: 2 }));
    expect(s.method).toBe('extractive');
    expect(seen).toHaveLength(3);
    expect(s.rejected![0]!.reasons[0]).toMatch(/^server_error: summarise: llm 500/);
  });

  it('does not retry a 400 (retrying cannot help)', async () => {
    const doc = await article(KO, 'ko');
    fallback = () => ({ status: 400, json: { error: { message: 'response_format not supported' } } });
    const s = await run(doc, llmContext({ maxRetries: 3 }));
    expect(seen).toHaveLength(1);
    expect(s.rejected![0]!.reasons[0]).toMatch(/^bad_request/);
  });

  it('times out a server that never answers and falls back', async () => {
    const doc = await article(KO, 'ko');
    fallback = () => ({ hang: true });
    const s = await run(doc, llmContext({ timeoutMs: 300, maxRetries: 1 }));
    expect(s.method).toBe('extractive');
    expect(seen).toHaveLength(2);
    expect(s.rejected![0]!.reasons[0]).toMatch(/^timeout/);
  });

  it('never summarises the same content twice: the second time comes from the cache', async () => {
    const doc = await article(KO, 'ko');
    const ctx = llmContext();
    script = [reply(KO_GOOD)];
    const first = await run(doc, ctx);
    const second = await run(structuredClone(doc), ctx);
    expect(seen).toHaveLength(1);
    expect(second.headline).toBe(first.headline);
    expect(first.usage?.cached).toBe(false);
    expect(second.usage?.cached).toBe(true);
    // Two copies arriving at once also cost one call.
    const ctx2 = llmContext();
    script = [reply(KO_GOOD)];
    seen.length = 0;
    const both = await Promise.all([run(doc, ctx2), run(structuredClone(doc), ctx2)]);
    expect(seen).toHaveLength(1);
    expect(both.map((s) => s.method)).toEqual(['llm', 'llm']);
  });

  it('queue workers use the summary cache in the store: a second worker (a restart) does not call the model again', async () => {
    const t = await sqliteStore();
    const queue = testQueueConfig();
    const config = loadConfig({
      file: null,
      env: { OPENAI_BASE_URL: baseUrl, OPENAI_API_KEY: 'sk-test-local' },
      overrides: { queue, store: { db: t.url }, summarise: { llm: { backoffMs: 1, timeoutMs: 5000, maxRetries: 2 } } } as never,
    });
    const conn = connectRedis(config.queue.redis);
    const q = openQueues(config.queue, conn);
    try {
      const doc = localDocument(KO, 'markdown', { kind: 'file', uri: 'llm.ko.md' }, llmContext(), 'ko');
      script = [reply(KO_GOOD, { prompt: 700, completion: 90 })];
      for (const round of [1, 2]) {
        // The same document again under another job id: analysed and summarised again by a new worker.
        await q.queues.analyze.add('analyze', { ...doc, item: null }, { jobId: `doc-round-${round}` });
        const running = await runWorkers({ config, stages: ['analyze'] });
        await waitFor(async () => (await q.queues.analyze.getJobState(`doc-round-${round}`)) === 'completed');
        await running.close();
      }
      expect(seen).toHaveLength(1);
      const [stored] = await t.store.loadArticles();
      expect(stored!.analysis.summary).toMatchObject({ method: 'llm', headline: KO_GOOD.headline });
    } finally {
      await q.close();
      conn.disconnect();
      await cleanupQueues(config.queue);
      await t.cleanup();
    }
  }, 60_000);

  for (const [name, make] of [['SQLite', sqliteStore], ['PostgreSQL', postgresStore]] as const) {
    it(`the ${name} summary cache survives a restart: no second call for the same content`, async () => {
      const doc = await article(KO, 'ko');
      const t = await make();
      try {
        const first = llmContext();
        provideSummaryCache(first, storeSummaryCache(t.store));
        script = [reply(KO_GOOD, { prompt: 700, completion: 90 })];
        expect((await run(doc, first)).method).toBe('llm');
        // A new process: a new context, the store opened again.
        const again = await openStore(t.url, t.schema ? { schema: t.schema } : {});
        try {
          const second = llmContext();
          provideSummaryCache(second, storeSummaryCache(again));
          const s = await run(structuredClone(doc), second);
          expect(seen).toHaveLength(1);
          expect(s.method).toBe('llm');
          expect(s.headline).toBe(KO_GOOD.headline);
          expect(s.usage).toEqual({ promptTokens: 700, completionTokens: 90, model: 'gpt-4o-mini', cached: true });
        } finally {
          await again.close();
        }
      } finally {
        await t.cleanup();
      }
    });
  }

  it('keeps at most `concurrency` requests in flight', async () => {
    const docsIn = await Promise.all([article(KO, 'ko'), article(JA, 'ja'), article(EN, 'en')]);
    fallback = (req) => ({
      ...(reply({ ...KO_GOOD, language: req.body.messages[0]!.content.includes('"ja"') ? 'ja' : req.body.messages[0]!.content.includes('"en"') ? 'en' : 'ko' }) as { json: unknown }),
      // Held long enough that a client without a limit would have all three requests open at once.
      holdMs: 100,
    });
    const shared = llmContext({ concurrency: 1 });
    await Promise.all(docsIn.map((d) => run(d, shared)));
    expect(seen).toHaveLength(3);
    expect(maxActive).toBe(1);
  });

  it('stays offline when no server is configured', async () => {
    const doc = await article(KO, 'ko');
    const ctx = createContext(loadConfig({ file: null, env: {} }), { log: quiet });
    const s = await run(doc, ctx);
    expect(s.method).toBe('extractive');
    expect(s.usage).toBeUndefined();
    expect(seen).toHaveLength(0);
  });
});

describe('structured output', () => {
  it('the JSON Schema sent and the zod schema checked agree on the fields', () => {
    expect(Object.keys((LLM_SUMMARY_JSON_SCHEMA as { properties: object }).properties).sort()).toEqual(Object.keys(LlmSummary.shape).sort());
    expect(LlmSummary.safeParse(KO_GOOD).success).toBe(true);
    expect(LlmSummary.safeParse({ ...KO_GOOD, language: 'fr' }).success).toBe(false);
  });

  it('reads Retry-After as seconds, as an HTTP date and as retry-after-ms', () => {
    const now = Date.parse('2025-11-01T00:00:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after': '3' }), now)).toBe(3000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'Sat, 01 Nov 2025 00:00:05 GMT' }), now)).toBe(5000);
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250' }), now)).toBe(250);
    expect(retryAfterMs(new Headers({}), now)).toBeNull();
  });
});
