/**
 * `kiji.analyze`: one document through `ingestDocument`, the same function
 * `kiji ingest` uses, so a document is analysed, linked and stored the same
 * way whichever path it took; then its feed item, if any, is marked seen.
 */
import type { Job } from 'bullmq';
import { settleItem } from '../src/fetch/index.js';
import { ingestDocument } from '../src/pipeline.js';
import { AnalyzeJob } from '../src/queue/jobs.js';
import { JobFailedError, parseJob } from './errors.js';
import type { JobReport, StageProcessor, WorkerDeps } from './runner.js';

/**
 * @example
 * await analyzeProcessor.run(job, deps); // { result: 'stored', article_id: '…' }
 */
export const analyzeProcessor: StageProcessor = {
  async run(job: Job, deps: WorkerDeps): Promise<JobReport> {
    const { item, ...raw } = parseJob(AnalyzeJob, job.data, job.id);
    const store = await deps.store();
    // Analysed here or in a pool thread (`--jobs`); linked and stored here, under the store's per-key locks.
    const result = await ingestDocument(raw, deps.ctx, store, deps.analyze ? { analyze: deps.analyze } : {});
    deps.metrics.inc('kiji_articles_total', { result: result.status });
    // Failed: recorded by ingestDocument; thrown so the queue retries it when that can help.
    if (result.status === 'failed') throw new JobFailedError(result.error);
    if (item) await settleItem(store, item, deps.ctx.clock());
    if (result.status === 'skipped') return { result: 'skipped', reason: result.reason, input: raw.source.uri };
    const a = result.analysis;
    if (a) {
      for (const d of a.dropped) deps.metrics.inc('kiji_paragraphs_dropped_total', { reason: d.reason });
      const usage = a.summary.usage;
      if (usage && !usage.cached) {
        deps.metrics.inc('kiji_llm_tokens_total', { kind: 'prompt' }, usage.promptTokens);
        deps.metrics.inc('kiji_llm_tokens_total', { kind: 'completion' }, usage.completionTokens);
      }
    }
    return { result: result.status, article_id: result.id, duplicate_of: result.links.duplicateOf, input: raw.source.uri };
  },
  /** Failed for good: the failure is recorded; the feed item counts as handled. */
  async settle(job, deps) {
    const parsed = AnalyzeJob.safeParse(job.data);
    if (parsed.success && parsed.data.item) await settleItem(await deps.store(), parsed.data.item, deps.ctx.clock());
  },
};
