import type { Generated } from 'kysely';

/**
 * The tables kiji keeps, as kysely sees them. Timestamps are ISO 8601 UTC
 * strings in both SQLite and PostgreSQL, so they sort and compare as text.
 * Other stages add their tables here along with a migration.
 */
export interface Database {
  articles: ArticlesTable;
  failures: FailuresTable;
}

export interface ArticlesTable {
  id: string;
  title: string;
  url: string | null;
  lang: string;
  published_at: string | null;
  ingested_at: string;
  source_kind: string;
  source_uri: string;
  /** Set when dedupe linked this article to an earlier one; the article is kept, never deleted. */
  duplicate_of: string | null;
  similarity: number | null;
  cluster_id: string | null;
  /** The whole Analysis record as JSON. */
  analysis: string;
}

export interface FailuresTable {
  id: Generated<string>;
  /** `error` (code is an error code) or `skip` (code is a skip reason). */
  kind: Generated<string>;
  input: string;
  stage: string;
  code: string;
  message: string;
  retryable: number;
  at: string;
}
