/**
 * The dedupe review: the original document in block order with every dropped
 * span in its place (struck through, with its reason, similarity and a link
 * to the kept copy), override forms that work without JavaScript, and a
 * side-by-side diff against a duplicate or another report of the story.
 * The model is the review helper's `buildReview`, shared with `kiji review`.
 */
import { buildReview, type ReviewDrop, type ReviewItem, type ReviewLinks } from '../../review/index.js';
import type { ArticleListing, StoredArticle } from '../../store/index.js';
import { diffTexts } from '../diff.js';
import { html, path, query, type SafeHtml } from '../html.js';
import { layout } from '../layout.js';
import { overrideMatches, type ReviewOverride } from '../../review/overrides.js';
import type { Related } from '../related.js';

/** Whether this reader may record overrides, and what to tell them when not. */
export type EditState = 'open' | 'signed-in' | 'sign-in' | 'disabled';

export interface ReviewView {
  article: StoredArticle;
  related: Related;
  overrides: ReviewOverride[];
  /** The article shown side by side, if any. */
  compare: StoredArticle | null;
  edit: EditState;
  /** Set after a POST: what happened (re-analysed, or waiting for the next ingest). */
  flash: string | null;
}

const LONG = 400;
const SHOWN = 200;
const similarity = (x: number | null) => (x === null ? null : x.toFixed(2));
const dropId = (d: ReviewDrop) => `d-${d.index}-${d.sentence ?? 'all'}`;

function linksOf(r: Related, a: StoredArticle): ReviewLinks {
  const linked = (x: ArticleListing) => ({ id: x.id, title: x.title, lang: x.lang, similarity: x.similarity });
  return {
    duplicateOf: r.duplicateOf ? { ...linked(r.duplicateOf), similarity: a.similarity } : null,
    duplicates: r.duplicates.map(linked),
    clusterId: a.clusterId,
    cluster: r.cluster.map(linked),
  };
}

function overrideForm(articleId: string, fields: Record<string, string>, label: string, edit: EditState): SafeHtml {
  if (edit === 'disabled') return html``;
  return html`<form method="post" action="${path('review', articleId, 'overrides')}">${Object.entries(fields).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}<button type="submit">${label}</button></form>`;
}

function undoForm(o: ReviewOverride, edit: EditState): SafeHtml {
  if (edit === 'disabled') return html``;
  return html`<form method="post" action="${path('overrides', o.id, 'delete')}"><input type="hidden" name="next" value="${path('review', o.articleId)}"><button type="submit">Undo</button></form>`;
}

function dropHtml(id: string, d: ReviewDrop, overrides: ReviewOverride[], edit: EditState): SafeHtml {
  const o = overrides.find((x) => overrideMatches(x, d));
  const where =
    d.of === null ? '' : d.reason === 'fragment-merged' ? html` · <a class="kept-copy" href="${`#p-${d.of}`}">joined to ¶${d.of}</a>` : html` · <a class="kept-copy" href="${`#p-${d.of}`}">kept copy ¶${d.of}</a>`;
  const sim = similarity(d.similarity);
  const action = o
    ? html`<span class="override-state">reviewer says keep (override recorded; applies when the article is analysed again)</span>${undoForm(o, edit)}`
    : d.reason === 'fragment-merged'
      ? ''
      : overrideForm(id, { kind: 'keep', index: String(d.index), sentence: d.sentence === null ? '' : String(d.sentence) }, d.sentence === null ? 'Keep this paragraph' : 'Keep this sentence', edit);
  // A long drop (a flattened copy of the opening) is shortened; the whole text is one click away, without script.
  const text =
    d.text.length > LONG
      ? html`<del>${d.text.slice(0, SHOWN)}…</del> <details class="full"><summary lang="en">whole span (${d.text.length} characters)</summary><del>${d.text}</del></details>`
      : html`<del>${d.text}</del>`;
  return html`<div class="drop" id="${dropId(d)}" data-reason="${d.reason}">${text}
<span class="why" lang="en"><span class="reason">${d.reason}</span>${d.sentence !== null ? ` · sentence ${d.sentence}` : ''}${sim ? ` · similarity ${sim}` : ''}${where}${d.detail ? html` · <span class="detail">${d.detail}</span>` : ''} ${action}</span></div>`;
}

function itemHtml(articleId: string, it: ReviewItem, overrides: ReviewOverride[], edit: EditState): SafeHtml {
  const drops = it.drops.map((d) => dropHtml(articleId, d, overrides, edit));
  if (it.kind === 'dropped') return html`<div class="para dropped has-drops" id="${`p-${it.index}`}"><span class="pnum">¶${it.index}</span>${drops}</div>`;
  // A keep override whose span is no longer dropped: it was restored by re-analysis.
  const restored = overrides.filter((o) => o.kind === 'keep' && o.index === it.index && !it.drops.some((d) => overrideMatches(o, d)));
  const tag = it.paragraphKind === 'heading' ? 'h3' : 'p';
  return html`<div class="${['para', 'kept', it.drops.length ? 'has-drops' : '', restored.length ? 'overridden' : ''].filter(Boolean).join(' ')}" id="${`p-${it.index}`}"><span class="pnum">¶${it.index}</span>${tag === 'h3' ? html`<h3>${it.text}</h3>` : html`<p>${it.text}</p>`}
${restored.map((o) => html`<p class="override-state" lang="en">kept by reviewer override (was ${o.reason ?? 'dropped'}${o.sentence !== null ? `, sentence ${o.sentence}` : ''}) ${undoForm(o, edit)}</p>`)}
${drops}</div>`;
}

