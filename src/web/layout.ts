/**
 * The page shell every reader page shares: one stylesheet and one deferred
 * script, both static files served by the app (the Content-Security-Policy
 * allows nothing inline), and a navigation that works without JavaScript.
 */
import { html, type HtmlValue, type SafeHtml } from './html.js';

export interface PageOptions {
  title: string;
  /** The language of the page's main content (`ja`, `ko`, `en`); typography follows it. */
  lang?: string | null;
  /** Which navigation entry is current. */
  nav?: 'digest' | 'sources' | 'overrides' | 'queues' | null;
  /** A `class` for <body>: lets the stylesheet and script know the page. */
  page: string;
}

const NAV: Array<[NonNullable<PageOptions['nav']>, string, string]> = [
  ['digest', '/', 'Digest'],
  ['sources', '/sources', 'Sources'],
  ['overrides', '/overrides', 'Overrides'],
  ['queues', '/queues', 'Queues'],
];

/**
 * @example
 * layout({ title: 'Digest', page: 'digest', nav: 'digest' }, html`<h1>…</h1>`).value.startsWith('<!doctype html>') // true
 */
export function layout(opts: PageOptions, body: HtmlValue): SafeHtml {
  return html`<!doctype html>
<html lang="${opts.lang ?? 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${opts.title} · kiji</title>
<link rel="stylesheet" href="/static/app.css">
<script src="/static/app.js" defer></script>
</head>
<body class="page-${opts.page}">
<header class="site"><a class="brand" href="/">kiji <span lang="ja">記事</span></a>
<nav aria-label="main">${NAV.map(([key, href, label]) => html`<a href="${href}"${opts.nav === key ? html` aria-current="page"` : ''}>${label}</a>`)}</nav></header>
<main id="main">
${body}
</main>
<footer class="site"><p>kiji — Japanese, Korean and English news, cleaned, deduplicated and summarised.</p></footer>
</body>
</html>
`;
}

/** A plain error page (404, 400) in the same shell. */
export function errorPage(title: string, message: string): SafeHtml {
  return layout({ title, page: 'error' }, html`<h1>${title}</h1><p>${message}</p><p><a href="/">Back to the digest</a></p>`);
}
