/**
 * The sources page: feeds with their last fetch, next run, error code and
 * counts as the fetch and queue stages record them, what was ingested from
 * each outlet, and the failures recorded while ingesting. Tables the fetch
 * stage has not created yet (an older store, or the embedded default before
 * any feed was added) are simply left out.
 */
import type { FailureRecord } from '../../store/index.js';
import { formatLocal } from '../../digest/window.js';
import { html, join, safeHref, type SafeHtml } from '../html.js';
import { layout } from '../layout.js';
import type { FeedSourceState } from '../../store/feeds.js';

/** A feed as the fetch stage records it (src/store/feeds.ts), with counts. */
export type FeedRow = Pick<
  FeedSourceState,
  'url' | 'title' | 'lastFetchedAt' | 'lastOkAt' | 'lastStatus' | 'lastErrorCode' | 'lastErrorMessage' | 'consecutiveFailures' | 'nextFetchAt'
> & { itemsSeen: number; errors: number };

export interface OutletRow {
  label: string;
  articles: number;
  languages: string[];
  lastIngested: string;
}

export interface SourcesView {
  /** Null when the store has no feed tables (the fetch stage's migration has not run). */
  feeds: FeedRow[] | null;
  outlets: OutletRow[];
  failures: FailureRecord[];
  queuesMounted: boolean;
  timeZone: string;
}

function cell(v: unknown): SafeHtml {
  if (v === null || v === undefined || v === '') return html`<span class="muted">—</span>`;
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  const href = /^https?:\/\//.test(s) ? safeHref(s) : null;
  return href ? html`<a href="${href}" rel="noopener noreferrer nofollow">${s}</a>` : html`${s.length > 160 ? `${s.slice(0, 160)}…` : s}`;
}

/**
 * @example
 * renderSourcesPage({ feeds: [], outlets: [], failures: await store.listFailures(), queuesMounted: false })
 */
export function renderSourcesPage(v: SourcesView): SafeHtml {
  const when = (iso: string | null) => (iso ? html`<time datetime="${iso}" title="${iso}">${formatLocal(iso, v.timeZone)}</time>` : cell(null));
  const byInput = new Map<string, { last: FailureRecord; count: number }>();
  for (const f of v.failures) {
    const g = byInput.get(f.input);
    if (g) g.count++;
    else byInput.set(f.input, { last: f, count: 1 });
  }
  const body = html`
<h1>Sources</h1>
<p class="meta">Times in ${v.timeZone}.</p>
<p class="meta">${v.queuesMounted ? html`Schedules and jobs: <a href="/queues">queue dashboard</a>.` : html`Schedules and jobs are on the <a href="/queues">queue dashboard</a> when the queue is set up.`}</p>
<h2>Feeds</h2>
${v.feeds === null
  ? html`<p class="muted">This store keeps no feed state yet.</p>`
  : v.feeds.length === 0
    ? html`<p class="muted">No feeds yet: they appear here once fetched or scheduled (<code>kiji ingest &lt;feed-url&gt;</code>, <code>kiji schedule add</code>).</p>`
    : html`<div class="table-wrap"><table class="feeds"><thead><tr><th>Feed</th><th>Last fetch</th><th>Status</th><th>Next run</th><th>Error code</th><th>Failures in a row</th><th>Items seen</th><th>Errors</th></tr></thead>
<tbody>${v.feeds.map(
        (f) => html`<tr data-feed="${f.url}"><td>${f.title ? html`${f.title}<br>` : ''}${cell(f.url)}</td><td>${when(f.lastFetchedAt)}</td><td>${cell(f.lastStatus)}</td><td>${when(f.nextFetchAt)}</td><td>${f.lastErrorCode ? html`<code title="${f.lastErrorMessage ?? ''}">${f.lastErrorCode}</code>` : cell(null)}</td><td>${f.consecutiveFailures}</td><td>${f.itemsSeen}</td><td>${f.errors}</td></tr>`,
      )}</tbody></table></div>`}
<h2>Ingested, by outlet</h2>
${v.outlets.length === 0 ? html`<p class="muted">Nothing ingested yet (try <code>kiji ingest fixtures/articles</code>).</p>` : html`<div class="table-wrap"><table class="outlets"><thead><tr><th>Outlet</th><th>Articles</th><th>Languages</th><th>Last ingested</th></tr></thead>
<tbody>${v.outlets.map((o) => html`<tr><td>${o.label}</td><td>${o.articles}</td><td>${join(o.languages, ', ')}</td><td>${when(o.lastIngested)}</td></tr>`)}</tbody></table></div>`}
<h2>Failures</h2>
${byInput.size === 0 ? html`<p class="muted">No failures recorded.</p>` : html`<div class="table-wrap"><table class="failures"><thead><tr><th>Input</th><th>Stage</th><th>Error code or skip</th><th>Message</th><th>Count</th><th>Last</th></tr></thead>
<tbody>${[...byInput.values()].map(({ last, count }) =>
      last.kind === 'error'
        ? html`<tr class="error"><td>${cell(last.input)}</td><td>${last.error.stage}</td><td><code>${last.error.code}</code>${last.error.retryable ? ' (retryable)' : ''}</td><td>${last.error.message}</td><td>${count}</td><td>${when(last.at)}</td></tr>`
        : html`<tr class="skip"><td>${cell(last.input)}</td><td>${last.skip.stage}</td><td>skipped: ${last.skip.reason}</td><td>${last.skip.detail}</td><td>${count}</td><td>${when(last.at)}</td></tr>`,
    )}</tbody></table></div>`}`;
  return layout({ title: 'Sources', page: 'sources', nav: 'sources' }, body);
}
