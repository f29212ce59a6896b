import { z } from 'zod';
import { DedupeConfig } from '../dedupe/config.js';
import { EnrichConfig } from '../enrich/config.js';
import { ExtractConfig } from '../extract/config.js';
import { FetchConfig } from '../fetch/config.js';
import { QueueConfig } from '../queue/config.js';
import { StoreConfig } from '../store/config.js';
import { SummariseConfig } from '../summarise/config.js';
import { WebConfig } from '../web/config.js';

/** Every setting kiji reads, with defaults. Each stage owns its section. */
export const Config = z.object({
  logLevel: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('warn'),
  /** IANA zone for digest windows and for dates that carry no zone. */
  timeZone: z.string().default('UTC').refine(isTimeZone, { error: (iss) => `unknown time zone "${String(iss.input)}"` }),
  /**
   * CPU time one document may take in analysis (extract … summarise), counted
   * in its analysis thread; past it the thread is stopped and the document
   * fails `too_complex`, not retried. Applies wherever analysis runs in threads
   * (`--jobs` 2 or more, and always in `kiji worker`).
   */
  documentCpuBudgetMs: z.number().int().min(100).default(30_000),
  store: StoreConfig,
  extract: ExtractConfig,
  fetch: FetchConfig,
  dedupe: DedupeConfig,
  enrich: EnrichConfig,
  summarise: SummariseConfig,
  queue: QueueConfig,
  web: WebConfig,
});
export type Config = z.infer<typeof Config>;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
