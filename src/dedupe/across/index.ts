/**
 * Dedupe across documents: link a new article to what the store already
 * holds, before it is stored. In order: the same canonical URL, the same body
 * (content hash), a near-duplicate (MinHash + LSH over the store's buckets),
 * and else a story cluster (shared canonical entities and normalised figures
 * across languages, or text similarity within one). A duplicate is linked to
 * its original (`duplicateOf`, similarity), never deleted. Everything lives
 * in the store, so it holds across processes, restarts and (PostgreSQL)
 * machines. Linking and saving are one transaction under per-key locks
 * (`linkAndSave`), so concurrent workers agree on which copy is the original.
 */
import { sql, type Kysely } from 'kysely';
import type { StageContext } from '../../context.js';
import type { Analysis } from '../../records.js';
import { applyLinkOverrides, type ReviewOverride } from '../../review/overrides.js';
import type { ArticleLinks, SaveResult, Store, StoreTx } from '../../store/index.js';
import type { Database } from '../../store/tables.js';
import type { AcrossConfig } from '../config.js';
import { bandKeys, contentHash, decodeSignature, documentShingles, encodeSignature, estimateJaccard, signature } from './minhash.js';
import type { DedupeTables } from './tables.js';
import { canonicalUrl } from './url.js';

type Db = Kysely<Database & DedupeTables>;

/** How and why an article was linked; `linkDuplicates` returns the `ArticleLinks` part. */
export interface LinkDecision extends ArticleLinks {
  clusterId: string;
  /** What found the original: a URL, the content hash, MinHash; null for an original. */
  via: 'url' | 'content-hash' | 'minhash' | null;
  /** How the cluster was joined; null when the article founded it. */
  clusterVia: 'duplicate' | 'entities-figures' | 'text' | null;
  clusterScore: number | null;
}

/** What linking needs of an article, computed outside the lock. */
interface LinkPlan {
  id: string;
  url: string | null;
  hash: string;
  sig: Uint32Array;
  keys: string[];
  features: ReturnType<typeof storyFeatures>;
  at: string;
}

function planLinks(analysis: Analysis, cfg: AcrossConfig, now: Date): LinkPlan {
  const sig = signature(documentShingles(analysis.text, cfg), { k: cfg.minhashSize });
  return {
    id: analysis.id,
    url: canonicalUrl(analysis.url ?? (analysis.source.kind === 'file' || analysis.source.kind === 'stdin' ? null : analysis.source.uri)),
    hash: contentHash(analysis.text),
    sig,
    keys: bandKeys(sig, cfg),
    features: storyFeatures(analysis, cfg),
    at: analysis.publishedAt ?? now.toISOString(),
  };
}

/**
 * The locks a link decision takes: everything two articles must share to be
 * found as copies of each other (the same id, canonical URL, body hash, an LSH
 * bucket) or as the same story (a story feature). Near-copies share a bucket,
 * so two workers linking them at once take turns, and the second one sees the
 * first; articles that share nothing never wait on each other.
 */
function lockKeys(plan: LinkPlan): string[] {
  return [
    `dedupe:id:${plan.id}`,
    ...(plan.url ? [`dedupe:url:${plan.url}`] : []),
    `dedupe:hash:${plan.hash}`,
    ...plan.keys.map((k) => `dedupe:band:${k}`),
    ...plan.features.all.map((f) => `dedupe:story:${f}`),
  ];
}

/**
 * link, then store, as one step: decide how a new article relates to what
 * the store holds and save it with those links, in one transaction under the
 * locks of `lockKeys`. Two workers on two machines linking near-copies of the
 * same new article at the same instant therefore give one original and one
 * linked copy (see docs/dedupe.md). Idempotent: the same article again gets
 * the answer it got the first time. A reviewer's "not a duplicate" override
 * (`overrides`) unlinks it from that original.
 *
 * @example
 * const { links, saved } = await linkAndSave(analysis, store, ctx);
 * links.duplicateOf; // the root original, or null
 */
export async function linkAndSave(
  analysis: Analysis,
  store: Store,
  ctx: StageContext,
  opts: { overrides?: readonly ReviewOverride[] } = {},
): Promise<{ decision: LinkDecision; links: ArticleLinks; saved: SaveResult }> {
  const plan = planLinks(analysis, ctx.config.dedupe.across, ctx.clock());
  const result = await store.exclusive(lockKeys(plan), async (tx) => {
    const decision = await decideAndRecord(tx, analysis, plan, ctx);
    const links = applyLinkOverrides(decision, opts.overrides ?? []);
    const saved = await tx.saveArticle(analysis, links, ctx.clock());
    return { decision, links: { duplicateOf: links.duplicateOf, similarity: links.similarity, clusterId: links.clusterId }, saved };
  });
  ctx.log.debug('linked', {
    article_id: analysis.id,
    duplicate_of: result.links.duplicateOf,
    similarity: result.links.similarity,
    via: result.decision.via,
    cluster_id: result.links.clusterId,
    cluster_via: result.decision.clusterVia,
  });
  return result;
}

