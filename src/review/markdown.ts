import type { Analysis } from '../records.js';
import { buildReview, clip, describeDrop, formatSimilarity, type Review, type ReviewLinks } from './model.js';

const MAX_DROPPED = 160;

/**
 * The review as Markdown: a summary, then the body in original order, kept
 * paragraphs as text and every dropped span struck through in its place
 * with its reason, similarity and the paragraph holding the kept copy.
 * Deterministic, so a golden `review.md` diffs cleanly when a decision changes.
 *
 * @example
 * writeFileSync('fixtures/articles/ja-x/review.md', renderReviewMarkdown(analysis));
 */
export function renderReviewMarkdown(analysis: Analysis, links: ReviewLinks | null = null): string {
  return reviewToMarkdown(buildReview(analysis, links));
}

/**
 * @example
 * reviewToMarkdown(buildReview(analysis, links))
 */
export function reviewToMarkdown(r: Review): string {
  const out: string[] = [];
  out.push(`# Review: ${escapeInline(r.title || '(untitled)')}`, '');
  out.push(`- id: \`${r.id}\` · lang: ${r.lang} · source: ${escapeInline(r.source)}`);
  const reasons = Object.entries(r.counts.byReason)
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  out.push(`- kept: ${r.counts.keptParagraphs} paragraphs, ${r.counts.keptChars} characters`);
  out.push(`- dropped: ${r.counts.dropped}${reasons ? ` (${reasons})` : ''}`);
  if (r.links) out.push(...linksMarkdown(r.links));
  out.push('');
  for (const it of r.items) {
    if (it.kind === 'kept') {
      out.push(`**¶${it.index}** ${it.paragraphKind}`, '', quoteLines(escapeBlock(it.text)), '');
      for (const d of it.drops) out.push(`- ✂ ${d.sentence !== null ? `sentence ${d.sentence}` : 'part'} — ${describeDrop(d)}: ~~${escapeInline(clip(d.text, MAX_DROPPED))}~~`);
      if (it.drops.length) out.push('');
    } else {
      for (const d of it.drops) {
        const what = d.sentence !== null ? `¶${it.index} sentence ${d.sentence}` : `¶${it.index}`;
        out.push(`**${what}** ✂ ${describeDrop(d)}`, '', `> ~~${escapeInline(clip(d.text, MAX_DROPPED))}~~`, '');
      }
    }
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

function linksMarkdown(l: ReviewLinks): string[] {
  const out: string[] = [];
  if (l.duplicateOf) out.push(`- duplicate of \`${l.duplicateOf.id}\` “${escapeInline(l.duplicateOf.title)}” (similarity ${formatSimilarity(l.duplicateOf.similarity)})`);
  for (const d of l.duplicates) out.push(`- duplicate: \`${d.id}\` “${escapeInline(d.title)}” (similarity ${formatSimilarity(d.similarity)})`);
  if (l.clusterId) {
    out.push(`- story cluster \`${l.clusterId}\`: ${l.cluster.length} other article(s)`);
    for (const m of l.cluster) out.push(`  - \`${m.id}\` [${m.lang}] “${escapeInline(m.title)}” (similarity ${formatSimilarity(m.similarity)})`);
  }
  return out;
}

function quoteLines(s: string): string {
  return s
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');
}

// Dropped text is shown struck through; markdown in it must not break the line.
function escapeInline(s: string): string {
  return s.replace(/([\\`*_~[\]<>|])/g, '\\$1');
}

function escapeBlock(s: string): string {
  return s.replace(/([\\`*_~[\]<>|])/g, '\\$1').replace(/^(#+|\d+\.|[-+])(\s)/gm, '\\$1$2');
}
