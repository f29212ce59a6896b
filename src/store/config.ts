import { z } from 'zod';

export const StoreConfig = z
  .object({
    /** A SQLite file path, or a postgres:// URL. */
    db: z.string().min(1).default('./data/kiji.db'),
  })
  .prefault({});
export type StoreConfig = z.infer<typeof StoreConfig>;