/**
 * Link an analysed article without saving it (the review of a file, the
 * bench); `linkAndSave` is what ingest uses. Idempotent.
 *
 * @example
 * const links = await linkDuplicates(analysis, store, ctx);
 */
export async function linkDuplicates(analysis: Analysis, store: Store, ctx: StageContext): Promise<ArticleLinks & { clusterId: string }> {
  const d = await decideLinks(analysis, store, ctx);
  return { duplicateOf: d.duplicateOf, similarity: d.similarity, clusterId: d.clusterId };
}

/**
 * `linkDuplicates` with the reasons (for logs, the review and tests).
 *
 * @example
 * const d = await decideLinks(analysis, store, ctx); // d.via === 'minhash'
 */
export async function decideLinks(analysis: Analysis, store: Store, ctx: StageContext): Promise<LinkDecision> {
  const plan = planLinks(analysis, ctx.config.dedupe.across, ctx.clock());
  return store.exclusive(lockKeys(plan), (tx) => decideAndRecord(tx, analysis, plan, ctx));
}

/**
 * The stored article most like this one by MinHash over the LSH buckets, when
 * at least `docNear` similar: a read only, no lock taken and nothing recorded
 * (the near-duplicate lookup `linkAndSave` makes, on its own, for the bench
 * and for looking without storing).
 *
 * @example
 * const near = await findNearDuplicate(analysis, store, ctx); // { id, similarity } | null
 */
export async function findNearDuplicate(analysis: Analysis, store: Store, ctx: StageContext): Promise<{ id: string; similarity: number } | null> {
  const cfg = ctx.config.dedupe.across;
  const plan = planLinks(analysis, cfg, ctx.clock());
  const best = await nearest(store.db.withTables<DedupeTables>() as Db, plan.keys, plan.sig, plan.id, cfg);
  return best && best.similarity >= cfg.docNear ? best : null;
}

