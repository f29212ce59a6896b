/**
 * The digest page: today's stories, or any window, filtered by language,
 * topic and source. The digest itself comes from `buildDigest` (the same one
 * `kiji digest` prints); this page only lays it out and adds links into the
 * reader.
 */
import { buildDigest, type Digest, type DigestStory } from '../../digest/build.js';
import { formatFirstSeen, formatLocal } from '../../digest/window.js';
import type { Analysis, Lang } from '../../records.js';
import type { StoredArticle } from '../../store/index.js';
import { html, path, query, safeHref, type SafeHtml } from '../html.js';
import { layout } from '../layout.js';

export interface DigestFilters {
  /** As the reader typed them (YYYY-MM-DD or ISO), for the form. */
  from: string | null;
  to: string | null;
  lang: Lang | null;
  topic: string | null;
  source: string | null;
}

export interface DigestView {
  heading: string;
  /** Why this window is shown (e.g. today was empty, so the latest week). */
  note: string | null;
  window: { from: string | null; to: string | null };
  filters: DigestFilters;
  timeZone: string;
  now: Date;
}

/** The outlet an article came from, as the source filter names it. */
export function sourceLabel(a: Analysis): string {
  if (a.siteName) return a.siteName;
  const url = a.url ?? (a.source.kind === 'url' || a.source.kind === 'feed-item' ? a.source.uri : null);
  if (url) {
    try {
      return new URL(url).hostname.replace(/^www\./, '');
    } catch {
      /* not a URL: fall through */
    }
  }
  return a.source.kind === 'file' ? 'local files' : a.source.kind;
}

/**
 * Build the digest of `articles` for the view and render the page.
 *
 * @example
 * const page = renderDigestPage(await store.loadArticles({ from, to }), view);
 */
export function renderDigestPage(articles: readonly StoredArticle[], view: DigestView): SafeHtml {
  const { filters } = view;
  const digest = buildDigest(articles, { from: view.window.from, to: view.window.to, lang: filters.lang, timeZone: view.timeZone, now: view.now, title: view.heading });
  const byId = new Map(articles.map((a) => [a.id, a]));
  const sources = [...new Set(articles.map((a) => sourceLabel(a.analysis)))].sort();
  const topics = digest.topics.map((t) => ({ id: t.id, label: t.label }));

  // Topic and source filters narrow the built digest; the story folding does not change with them.
  let shown = digest.topics.filter((t) => !filters.topic || t.id === filters.topic);
  if (filters.source)
    shown = shown
      .map((t) => ({ ...t, stories: t.stories.filter((s) => s.sources.some((x) => byId.has(x.articleId) && sourceLabel(byId.get(x.articleId)!.analysis) === filters.source)) }))
      .filter((t) => t.stories.length > 0);

  // Original spellings of each canonical entity, for the hover titles.
  const surfaces = new Map<string, Set<string>>();
  for (const a of articles) for (const e of a.analysis.entities) for (const s of e.surface) (surfaces.get(e.canonical) ?? surfaces.set(e.canonical, new Set()).get(e.canonical)!).add(s);

  const storyCount = shown.reduce((n, t) => n + t.stories.length, 0);
  const body = html`
<h1>${view.heading}</h1>
<p class="meta">${windowText(digest, view)} · ${storyCount} ${storyCount === 1 ? 'story' : 'stories'}</p>
${view.note ? html`<p class="note">${view.note}</p>` : ''}
${filtersForm(filters, topics, sources)}
${shown.length === 0 ? html`<p class="empty">No stories in this window${filters.lang || filters.topic || filters.source ? ' with these filters' : ''}.</p>` : ''}
${shown.map(
  (t) => html`<section class="topic" id="${`topic-${t.id}`}">
<h2>${t.label}</h2>
${t.stories.map((s) => storyHtml(s, byId, surfaces, view.timeZone))}
</section>`,
)}`;
  return layout({ title: view.heading, page: 'digest', nav: 'digest', lang: filters.lang }, body);
}

