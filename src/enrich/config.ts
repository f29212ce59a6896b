import { z } from 'zod';

/**
 * Settings of the enrich stage (entities and figures).
 *
 * @example
 * EnrichConfig.parse({}) // { entitiesFile: 'config/entities.yaml', maxEntities: 0 }
 */
export const EnrichConfig = z
  .object({
    /** The gazetteer: canonical entities and their aliases in ja/ko/en (relative paths resolve from the working directory). */
    entitiesFile: z.string().min(1).default('config/entities.yaml'),
    /** At most this many entities per article, the most salient first (0 = no limit). */
    maxEntities: z.number().int().min(0).default(0),
  })
  .prefault({});
export type EnrichConfig = z.infer<typeof EnrichConfig>;