/** Inside the lock: the stored answer for a known article, else a fresh decision, recorded. */
async function decideAndRecord(tx: StoreTx, analysis: Analysis, plan: LinkPlan, ctx: StageContext): Promise<LinkDecision> {
  const cfg = ctx.config.dedupe.across;
  const db = tx.db.withTables<DedupeTables>() as Db;
  const dialect = tx.dialect;
  const { id, url, hash, sig, keys, features, at } = plan;

  const known = await db.selectFrom('dedupe_signatures').selectAll().where('article_id', '=', id).executeTakeFirst();
  if (known) {
    return {
      duplicateOf: known.duplicate_of,
      similarity: known.similarity,
      clusterId: known.cluster_id,
      via: known.duplicate_of ? 'minhash' : null,
      clusterVia: null,
      clusterScore: known.cluster_score,
    };
  }

  let dup: { id: string; similarity: number; via: LinkDecision['via'] } | null = null;
  if (url) {
    const row = await db.selectFrom('dedupe_urls').select('article_id').where('url', '=', url).executeTakeFirst();
    if (row && row.article_id !== id) dup = { id: row.article_id, similarity: await similarityTo(db, row.article_id, sig), via: 'url' };
  }
  if (!dup) {
    const row = await db.selectFrom('dedupe_signatures').select('article_id').where('content_hash', '=', hash).where('article_id', '!=', id).executeTakeFirst();
    if (row) dup = { id: row.article_id, similarity: 1, via: 'content-hash' };
  }
  if (!dup) {
    const best = await nearest(db, keys, sig, id, cfg);
    if (best && best.similarity >= cfg.docNear) dup = { ...best, via: 'minhash' };
  }

  let decision: LinkDecision;
  if (dup) {
    // Link to the root original, so a copy of a copy points at the first article.
    const orig = await db.selectFrom('dedupe_signatures').select(['article_id', 'duplicate_of', 'cluster_id']).where('article_id', '=', dup.id).executeTakeFirst();
    const root = orig?.duplicate_of ?? dup.id;
    const cluster = orig?.cluster_id ?? root;
    decision = { duplicateOf: root, similarity: round(dup.similarity), clusterId: cluster, via: dup.via, clusterVia: 'duplicate', clusterScore: round(dup.similarity) };
  } else {
    const story = await findStory(db, dialect, analysis, features, sig, at, cfg);
    decision = story
      ? { duplicateOf: null, similarity: null, clusterId: story.clusterId, via: null, clusterVia: story.via, clusterScore: round(story.score) }
      : { duplicateOf: null, similarity: null, clusterId: id, via: null, clusterVia: null, clusterScore: null };
  }

  const signatureRow = {
    article_id: id,
    lang: analysis.lang,
    content_hash: hash,
    minhash: encodeSignature(sig),
    duplicate_of: decision.duplicateOf,
    similarity: decision.similarity,
    cluster_id: decision.clusterId,
    cluster_score: decision.clusterScore,
    at,
  };
  const bandRows = keys.map((bucket) => ({ bucket, article_id: id }));
  const featureRows = features.all.map((feature) => ({ feature, article_id: id, cluster_id: decision.clusterId, lang: analysis.lang, at }));
  if (dialect === 'postgres') {
    // One round trip for the four inserts (data-modifying CTEs all run): on a server, each statement is a wait.
    let q = db
      .with('s', (w) => w.insertInto('dedupe_signatures').values(signatureRow))
      .with('b', (w) => w.insertInto('dedupe_bands').values(bandRows).onConflict((oc) => oc.columns(['bucket', 'article_id']).doNothing()));
    if (url) q = q.with('u', (w) => w.insertInto('dedupe_urls').values({ url, article_id: id }).onConflict((oc) => oc.column('url').doNothing())) as unknown as typeof q;
    if (featureRows.length) q = q.with('f', (w) => w.insertInto('dedupe_features').values(featureRows).onConflict((oc) => oc.columns(['feature', 'article_id']).doNothing())) as unknown as typeof q;
    await q.selectNoFrom(sql<number>`1`.as('done')).execute();
    return decision;
  }
  await db.insertInto('dedupe_signatures').values(signatureRow).execute();
  await db
    .insertInto('dedupe_bands')
    .values(bandRows)
    .onConflict((oc) => oc.columns(['bucket', 'article_id']).doNothing())
    .execute();
  if (url) await db.insertInto('dedupe_urls').values({ url, article_id: id }).onConflict((oc) => oc.column('url').doNothing()).execute();
  if (featureRows.length) {
    await db
      .insertInto('dedupe_features')
      .values(featureRows)
      .onConflict((oc) => oc.columns(['feature', 'article_id']).doNothing())
      .execute();
  }
  return decision;
}

async function similarityTo(db: Db, other: string, sig: Uint32Array): Promise<number> {
  const row = await db.selectFrom('dedupe_signatures').select('minhash').where('article_id', '=', other).executeTakeFirst();
  return row ? estimateJaccard(sig, decodeSignature(row.minhash)) : 1;
}

/** The stored article most similar to `sig` among those sharing an LSH bucket with it. */
async function nearest(db: Db, keys: string[], sig: Uint32Array, self: string, cfg: AcrossConfig): Promise<{ id: string; similarity: number } | null> {
  const rows = await db.selectFrom('dedupe_bands').select('article_id').where('bucket', 'in', keys).where('article_id', '!=', self).limit(cfg.maxCandidates * 4).execute();
  const ids = [...new Set(rows.map((r) => r.article_id))].slice(0, cfg.maxCandidates);
  if (ids.length === 0) return null;
  const sigs = await db.selectFrom('dedupe_signatures').select(['article_id', 'minhash']).where('article_id', 'in', ids).execute();
  let best: { id: string; similarity: number } | null = null;
  for (const r of sigs) {
    const s = estimateJaccard(sig, decodeSignature(r.minhash));
    if (!best || s > best.similarity || (s === best.similarity && r.article_id < best.id)) best = { id: r.article_id, similarity: s };
  }
  return best;
}

/**
 * Story features of an article: its most salient canonical entities and its
 * normalised figures (money with its currency, counts and quantities by
 * value), the same in every language.
 *
 * @example
 * storyFeatures(analysis, cfg).all // ['e:nvidia', 'e:korea', 'f:count:260000', …]
 */
export function storyFeatures(a: Analysis, cfg: AcrossConfig): { entities: string[]; figures: string[]; all: string[] } {
  const entities = [...a.entities]
    .filter((e) => e.type !== 'OTHER' && e.canonical.trim())
    .sort((x, y) => y.salience - x.salience || x.canonical.localeCompare(y.canonical))
    .slice(0, cfg.maxEntities)
    .map((e) => `e:${e.canonical.normalize('NFKC').toLowerCase()}`);
  const figures: string[] = [];
  for (const f of a.figures) {
    if (f.value === null || !['money', 'count', 'quantity'].includes(f.kind)) continue;
    // Small numbers (3 companies, 5 years) are everywhere; a story is told by its big figures.
    if (Math.abs(f.value) < 100) continue;
    const key = f.kind === 'money' ? `f:money:${f.value}:${f.unit ?? ''}` : `f:n:${f.value}`;
    if (!figures.includes(key)) figures.push(key);
    if (figures.length >= cfg.maxFigures) break;
  }
  const uniq = [...new Set(entities)];
  return { entities: uniq, figures, all: [...uniq, ...figures] };
}

