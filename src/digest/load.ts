import type { StageContext } from '../context.js';
import type { Lang } from '../records.js';
import type { Store } from '../store/index.js';
import { buildDigest, type Digest } from './build.js';
import type { Window } from './window.js';

/**
 * Load a window's articles from the store and build their digest. With `ids`,
 * only those articles (and whatever shares their story cluster) count: what
 * one ingest run brought in.
 *
 * @example
 * const digest = await digestFromStore(store, ctx, { window: { from: null, to: null }, ids: stored });
 * process.stdout.write(renderDigest(digest, 'md'));
 */
export async function digestFromStore(
  store: Store,
  ctx: StageContext,
  opts: { window: Window; lang?: Lang | null; ids?: readonly string[]; title?: string; maxStories?: number },
): Promise<Digest> {
  let articles = await store.loadArticles({ ...(opts.window.from ? { from: opts.window.from } : {}), ...(opts.window.to ? { to: opts.window.to } : {}) });
  if (opts.ids) {
    const wanted = new Set(opts.ids);
    const clusters = new Set(articles.filter((a) => wanted.has(a.id) && a.clusterId).map((a) => a.clusterId!));
    articles = articles.filter((a) => wanted.has(a.id) || (a.clusterId !== null && clusters.has(a.clusterId)));
  }
  return buildDigest(articles, {
    from: opts.window.from,
    to: opts.window.to,
    lang: opts.lang ?? null,
    timeZone: ctx.config.timeZone,
    now: ctx.clock(),
    ...(opts.title ? { title: opts.title } : {}),
    ...(opts.maxStories ? { maxStories: opts.maxStories } : {}),
  });
}
