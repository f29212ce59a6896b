/**
 * `kiji.analyze`: one document through `ingestDocument`, the same function
 * `kiji ingest` uses, so a document is analysed, linked and stored the same
 * way whichever path it took.
 */
import type { Job } from 'bullmq';
import { ingestDocument } from '../src/ingest.js';
import { AnalyzeJob } from '../src/queue/jobs.js';
import { JobFailedError, parseJob } from './errors.js';
import type { JobReport, WorkerDeps } from './runner.js';

/**
 * @example
 * const report = await processAnalyze(job, deps); // { result: 'stored', article_id: '…' }
 */
export async function processAnalyze(job: Job, deps: WorkerDeps): Promise<JobReport> {
  const raw = parseJob(AnalyzeJob, job.data, job.id);
  const store = await deps.store();
  const result = await ingestDocument(raw, deps.ctx, store, deps.link);
  deps.metrics.inc('kiji_articles_total', { result: result.status });
  if (result.status === 'failed') throw new JobFailedError(result.error);
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
}
