/**
 * Review overrides: a reviewer marks a dedupe decision wrong. Two kinds:
 *
 * - `keep`: a span dedupe dropped (a paragraph, or one sentence of it) must
 *   stay in the text. Stored by the dropped span's position in the original
 *   block sequence (`index`, `sentence`), which extract fixes and re-analysis
 *   does not move, with its text as a check.
 * - `not-duplicate`: the article is not a duplicate of the one dedupe linked
 *   it to. Applied to the stored link at once, and to the linker's answer on
 *   every later ingest.
 *
 * Overrides live in their own table (migration 005) so re-analysis, which
 * rewrites the stored `Analysis`, never loses them.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { InputError } from '../errors.js';
import type { Dropped } from '../records.js';
import type { ArticleLinks, Store } from '../store/index.js';
import type { Database } from '../store/tables.js';

export const OverrideKind = z.enum(['keep', 'not-duplicate']);
export type OverrideKind = z.infer<typeof OverrideKind>;

export const ReviewOverride = z.object({
  id: z.string(),
  articleId: z.string(),
  kind: OverrideKind,
  /** keep: the dropped span's block index and sentence (null: the whole block). */
  index: z.number().int().nonnegative().nullable(),
  sentence: z.number().int().nonnegative().nullable(),
  /** keep: the reason dedupe gave, and the span's text when the override was made. */
  reason: z.string().nullable(),
  text: z.string().nullable(),
  /** not-duplicate: the article dedupe had linked this one to, and the similarity it gave. */
  otherId: z.string().nullable(),
  similarity: z.number().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type ReviewOverride = z.infer<typeof ReviewOverride>;

/** What a reviewer submits; validated at the web edge. */
export const OverrideRequest = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('keep'),
    index: z.coerce.number().int().nonnegative(),
    // An empty form field means the whole block.
    sentence: z.preprocess((v) => (v === '' || v === undefined || v === null ? null : v), z.coerce.number().int().nonnegative().nullable()),
    note: z.string().max(2000).optional(),
  }),
  z.object({ kind: z.literal('not-duplicate'), other: z.string().min(1).max(200), note: z.string().max(2000).optional() }),
]);
export type OverrideRequest = z.infer<typeof OverrideRequest>;

export interface ReviewOverridesTable {
  id: string;
  article_id: string;
  kind: string;
  target: string;
  drop_index: number | null;
  drop_sentence: number | null;
  drop_reason: string | null;
  text: string | null;
  other_id: string | null;
  similarity: number | null;
  note: string | null;
  created_at: string;
}

type OverrideDb = Kysely<Database & { review_overrides: ReviewOverridesTable }>;
const tables = (store: Store): OverrideDb => store.db.withTables<{ review_overrides: ReviewOverridesTable }>();

const targetOf = (o: { kind: OverrideKind; index?: number | null; sentence?: number | null; otherId?: string | null }) =>
  o.kind === 'keep' ? `keep:${o.index}:${o.sentence ?? '-'}` : `not-duplicate:${o.otherId}`;

const fromRow = (r: ReviewOverridesTable): ReviewOverride => ({
  id: r.id,
  articleId: r.article_id,
  kind: OverrideKind.parse(r.kind),
  index: r.drop_index,
  sentence: r.drop_sentence,
  reason: r.drop_reason,
  text: r.text,
  otherId: r.other_id,
  similarity: r.similarity,
  note: r.note,
  createdAt: r.created_at,
});

/** True when the override is about this dropped span. */
export function overrideMatches(o: ReviewOverride, d: Pick<Dropped, 'index' | 'sentence'>): boolean {
  return o.kind === 'keep' && o.index === d.index && (o.sentence ?? null) === (d.sentence ?? null);
}

/**
 * Record an override (the same one twice is recorded once). A `keep` names a
 * span of the article's current `dropped`; a `not-duplicate` clears the
 * stored link at once.
 *
 * @example
 * await addOverride(store, article, { kind: 'keep', index: 15, sentence: null }, new Date());
 */
