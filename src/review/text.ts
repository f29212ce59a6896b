import type { Analysis } from '../records.js';
import { terminalSafe } from '../terminal-escape.js';
import { buildReview, clip, describeDrop, formatSimilarity, type Review, type ReviewLinks } from './model.js';

const C = { dim: '\x1b[2m', red: '\x1b[31m', green: '\x1b[32m', yellow: '\x1b[33m', cyan: '\x1b[36m', bold: '\x1b[1m', strike: '\x1b[9m', reset: '\x1b[0m' };

/**
 * The review for a terminal: kept paragraphs as plain text, dropped spans
 * struck through in red with their reason in yellow and the kept copy's
 * paragraph in cyan (colour only when asked, i.e. on a TTY).
 *
 * @example
 * process.stdout.write(renderReviewText(analysis, null, { color: process.stdout.isTTY === true }));
 */
export function renderReviewText(analysis: Analysis, links: ReviewLinks | null = null, opts: { color?: boolean; width?: number } = {}): string {
  return reviewToText(buildReview(analysis, links), opts);
}

/**
 * @example
 * reviewToText(buildReview(analysis), { color: false })
 */
export function reviewToText(r: Review, opts: { color?: boolean; width?: number } = {}): string {
  const paint = (codes: string, s: string) => (opts.color ? `${codes}${s}${C.reset}` : s);
  // Stored text is escaped before it is painted: only kiji's own colour codes reach the terminal.
  const t = (s: string) => terminalSafe(s);
  const max = Math.max(40, (opts.width ?? 100) - 10);
  const out: string[] = [];
  out.push(paint(C.bold, t(r.title || '(untitled)')));
  out.push(t(`id ${r.id} · ${r.lang} · ${r.source}`));
  const reasons = Object.entries(r.counts.byReason)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  out.push(`kept ${r.counts.keptParagraphs} paragraphs (${r.counts.keptChars} chars) · dropped ${r.counts.dropped}${reasons ? ` (${reasons})` : ''}`);
  if (r.links) {
    const l = r.links;
    if (l.duplicateOf) out.push(paint(C.yellow, t(`duplicate of ${l.duplicateOf.id} “${l.duplicateOf.title}” (${formatSimilarity(l.duplicateOf.similarity)})`)));
    for (const d of l.duplicates) out.push(t(`duplicate: ${d.id} “${d.title}” (${formatSimilarity(d.similarity)})`));
    if (l.clusterId) {
      out.push(t(`story cluster ${l.clusterId}:`));
      for (const m of l.cluster) out.push(t(`  ${m.id} [${m.lang}] “${m.title}” (${formatSimilarity(m.similarity)})`));
    }
  }
  out.push('');
  const tag = (n: number) => paint(C.cyan, `¶${n}`);
  for (const it of r.items) {
    if (it.kind === 'kept') {
      out.push(`${tag(it.index)} ${paint(C.dim, it.paragraphKind)}`);
      out.push(it.paragraphKind === 'heading' ? paint(C.bold, t(it.text)) : t(it.text));
      for (const d of it.drops) {
        out.push(`  ${paint(C.red, '✂')} ${paint(C.yellow, t(describeDrop(d)))}`);
        out.push(`    ${paint(C.red + C.strike, t(clip(d.text, max)))}`);
      }
    } else {
      for (const d of it.drops) {
        out.push(`${tag(it.index)}${d.sentence !== null ? `.${d.sentence}` : ''} ${paint(C.red, '✂')} ${paint(C.yellow, t(describeDrop(d)))}`);
        out.push(`  ${paint(C.red + C.strike, t(clip(d.text, max)))}`);
      }
    }
    out.push('');
  }
  return out.join('\n').trimEnd() + '\n';
}
