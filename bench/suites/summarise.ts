/**
 * Cost per article of each summariser on the generated seed-like corpus,
 * beside the lead-3 baseline in the same run: the extractive summariser
 * (TextRank + centroid + salience), and the LLM path as kiji pays for it
 * (prompt, HTTP round trip, zod validation, grounding) against an in-process
 * server that speaks the OpenAI wire format and answers at once, so model time
 * is excluded; plus the cache-hit path, the prompt size that drives token cost,
 * and building + rendering a digest of the same articles.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config/load.js';
import { createContext, useResource } from '../../src/context.js';
import { buildDigest, renderDigest } from '../../src/digest/index.js';
import { enrich } from '../../src/enrich/index.js';
import { localDocument } from '../../src/fetch/local.js';
import { createLogger } from '../../src/log.js';
import { prepare, toAnalysis } from '../../src/pipeline.js';
import type { Enriched } from '../../src/records.js';
import { summarise, summariseExtractive } from '../../src/summarise/index.js';
import { buildRequest } from '../../src/summarise/llm/prompt.js';
import { japaneseTokenizerResource } from '../../src/tokenize/japanese.js';
import { generateCorpus } from '../corpus.js';
import { table } from '../table.js';
import type { BenchOptions, BenchResult } from '../types.js';

export async function run(opts: BenchOptions): Promise<BenchResult> {
  const n = Math.max(30, Math.round(200 * opts.scale));
  const docs = generateCorpus(n, 11);
  const quiet = createLogger({ level: 'silent' });
  const base = createContext(loadConfig({ file: null, env: {} }), { log: quiet });
  await useResource(base, japaneseTokenizerResource);
  const enriched: Enriched[] = [];
  for (const d of docs) {
    const p = await prepare(localDocument(d.body, d.format, { kind: 'file', uri: d.uri }, base), base);
    if (p.kind !== 'ok') continue;
    const e = await enrich(p.value, base);
    if (e.kind === 'ok') enriched.push(e.value);
  }
  const m = enriched.length;

  // The server answers with the article's own extractive summary, which grounds; kiji's side is what is measured.
  // Variants of one fixture share a title and opening, so an article is known by its whole prompt.
  const maxChars = base.config.summarise.llm.maxInputChars;
  const byPrompt = new Map(enriched.map((e) => [buildRequest(e, e.lang, maxChars).user, summariseExtractive(e, base.config.summarise)]));
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { messages: Array<{ content: string }> };
      const user = body.messages[1]!.content;
      const title = /^Title: (.*)$/m.exec(user)?.[1] ?? '';
      const s = byPrompt.get(user);
      const lang = /^Article language: (\w+)$/m.exec(user)?.[1] ?? 'en';
      const reply = { language: lang, headline: s?.headline ?? title, bullets: s?.bullets.length ? s.bullets : [title], keyFigures: [], entities: [] };
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: 'bench', object: 'chat.completion', created: 0, model: 'bench',
          choices: [{ index: 0, message: { role: 'assistant', content: JSON.stringify(reply), refusal: null }, finish_reason: 'stop' }],
          usage: { prompt_tokens: Math.round(user.length / 3), completion_tokens: 150, total_tokens: Math.round(user.length / 3) + 150 },
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  const llmCtx = createContext(loadConfig({ file: null, env: { OPENAI_BASE_URL: url }, overrides: { summarise: { llm: { concurrency: 4 } } } as never }), { log: quiet });

  // Warm-up so the first measured article does not pay for JIT alone.
  for (const e of enriched.slice(0, 20)) summariseExtractive(e, base.config.summarise);

  let t = performance.now();
  for (const e of enriched) e.sentences.filter((s) => e.paragraphs.find((p) => p.index === s.paragraph)?.kind === 'paragraph').slice(0, 3);
  const leadMs = performance.now() - t;

  t = performance.now();
  for (const e of enriched) summariseExtractive(e, base.config.summarise);
  const extractiveMs = performance.now() - t;

  let llmUsed = 0;
  const rejections: string[] = [];
  let promptTokens = 0;
  t = performance.now();
  for (const e of enriched) {
    const out = await summarise(e, llmCtx);
    if (out.kind === 'ok' && out.value.summary.method === 'llm') llmUsed++;
    else if (out.kind === 'ok') rejections.push(`${e.id}: ${out.value.summary.rejected?.[0]?.reasons.join('; ') ?? 'no reason'}`);
    if (out.kind === 'ok') promptTokens += out.value.summary.usage?.promptTokens ?? 0;
  }
  const llmMs = performance.now() - t;

  t = performance.now();
  const analyses = [];
  for (const e of enriched) {
    const out = await summarise(e, llmCtx);
    if (out.kind === 'ok') analyses.push(toAnalysis(out.value));
  }
  const cachedMs = performance.now() - t;
  server.close();

  const promptChars = enriched.reduce((s, e) => s + buildRequest(e, e.lang, llmCtx.config.summarise.llm.maxInputChars).user.length, 0);

  t = performance.now();
  const digest = buildDigest(
    analyses.map((a, i) => ({ id: `${a.id}-${i}`, analysis: a, publishedAt: a.publishedAt, ingestedAt: '2025-11-01T00:00:00Z', duplicateOf: null, clusterId: null })),
    { timeZone: 'Asia/Seoul', now: new Date('2025-11-01T00:00:00Z') },
  );
  const buildMs = performance.now() - t;
  t = performance.now();
  for (const f of ['md', 'html', 'json', 'jsonfeed', 'rss'] as const) renderDigest(digest, f);
  const renderMs = performance.now() - t;

  const rows: (string | number)[][] = [
    ['summariser', 'ms/article', 'vs lead-3', 'note'],
    ['lead-3 (baseline)', leadMs / m, '1×', 'first three body sentences'],
    ['extractive (default)', extractiveMs / m, `${(extractiveMs / leadMs).toFixed(0)}×`, 'offline, deterministic'],
    ['llm, kiji side (local server)', llmMs / m, `${(llmMs / leadMs).toFixed(0)}×`, `${llmUsed}/${m} grounded; model time excluded`],
    ['llm, cache hit', cachedMs / m, `${(cachedMs / leadMs).toFixed(0)}×`, 'no request sent'],
  ];
  return {
    table: [
      `${m} generated articles (ja, ko, en)`,
      table(rows),
      '',
      `prompt size: ${Math.round(promptChars / m).toLocaleString('en-US')} chars/article (≈ ${Math.round(promptTokens / m).toLocaleString('en-US')} prompt tokens at 3 chars/token) + ≈150 completion tokens`,
      ...(rejections.length ? [`rejected (the server answers with the article's own title and sentences, so these are limits of the check, not of a model): ${rejections.slice(0, 3).join(' | ')}`] : []),
      `digest of ${m} articles: build ${buildMs.toFixed(1)} ms (${digest.storyCount} stories, ${digest.topics.length} topics), render all five formats ${renderMs.toFixed(1)} ms`,
    ].join('\n'),
    metrics: {
      leadMsPerArticle: leadMs / m,
      extractiveMsPerArticle: extractiveMs / m,
      llmMsPerArticle: llmMs / m,
      llmCachedMsPerArticle: cachedMs / m,
      promptCharsPerArticle: promptChars / m,
      digestBuildMs: buildMs,
    },
  };
}
