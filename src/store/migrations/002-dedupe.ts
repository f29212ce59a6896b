import type { Kysely } from 'kysely';

/** Cross-document dedupe: MinHash signatures, LSH buckets, canonical URLs and story features. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('dedupe_signatures')
    .addColumn('article_id', 'text', (c) => c.primaryKey())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('minhash', 'text', (c) => c.notNull())
    .addColumn('duplicate_of', 'text')
    .addColumn('similarity', 'real')
    .addColumn('cluster_id', 'text', (c) => c.notNull())
    .addColumn('cluster_score', 'real')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dedupe_signatures_content_hash').on('dedupe_signatures').column('content_hash').execute();
  await db.schema
    .createTable('dedupe_bands')
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('article_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('dedupe_bands_pk', ['bucket', 'article_id'])
    .execute();
  await db.schema
    .createTable('dedupe_urls')
    .addColumn('url', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('dedupe_features')
    .addColumn('feature', 'text', (c) => c.notNull())
    .addColumn('article_id', 'text', (c) => c.notNull())
    .addColumn('cluster_id', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('dedupe_features_pk', ['feature', 'article_id'])
    .execute();
  await db.schema.createIndex('dedupe_features_feature_at').on('dedupe_features').columns(['feature', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['dedupe_features', 'dedupe_urls', 'dedupe_bands', 'dedupe_signatures']) await db.schema.dropTable(t).execute();
}
