import { z } from 'zod';

/**
 * Settings of the enrich stage (entities and figures).
 *
 * @example
 * EnrichConfig.parse({}) // { entitiesFile: 'config/entities.yaml', entityModelFile: 'models/entity-tagger.bin', maxEntities: 0 }
 */
export const EnrichConfig = z
  .object({
    /** The gazetteer: canonical entities and their aliases in ja/ko/en (relative paths resolve from the working directory). */
    entitiesFile: z.string().min(1).default('config/entities.yaml'),
    /** The learned entity tagger's weights (rebuilt by `npm run train`; relative paths resolve from the working directory, then kiji's own copy). */
    entityModelFile: z.string().min(1).default('models/entity-tagger.bin'),
    /** At most this many entities per article, the most salient first (0 = no limit). */
    maxEntities: z.number().int().min(0).default(0),
  })
  .prefault({});
export type EnrichConfig = z.infer<typeof EnrichConfig>;