export async function addOverride(
  store: Store,
  article: { id: string; duplicateOf: string | null; similarity: number | null; analysis: { dropped: Dropped[] } },
  req: OverrideRequest,
  at: Date,
): Promise<ReviewOverride> {
  const db = tables(store);
  let row: ReviewOverridesTable;
  if (req.kind === 'keep') {
    const drop = article.analysis.dropped.find((d) => d.index === req.index && (d.sentence ?? null) === req.sentence);
    if (!drop) throw new InputError('dedupe', 'bad_request', `dedupe: no dropped span ¶${req.index}${req.sentence === null ? '' : ` sentence ${req.sentence}`} in ${article.id}`);
    row = {
      id: randomUUID(), article_id: article.id, kind: 'keep', target: targetOf({ kind: 'keep', index: req.index, sentence: req.sentence }),
      drop_index: req.index, drop_sentence: req.sentence, drop_reason: drop.reason, text: drop.text,
      other_id: null, similarity: null, note: req.note?.trim() || null, created_at: at.toISOString(),
    };
  } else {
    row = {
      id: randomUUID(), article_id: article.id, kind: 'not-duplicate', target: targetOf({ kind: 'not-duplicate', otherId: req.other }),
      drop_index: null, drop_sentence: null, drop_reason: null, text: null,
      other_id: req.other, similarity: article.duplicateOf === req.other ? article.similarity : null, note: req.note?.trim() || null, created_at: at.toISOString(),
    };
  }
  await db.insertInto('review_overrides').values(row).onConflict((oc) => oc.columns(['article_id', 'target']).doNothing()).execute();
  if (req.kind === 'not-duplicate') {
    await db.updateTable('articles').set({ duplicate_of: null, similarity: null }).where('id', '=', article.id).where('duplicate_of', '=', req.other).execute();
  }
  const stored = await db.selectFrom('review_overrides').selectAll().where('article_id', '=', article.id).where('target', '=', row.target).executeTakeFirstOrThrow();
  return fromRow(stored);
}

/**
 * Withdraw an override. Undoing a `not-duplicate` puts the link back as dedupe had made it.
 *
 * @example
 * await removeOverride(store, override.id);
 */
export async function removeOverride(store: Store, id: string): Promise<ReviewOverride | null> {
  const db = tables(store);
  const row = await db.selectFrom('review_overrides').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  await db.deleteFrom('review_overrides').where('id', '=', id).execute();
  if (row.kind === 'not-duplicate' && row.other_id) {
    await db.updateTable('articles').set({ duplicate_of: row.other_id, similarity: row.similarity }).where('id', '=', row.article_id).where('duplicate_of', 'is', null).execute();
  }
  return fromRow(row);
}

/**
 * The overrides of one article, oldest first.
 *
 * @example
 * const keep = (await overridesFor(store, analysis.id)).filter((o) => o.kind === 'keep');
 */
export async function overridesFor(store: Store, articleId: string): Promise<ReviewOverride[]> {
  const rows = await tables(store).selectFrom('review_overrides').selectAll().where('article_id', '=', articleId).orderBy('created_at').orderBy('id').execute();
  return rows.map(fromRow);
}

/**
 * Every override, newest first.
 *
 * @example
 * for (const o of await listOverrides(store)) console.log(o.articleId, o.kind);
 */
export async function listOverrides(store: Store, limit = 500): Promise<ReviewOverride[]> {
  const rows = await tables(store).selectFrom('review_overrides').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
  return rows.map(fromRow);
}

/**
 * The linker's answer with the reviewer's `not-duplicate` overrides applied:
 * a link a reviewer rejected is not made again. The story cluster stays.
 *
 * @example
 * const links = applyLinkOverrides(await link(analysis, store, ctx), await overridesFor(store, analysis.id));
 */
export function applyLinkOverrides(links: ArticleLinks, overrides: readonly ReviewOverride[]): ArticleLinks {
  if (!links.duplicateOf) return links;
  const rejected = overrides.some((o) => o.kind === 'not-duplicate' && o.otherId === links.duplicateOf);
  return rejected ? { ...links, duplicateOf: null, similarity: null } : links;
}
