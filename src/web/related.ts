/**
 * What the reader links an article to: the original it duplicates, its own
 * duplicates, its story cluster (dedupe's cluster id), and the other reports
 * the digest folds into the same story (same figures and entities, any
 * language) when dedupe gave no cluster.
 */
import { foldStories } from '../digest/build.js';
import { findConflicts, type Conflict } from '../digest/conflicts.js';
import type { ArticleListing, Store, StoredArticle } from '../store/index.js';

export interface Related {
  duplicateOf: ArticleListing | null;
  duplicates: ArticleListing[];
  cluster: ArticleListing[];
  /** Reports of the same story by the digest's folding, beyond the ones above. */
  story: ArticleListing[];
  /** Figures this article states that other reports of its story give differently. */
  conflicts: Conflict[];
}

const WEEK = 7 * 86_400_000;

const listingOf = ({ analysis: _a, ...l }: StoredArticle): ArticleListing => l;

/**
 * @example
 * const rel = await relatedArticles(store, article);
 * rel.duplicates.map((d) => d.id)
 */
export async function relatedArticles(store: Store, article: StoredArticle): Promise<Related> {
  const db = store.db;
  const cols = ['id', 'title', 'url', 'lang', 'published_at', 'ingested_at', 'duplicate_of', 'similarity', 'cluster_id'] as const;
  const toListing = (r: { id: string; title: string; url: string | null; lang: string; published_at: string | null; ingested_at: string; duplicate_of: string | null; similarity: number | null; cluster_id: string | null }): ArticleListing => ({
    id: r.id, title: r.title, url: r.url, lang: r.lang as ArticleListing['lang'], publishedAt: r.published_at, ingestedAt: r.ingested_at,
    duplicateOf: r.duplicate_of, similarity: r.similarity, clusterId: r.cluster_id,
  });
  const original = article.duplicateOf ? await db.selectFrom('articles').select(cols).where('id', '=', article.duplicateOf).executeTakeFirst() : undefined;
  const duplicates = await db.selectFrom('articles').select(cols).where('duplicate_of', '=', article.id).orderBy('id').execute();
  const cluster = article.clusterId
    ? await db.selectFrom('articles').select(cols).where('cluster_id', '=', article.clusterId).where('id', '!=', article.id).orderBy('id').limit(50).execute()
    : [];
  const seen = new Set([article.id, ...(original ? [original.id] : []), ...duplicates.map((d) => d.id), ...cluster.map((c) => c.id)]);

  // The digest's own folding, over the fortnight around the article: what a reader sees as one story.
  const t = Date.parse(article.publishedAt ?? article.ingestedAt);
  const around = Number.isNaN(t) ? [] : await store.loadArticles({ from: new Date(t - WEEK).toISOString(), to: new Date(t + WEEK).toISOString(), limit: 500 });
  if (!around.some((a) => a.id === article.id)) around.push(article);
  const byId = new Map(around.map((a) => [a.id, a]));
  const story: ArticleListing[] = [];
  let conflicts: Conflict[] = [];
  for (const members of foldStories(around, byId).values()) {
    if (!members.some((m) => m.id === article.id)) continue;
    for (const m of members) if (!seen.has(m.id)) story.push(listingOf(byId.get(m.id)!));
    conflicts = findConflicts(members).filter((c) => c.claims.some((x) => x.articleId === article.id));
  }
  // Each article is listed once, under its closest link.
  const linked = new Set([...(original ? [original.id] : []), ...duplicates.map((d) => d.id)]);
  return { duplicateOf: original ? toListing(original) : null, duplicates: duplicates.map(toListing), cluster: cluster.filter((c) => !linked.has(c.id)).map(toListing), story, conflicts };
}
