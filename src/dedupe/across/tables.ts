/**
 * The store tables of cross-document dedupe (migration 002-dedupe). Reached
 * through `store.db.withTables<DedupeTables>()`, so the core `Database`
 * type does not need to know them.
 */
// A type alias, not an interface: kysely's withTables needs an index-compatible record type.
export type DedupeTables = {
  /** One row per article: its fingerprints and how it was linked. */
  dedupe_signatures: {
    article_id: string;
    lang: string;
    /** sha256 (hex, 32) of the body's letters and digits. */
    content_hash: string;
    /** MinHash signature, base64 of little-endian uint32s. */
    minhash: string;
    duplicate_of: string | null;
    similarity: number | null;
    cluster_id: string;
    /** How strongly the article joined its cluster (null when it founded it). */
    cluster_score: number | null;
    /** Publication time, or ingest time when unknown (ISO 8601 UTC). */
    at: string;
  };
  /** LSH buckets: `<band>:<hash>` → article. */
  dedupe_bands: { bucket: string; article_id: string };
  /** Canonical URLs seen → the article first stored under them. */
  dedupe_urls: { url: string; article_id: string };
  /** Story features (canonical entities, normalised figures) → article and its cluster. */
  dedupe_features: { feature: string; article_id: string; cluster_id: string; lang: string; at: string };
};
