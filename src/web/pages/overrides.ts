/** The overrides page: every dedupe decision a reviewer marked wrong, with a way to undo it. */
import { formatLocal } from '../../digest/window.js';
import { html, path, type SafeHtml } from '../html.js';
import { layout } from '../layout.js';
import type { ReviewOverride } from '../../review/overrides.js';
import type { EditState } from './review.js';

/**
 * @example
 * renderOverridesPage(await listOverrides(store), new Map([[id, { title, lang }]]), 'open', 'Asia/Tokyo')
 */
export function renderOverridesPage(overrides: ReviewOverride[], titles: Map<string, { title: string; lang: string }>, edit: EditState, timeZone: string): SafeHtml {
  const body = html`
<h1>Review overrides</h1>
<p class="meta">Dedupe decisions a reviewer marked wrong. A kept span goes back into the text when the article is analysed again (at once for local files); a rejected duplicate link is cleared now and not made again.</p>
${overrides.length === 0 ? html`<p class="empty">No overrides yet. Open an article's <em>dedupe review</em> to make one.</p>` : html`<div class="table-wrap"><table class="overrides"><thead><tr><th>Article</th><th>Override</th><th>Span</th><th>Was</th><th>Recorded</th><th></th></tr></thead>
<tbody>${overrides.map((o) => {
    const t = titles.get(o.articleId);
    const span = o.kind === 'keep' ? `¶${o.index}${o.sentence !== null ? ` sentence ${o.sentence}` : ''}` : `link to ${o.otherId}`;
    const text = o.text ? (o.text.length > 120 ? `${o.text.slice(0, 120)}…` : o.text) : '';
    return html`<tr data-override="${o.id}"><td><a href="${path('review', o.articleId)}"${t ? html` lang="${t.lang}"` : ''}>${t?.title ?? o.articleId}</a></td><td>${o.kind === 'keep' ? 'keep' : 'not a duplicate'}</td><td>${o.kind === 'keep' ? html`<a href="${`${path('review', o.articleId)}#p-${o.index}`}">${span}</a>` : span}${text ? html`<br><span class="meta"${t ? html` lang="${t.lang}"` : ''}>${text}</span>` : ''}</td><td>${o.reason ?? (o.similarity !== null ? `similarity ${o.similarity.toFixed(2)}` : '—')}</td><td><time datetime="${o.createdAt}">${formatLocal(o.createdAt, timeZone)}</time></td><td>${
      edit === 'disabled' ? '' : html`<form method="post" action="${path('overrides', o.id, 'delete')}"><input type="hidden" name="next" value="/overrides"><button type="submit">Undo</button></form>`
    }</td></tr>`;
  })}</tbody></table></div>`}`;
  return layout({ title: 'Overrides', page: 'overrides', nav: 'overrides' }, body);
}

/** The sign-in form for the reviewer token. */
export function renderLoginPage(next: string, failed: boolean): SafeHtml {
  return layout(
    { title: 'Sign in', page: 'login' },
    html`<h1>Reviewer sign-in</h1>
<p class="meta">Recording overrides on this server needs the token it was started with (KIJI_WEB_TOKEN). Reading needs nothing.</p>
${failed ? html`<p class="note" role="alert">That token is not right.</p>` : ''}
<form method="post" action="/login"><input type="hidden" name="next" value="${next}"><label>Token <input type="password" name="token" autocomplete="current-password" required></label> <button type="submit" class="primary">Sign in</button></form>`,
  );
}
