import { z } from 'zod';

export const ExtractConfig = z
  .object({
    /** Largest document read from a file or stdin, in bytes. */
    maxDocumentBytes: z.number().int().positive().default(10 * 1024 * 1024),
  })
  .prefault({});
export type ExtractConfig = z.infer<typeof ExtractConfig>;
