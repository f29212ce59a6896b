import { useResource, type StageContext } from '../context.js';
import { matchForm } from '../normalise/match-form.js';
import { ok, type Outcome } from '../outcome.js';
import type { Lang, Normalised, Sentence, Token, Tokenized } from '../records.js';
import { tokenizeEnglish } from './english.js';
import { japaneseTokenizerResource, tokenizeJapanese, type JapaneseTokenizer } from './japanese.js';
import { tokenizeKorean } from './korean.js';
import { splitSentences } from './sentences.js';

/**
 * tokenize: split every block into sentences and tokens, each block in its
 * own language (a Korean quote inside an English article is tokenized as
 * Korean). The Japanese dictionary is loaded only when a Japanese block is present, once per
 * context.
 *
 * @example
 * const out = await tokenize(normalised, ctx);
 * if (out.kind === 'ok') console.log(countTokens(out.value));
 */
export async function tokenize(input: Normalised, ctx: StageContext): Promise<Outcome<Tokenized>> {
  const needsJapanese = input.blocks.some((b) => (b.lang ?? input.lang) === 'ja');
  const japanese = needsJapanese ? await useResource(ctx, japaneseTokenizerResource) : null;
  // A page that repeats itself (a scrape of several attempts) repeats whole sentences: each is tokenized once.
  const split = sentenceSplitter(japanese);
  const blocks = input.blocks.map((b) => ({
    ...b,
    sentences: split(b.text, b.lang ?? input.lang),
  }));
  return ok({ ...input, blocks });
}

/**
 * Sentences of one paragraph with their tokens; offsets index `text`.
 *
 * @example
 * sentencesOf('Samsung grew. SK fell.', 'en', null).length // 2
 */
export function sentencesOf(text: string, lang: Lang, japanese: JapaneseTokenizer | null): Sentence[] {
  return splitSentences(text, lang).map(({ start, end }) => {
    const s = text.slice(start, end);
    return { start, end, text: s, norm: matchForm(s), tokens: tokensOf(s, start, lang, japanese) };
  });
}

/** Split text into sentences with tokens, as `sentencesOf` does. */
export type SentenceSplitter = (text: string, lang: Lang) => Sentence[];

/**
 * `sentencesOf`, remembering every sentence it has tokenized (and any it is
 * given, such as a tokenized document's): a sentence seen before, in the same
 * language, gets the same match form and tokens without tokenizing it again. A
 * sentence's tokens depend on its text alone (each is tokenized by itself),
 * so the result is the same as `sentencesOf`'s. One splitter serves one
 * document: it holds every distinct sentence of it.
 *
 * @example
 * const split = sentenceSplitter(japanese, tokenized.blocks.map((b) => ({ lang: b.lang ?? tokenized.lang, sentences: b.sentences })));
 * split('NVIDIAが発表した。', 'ja') // tokens reused when the document already held this sentence
 */
export function sentenceSplitter(japanese: JapaneseTokenizer | null, known: Iterable<{ lang: Lang; sentences: readonly Sentence[] }> = []): SentenceSplitter {
  const seen = new Map<string, Sentence>();
  const keyOf = (lang: Lang, s: string) => `${lang}\u0000${s}`;
  for (const k of known) for (const s of k.sentences) if (!seen.has(keyOf(k.lang, s.text))) seen.set(keyOf(k.lang, s.text), s);
  return (text, lang) =>
    splitSentences(text, lang).map(({ start, end }) => {
      const s = text.slice(start, end);
      const key = keyOf(lang, s);
      const before = seen.get(key);
      if (before) {
        const shift = start - before.start;
        return { start, end, text: s, norm: before.norm, tokens: before.tokens.map((t) => ({ ...t, start: t.start + shift, end: t.end + shift })) };
      }
      const sentence = { start, end, text: s, norm: matchForm(s), tokens: tokensOf(s, start, lang, japanese) };
      seen.set(key, sentence);
      return sentence;
    });
}

function tokensOf(s: string, offset: number, lang: Lang, japanese: JapaneseTokenizer | null): Token[] {
  if (lang === 'ja') {
    if (!japanese) throw new Error('tokenize: a Japanese sentence needs the Japanese tokenizer (the IPADIC dictionary of kuromoji)');
    return capTokenLength(tokenizeJapanese(japanese, s, offset));
  }
  return capTokenLength(lang === 'ko' ? tokenizeKorean(s, offset) : tokenizeEnglish(s, offset));
}

/**
 * The longest token kept whole. No word is this long; a longer run (a line of
 * one letter, a base64 blob) is cut into pieces of this length, so that every
 * later stage works per token on a bounded string.
 */
export const MAX_TOKEN_CHARS = 100;

/**
 * Tokens longer than MAX_TOKEN_CHARS as consecutive pieces; offsets and
 * surfaces stay exact.
 *
 * @example
 * capTokenLength(tokenizeEnglish('a'.repeat(250), 0)).map((t) => t.surface.length) // [100, 100, 50]
 */
export function capTokenLength(tokens: Token[]): Token[] {
  if (tokens.every((t) => t.surface.length <= MAX_TOKEN_CHARS)) return tokens;
  const out: Token[] = [];
  for (const t of tokens) {
    if (t.surface.length <= MAX_TOKEN_CHARS) {
      out.push(t);
      continue;
    }
    for (let from = 0; from < t.surface.length; ) {
      let to = Math.min(t.surface.length, from + MAX_TOKEN_CHARS);
      const c = t.surface.charCodeAt(to);
      if (to < t.surface.length && c >= 0xdc00 && c <= 0xdfff) to--; // keep a surrogate pair together
      const surface = t.surface.slice(from, to);
      out.push({ ...t, surface, lemma: matchForm(surface), detail: null, start: t.start + from, end: t.start + to });
      from = to;
    }
  }
  return out;
}

/** Tokens that carry meaning or form (symbols excluded): the count in the Analysis record. */
export function countTokens(tokens: Iterable<Token>): number {
  let n = 0;
  for (const t of tokens) if (t.pos !== 'symbol') n++;
  return n;
}
