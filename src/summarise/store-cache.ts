import type { Kysely } from 'kysely';
import type { Store } from '../store/index.js';
import type { CachedReply, SummaryCache } from './llm/cache.js';
import { LlmSummary } from './llm/schema.js';

/** The `summaries` table of migration 004, as kysely sees it. */
interface SummariesDb {
  summaries: {
    content_id: string;
    lang: string;
    model: string;
    prompt_version: number;
    reply: string;
    prompt_tokens: number;
    completion_tokens: number;
    created_at: string;
  };
}

/**
 * The summary cache kept in the store (SQLite or PostgreSQL): survives
 * restarts and is shared by every worker on the same database.
 *
 * @example
 * const store = await openStore(ctx.config.store.db);
 * provideSummaryCache(ctx, storeSummaryCache(store, ctx.clock));
 */
export function storeSummaryCache(store: Store, clock: () => Date = () => new Date()): SummaryCache {
  const db = store.db as unknown as Kysely<SummariesDb>;
  return {
    async get(k) {
      const row = await db
        .selectFrom('summaries')
        .selectAll()
        .where('content_id', '=', k.contentId)
        .where('lang', '=', k.lang)
        .where('model', '=', k.model)
        .where('prompt_version', '=', k.promptVersion)
        .executeTakeFirst();
      if (!row) return null;
      // A row that no longer validates (an older reply shape) is a miss, not an error.
      const parsed = LlmSummary.safeParse(JSON.parse(row.reply));
      if (!parsed.success) return null;
      return { summary: parsed.data, promptTokens: row.prompt_tokens, completionTokens: row.completion_tokens, model: row.model } satisfies CachedReply;
    },
    async put(k, v) {
      await db
        .insertInto('summaries')
        .values({
          content_id: k.contentId,
          lang: k.lang,
          model: k.model,
          prompt_version: k.promptVersion,
          reply: JSON.stringify(v.summary),
          prompt_tokens: v.promptTokens,
          completion_tokens: v.completionTokens,
          created_at: clock().toISOString(),
        })
        .onConflict((oc) => oc.columns(['content_id', 'lang', 'model', 'prompt_version']).doNothing())
        .execute();
    },
  };
}
