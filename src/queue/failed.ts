/** Failed jobs as `kiji jobs failed` and the `/queues` dashboard show them: reason, attempts and the payload kept. */
import type { Job } from 'bullmq';
import { queueName, type QueueStage } from './names.js';
import type { KijiQueues } from './queues.js';

/** A failed job as `kiji jobs failed --format json` prints it. */
export interface FailedJob {
  queue: string;
  id: string;
  name: string;
  /** What the job was about: the document's source, the URL, the polled source. */
  input: string | null;
  reason: string;
  attempts: number;
  failedAt: string | null;
  data: unknown;
}

/**
 * Failed jobs, newest first, with their payload kept for inspection.
 *
 * @example
 * const failed = await listFailedJobs(q, ['analyze'], 20);
 */
export async function listFailedJobs(q: KijiQueues, stages: readonly QueueStage[], limit: number): Promise<FailedJob[]> {
  const out: FailedJob[] = [];
  for (const s of stages) {
    const jobs = (await q.queues[s].getFailed(0, limit - 1)) as Job[];
    for (const j of jobs) {
      if (!j) continue;
      out.push({
        queue: queueName(s),
        id: j.id!,
        name: j.name,
        input: inputOf(j.data),
        reason: j.failedReason,
        attempts: j.attemptsMade,
        failedAt: j.finishedOn ? new Date(j.finishedOn).toISOString() : null,
        data: j.data,
      });
    }
  }
  return out.sort((a, b) => (b.failedAt ?? '').localeCompare(a.failedAt ?? '')).slice(0, limit);
}

function inputOf(data: unknown): string | null {
  const d = (data ?? {}) as { source?: unknown; url?: unknown; page?: { url?: unknown } };
  if (typeof d.page?.url === 'string') return d.page.url;
  if (typeof d.url === 'string') return d.url;
  if (typeof d.source === 'string') return d.source;
  if (d.source && typeof (d.source as { uri?: unknown }).uri === 'string') return (d.source as { uri: string }).uri;
  return null;
}

