/**
 * The web reader as a hono app: server-rendered pages over the store, a
 * strict Content-Security-Policy (no inline script or style; the one script
 * and stylesheet are static files served here), review overrides behind a
 * token when the server listens beyond loopback, and mount points for the
 * queue dashboard and Prometheus metrics.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { StageContext } from '../context.js';
import { formatLocalDate, resolveWindow } from '../digest/window.js';
import { KijiError } from '../errors.js';
import { acquireDocument } from '../fetch/index.js';
import { Lang } from '../records.js';
import { listFeedSources, type FeedTables } from '../store/feeds.js';
import type { Store, StoredArticle } from '../store/index.js';
import type { SafeHtml } from './html.js';
import { errorPage } from './layout.js';
import { addOverride, listOverrides, OverrideRequest, overridesFor, removeOverride } from '../review/overrides.js';
import { renderArticlePage } from './pages/article.js';
import { renderDigestPage, type DigestFilters } from './pages/digest.js';
import { renderLoginPage, renderOverridesPage } from './pages/overrides.js';
import { renderReviewPage, type EditState } from './pages/review.js';
import { renderSourcesPage, type FeedRow, type OutletRow } from './pages/sources.js';
import { ingestDocument } from '../pipeline.js';
import { relatedArticles } from './related.js';

/** A handler in the Fetch API's terms, so a mount needs nothing of hono. */
export type FetchHandler = (req: Request) => Response | Promise<Response>;

/**
 * Routes other parts of kiji serve through the reader. The queue stage
 * provides them (src/queue); while it does not, `/queues` and `/metrics`
 * answer 404 with a plain message.
 */
export interface WebMounts {
  /** The queue dashboard: gets every request under `/queues`. */
  queues?: FetchHandler;
  /** Prometheus text format at `/metrics`. */
  metrics?: FetchHandler;
}

export interface WebOptions {
  store: Store;
  ctx: StageContext;
  /** The server listens beyond loopback: overrides then need `token`, and are off without one. */
  exposed: boolean;
  /** The reviewer token (KIJI_WEB_TOKEN); when set it is always required for overrides. */
  token?: string | null;
  mounts?: WebMounts;
  /** Where relative file sources are resolved when an override re-analyses an article. */
  cwd?: string;
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MOUNTED_POLICY = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const COOKIE = 'kiji_review';
/** A digest page reads at most this many articles (the newest of the window), so a wide window stays fast. */
const MAX_DIGEST_ARTICLES = 2000;
const STATIC: Record<string, { file: string; type: string }> = {
  'app.css': { file: 'app.css', type: 'text/css; charset=utf-8' },
  'app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
};

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(sha256(a));
  const y = Buffer.from(sha256(b));
  return timingSafeEqual(x, y);
}

/**
 * @example
 * const app = createWebApp({ store, ctx, exposed: false });
 * const res = await app.request('/');
 */
