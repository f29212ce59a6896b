import type { Kysely } from 'kysely';

/**
 * Review overrides: a reviewer said a dedupe decision was wrong (keep this
 * dropped span; this article is not a duplicate). Kept apart from the
 * articles so a re-analysis can re-apply them (see src/review/overrides.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('review_overrides')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    // What the override is about, as one comparable key: `keep:17:0`, `keep:36:-`, `not-duplicate:<other id>`.
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('drop_index', 'integer')
    .addColumn('drop_sentence', 'integer')
    .addColumn('drop_reason', 'text')
    .addColumn('text', 'text')
    .addColumn('other_id', 'text')
    .addColumn('similarity', 'real')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('review_overrides_target', ['article_id', 'target'])
    .execute();
  await db.schema.createIndex('review_overrides_article').on('review_overrides').column('article_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('review_overrides').execute();
}
