import { sql, SqliteAdapter, type Kysely } from 'kysely';

/**
 * Dedupe lookups at a million articles (docs/performance.md).
 *
 * - Story features are read newest first, per feature, from an index that
 *   holds every column the lookup reads: one backward range scan per feature,
 *   no table row fetched and no sort of every row a popular entity has in the
 *   window. It replaces `dedupe_features_feature_at`, which it covers.
 * - SQLite: the LSH bucket table becomes WITHOUT ROWID, the table being its
 *   primary key: one B-tree instead of a table and an index holding the same
 *   two columns, so each article's 20 bucket rows are written once. (A
 *   PostgreSQL table is a heap beside its key either way.)
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('dedupe_features_lookup').on('dedupe_features').columns(['feature', 'at', 'article_id', 'cluster_id', 'lang']).execute();
  await db.schema.dropIndex('dedupe_features_feature_at').execute();
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await sql`create table dedupe_bands_new (bucket text not null, article_id text not null, primary key (bucket, article_id)) without rowid`.execute(db);
    await sql`insert into dedupe_bands_new (bucket, article_id) select bucket, article_id from dedupe_bands order by bucket, article_id`.execute(db);
    await sql`drop table dedupe_bands`.execute(db);
    await sql`alter table dedupe_bands_new rename to dedupe_bands`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('dedupe_features_feature_at').on('dedupe_features').columns(['feature', 'at']).execute();
  await db.schema.dropIndex('dedupe_features_lookup').execute();
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await sql`create table dedupe_bands_old (bucket text not null, article_id text not null, constraint dedupe_bands_pk primary key (bucket, article_id))`.execute(db);
    await sql`insert into dedupe_bands_old (bucket, article_id) select bucket, article_id from dedupe_bands`.execute(db);
    await sql`drop table dedupe_bands`.execute(db);
    await sql`alter table dedupe_bands_old rename to dedupe_bands`.execute(db);
  }
}