function compareHtml(a: StoredArticle, b: StoredArticle): SafeHtml {
  const rows = diffTexts(a.analysis.text, b.analysis.text);
  const counts = { same: 0, changed: 0, left: 0, right: 0 };
  for (const r of rows) counts[r.op]++;
  const cell = (text: string | null, op: string, lang: string) =>
    text === null ? html`<div class="empty" aria-hidden="true"></div>` : html`<div class="${op === 'same' ? 'same' : op === 'changed' ? 'changed' : 'only'}" lang="${lang}">${text}</div>`;
  return html`<section id="compare" lang="en">
<h2>Side by side</h2>
<p class="meta">${counts.same} sentences shared, ${counts.changed} changed, ${counts.left} only here, ${counts.right} only in <a href="${path('articles', b.id)}">${b.title}</a></p>
<div class="side-by-side">
<div class="col-head" lang="${a.analysis.lang}">${a.title} <span class="chip lang">${a.lang}</span></div><div class="col-head" lang="${b.analysis.lang}">${b.title} <span class="chip lang">${b.lang}</span></div>
${rows.map((r) => html`${cell(r.left, r.op, a.analysis.lang)}${cell(r.right, r.op, b.analysis.lang)}`)}
</div>
</section>`;
}

/**
 * @example
 * renderReviewPage({ article, related, overrides, compare: null, edit: 'open', flash: null })
 */
export function renderReviewPage(v: ReviewView): SafeHtml {
  const { article, related, overrides, edit } = v;
  const a = article.analysis;
  const review = buildReview(a, linksOf(related, article));
  const reasons = Object.entries(review.counts.byReason).sort((x, y) => x[0].localeCompare(y[0]));
  const others: Array<[ArticleListing, string]> = [
    ...(related.duplicateOf ? ([[related.duplicateOf, `original (this is a duplicate${article.similarity !== null ? `, similarity ${article.similarity.toFixed(2)}` : ''})`]] as Array<[ArticleListing, string]>) : []),
    ...related.duplicates.map((d): [ArticleListing, string] => [d, `duplicate${d.similarity !== null ? `, similarity ${d.similarity.toFixed(2)}` : ''}`]),
    ...related.cluster.map((d): [ArticleListing, string] => [d, 'same story cluster']),
    ...related.story.map((d): [ArticleListing, string] => [d, 'same story (digest)']),
  ];
  const listed = new Set<string>();
  const unique = others.filter(([x]) => !listed.has(x.id) && !!listed.add(x.id));
  const notDup = related.duplicateOf ? overrides.find((o) => o.kind === 'not-duplicate' && o.otherId === related.duplicateOf!.id) : undefined;
  const rejected = overrides.filter((o) => o.kind === 'not-duplicate');
  const body = html`
<h1><span class="muted" lang="en">Review:</span> <span lang="${a.lang}">${a.title || '(untitled)'}</span></h1>
<p class="meta" lang="en"><a href="${path('articles', a.id)}">read the article</a> · <code>${a.id}</code> · ${review.source}</p>
${v.flash ? html`<p class="note" role="status" lang="en">${v.flash}</p>` : ''}
${edit === 'sign-in' ? html`<p class="note" lang="en">Recording overrides needs the reviewer token: <a href="${`/login${query({ next: path('review', a.id) })}`}">sign in</a>.</p>` : ''}
${edit === 'disabled' ? html`<p class="note" lang="en">Overrides are off: this server listens beyond loopback and no token is configured (set KIJI_WEB_TOKEN).</p>` : ''}
<p class="counts" lang="en"><span>kept ${review.counts.keptParagraphs} paragraphs, ${review.counts.keptChars} characters</span><span>dropped ${review.counts.dropped}${reasons.length ? ` (${reasons.map(([k, n]) => `${k} ${n}`).join(', ')})` : ''}</span></p>
<section class="links" lang="en">
<h2>Across documents</h2>
${unique.length === 0 ? html`<p class="muted">No duplicate or other report of this story is stored.</p>` : html`<ul>${unique.map(([x, what]) => html`<li><span class="chip lang">${x.lang}</span> <a href="${path('articles', x.id)}">${x.title || x.id}</a> <span class="meta">${what}</span> · <a href="${`${path('review', a.id)}${query({ with: x.id })}#compare`}">compare side by side</a>${
      related.duplicateOf && x.id === related.duplicateOf.id && !notDup ? overrideForm(a.id, { kind: 'not-duplicate', other: x.id }, 'Not a duplicate', edit) : ''
    }</li>`)}</ul>`}
${rejected.map((o) => html`<p class="override-state">reviewer says not a duplicate of <a href="${path('articles', o.otherId ?? '')}">${o.otherId}</a> ${undoForm(o, edit)}</p>`)}
</section>
${v.compare ? compareHtml(article, v.compare) : ''}
<section class="document" lang="${a.lang}">
<h2 lang="en">The document as written, with what dedupe dropped</h2>
<div data-review-toolbar class="meta" lang="en"></div>
${review.items.map((it) => itemHtml(a.id, it, overrides, edit))}
</section>`;
  return layout({ title: `Review: ${a.title || a.id}`, page: 'review', lang: 'en' }, body);
}