export function createWebApp(opts: WebOptions): Hono {
  const { store, ctx } = opts;
  const tz = ctx.config.timeZone;
  const token = opts.token || null;
  const assets = Object.fromEntries(Object.entries(STATIC).map(([name, s]) => [name, { body: readFileSync(new URL(`./static/${s.file}`, import.meta.url), 'utf8'), type: s.type }]));
  const app = new Hono();
  const page = (c: Context, body: SafeHtml, status: 200 | 400 | 401 | 403 | 404 | 500 = 200) => c.html(body.value, status);

  app.use('*', async (c, next) => {
    await next();
    const mounted = c.req.path === '/metrics' || c.req.path === '/queues' || c.req.path.startsWith('/queues/');
    // Our pages get the strict policy. A mounted page (the queue dashboard) keeps its own, or gets one that
    // still forbids every script but lets its inline <style> through.
    if (!mounted) c.res.headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    else if (!c.res.headers.has('Content-Security-Policy')) c.res.headers.set('Content-Security-Policy', MOUNTED_POLICY);
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    // same-origin, not no-referrer: with no-referrer a browser sends `Origin: null` on our own form posts.
    c.res.headers.set('Referrer-Policy', 'same-origin');
    c.res.headers.set('X-Frame-Options', 'DENY');
    c.res.headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  });

  // ------------------------------------------------------------ reviewer auth

  const signedIn = (c: Context) => {
    if (!token) return false;
    const cookie = getCookie(c, COOKIE);
    if (cookie && sameSecret(cookie, sha256(token))) return true;
    const auth = c.req.header('Authorization');
    return !!auth && auth.startsWith('Bearer ') && sameSecret(auth.slice(7), token);
  };
  const editState = (c: Context): EditState => (!token ? (opts.exposed ? 'disabled' : 'open') : signedIn(c) ? 'signed-in' : 'sign-in');

  /** A POST from another site (a page the reviewer happened to open) is refused. */
  const crossSite = (c: Context) => {
    const site = c.req.header('Sec-Fetch-Site');
    if (site && site !== 'same-origin' && site !== 'none') return true;
    const origin = c.req.header('Origin');
    if (!origin || origin === 'null') return origin === 'null';
    try {
      return new URL(origin).host !== (c.req.header('Host') ?? new URL(c.req.url).host);
    } catch {
      return true;
    }
  };

  /** Null when the request may change overrides, else the refusal. */
  const refuse = (c: Context, form: Record<string, unknown>): Response | null => {
    if (crossSite(c)) return page(c, errorPage('Forbidden', 'Overrides can only be made from the reader itself.'), 403);
    const state = editState(c);
    if (state === 'disabled') return page(c, errorPage('Overrides are off', 'This server listens beyond loopback and no reviewer token is configured (set KIJI_WEB_TOKEN and restart).'), 403);
    if (state === 'sign-in' && !(typeof form.token === 'string' && token && sameSecret(form.token, token)))
      return page(c, errorPage('Sign in first', 'Recording overrides needs the reviewer token: open /login.'), 401);
    return null;
  };

  app.get('/login', (c) => page(c, renderLoginPage(localPath(c.req.query('next')), c.req.query('failed') === '1')));
  app.post('/login', async (c) => {
    if (crossSite(c)) return page(c, errorPage('Forbidden', 'Sign in from the reader itself.'), 403);
    const form = await c.req.parseBody();
    const next = localPath(typeof form.next === 'string' ? form.next : '/');
    if (!token || typeof form.token !== 'string' || !sameSecret(form.token, token)) return page(c, renderLoginPage(next, true), 401);
    setCookie(c, COOKIE, sha256(token), { httpOnly: true, sameSite: 'Strict', path: '/', secure: new URL(c.req.url).protocol === 'https:' });
    return c.redirect(next, 303);
  });

  // ------------------------------------------------------------ static files

  app.get('/static/:name', (c) => {
    const a = assets[c.req.param('name')];
    if (!a) return c.text('not found', 404);
    return c.body(a.body, 200, { 'Content-Type': a.type, 'Cache-Control': 'public, max-age=3600' });
  });

  // No icon: an empty answer keeps browsers from logging a 404 on every page.
  app.get('/favicon.ico', (c) => c.body(null, 204));

  // ------------------------------------------------------------ digest

  app.get('/', async (c) => {
    const now = ctx.clock();
    const today = formatLocalDate(now.toISOString(), tz);
    let window = resolveWindow({ from: today, to: today }, tz, now);
    let articles = await store.loadArticles({ from: window.from!, to: window.to!, limit: MAX_DIGEST_ARTICLES });
    let note: string | null = null;
    let filters: DigestFilters = { from: today, to: today, lang: null, topic: null, source: null };
    if (articles.length === 0) {
      // Nothing today: show the latest week that has articles rather than an empty page.
      const [latest] = await store.listArticles({ limit: 1 });
      if (latest) {
        const last = formatLocalDate(latest.publishedAt ?? latest.ingestedAt, tz);
        const first = new Date(Date.parse(`${last}T00:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10);
        window = resolveWindow({ from: first, to: last }, tz, now);
        articles = await store.loadArticles({ from: window.from!, to: window.to!, limit: MAX_DIGEST_ARTICLES });
        filters = { ...filters, from: first, to: last };
        note = `Nothing was published today (${today}). Showing the latest week with articles, ${first} – ${last}.`;
      } else note = 'No articles are stored yet. Run `kiji ingest fixtures/articles` (or `npm start`) and reload.';
    }
    return page(c, renderDigestPage(articles, { heading: note && articles.length ? 'Latest digest' : "Today's digest", note, window, filters, timeZone: tz, now }));
  });

  app.get('/digest', async (c) => {
    const q = c.req.query();
    const lang = q.lang ? Lang.safeParse(q.lang) : null;
    if (lang && !lang.success) return page(c, errorPage('Bad request', `lang must be ja, ko or en, not "${q.lang}"`), 400);
    let window;
    try {
      window = resolveWindow({ ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) }, tz, ctx.clock());
    } catch (err) {
      return page(c, errorPage('Bad request', (err as Error).message.replace(/--(from|to)/g, '$1')), 400);
    }
    const articles = await store.loadArticles({ ...(window.from ? { from: window.from } : {}), ...(window.to ? { to: window.to } : {}), limit: MAX_DIGEST_ARTICLES });
    const filters: DigestFilters = { from: q.from || null, to: q.to || null, lang: lang?.data ?? null, topic: q.topic || null, source: q.source || null };
    return page(c, renderDigestPage(articles, { heading: 'Digest', note: null, window, filters, timeZone: tz, now: ctx.clock() }));
  });

  // ------------------------------------------------------------ articles and review

  const articleOr404 = async (c: Context, id: string): Promise<StoredArticle | Response> => {
    const a = await store.getArticle(id);
    return a ?? page(c, errorPage('Not found', `No article ${id} is stored.`), 404);
  };

  app.get('/articles/:id', async (c) => {
    const a = await articleOr404(c, c.req.param('id'));
    if (a instanceof Response) return a;
    return page(c, renderArticlePage(a, await relatedArticles(store, a), tz));
  });

  app.get('/review/:id', async (c) => {
    const a = await articleOr404(c, c.req.param('id'));
    if (a instanceof Response) return a;
    const related = await relatedArticles(store, a);
    const withId = c.req.query('with') ?? related.duplicateOf?.id ?? related.duplicates[0]?.id ?? null;
    const compare = withId && withId !== a.id ? await store.getArticle(withId) : null;
    const done = c.req.query('done');
    const flash =
      done === 'reanalysed' ? 'Override recorded, and the article was analysed again with it.'
      : done === 'recorded' ? 'Override recorded. It applies the next time this article is ingested.'
      : done === 'removed' ? 'Override removed.'
      : null;
    return page(c, renderReviewPage({ article: a, related, overrides: await overridesFor(store, a.id), compare, edit: editState(c), flash }));
  });

  /**
   * Analyse a local-file article again, through the same `ingestDocument` as
   * `kiji ingest` (its overrides applied in one pass, its links kept); false
   * when its source cannot be read here or the analysis did not come back.
   */
  const reanalyse = async (a: StoredArticle): Promise<boolean> => {
    if (a.analysis.source.kind !== 'file') return false;
    const file = isAbsolute(a.analysis.source.uri) ? a.analysis.source.uri : resolve(opts.cwd ?? process.cwd(), a.analysis.source.uri);
    if (!existsSync(file)) return false;
    try {
      const doc = await acquireDocument({ kind: 'file', path: file }, ctx);
      const result = await ingestDocument({ ...doc, source: a.analysis.source }, ctx, store);
      if ((result.status === 'stored' || result.status === 'duplicate') && result.id === a.id) return true;
      ctx.log.warn('review re-analysis did not update the article', { article_id: a.id, result: result.status });
    } catch (err) {
      ctx.log.warn('review re-analysis failed', { article_id: a.id, error: (err as Error).message });
    }
    return false;
  };

  app.post('/review/:id/overrides', async (c) => {
    const form = await c.req.parseBody();
    const refused = refuse(c, form);
    if (refused) return refused;
    const a = await articleOr404(c, c.req.param('id'));
    if (a instanceof Response) return a;
    const req = OverrideRequest.safeParse(form);
    if (!req.success) return page(c, errorPage('Bad request', `review: ${req.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`), 400);
    try {
      await addOverride(store, a, req.data, ctx.clock());
    } catch (err) {
      if (err instanceof KijiError && err.code === 'bad_request') return page(c, errorPage('Bad request', err.message), 400);
      throw err;
    }
    ctx.log.info('review override', { article_id: a.id, kind: req.data.kind });
    const done = req.data.kind === 'keep' ? ((await reanalyse(a)) ? 'reanalysed' : 'recorded') : 'recorded';
    const anchor = req.data.kind === 'keep' ? `#p-${req.data.index}` : '';
    return c.redirect(`/review/${encodeURIComponent(a.id)}?done=${done}${anchor}`, 303);
  });

  app.post('/overrides/:oid/delete', async (c) => {
    const form = await c.req.parseBody();
    const refused = refuse(c, form);
    if (refused) return refused;
    const removed = await removeOverride(store, c.req.param('oid'));
    if (!removed) return page(c, errorPage('Not found', 'No such override (already undone?).'), 404);
    if (removed.kind === 'keep') {
      const a = await store.getArticle(removed.articleId);
      if (a) await reanalyse(a);
    }
    const next = localPath(typeof form.next === 'string' ? form.next : '/overrides');
    return c.redirect(next.startsWith('/review/') ? `${next}?done=removed` : next, 303);
  });

  app.get('/overrides', async (c) => {
    const overrides = await listOverrides(store);
    const ids = [...new Set(overrides.map((o) => o.articleId))];
    const titles = new Map<string, { title: string; lang: string }>();
    if (ids.length) for (const r of await store.db.selectFrom('articles').select(['id', 'title', 'lang']).where('id', 'in', ids).execute()) titles.set(r.id, { title: r.title, lang: r.lang });
    return page(c, renderOverridesPage(overrides, titles, editState(c), tz));
  });

  // ------------------------------------------------------------ sources

  app.get('/sources', async (c) => {
    const feeds = await feedRows(store);
    // Outlets by host, from the columns alone: parsing every stored analysis would make this page slow on a big store.
    const rows = await store.db.selectFrom('articles').select(['url', 'source_kind', 'source_uri', 'lang', 'ingested_at']).orderBy('ingested_at', 'desc').limit(20_000).execute();
    const outlets = new Map<string, OutletRow>();
    for (const r of rows) {
      const label = hostOf(r.url) ?? (r.source_kind === 'url' || r.source_kind === 'feed-item' ? hostOf(r.source_uri) : null) ?? (r.source_kind === 'file' ? 'local files' : r.source_kind);
      const o = outlets.get(label) ?? { label, articles: 0, languages: [], lastIngested: r.ingested_at };
      o.articles++;
      if (!o.languages.includes(r.lang)) o.languages.push(r.lang);
      outlets.set(label, o);
    }
    return page(c, renderSourcesPage({ feeds, outlets: [...outlets.values()].sort((a, b) => b.articles - a.articles || a.label.localeCompare(b.label)), failures: await store.listFailures(500), queuesMounted: !!opts.mounts?.queues, timeZone: tz }));
  });

  // ------------------------------------------------------------ mount points (queue stage)

  const mount = (handler: FetchHandler | undefined, what: string) => async (c: Context) =>
    handler ? handler(c.req.raw) : c.text(`${what} is not available: the queue stage is not set up in this build (see docs/web.md).\n`, 404);
  app.all('/queues', mount(opts.mounts?.queues, 'the queue dashboard'));
  app.all('/queues/*', mount(opts.mounts?.queues, 'the queue dashboard'));
  app.all('/metrics', mount(opts.mounts?.metrics, 'metrics'));

  app.notFound((c) => page(c, errorPage('Not found', `Nothing at ${c.req.path}.`), 404));
  app.onError((err, c) => {
    ctx.log.error('web request failed', { path: c.req.path, error: err.message });
    return page(c, errorPage('Something went wrong', 'The reader could not build this page; the error is in the server log.'), 500);
  });
  return app;
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

/** A redirect target from a form: only paths inside the reader. */
function localPath(p: string | undefined): string {
  return p && /^\/(?![/\\])[^\s]*$/.test(p) ? p : '/';
}

/**
 * The feeds the fetch stage tracks, with how many items each has yielded and
 * how many errors it has logged; null when the store has no feed tables.
 */
async function feedRows(store: Store): Promise<FeedRow[] | null> {
  try {
    const feeds = await listFeedSources(store);
    if (feeds.length === 0) return [];
    const db = store.db.withTables<Pick<FeedTables, 'feed_items_seen' | 'source_errors'>>();
    const seen = new Map((await db.selectFrom('feed_items_seen').select(['feed_url', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('feed_url').execute()).map((r) => [r.feed_url, Number(r.n)]));
    const errors = new Map((await db.selectFrom('source_errors').select(['source', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('source').execute()).map((r) => [r.source, Number(r.n)]));
    return feeds.map((f) => ({ ...f, itemsSeen: seen.get(f.url) ?? 0, errors: errors.get(f.url) ?? 0 }));
  } catch (err) {
    // An older store without the fetch stage's tables: the page shows what else it knows.
    if (/no such table|does not exist/i.test((err as Error).message)) return null;
    throw err;
  }
}
