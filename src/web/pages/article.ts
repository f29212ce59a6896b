/**
 * The article page: the cleaned text with entity mentions and figures
 * highlighted at their offsets, the figures table, the summary, metadata,
 * and links to duplicates, the story cluster and the dedupe review.
 */
import { formatFigure } from '../../digest/figures.js';
import { formatFirstSeen, formatLocal } from '../../digest/window.js';
import type { Analysis, Figure, Paragraph } from '../../records.js';
import type { ArticleListing, StoredArticle } from '../../store/index.js';
import { html, path, safeHref, type SafeHtml } from '../html.js';
import { layout } from '../layout.js';
import type { Related } from '../related.js';

interface Mark {
  start: number;
  end: number;
  kind: 'ent' | 'fig';
  title: string;
  id?: string;
}

/**
 * Highlights for the text: figures first, then entity mentions that do not
 * overlap one (a figure such as 30億ドル may sit inside an entity's span).
 */
export function marksOf(a: Analysis): Mark[] {
  const marks: Mark[] = [];
  const free = (s: number, e: number) => marks.every((m) => e <= m.start || s >= m.end);
  const valid = (s: number, e: number) => s >= 0 && e <= a.text.length && s < e;
  a.figures.forEach((f, i) => {
    if (valid(f.start, f.end) && free(f.start, f.end)) marks.push({ start: f.start, end: f.end, kind: 'fig', title: `${formatFigure(f)} (${f.kind}, ${f.qualifier})`, id: `fig-${i}` });
  });
  for (const e of a.entities)
    for (const m of e.mentions)
      if (valid(m.start, m.end) && free(m.start, m.end)) marks.push({ start: m.start, end: m.end, kind: 'ent', title: `${e.canonical} (${e.type})` });
  return marks.sort((x, y) => x.start - y.start);
}

function paragraphHtml(a: Analysis, p: Paragraph, marks: Mark[]): SafeHtml {
  const parts: SafeHtml[] = [];
  let at = p.start;
  for (const m of marks) {
    if (m.end <= p.start || m.start >= p.end) continue;
    const s = Math.max(m.start, p.start);
    const e = Math.min(m.end, p.end);
    if (s > at) parts.push(html`${a.text.slice(at, s)}`);
    parts.push(html`<mark class="${m.kind}" title="${m.title}"${m.id ? html` id="${m.id}"` : ''}>${a.text.slice(s, e)}</mark>`);
    at = e;
  }
  if (at < p.end) parts.push(html`${a.text.slice(at, p.end)}`);
  const lang = p.lang && p.lang !== a.lang ? html` lang="${p.lang}"` : '';
  switch (p.kind) {
    case 'heading':
      return html`<h2 id="${`p-${p.index}`}"${lang}>${parts}</h2>`;
    case 'quote':
      return html`<blockquote id="${`p-${p.index}`}"${lang}>${parts}</blockquote>`;
    case 'list':
      return html`<p class="list-item" id="${`p-${p.index}`}"${lang}>${parts}</p>`;
    default:
      return html`<p id="${`p-${p.index}`}"${lang}>${parts}</p>`;
  }
}

function figureValue(f: Figure): string {
  const num = (n: number | null) => (n === null ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: 6 }));
  const v = f.value !== null ? num(f.value) : f.low !== null || f.high !== null ? `${num(f.low)} – ${num(f.high)}` : f.iso ?? '—';
  return [v, f.unit].filter(Boolean).join(' ');
}

/**
 * Figures other reports of the story give differently: what is measured, this article's value (linked to its
 * mark in the text) and each other source's value, its wording and a link to that report.
 */
function conflictSection(a: Analysis, related: Related): SafeHtml | '' {
  if (!related.conflicts.length) return '';
  const own = (c: Related['conflicts'][number]) => c.claims.find((x) => x.articleId === a.id);
  return html`<section class="conflicts" lang="en" aria-label="sources differ">
<h2>Sources differ</h2>
<ul>${related.conflicts.map((c) => {
    const mine = own(c)!;
    const others = c.claims.filter((x) => x.articleId !== a.id);
    return html`<li><strong>${c.what}</strong>: this report says <a href="${`#fig-${mine.figure}`}"><span lang="${a.lang}">${mine.text}</span></a> (${mine.display}); ${others.map(
      (x, i) => html`${i ? '; ' : ''}<a href="${path('articles', x.articleId)}">${x.source ?? x.articleId}</a> says <span lang="${x.lang}">${x.text}</span> (${x.display})`,
    )}</li>`;
  })}</ul>
</section>`;
}

const linkList = (items: ArticleListing[], note?: (a: ArticleListing) => string) =>
  html`<ul>${items.map((x) => html`<li lang="${x.lang}"><span class="chip lang">${x.lang}</span> <a href="${path('articles', x.id)}">${x.title || x.id}</a>${note ? html` <span class="meta">${note(x)}</span>` : ''}</li>`)}</ul>`;

