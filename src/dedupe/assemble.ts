import type { Cleaned, Dropped, Lang, ParagraphKind, Sentence, Token, Tokenized } from '../records.js';

/** A block as dedupe decided to keep it: all or some of its sentences, possibly stitched. */
export interface KeptBlock {
  index: number;
  kind: ParagraphKind;
  lang: Lang | null;
  /** The block's own text, when the sentences are cut from it: the gaps between them are kept as written. */
  text?: string;
  /** Sentences in order; offsets (and token offsets) are relative to each sentence's own block text. */
  sentences: Sentence[];
}

/**
 * Join kept blocks into the cleaned document: `text` with paragraphs
 * separated by a blank line, and every paragraph, sentence and token offset
 * rebased onto `text`.
 *
 * @example
 * const cleaned = assemble(tokenized, kept, dropped);
 * cleaned.tokens.every((t) => cleaned.text.slice(t.start, t.end) === t.surface) // true
 */
export function assemble(doc: Tokenized, kept: KeptBlock[], dropped: Dropped[]): Cleaned {
  const { blocks: _blocks, ...meta } = doc;
  const paragraphs: Cleaned['paragraphs'] = [];
  const sentences: Cleaned['sentences'] = [];
  const tokens: Token[] = [];
  let text = '';
  for (const b of kept) {
    if (b.sentences.length === 0) continue;
    if (text) text += '\n\n';
    const pStart = text.length;
    b.sentences.forEach((s, i) => {
      if (i > 0) text += gap(b, b.sentences[i - 1]!, s);
      const start = text.length;
      text += s.text;
      sentences.push({ paragraph: b.index, start, end: text.length, text: s.text, norm: s.norm });
      const shift = start - s.start;
      for (const t of s.tokens) tokens.push({ ...t, start: t.start + shift, end: t.end + shift });
    });
    paragraphs.push({ index: b.index, text: text.slice(pStart), kind: b.kind, lang: b.lang, start: pStart, end: text.length });
  }
  return { ...meta, text, paragraphs, sentences, tokens, dropped: [...dropped].sort(byPosition) };
}

/**
 * What goes between two kept sentences: the original white space when they
 * were neighbours in the block, else none after a Japanese full stop and one
 * space otherwise.
 */
function gap(b: KeptBlock, prev: Sentence, next: Sentence): string {
  if (b.text !== undefined && prev.end <= next.start) {
    const between = b.text.slice(prev.end, next.start);
    if (!between.trim()) return between.includes('\n') ? ' ' : between;
  }
  return /[。！？」』）]$/.test(prev.text) && b.lang !== 'ko' && b.lang !== 'en' ? '' : ' ';
}

const byPosition = (a: Dropped, b: Dropped) => a.index - b.index || (a.sentence ?? -1) - (b.sentence ?? -1);
