import { useResource, type StageContext } from '../context.js';
import { ok, skip, type Outcome } from '../outcome.js';
import type { Cleaned, Tokenized } from '../records.js';
import { sentenceSplitter } from '../tokenize/index.js';
import { japaneseTokenizerResource } from '../tokenize/japanese.js';
import { assemble } from './assemble.js';
import { dedupeWithin } from './within/index.js';

/**
 * dedupe (within one document): drop separator markers, stitch sentences cut
 * at a marker, and keep every distinct sentence once at its first position,
 * recording each removal in `dropped` (see docs/dedupe.md).
 *
 * A document that is nothing but markers is a skip (`not-an-article`).
 *
 * @example
 * const out = await dedupe(tokenized, ctx);
 * if (out.kind === 'ok') out.value.dropped.filter((d) => d.reason === 'near-duplicate');
 */
export async function dedupe(input: Tokenized, ctx: StageContext): Promise<Outcome<Cleaned>> {
  const needsJapanese = input.blocks.some((b) => (b.lang ?? input.lang) === 'ja');
  const japanese = needsJapanese ? await useResource(ctx, japaneseTokenizerResource) : null;
  // A re-split (a sentence stitched across a cut, a block split at a glued marker) reuses the tokens
  // of every sentence it shares with the tokenized blocks: only new text goes to the tokenizer.
  const resplit = sentenceSplitter(japanese, input.blocks.map((b) => ({ lang: b.lang ?? input.lang, sentences: b.sentences })));
  const { kept, dropped } = dedupeWithin(input, ctx.config.dedupe, resplit);
  const cleaned = assemble(input, kept, [...input.dropped, ...dropped]);
  ctx.log.debug('deduped', {
    article_id: input.id,
    kept_paragraphs: cleaned.paragraphs.length,
    dropped: dropped.length,
    dropped_chars: dropped.reduce((n, d) => n + d.text.length, 0),
  });
  if (!cleaned.text.trim()) return skip('dedupe', 'not-an-article', `${input.source.uri}: nothing left after dedupe (only separators or repeats)`);
  return ok(cleaned);
}
