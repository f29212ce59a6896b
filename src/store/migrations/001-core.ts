import type { Kysely } from 'kysely';

/** Articles and the failures recorded while ingesting them. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('articles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('ingested_at', 'text', (c) => c.notNull())
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('source_uri', 'text', (c) => c.notNull())
    .addColumn('duplicate_of', 'text')
    .addColumn('similarity', 'real')
    .addColumn('cluster_id', 'text')
    .addColumn('analysis', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('articles_published_at').on('articles').column('published_at').execute();
  await db.schema.createIndex('articles_ingested_at').on('articles').column('ingested_at').execute();
  await db.schema.createIndex('articles_cluster_id').on('articles').column('cluster_id').execute();
  await db.schema
    .createTable('failures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('input', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('retryable', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('failures_at').on('failures').column('at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('failures').execute();
  await db.schema.dropTable('articles').execute();
}
