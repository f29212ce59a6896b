import { displayForm } from '../normalise/match-form.js';
import type { ParagraphKind } from '../records.js';

export interface RawBlock {
  text: string;
  kind: ParagraphKind;
  /** The list or table the block is an item or row of (`list:0`, `table:1`). */
  group?: string;
}

// A line that is nothing but bold (or underscore-bold) text is a heading in the posts kiji sees.
const HEADING_BOLD = /^(\*\*|__)(?=\S)(.+?)(?<=\S)\1\s*$/;
// [\s\S]* rather than .*: it always reaches the end, so nothing backtracks into \s+ before it.
const LIST_ITEM = /^\s{0,3}([-*+•・]|\d{1,3}[.)])\s+([\s\S]*)$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;
const FENCE = /^\s{0,3}(```|~~~)/;
const TABLE_ROW = /^\s{0,3}\|.*\|\s*$/;
const RULE_CELL = /^:?-{3,}:?$/;
const RULE_LAST_CELL = /^:?-*:?$/;

/**
 * A table's rule row, `|---|:--:|`: the lines /^\s{0,3}\|?(\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*\|?\s*$/ matches,
 * checked cell by cell (as one regex, the spaces around the cells backtrack polynomially).
 *
 * @example
 * isTableRule('| --- | :---: |') // true
 */
export function isTableRule(line: string): boolean {
  const cells = line.split('|');
  const n = cells.length;
  // With a leading pipe the first "cell" is at most three spaces; without one the first cell is a rule cell.
  const leadingPipe = cells[0]!.length <= 3 && cells[0]!.trim() === '';
  const from = leadingPipe ? 1 : 0;
  if (!leadingPipe && !RULE_CELL.test(cells[0]!.trim())) return false;
  const ruleCells = (to: number) => to - from >= 1 && cells.slice(from, to).every((c) => RULE_CELL.test(c.trim()));
  // The row ends in a loose cell (`:-`, or nothing) with no pipe after it, or a loose cell, a pipe, and spaces.
  if (RULE_LAST_CELL.test(cells[n - 1]!.trim()) && ruleCells(n - 1)) return true;
  return n >= 2 && cells[n - 1]!.trim() === '' && RULE_LAST_CELL.test(cells[n - 2]!.trim()) && ruleCells(n - 2);
}

/**
 * Markdown body → blocks. Headings (`#`, and lines that are only `**bold**`),
 * list items (one block each, keeping their number), quotes, and paragraphs
 * (consecutive lines joined; without a space between two CJK characters).
 * Separator lines (`---END---`, `***`) stay as blocks of their own: dedupe
 * decides what they mean and records their removal.
 *
 * @example
 * markdownBlocks('**見出し**\n本文です。\n\n1. **A:** b').map((b) => b.kind) // ['heading', 'paragraph', 'list']
 */
export function markdownBlocks(body: string): RawBlock[] {
  const out: RawBlock[] = [];
  let para: string[] = [];
  let fenced = false;
  let groups = 0;
  // The list or table being read; a paragraph or heading ends it (a blank line between items does not).
  const state: { open: { kind: 'list' | 'table'; id: string } | null } = { open: null };
  const groupFor = (kind: 'list' | 'table') => {
    if (state.open?.kind !== kind) state.open = { kind, id: `${kind}:${groups++}` };
    return state.open.id;
  };
  const flush = () => {
    if (para.length) {
      out.push({ text: displayForm(joinLines(para)), kind: 'paragraph' });
      state.open = null;
    }
    para = [];
  };
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (FENCE.test(line)) {
      flush();
      fenced = !fenced;
      continue;
    }
    if (fenced) {
      // Code is not prose: kiji keeps it out of the text it analyses.
      continue;
    }
    if (!line.trim()) {
      flush();
      continue;
    }
    let m: RegExpExecArray | null = null;
    let h: string | null = null;
    if (isSeparator(line)) {
      flush();
      state.open = null;
      out.push({ text: line.trim(), kind: 'paragraph' });
    } else if ((h = atxHeading(line)) !== null || (m = HEADING_BOLD.exec(line.trim()))) {
      flush();
      state.open = null;
      out.push({ text: displayForm(h ?? m![m!.length - 1]!), kind: 'heading' });
    } else if (TABLE_ROW.test(line) || (isTableRule(line) && state.open?.kind === 'table')) {
      flush();
      const group = groupFor('table');
      if (isTableRule(line)) continue;
      const cells = line.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim()).filter(Boolean);
      if (cells.length) out.push({ text: displayForm(cells.join(' | ')), kind: 'paragraph', group });
    } else if ((m = LIST_ITEM.exec(line))) {
      flush();
      const marker = /\d/.test(m[1]!) ? `${m[1]} ` : '';
      out.push({ text: displayForm(marker + m[2]!), kind: 'list', group: groupFor('list') });
    } else if ((m = QUOTE.exec(line))) {
      flush();
      if (m[1]!.trim()) out.push({ text: displayForm(m[1]!), kind: 'quote' });
    } else {
      para.push(line.trim());
    }
  }
  flush();
  return out.filter((b) => b.text.length > 0);
}

/** A line that only separates: `---`, `***`, `---END---`, `<|endoftext|>`, `[END]`. */
export function isSeparator(line: string): boolean {
  const t = line.trim();
  return /^([-*_=~])\1{2,}$/.test(t) || /^[-=*_~#\s]*\[?(END|EOF|EOT|CONTINUED?|続き|끝)\]?[-=*_~#\s]*$/i.test(t) || /^<\|?end(oftext)?\|?>$/i.test(t);
}

function joinLines(lines: string[]): string {
  let out = lines[0]!;
  for (const l of lines.slice(1)) {
    const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}、。」』）？！]$/u.test(out) && /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}「『（]/u.test(l);
    out += cjk ? l : ' ' + l;
  }
  return out;
}

/**
 * The text of an ATX heading (`## Title ##`), or null. By hand: the pattern
 * /^#{1,6}\s+(.+?)\s*#*\s*$/ backtracks polynomially on a long line.
 */
function atxHeading(line: string): string | null {
  let k = 0;
  while (k < line.length && k < 7 && line[k] === '#') k++;
  if (k === 0 || k > 6 || k >= line.length || !/\s/.test(line[k]!)) return null;
  const rest = line.slice(k).trim();
  if (!rest) return null;
  // The closing sequence: trailing #s (and the space before them) go; a heading of only #s keeps one.
  let e = rest.length;
  while (e > 1 && rest[e - 1] === '#') e--;
  return rest.slice(0, e).trimEnd();
}