function windowText(d: Digest, view: DigestView): string {
  const fmt = (iso: string) => formatLocal(iso, view.timeZone);
  if (!d.from && !d.to) return `all stored articles (${view.timeZone})`;
  const to = d.to ? fmt(new Date(Date.parse(d.to) - 60_000).toISOString()) : '…';
  const from = d.from ? fmt(d.from) : '…';
  const short = (s: string) => (s.endsWith(' 00:00') || s.endsWith(' 23:59') ? s.slice(0, 10) : s);
  return `${short(from)} – ${short(to)} (${view.timeZone})`;
}

function filtersForm(f: DigestFilters, topics: Array<{ id: string; label: string }>, sources: string[]): SafeHtml {
  const opt = (value: string, label: string, current: string | null) => html`<option value="${value}"${current === value ? html` selected` : ''}>${label}</option>`;
  return html`<form class="filters" method="get" action="/digest" role="search">
<label>From <input type="date" name="from" value="${f.from?.slice(0, 10) ?? ''}"></label>
<label>To <input type="date" name="to" value="${f.to?.slice(0, 10) ?? ''}"></label>
<label>Language <select name="lang">${opt('', 'all', f.lang ?? '')}${opt('ja', '日本語 (ja)', f.lang)}${opt('ko', '한국어 (ko)', f.lang)}${opt('en', 'English (en)', f.lang)}</select></label>
<label>Topic <select name="topic">${opt('', 'all', f.topic ?? '')}${topics.map((t) => opt(t.id, t.label, f.topic))}</select></label>
<label>Source <select name="source">${opt('', 'all', f.source ?? '')}${sources.map((s) => opt(s, s, f.source))}</select></label>
<button type="submit" class="primary">Show</button>
</form>`;
}

function storyHtml(s: DigestStory, byId: Map<string, StoredArticle>, surfaces: Map<string, Set<string>>, tz: string): SafeHtml {
  const lead = s.sources[0];
  return html`<article class="story" id="${`story-${s.id}`}" lang="${s.lang}">
<h3>${lead ? html`<a href="${path('articles', lead.articleId)}">${s.headline}</a>` : s.headline}</h3>
${s.bullets.length ? html`<ul class="bullets">${s.bullets.map((b) => html`<li>${b}</li>`)}</ul>` : ''}
${s.keyFigures.length ? html`<p class="figures" lang="en"><strong>Key figures</strong> ${s.keyFigures.map((f) => html`<span class="chip figure" title="${`as written: ${f.text}`}">${f.display}</span>`)}</p>` : ''}
${s.entities.length ? html`<p class="entities" lang="en"><strong>Entities</strong> ${s.entities.map((e) => {
    const spellings = [...(surfaces.get(e.canonical) ?? [])].filter((x) => x !== e.canonical);
    return html`<span class="chip entity" title="${`${e.type}${spellings.length ? ` · written ${spellings.join(', ')}` : ''}`}">${e.canonical}</span>`;
  })}</p>` : ''}
<p class="meta" lang="en">${s.languages.map((l) => html`<span class="chip lang">${l}</span>`)} ${s.sources.length} ${s.sources.length === 1 ? 'source' : 'sources'}${s.duplicatesFolded ? `, ${s.duplicatesFolded} folded in` : ''}</p>
<details class="sources"${s.sources.length <= 4 ? html` open` : ''}><summary>Sources</summary><ul>${s.sources.map((x) => {
    const a = byId.get(x.articleId);
    const out = safeHref(x.url);
    const when = x.publishedAt ? formatLocal(x.publishedAt, tz) : formatFirstSeen(x.firstSeen, tz);
    return html`<li lang="${x.lang}"><span class="chip lang">${x.lang}</span> <a class="article-link" href="${path('articles', x.articleId)}">${x.title || x.articleId}</a> <span class="meta">${a ? sourceLabel(a.analysis) : ''} · ${when}${x.folded ? ' · folded' : ''}</span>${out ? html` <a class="out" href="${out}" rel="noopener noreferrer nofollow">original ↗</a>` : ''}</li>`;
  })}</ul></details>
</article>`;
}

/** The query string of a digest view, for links back to it. */
export function digestQuery(f: DigestFilters): string {
  return query({ from: f.from, to: f.to, lang: f.lang, topic: f.topic, source: f.source });
}
