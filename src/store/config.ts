import { z } from 'zod';

export const StoreConfig = z
  .object({
    /** A SQLite file path, or a postgres:// URL. */
    db: z.string().min(1).default('./data/kiji.db'),
    /**
     * What a reported save survives (docs/performance.md). `process`: kiji
     * crashing or being killed; an OS crash or power cut may take back the
     * last commits of a SQLite store (never half of one), as it does the feed
     * items marked seen with them. `power`: also that, at an fsync per commit.
     * PostgreSQL waits for its WAL to reach the disk in both.
     */
    durability: z.enum(['process', 'power']).default('process'),
  })
  .prefault({});
export type StoreConfig = z.infer<typeof StoreConfig>;
