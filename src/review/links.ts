import type { Store } from '../store/index.js';
import type { LinkedArticle, ReviewLinks } from './model.js';

/**
 * What the store links to an article: the original it duplicates, the
 * duplicates of it, and the other members of its story cluster.
 *
 * @example
 * const links = await loadReviewLinks(store, 'a1b2c3');
 */
export async function loadReviewLinks(store: Store, id: string): Promise<ReviewLinks> {
  const self = await store.db.selectFrom('articles').select(['duplicate_of', 'similarity', 'cluster_id']).where('id', '=', id).executeTakeFirst();
  if (!self) return { duplicateOf: null, duplicates: [], clusterId: null, cluster: [] };
  const row = (r: { id: string; title: string; lang: string; similarity: number | null }): LinkedArticle => ({ id: r.id, title: r.title, lang: r.lang, similarity: r.similarity });
  const original = self.duplicate_of
    ? await store.db.selectFrom('articles').select(['id', 'title', 'lang']).where('id', '=', self.duplicate_of).executeTakeFirst()
    : undefined;
  const duplicates = await store.db.selectFrom('articles').select(['id', 'title', 'lang', 'similarity']).where('duplicate_of', '=', id).orderBy('id').execute();
  const cluster = self.cluster_id
    ? await store.db
        .selectFrom('articles')
        .select(['id', 'title', 'lang', 'similarity'])
        .where('cluster_id', '=', self.cluster_id)
        .where('id', '!=', id)
        .orderBy('id')
        .limit(200)
        .execute()
    : [];
  return {
    duplicateOf: original ? { id: original.id, title: original.title, lang: original.lang, similarity: self.similarity } : null,
    duplicates: duplicates.map(row),
    clusterId: self.cluster_id,
    cluster: cluster.map(row),
  };
}
