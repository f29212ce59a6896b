/**
 * A digest in five formats: Markdown (terminals, chat), HTML (a clean page to
 * read), JSON (the `Digest` record as is), JSON Feed 1.1 and RSS 2.0 (so a
 * feed reader can subscribe). Every string from an article is escaped for the
 * format it goes into.
 */
import type { Digest, DigestStory, DigestTopic } from './build.js';
import { formatFirstSeen, formatLocal } from './window.js';
import { escapeHtml, isolatedHtml, safeHref } from '../html-escape.js';
import { stripControls, stripControlsInline } from '../normalise/controls.js';

export const DIGEST_FORMATS = ['md', 'html', 'json', 'jsonfeed', 'rss'] as const;
export type DigestFormat = (typeof DIGEST_FORMATS)[number];

export interface RenderOptions {
  /** Where the digest is published (the web reader's origin); links to articles without a URL point there. */
  baseUrl?: string | null;
  /** The feed's own URL (JSON Feed `feed_url`, RSS self link). */
  feedUrl?: string | null;
}

/**
 * @example
 * process.stdout.write(renderDigest(digest, 'md'));
 */
export function renderDigest(digest: Digest, format: DigestFormat, opts: RenderOptions = {}): string {
  // Each renderer makes the digest inert first (inertDigest): none can be called around the guard.
  switch (format) {
    case 'md':
      return renderMarkdown(digest);
    case 'html':
      return renderHtml(digest, opts);
    case 'json':
      return JSON.stringify(inertDigest(digest), null, 2) + '\n';
    case 'jsonfeed':
      return JSON.stringify(renderJsonFeed(digest, opts), null, 2) + '\n';
    case 'rss':
      return renderRss(digest, opts);
  }
}

/**
 * The digest with every string free of control characters and bidi
 * overrides, and every source link an http(s) URL or null: whatever the
 * store holds (articles stored before normalisation stripped them, a feed's
 * `javascript:` link), no format can carry it out.
 *
 * @example
 * inertDigest(d).topics[0].stories[0].sources[0].url // null for 'javascript:alert(1)'
 */
export function inertDigest(d: Digest): Digest {
  const clean = <T>(v: T): T => {
    if (typeof v === 'string') return stripControls(v) as T;
    if (Array.isArray(v)) return v.map(clean) as T;
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clean(x)])) as T;
    return v;
  };
  const out = clean(d);
  for (const t of out.topics) for (const s of t.stories) for (const src of s.sources) src.url = safeHref(src.url);
  return out;
}

/** `2025-10-01 – 2025-10-31 (Asia/Seoul)`; the exclusive end shown as the last moment inside. */
export function windowLabel(d: Digest): string {
  const tz = d.timeZone;
  if (!d.from && !d.to) return `all stored articles (${tz})`;
  const from = d.from ? formatLocal(d.from, tz) : '…';
  const to = d.to ? formatLocal(new Date(Date.parse(d.to) - 60_000).toISOString(), tz) : '…';
  const short = (s: string) => (s.endsWith(' 00:00') || s.endsWith(' 23:59') ? s.slice(0, 10) : s);
  return `${short(from)} – ${short(to)} (${tz})`;
}

function sourceLine(s: DigestStory['sources'][number], tz: string): string {
  const when = s.publishedAt ? formatLocal(s.publishedAt, tz) : formatFirstSeen(s.firstSeen, tz);
  return [s.siteName, s.lang, when].filter(Boolean).join(', ');
}

// ---------------------------------------------------------------- Markdown

