import { useResource, type StageContext } from '../context.js';
import { matchForm } from '../normalise/match-form.js';
import { ok, type Outcome } from '../outcome.js';
import type { Lang, Normalised, Sentence, Token, Tokenized } from '../records.js';
import { tokenizeEnglish } from './english.js';
import { kuromojiResource, tokenizeJapanese, type KuromojiTokenizer } from './japanese.js';
import { tokenizeKorean } from './korean.js';
import { splitSentences } from './sentences.js';

/**
 * tokenize: split every block into sentences and tokens, each block in its
 * own language (a Korean quote inside an English article is tokenized as
 * Korean). kuromoji is loaded only when a Japanese block is present, once per
 * context.
 *
 * @example
 * const out = await tokenize(normalised, ctx);
 * if (out.kind === 'ok') console.log(countTokens(out.value));
 */
export async function tokenize(input: Normalised, ctx: StageContext): Promise<Outcome<Tokenized>> {
  const needsJapanese = input.blocks.some((b) => (b.lang ?? input.lang) === 'ja');
  const kuromoji = needsJapanese ? await useResource(ctx, kuromojiResource) : null;
  const blocks = input.blocks.map((b) => ({
    ...b,
    sentences: sentencesOf(b.text, b.lang ?? input.lang, kuromoji),
  }));
  return ok({ ...input, blocks });
}

/**
 * Sentences of one paragraph with their tokens; offsets index `text`.
 *
 * @example
 * sentencesOf('Samsung grew. SK fell.', 'en', null).length // 2
 */
export function sentencesOf(text: string, lang: Lang, kuromoji: KuromojiTokenizer | null): Sentence[] {
  return splitSentences(text, lang).map(({ start, end }) => {
    const s = text.slice(start, end);
    return { start, end, text: s, norm: matchForm(s), tokens: tokensOf(s, start, lang, kuromoji) };
  });
}

function tokensOf(s: string, offset: number, lang: Lang, kuromoji: KuromojiTokenizer | null): Token[] {
  if (lang === 'ja') {
    if (!kuromoji) throw new Error('tokenize: a Japanese sentence needs the kuromoji tokenizer');
    return tokenizeJapanese(kuromoji, s, offset);
  }
  return lang === 'ko' ? tokenizeKorean(s, offset) : tokenizeEnglish(s, offset);
}

/** Tokens that carry meaning or form (symbols excluded): the count in the Analysis record. */
export function countTokens(tokens: Iterable<Token>): number {
  let n = 0;
  for (const t of tokens) if (t.pos !== 'symbol') n++;
  return n;
}
