import type { Kysely } from 'kysely';

/**
 * Feed polling state (fetch): per-source conditional-GET validators and
 * health, the item keys already seen per feed, and a log of fetch errors so
 * a user can see which sources fail and why.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('feed_sources')
    .addColumn('url', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text')
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('identity_policy', 'text', (c) => c.notNull().defaultTo('guid'))
    .addColumn('last_fetched_at', 'text')
    .addColumn('last_ok_at', 'text')
    .addColumn('last_status', 'text')
    .addColumn('last_error_code', 'text')
    .addColumn('last_error_message', 'text')
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_fetch_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('feed_items_seen')
    .addColumn('feed_url', 'text', (c) => c.notNull())
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('guid', 'text')
    .addColumn('link', 'text')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('feed_items_seen_pk', ['feed_url', 'item_key'])
    .execute();
  await db.schema.createIndex('feed_items_seen_feed_time').on('feed_items_seen').columns(['feed_url', 'first_seen_at']).execute();
  await db.schema
    .createTable('source_errors')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('retryable', 'integer', (c) => c.notNull())
    .addColumn('status', 'integer')
    .execute();
  await db.schema.createIndex('source_errors_source_at').on('source_errors').columns(['source', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['source_errors', 'feed_items_seen', 'feed_sources']) await db.schema.dropTable(t).execute();
}
