/**
 * The web reader as a hono app: server-rendered pages over the store, and
 * hono's own middleware at the edge, before any handler: a Host allow-list
 * (DNS rebinding), a body limit (before anything is parsed or
 * authenticated), `secureHeaders` with a strict Content-Security-Policy (no
 * inline script or style; the one script and stylesheet are static files
 * served here), `csrf`, and zod validators for query strings and forms.
 * Review overrides need a token when the server listens beyond loopback; the
 * queue dashboard (Bull Board) is read-only without it.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import { validator } from 'hono/validator';
import { isIP } from 'node:net';
import { z } from 'zod';
import type { StageContext } from '../context.js';
import { formatLocalDate, resolveWindow } from '../digest/window.js';
import { KijiError, toErrorRecord } from '../errors.js';
import { HTTPException } from 'hono/http-exception';
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
  /** The queue dashboard: gets every request under `/queues`; `write` says whether the reviewer may change jobs. */
  queues?: (req: Request, access: { write: boolean }) => Response | Promise<Response>;
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
  /** The address the server listens on (`--host`): a name here is one it answers to. */
  listenHost?: string;
}

/** Our pages: nothing but the reader's own script, stylesheet and forms. */
const STRICT_CSP = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'"],
  connectSrc: ["'self'"],
  formAction: ["'self'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
};
/** The mounted dashboard (Bull Board): still no inline or foreign script, but its inline styles, data: icons and `<base>`. */
const BOARD_CSP = { ...STRICT_CSP, styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'], fontSrc: ["'self'"], baseUri: ["'self'"] };

export const CONTENT_SECURITY_POLICY = Object.entries(STRICT_CSP)
  .map(([k, v]) => `${k.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`)} ${v.join(' ')}`)
  .join('; ');

const headers = (csp: typeof STRICT_CSP) =>
  secureHeaders({
    contentSecurityPolicy: csp,
    // same-origin, not no-referrer: with no-referrer a browser sends `Origin: null` on our own form posts.
    referrerPolicy: 'same-origin',
    xFrameOptions: 'DENY',
    crossOriginOpenerPolicy: 'same-origin',
    // The reader speaks plain HTTP on its own; HSTS belongs to the proxy that adds TLS.
    strictTransportSecurity: false,
  });

/** What the query strings and forms may carry; anything else is a 400 before a handler runs. */
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD');
const DigestQuery = z.object({
  from: Day.optional().or(z.literal('').transform(() => undefined)),
  to: Day.optional().or(z.literal('').transform(() => undefined)),
  lang: z.union([Lang, z.literal('').transform(() => undefined)]).optional(),
  topic: z.string().max(200).optional(),
  source: z.string().max(500).optional(),
});
const ReviewQuery = z.object({ with: z.string().max(200).optional(), done: z.enum(['reanalysed', 'recorded', 'removed', 'failed']).optional() });
const LoginQuery = z.object({ next: z.string().max(2000).optional(), failed: z.literal('1').optional() });
/** The parts of a form every post may carry: the sign-in token and where to go next. Override fields are read after auth. */
const FormEnvelope = z.looseObject({ token: z.string().max(1000).optional(), next: z.string().max(2000).optional() });

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
  const page = (c: Context, body: SafeHtml, status: 200 | 400 | 401 | 403 | 404 | 413 | 421 | 500 = 200) => c.html(body.value, status);
  const isBoard = (path: string) => path === '/queues' || path.startsWith('/queues/');
  const web = ctx.config.web;

  // ------------------------------------------------------------ the edge, before any handler

  // Our pages get the strict policy; the mounted dashboard its own, which still forbids every script but its own files.
  const strictHeaders = headers(STRICT_CSP);
  const boardHeaders = headers(BOARD_CSP);
  app.use('*', (c, next) => (isBoard(c.req.path) ? boardHeaders(c, next) : strictHeaders(c, next)));

  // DNS rebinding: a page on another site whose name now resolves to this server sends its own name as Host.
  const hostAllowed = hostAllowList(opts.listenHost ?? null, web.hosts);
  app.use('*', async (c, next) => {
    // Without a Host header (HTTP/1.0, an in-process request) the server took its own name for the URL.
    const host = c.req.header('Host') ?? new URL(c.req.url).host;
    if (!hostAllowed(host)) {
      ctx.log.warn('web request for an unknown host refused', { stage: 'web', code: 'unknown_host', host, path: c.req.path });
      return c.text(`This server does not answer to "${host}". Add the name to KIJI_WEB_HOSTS (web.hosts) if it is yours.\n`, 421);
    }
    await next();
  });

  // Every route: the body is refused past the limit before it is read, parsed or authenticated.
  app.use(
    '*',
    bodyLimit({
      maxSize: web.maxBodyBytes,
      onError: (c) => c.text(`Request body too large (the limit is ${web.maxBodyBytes} bytes).\n`, 413),
    }),
  );

  // A form posted from another site is refused. A request that carries its own credentials (Authorization)
  // cannot come from a cross-site form, so scripts and tools with the bearer token need no Origin.
  const csrfGuard = csrf();
  app.use('*', (c, next) => (c.req.header('Authorization') ? next() : csrfGuard(c, next)));

  const query = <S extends z.ZodType>(schema: S) =>
    validator('query', (value, c) => {
      const r = schema.safeParse(value);
      if (!r.success) return page(c, errorPage('Bad request', r.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ')), 400);
      return r.data as z.output<S>;
    });
  const form = validator('form', (value, c) => {
    const r = FormEnvelope.safeParse(value);
    if (!r.success) return page(c, errorPage('Bad request', r.error.issues.map((i) => `${i.path.join('.') || 'form'}: ${i.message}`).join('; ')), 400);
    return r.data;
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

  /** Null when the request may change overrides, else the refusal. */
  const refuse = (c: Context, form: Record<string, unknown>): Response | null => {
    const state = editState(c);
    if (state === 'disabled') return page(c, errorPage('Overrides are off', 'This server listens beyond loopback and no reviewer token is configured (set KIJI_WEB_TOKEN and restart).'), 403);
    if (state === 'sign-in' && !(typeof form.token === 'string' && token && sameSecret(form.token, token)))
      return page(c, errorPage('Sign in first', 'Recording overrides needs the reviewer token: open /login.'), 401);
    return null;
  };

  app.get('/login', query(LoginQuery), (c) => {
    const q = c.req.valid('query');
    return page(c, renderLoginPage(localPath(q.next), q.failed === '1'));
  });
  app.post('/login', form, async (c) => {
    const f = c.req.valid('form');
    const next = localPath(f.next ?? '/');
    if (!token || typeof f.token !== 'string' || !sameSecret(f.token, token)) return page(c, renderLoginPage(next, true), 401);
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

  app.get('/digest', query(DigestQuery), async (c) => {
    const q = c.req.valid('query');
    let window;
    try {
      window = resolveWindow({ ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) }, tz, ctx.clock());
    } catch (err) {
      return page(c, errorPage('Bad request', (err as Error).message.replace(/--(from|to)/g, '$1')), 400);
    }
    const articles = await store.loadArticles({ ...(window.from ? { from: window.from } : {}), ...(window.to ? { to: window.to } : {}), limit: MAX_DIGEST_ARTICLES });
    const filters: DigestFilters = { from: q.from ?? null, to: q.to ?? null, lang: q.lang ?? null, topic: q.topic || null, source: q.source || null };
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

  app.get('/review/:id', query(ReviewQuery), async (c) => {
    const q = c.req.valid('query');
    const a = await articleOr404(c, c.req.param('id'));
    if (a instanceof Response) return a;
    const related = await relatedArticles(store, a);
    const withId = q.with ?? related.duplicateOf?.id ?? related.duplicates[0]?.id ?? null;
    const compare = withId && withId !== a.id ? await store.getArticle(withId) : null;
    const done = q.done;
    const flash =
      done === 'reanalysed' ? 'Override recorded, and the article was analysed again with it.'
      : done === 'recorded' ? 'Override recorded. It applies the next time this article is ingested.'
      : done === 'failed' ? 'Override recorded, but analysing the article again failed (the reason is in the server log); it applies the next time this article is ingested.'
      : done === 'removed' ? 'Override removed.'
      : null;
    return page(c, renderReviewPage({ article: a, related, overrides: await overridesFor(store, a.id), compare, edit: editState(c), flash }));
  });

  /**
   * Analyse a local-file article again, through the same `ingestDocument` as
   * `kiji ingest` (its overrides applied in one pass, its links kept).
   * `not-local` when its source cannot be read here; `failed` (logged with
   * its stage and code) when the analysis did not come back.
   */
  const reanalyse = async (a: StoredArticle): Promise<'reanalysed' | 'not-local' | 'failed'> => {
    if (a.analysis.source.kind !== 'file') return 'not-local';
    const file = isAbsolute(a.analysis.source.uri) ? a.analysis.source.uri : resolve(opts.cwd ?? process.cwd(), a.analysis.source.uri);
    if (!existsSync(file)) return 'not-local';
    try {
      const doc = await acquireDocument({ kind: 'file', path: file }, ctx);
      const result = await ingestDocument({ ...doc, source: a.analysis.source }, ctx, store);
      if ((result.status === 'stored' || result.status === 'duplicate') && result.id === a.id) return 'reanalysed';
      const why = result.status === 'failed' ? { stage: result.error.stage, code: result.error.code, error: result.error.message } : result.status === 'skipped' ? { stage: result.stage, code: result.reason, error: result.detail } : { stage: 'web', code: 'id_changed', error: `re-analysis gave article ${result.id}` };
      ctx.log.warn('review re-analysis did not update the article', { article_id: a.id, result: result.status, ...why });
    } catch (err) {
      const rec = toErrorRecord(err, 'ingest');
      ctx.log.warn('review re-analysis failed', { article_id: a.id, stage: rec.stage, code: rec.code, error: rec.message });
    }
    return 'failed';
  };

  app.post('/review/:id/overrides', form, async (c) => {
    const f = c.req.valid('form');
    const refused = refuse(c, f);
    if (refused) return refused;
    const a = await articleOr404(c, c.req.param('id'));
    if (a instanceof Response) return a;
    const req = OverrideRequest.safeParse(f);
    if (!req.success) return page(c, errorPage('Bad request', `review: ${req.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`), 400);
    try {
      await addOverride(store, a, req.data, ctx.clock());
    } catch (err) {
      if (err instanceof KijiError && err.code === 'bad_request') return page(c, errorPage('Bad request', err.message), 400);
      throw err;
    }
    ctx.log.info('review override', { article_id: a.id, kind: req.data.kind });
    const outcome = req.data.kind === 'keep' ? await reanalyse(a) : 'not-local';
    const done = outcome === 'not-local' ? 'recorded' : outcome;
    const anchor = req.data.kind === 'keep' ? `#p-${req.data.index}` : '';
    return c.redirect(`/review/${encodeURIComponent(a.id)}?done=${done}${anchor}`, 303);
  });

  app.post('/overrides/:oid/delete', form, async (c) => {
    const f = c.req.valid('form');
    const refused = refuse(c, f);
    if (refused) return refused;
    const removed = await removeOverride(store, c.req.param('oid'));
    if (!removed) return page(c, errorPage('Not found', 'No such override (already undone?).'), 404);
    if (removed.kind === 'keep') {
      const a = await store.getArticle(removed.articleId);
      if (a) await reanalyse(a);
    }
    const next = localPath(f.next ?? '/overrides');
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

  const missing = (c: Context, what: string) => c.text(`${what} is not available: Redis was not reachable when the reader started (see docs/web.md).\n`, 404);
  /** The dashboard's actions (retry, clean, promote…) need the reviewer token; everyone else sees it read-only. */
  const board: MiddlewareHandler = async (c) => {
    const queues = opts.mounts?.queues;
    if (!queues) return missing(c, 'the queue dashboard');
    const write = !!token && signedIn(c);
    if (!write && !['GET', 'HEAD'].includes(c.req.method))
      return c.json({ error: token ? 'changing jobs needs the reviewer token: sign in at /login' : 'changing jobs needs a reviewer token (KIJI_WEB_TOKEN) on this server' }, token ? 401 : 403);
    return queues(c.req.raw, { write });
  };
  app.all('/queues', board);
  app.all('/queues/*', board);
  app.all('/metrics', (c) => (opts.mounts?.metrics ? opts.mounts.metrics(c.req.raw) : missing(c, 'metrics')));

  app.notFound((c) => page(c, errorPage('Not found', `Nothing at ${c.req.path}.`), 404));
  app.onError((err, c) => {
    // hono's own refusals (csrf 403, body limit 413) carry their answer.
    if (err instanceof HTTPException) {
      if (err.status === 403) return page(c, errorPage('Forbidden', 'Forms can only be posted from the reader itself.'), 403);
      return err.getResponse();
    }
    const rec = toErrorRecord(err, 'web');
    ctx.log.error('web request failed', { stage: rec.stage, code: rec.code, path: c.req.path, error: rec.message });
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

/**
 * Which Host headers the reader answers: IP addresses (a browser only sends
 * one when it was pointed at the address itself, never through a name an
 * attacker controls), `localhost`, the name it listens on, and the names in
 * `web.hosts` (`*.example.org` for every subdomain). DNS rebinding sends the
 * attacker's own name, which is none of these.
 *
 * @example
 * hostAllowList('127.0.0.1', [])('127.0.0.1:8080')       // true
 * hostAllowList('127.0.0.1', [])('evil.example:8080')    // false
 * hostAllowList('0.0.0.0', ['news.example.org'])('news.example.org') // true
 */
export function hostAllowList(listenHost: string | null, names: readonly string[]): (hostHeader: string) => boolean {
  const exact = new Set(['localhost', ...names.filter((n) => !n.startsWith('*.')).map((n) => n.toLowerCase())]);
  if (listenHost && !isIP(listenHost.replace(/^\[|\]$/g, ''))) exact.add(listenHost.toLowerCase());
  const suffixes = names.filter((n) => n.startsWith('*.')).map((n) => n.slice(1).toLowerCase());
  return (hostHeader) => {
    const m = /^(\[[0-9a-fA-F:.]+\]|[^:\[\]]+)(?::(\d{1,5}))?$/.exec(hostHeader.trim());
    if (!m) return false;
    const name = m[1]!.toLowerCase().replace(/\.$/, '');
    if (isIP(name.replace(/^\[|\]$/g, ''))) return true;
    return exact.has(name) || name.endsWith('.localhost') || suffixes.some((s) => name.endsWith(s) && name.length > s.length);
  };
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