async function findStory(
  db: Db,
  dialect: StoreTx['dialect'],
  a: Analysis,
  features: ReturnType<typeof storyFeatures>,
  sig: Uint32Array,
  at: string,
  cfg: AcrossConfig,
): Promise<{ clusterId: string; score: number; via: 'entities-figures' | 'text' } | null> {
  if (features.entities.length === 0) return null;
  const t = Date.parse(at);
  const span = cfg.storyWindowHours * 3600_000;
  const from = new Date((Number.isNaN(t) ? Date.now() : t) - span).toISOString();
  const to = new Date((Number.isNaN(t) ? Date.now() : t) + span).toISOString();
  // The newest rows over all features, read newest first per feature from the lookup index (migration 007)
  // rather than every row a popular entity has in the window, sorted. SQLite merges one sorted scan per
  // feature (a compound ORDER BY, no sort) and stops at the limit; PostgreSQL, whose planner would not merge,
  // takes the newest of each feature through one LATERAL join over the features as an array (planned once
  // whatever their number) and keeps the newest of those.
  const newest =
    dialect === 'postgres'
      ? sql`select * from (select d.* from unnest(${features.all}::text[]) as f(feature) cross join lateral (
          select feature, article_id, cluster_id, lang, at from dedupe_features
          where feature = f.feature and at >= ${from} and at <= ${to} and article_id != ${a.id}
          order by at desc, article_id desc limit ${cfg.maxFeatureRows}) as d) as u
          order by at desc, article_id desc limit ${cfg.maxFeatureRows}`
      : sql`${sql.join(
          features.all.map(
            (f) => sql`select feature, article_id, cluster_id, lang, at from dedupe_features
              where feature = ${f} and at >= ${from} and at <= ${to} and article_id != ${a.id}`,
          ),
          sql` union all `,
        )} order by at desc, article_id desc limit ${cfg.maxFeatureRows}`;
  // Counted per article in the database, so only the articles that can matter come back (not up to
  // maxFeatureRows rows): every one sharing enough entities and figures (kind 1), and the first 100, newest
  // first, sharing an entity in the same language (kind 2), the candidates for text similarity.
  const { rows } = await sql<{ article_id: string; cluster_id: string; entities: number | string; features: number | string; kind: number | string }>`
    with newest as (${newest}),
    per_article as (
      select article_id, min(cluster_id) as cluster_id, min(lang) as lang, max(at) as last, count(*) as features,
        sum(case when substr(feature, 1, 2) = 'e:' then 1 else 0 end) as entities
      from newest group by article_id),
    kinds as (
      select *, case when entities >= ${cfg.storyMinEntities} and features - entities >= ${cfg.storyMinFigures} then 1
        when lang = ${a.lang} and entities >= 1 then 2 else 0 end as kind
      from per_article),
    ranked as (select *, row_number() over (partition by kind order by last desc, article_id desc) as n from kinds where kind > 0)
    select article_id, cluster_id, entities, features, kind from ranked where kind = 1 or n <= 100 order by kind, n`.execute(db);
  let best: { clusterId: string; score: number; via: 'entities-figures' | 'text' } | null = null;
  const consider = (c: { clusterId: string; score: number; via: 'entities-figures' | 'text' }) => {
    if (!best || c.score > best.score || (c.score === best.score && c.clusterId < best.clusterId)) best = c;
  };
  const textCandidates: string[] = [];
  for (const r of rows) {
    // Share of this article's features the other one has: how much of the story they tell together.
    if (Number(r.kind) === 1) consider({ clusterId: r.cluster_id, score: Number(r.features) / features.all.length, via: 'entities-figures' });
    else textCandidates.push(r.article_id);
  }
  if (!best && textCandidates.length) {
    const sigs = await db.selectFrom('dedupe_signatures').select(['article_id', 'minhash', 'cluster_id']).where('article_id', 'in', textCandidates.slice(0, 100)).execute();
    for (const r of sigs) {
      const s = estimateJaccard(sig, decodeSignature(r.minhash));
      if (s >= cfg.storyText) consider({ clusterId: r.cluster_id, score: s, via: 'text' });
    }
  }
  return best;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