// The source wording is shown beside a figure only when the reader may not read it off the display form.
const CJK = /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u;
// Inline text: no controls, no line breaks that would end the list item or heading, no Markdown syntax.
const mdEscape = (s: string) => stripControlsInline(s).replace(/([\\`*_[\]<>#|])/g, '\\$1');
// Only what safeHref let through becomes a link (the same guard as HTML, RSS and JSON Feed); parentheses
// are encoded so the URL cannot close the link early.
const mdLink = (url: string | null) => {
  const href = safeHref(url);
  return href ? href.replace(/[()\s]/g, (c) => encodeURIComponent(c)) : null;
};

/**
 * @example
 * renderMarkdown(digest).startsWith('# kiji digest') // true
 */
export function renderMarkdown(raw: Digest): string {
  const d = inertDigest(raw);
  const out: string[] = [`# ${mdEscape(d.title)}`, '', `${windowLabel(d)} · ${d.storyCount} ${d.storyCount === 1 ? 'story' : 'stories'} from ${d.articleCount} ${d.articleCount === 1 ? 'article' : 'articles'}`, ''];
  if (d.topics.length === 0) out.push('_No articles in this window._', '');
  for (const t of d.topics) {
    out.push(`## ${mdEscape(t.label)}`, '');
    for (const s of t.stories) {
      out.push(`### ${mdEscape(s.headline)}`, '');
      for (const b of s.bullets) out.push(`- ${mdEscape(b)}`);
      if (s.bullets.length) out.push('');
      if (s.keyFigures.length) out.push(`**Key figures:** ${s.keyFigures.map((f) => mdEscape(f.display) + (CJK.test(f.text) ? ` (${mdEscape(f.text)})` : '')).join(' · ')}`, '');
      for (const c of s.conflicts) out.push(`**Sources differ on ${mdEscape(c.what)}:** ${conflictClaims(c).map((x) => `${mdEscape(x.display)}${CJK.test(x.text) ? ` (${mdEscape(x.text)})` : ''} — ${mdEscape(x.sources)}`).join(' · ')}`, '');
      if (s.entities.length) out.push(`**Entities:** ${s.entities.map((e) => mdEscape(e.canonical)).join(', ')}`, '');
      out.push('**Sources:**');
      for (const src of s.sources) {
        const title = mdEscape(src.title || src.articleId);
        const href = mdLink(src.url);
        out.push(`- ${href ? `[${title}](${href})` : title} — ${mdEscape(sourceLine(src, d.timeZone))}${src.folded ? ' (folded)' : ''}`);
      }
      if (s.duplicatesFolded > 0) out.push('', `_${s.duplicatesFolded} more ${s.duplicatesFolded === 1 ? 'article' : 'articles'} on this story folded in._`);
      out.push('');
    }
  }
  if (d.usage.llmSummaries > 0) out.push(`_LLM summaries: ${d.usage.llmSummaries}, tokens ${d.usage.promptTokens} in / ${d.usage.completionTokens} out._`, '');
  return out.join('\n');
}

// ---------------------------------------------------------------- HTML

function storyHtml(s: DigestStory, d: Digest): string {
  const e = escapeHtml;
  const parts = [`<article class="story" lang="${s.lang}" id="story-${e(s.id)}">`, `<h3>${isolatedHtml(s.headline)}</h3>`];
  if (s.bullets.length) parts.push(`<ul class="bullets">${s.bullets.map((b) => `<li>${e(b)}</li>`).join('')}</ul>`);
  if (s.keyFigures.length)
    parts.push(`<p class="figures"><strong>Key figures</strong> ${s.keyFigures.map((f) => `<span class="figure" title="${e(f.text)}">${e(f.display)}</span>`).join(' ')}</p>`);
  for (const c of s.conflicts)
    parts.push(
      `<p class="conflict"><strong>Sources differ on ${e(c.what)}</strong> ${conflictClaims(c)
        .map((x) => `<span class="claim" title="${e(x.text)}">${e(x.display)}</span> <span class="meta">${e(x.sources)}</span>`)
        .join(' <span class="vs">vs</span> ')}</p>`,
    );
  if (s.entities.length) parts.push(`<p class="entities"><strong>Entities</strong> ${s.entities.map((x) => `<span class="entity">${e(x.canonical)}</span>`).join(' ')}</p>`);
  const srcs = s.sources.map((x) => {
    const href = safeHref(x.url);
    const title = isolatedHtml(x.title || x.articleId);
    return `<li lang="${x.lang}">${href ? `<a href="${e(href)}">${title}</a>` : title} <span class="meta">${e(sourceLine(x, d.timeZone))}${x.folded ? ' · folded' : ''}</span></li>`;
  });
  parts.push(`<details class="sources"${s.sources.length <= 3 ? ' open' : ''}><summary>${s.sources.length} ${s.sources.length === 1 ? 'source' : 'sources'}${s.duplicatesFolded ? `, ${s.duplicatesFolded} folded` : ''}</summary><ul>${srcs.join('')}</ul></details>`);
  parts.push('</article>');
  return parts.join('\n');
}

/**
 * The values of a conflict, each with the sources that state it: the same value from two outlets is listed once.
 *
 * @example
 * conflictClaims(story.conflicts[0]) // [{ display: '60,000 GPUs', text: '60,000 GPUs', sources: 'Reuters (en)' }, { display: '50,000 GPUs', text: '5万台', sources: 'Nikkei (ja)' }]
 */
export function conflictClaims(c: DigestStory['conflicts'][number]): Array<{ display: string; text: string; sources: string }> {
  const byValue = new Map<string, { display: string; text: string; sources: string[] }>();
  for (const x of c.claims) {
    const v = byValue.get(x.display) ?? { display: x.display, text: x.text, sources: [] };
    v.sources.push(`${x.source ?? x.articleId} (${x.lang})`);
    byValue.set(x.display, v);
  }
  return [...byValue.values()].map((v) => ({ display: v.display, text: v.text, sources: [...new Set(v.sources)].join(', ') }));
}

function topicHtml(t: DigestTopic, d: Digest): string {
  return `<section class="topic"><h2>${escapeHtml(t.label)}</h2>\n${t.stories.map((s) => storyHtml(s, d)).join('\n')}\n</section>`;
}

/**
 * A standalone page: no scripts, no external resources.
 *
 * @example
 * renderHtml(digest).includes('<!doctype html>') // true
 */
export function renderHtml(raw: Digest, _opts: RenderOptions = {}): string {
  const d = inertDigest(raw);
  const e = escapeHtml;
  return `<!doctype html>
<html lang="${d.lang ?? 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(d.title)} · ${e(windowLabel(d))}</title>
<style>
body{font:16px/1.6 system-ui,-apple-system,"Hiragino Sans","Noto Sans CJK JP","Noto Sans KR",sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f;background:#fff}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;border-bottom:2px solid #e5e5ea;padding-bottom:.3rem;margin-top:2.2rem}
h3{font-size:1.08rem;margin:1.2rem 0 .4rem}.window,.meta{color:#6e6e73;font-size:.9rem}
.story{margin-bottom:1.6rem}.bullets li{margin:.2rem 0}.figure,.entity{display:inline-block;background:#f2f2f7;border-radius:4px;padding:0 .4rem;margin:.1rem .2rem .1rem 0;font-size:.92rem}
.figure{background:#eef6ee}details summary{cursor:pointer;color:#6e6e73;font-size:.92rem}a{color:#0b57d0}
.conflict{border-left:3px solid #d97706;padding-left:.6rem}.claim{display:inline-block;background:#fff4e5;border-radius:4px;padding:0 .4rem}
@media (prefers-color-scheme:dark){body{background:#111;color:#eee}.figure,.entity,.claim{background:#2a2a2e}a{color:#8ab4f8}}
</style>
</head>
<body>
<header><h1>${e(d.title)}</h1><p class="window">${e(windowLabel(d))} · ${d.storyCount} ${d.storyCount === 1 ? 'story' : 'stories'} from ${d.articleCount} ${d.articleCount === 1 ? 'article' : 'articles'}</p></header>
<main>
${d.topics.length ? d.topics.map((t) => topicHtml(t, d)).join('\n') : '<p>No articles in this window.</p>'}
</main>
<footer class="meta"><p>Generated ${e(formatLocal(d.generatedAt, d.timeZone))} (${e(d.timeZone)}) by kiji.</p></footer>
</body>
</html>
`;
}

// ---------------------------------------------------------------- feeds

function storyLink(s: DigestStory, opts: RenderOptions): string | null {
  const lead = s.sources[0];
  const href = safeHref(lead?.url ?? null);
  if (href) return href;
  return opts.baseUrl && lead ? new URL(`articles/${encodeURIComponent(lead.articleId)}`, opts.baseUrl).toString() : null;
}

function storyText(s: DigestStory): string {
  const lines = s.bullets.map((b) => `• ${b}`);
  if (s.keyFigures.length) lines.push(`Key figures: ${s.keyFigures.map((f) => f.display).join(', ')}`);
  for (const c of s.conflicts) lines.push(`Sources differ on ${c.what}: ${conflictClaims(c).map((x) => `${x.display} (${x.sources})`).join(' vs ')}`);
  return lines.join('\n');
}

function storyBodyHtml(s: DigestStory, d: Digest): string {
  return storyHtml(s, d).replace(/^<article[^>]*>\n<h3>.*<\/h3>\n/, '').replace(/\n<\/article>$/, '');
}

/**
 * JSON Feed 1.1: one item per story, kiji's structured fields under `_kiji`.
 *
 * @example
 * renderJsonFeed(digest).version // 'https://jsonfeed.org/version/1.1'
 */
export function renderJsonFeed(raw: Digest, opts: RenderOptions = {}): Record<string, unknown> {
  const d = inertDigest(raw);
  const items = d.topics.flatMap((t) =>
    t.stories.map((s) => {
      const url = storyLink(s, opts);
      return {
        id: s.id,
        ...(url ? { url } : {}),
        title: s.headline,
        content_html: storyBodyHtml(s, d),
        content_text: storyText(s),
        summary: s.bullets[0] ?? s.headline,
        date_published: s.firstSeen,
        date_modified: s.lastSeen,
        tags: [t.label, ...s.entities.map((e) => e.canonical)],
        language: s.lang,
        _kiji: { topic: t.label, keyFigures: s.keyFigures, conflicts: s.conflicts, entities: s.entities, sources: s.sources, duplicatesFolded: s.duplicatesFolded, score: s.score },
      };
    }),
  );
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: `${d.title} · ${windowLabel(d)}`,
    ...(opts.baseUrl ? { home_page_url: opts.baseUrl } : {}),
    ...(opts.feedUrl ? { feed_url: opts.feedUrl } : {}),
    description: `${d.storyCount} stories from ${d.articleCount} articles`,
    ...(d.lang ? { language: d.lang } : {}),
    items,
  };
}

const xml = (s: string) => escapeHtml(s).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
const rfc822 = (iso: string) => new Date(iso).toUTCString();

/**
 * RSS 2.0: one item per story; the description carries the story as escaped HTML.
 *
 * @example
 * renderRss(digest).startsWith('<?xml') // true
 */
export function renderRss(raw: Digest, opts: RenderOptions = {}): string {
  const d = inertDigest(raw);
  // The channel's link is where the digest is published; an article's URL would send readers to one story.
  const link = opts.baseUrl ?? null;
  const items = d.topics.flatMap((t) =>
    t.stories.map((s) => {
      const url = storyLink(s, opts);
      return [
        '<item>',
        `<title>${xml(s.headline)}</title>`,
        url ? `<link>${xml(url)}</link>` : '',
        `<guid isPermaLink="false">${xml(s.id)}</guid>`,
        `<pubDate>${rfc822(s.firstSeen)}</pubDate>`,
        `<category>${xml(t.label)}</category>`,
        `<description>${xml(storyBodyHtml(s, d))}</description>`,
        '</item>',
      ]
        .filter(Boolean)
        .join('\n');
    }),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${xml(`${d.title} · ${windowLabel(d)}`)}</title>
${link ? `<link>${xml(link)}</link>\n` : ''}<description>${xml(`${d.storyCount} stories from ${d.articleCount} articles`)}</description>
${d.lang ? `<language>${d.lang}</language>\n` : ''}${opts.feedUrl ? `<atom:link href="${xml(opts.feedUrl)}" rel="self" type="application/rss+xml"/>\n` : ''}<lastBuildDate>${rfc822(d.generatedAt)}</lastBuildDate>
<generator>kiji</generator>
${items.join('\n')}
</channel>
</rss>
`;
}

