import { sql, type Kysely } from 'kysely';

/**
 * The failures table holds two kinds of rows: errors (a stage failed, with
 * an error code) and skips (a document kiji chose not to keep: a duplicate,
 * not an article, a language it does not handle). `kind` keeps them apart,
 * so a skip reason is never read as an error code. Rows written before this
 * migration are sorted by their code; an old `empty` row cannot be told
 * apart (both a skip and an error code) and stays an error.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('failures').addColumn('kind', 'text', (c) => c.notNull().defaultTo('error')).execute();
  await sql`update failures set kind = 'skip' where code in ('duplicate', 'not-an-article', 'unsupported-language')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('failures').dropColumn('kind').execute();
}