/**
 * @example
 * renderArticlePage(article, await relatedArticles(store, article), 'Asia/Tokyo')
 */
export function renderArticlePage(article: StoredArticle, related: Related, timeZone: string): SafeHtml {
  const a = article.analysis;
  const marks = marksOf(a);
  const out = safeHref(a.url);
  const sim = (x: ArticleListing) => (x.similarity !== null ? `similarity ${x.similarity.toFixed(2)}` : '');
  const body = html`
<article class="article" lang="${a.lang}">
<h1>${a.title || '(untitled)'}</h1>
<p class="meta" lang="en">${[a.siteName, a.author, a.publishedAt ? formatLocal(a.publishedAt, timeZone) : formatFirstSeen(article.ingestedAt, timeZone)].filter(Boolean).join(' · ')} · <span class="chip lang">${a.lang}</span> · <a href="${path('review', a.id)}">dedupe review</a>${out ? html` · <a class="out" href="${out}" rel="noopener noreferrer nofollow">original ↗</a>` : ''}</p>
<section class="summary" aria-label="summary">
<p><strong>${a.summary.headline}</strong></p>
${a.summary.bullets.length ? html`<ul>${a.summary.bullets.map((b) => html`<li>${b}</li>`)}</ul>` : ''}
<p class="meta" lang="en">${a.summary.method} summary</p>
</section>
${conflictSection(a, related)}
<div class="body">
${a.paragraphs.map((p) => paragraphHtml(a, p, marks))}
</div>
</article>
<section lang="en">
<h2>Figures</h2>
${a.figures.length === 0 ? html`<p class="muted">No figures found.</p>` : html`<div class="table-wrap"><table class="figures">
<thead><tr><th>As written</th><th>Kind</th><th>Normalised value</th><th>Reads as</th><th>Qualifier</th></tr></thead>
<tbody>${a.figures.map((f, i) => html`<tr><td lang="${a.lang}"><a href="${`#fig-${i}`}">${f.text}</a></td><td>${f.kind}</td><td>${figureValue(f)}</td><td>${formatFigure(f)}</td><td>${f.qualifier}</td></tr>`)}</tbody>
</table></div>`}
<h2>Entities</h2>
${a.entities.length === 0 ? html`<p class="muted">No entities found.</p>` : html`<div class="table-wrap"><table class="entities">
<thead><tr><th>Canonical</th><th>Type</th><th>Written as</th><th>Mentions</th></tr></thead>
<tbody>${a.entities.map((e) => html`<tr><td>${e.canonical}</td><td>${e.type}</td><td lang="${a.lang}">${e.surface.join(', ')}</td><td>${e.mentions.length}</td></tr>`)}</tbody>
</table></div>`}
<h2>Related</h2>
${related.duplicateOf ? html`<p>Duplicate of: <a href="${path('articles', related.duplicateOf.id)}">${related.duplicateOf.title}</a> ${article.similarity !== null ? html`<span class="meta">similarity ${article.similarity.toFixed(2)}</span>` : ''}</p>` : ''}
${related.duplicates.length ? html`<h3>Duplicates of this article</h3>${linkList(related.duplicates, sim)}` : ''}
${related.cluster.length ? html`<h3>Story cluster <span class="meta">${article.clusterId}</span></h3>${linkList(related.cluster)}` : ''}
${related.story.length ? html`<h3>Same story in the digest</h3>${linkList(related.story)}` : ''}
${!related.duplicateOf && !related.duplicates.length && !related.cluster.length && !related.story.length ? html`<p class="muted">No duplicates or other reports of this story are stored.</p>` : ''}
<h2>Metadata</h2>
<dl class="meta-list">
<dt>id</dt><dd><code>${a.id}</code></dd>
<dt>source</dt><dd>${a.source.kind} ${a.source.uri}</dd>
<dt>url</dt><dd>${out ? html`<a href="${out}" rel="noopener noreferrer nofollow">${out}</a>` : a.url ?? '—'}</dd>
<dt>published</dt><dd>${a.publishedAt ?? '—'}</dd>
<dt>ingested</dt><dd>${article.ingestedAt}</dd>
<dt>author</dt><dd>${a.author ?? '—'}</dd>
<dt>tags</dt><dd>${[...a.tags, ...a.categories].join(', ') || '—'}</dd>
<dt>text</dt><dd>${a.text.length} characters, ${a.tokens.count} tokens, ${a.tokens.sentences} sentences, ${a.paragraphs.length} paragraphs kept, ${a.dropped.length} spans dropped</dd>
</dl>
</section>`;
  return layout({ title: a.title || a.id, page: 'article', lang: a.lang }, body);
}
