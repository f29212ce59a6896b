import { markdownBlocks, type RawBlock } from './markdown.js';

// A line ending here ends its paragraph; any other line of Latin text may be hard-wrapped.
const SENTENCE_END = /[.!?。．！？…」』"”’)）:：]$/;
const CJK_END = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]$/u;
const CONTINUES = /^[a-z0-9(“"‘'$€£¥-]/;

/**
 * An article body given as text (standard input, `--jsonl` text): every
 * line is kept; nothing is taken for a title. Lines are paragraphs, as piped
 * and pasted news text has them, except a Latin line that stops mid-sentence
 * and is continued in lower case on the next line (a hard wrap), which is
 * joined. Blank lines, headings (`#`), list items and separators read as in
 * Markdown.
 *
 * @example
 * plainBlocks('Samsung will invest $3 billion in chip plants.').map((b) => b.text)
 * // ['Samsung will invest $3 billion in chip plants.']
 * plainBlocks('トヨタ、新工場に3000億円\nトヨタ自動車は5日、発表した。').length // 2
 */
export function plainBlocks(body: string): RawBlock[] {
  const lines = body.split(/\r?\n/);
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trimEnd();
    out.push(line);
    const next = lines[i + 1]?.trim();
    if (!line.trim() || !next) continue;
    const softWrap = !SENTENCE_END.test(line) && !CJK_END.test(line) && CONTINUES.test(next);
    if (!softWrap) out.push('');
  }
  return markdownBlocks(out.join('\n'));
}
