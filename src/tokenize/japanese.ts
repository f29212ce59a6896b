import { defineResource } from '../context.js';
import { KijiError } from '../errors.js';
import { matchForm } from '../normalise/match-form.js';
import type { Token, TokenPos } from '../records.js';
import { kuromojiDictPath, loadIpadic, type IpadicDictionary } from './ipadic/dictionary.js';
import { IpadicTokenizer } from './ipadic/tokenizer.js';

type IpadicToken = ReturnType<IpadicTokenizer['tokenize']>[number];

/** The IPADIC tokenizer with the match forms of the base forms it has seen (a word's lemma is computed once per run). */
export class JapaneseTokenizer {
  private readonly lemmas = new Map<string, string>();
  private readonly ipadic: IpadicTokenizer;

  /** Over a loaded dictionary: this context's own, or one shared by the threads of a pool. */
  constructor(dict: IpadicDictionary) {
    this.ipadic = new IpadicTokenizer(dict);
  }

  tokenize(text: string): IpadicToken[] {
    return this.ipadic.tokenize(text);
  }

  /** `matchForm(base)`, remembered (bounded: the memory is cleared past 100,000 words). */
  lemma(base: string): string {
    let l = this.lemmas.get(base);
    if (l === undefined) {
      if (this.lemmas.size >= 100_000) this.lemmas.clear();
      l = matchForm(base);
      this.lemmas.set(base, l);
    }
    return l;
  }
}

/**
 * The Japanese tokenizer: kuromoji's IPADIC dictionary from its npm package,
 * read by src/tokenize/ipadic (kuromoji's tokens, about 3–4× faster, with
 * about 80 MB in memory instead of 330); loaded once per context and shared.
 */
export const japaneseTokenizerResource = defineResource<JapaneseTokenizer>('japanese-tokenizer', async () => new JapaneseTokenizer(await readIpadic(false)));

/**
 * The dictionary in SharedArrayBuffers, loaded once by a main thread for its
 * analysis threads, which receive it without a copy (src/pool); each thread
 * then builds its tokenizer over it (`new JapaneseTokenizer(dict)`).
 */
export const sharedIpadicResource = defineResource<IpadicDictionary>('ipadic-shared', () => readIpadic(true));

async function readIpadic(shared: boolean): Promise<IpadicDictionary> {
  const dir = kuromojiDictPath();
  try {
    return await loadIpadic(dir, { shared });
  } catch (err) {
    throw new KijiError('tokenize', 'dictionary_unavailable', `cannot load the IPADIC dictionary from ${dir}: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * The longest piece of text kuromoji is handed at once. Its lattice groups
 * a run of same-class unknown characters anew at every position, so its cost
 * grows with the square of such a run (10,000 katakana: seconds; a 5 MB line:
 * hours). Real sentences rarely reach this length; longer ones are cut at a
 * comma, a space or a change of script near the limit.
 */
export const KUROMOJI_MAX_CHARS = 256;

/**
 * Tokens of a Japanese sentence, offsets shifted by `offset`.
 *
 * @example
 * tokenizeJapanese(tokenizer, 'NVIDIAは韓国に投資する', 0).map((t) => t.surface)
 * // ['NVIDIA', 'は', '韓国', 'に', '投資', 'する']
 */
export function tokenizeJapanese(tokenizer: JapaneseTokenizer, text: string, offset: number): Token[] {
  if (text.length <= KUROMOJI_MAX_CHARS) return tokenizePiece(tokenizer, text, offset);
  const out: Token[] = [];
  let from = 0;
  for (const run of longRuns(text)) {
    for (const [a, b] of pieces(text.slice(from, run.start), KUROMOJI_MAX_CHARS)) out.push(...tokenizePiece(tokenizer, text.slice(from + a, from + b), offset + from + a));
    // kuromoji would make one unknown word of the whole run anyway, at quadratic cost: cut it here instead.
    for (let a = run.start; a < run.end; a += LONG_RUN) {
      const surface = text.slice(a, Math.min(run.end, a + LONG_RUN));
      out.push({ surface, lemma: matchForm(surface), pos: run.pos, detail: null, start: offset + a, end: offset + a + surface.length });
    }
    from = run.end;
  }
  for (const [a, b] of pieces(text.slice(from), KUROMOJI_MAX_CHARS)) out.push(...tokenizePiece(tokenizer, text.slice(from + a, from + b), offset + from + a));
  return out;
}

/** Longer runs of one script that kuromoji reads as a single unknown word (katakana, Latin, digits) skip it. */
const LONG_RUN = 100;
const RUN_POS: Record<number, TokenPos> = { 2: 'noun', 4: 'number', 5: 'foreign' };

function* longRuns(text: string): Generator<{ start: number; end: number; pos: TokenPos }> {
  let i = 0;
  while (i < text.length) {
    const cls = scriptClass(text.charCodeAt(i));
    let j = i + 1;
    while (j < text.length && scriptClass(text.charCodeAt(j)) === cls) j++;
    if (j - i > LONG_RUN && RUN_POS[cls]) yield { start: i, end: j, pos: RUN_POS[cls]! };
    i = j;
  }
}

/**
 * Cut `text` into pieces of at most `max` characters, each ending where a
 * word is least likely to be split: after a comma or full stop, at a space,
 * at a change of script, else at the limit (never inside a surrogate pair).
 *
 * @example
 * pieces('あ'.repeat(600), 256) // [[0, 256], [256, 512], [512, 600]]
 */
export function pieces(text: string, max: number): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  while (text.length - from > max) {
    const limit = from + max;
    let cut = -1;
    for (let i = limit; i > from + max / 2 && cut < 0; i--) if (/[、。，．,.\s]/.test(text[i - 1]!)) cut = i;
    for (let i = limit; i > from + max / 2 && cut < 0; i--) if (scriptClass(text.charCodeAt(i - 1)) !== scriptClass(text.charCodeAt(i))) cut = i;
    if (cut < 0) cut = limit;
    const c = text.charCodeAt(cut);
    if (c >= 0xdc00 && c <= 0xdfff) cut--; // a low surrogate stays with its high one
    out.push([from, cut]);
    from = cut;
  }
  out.push([from, text.length]);
  return out;
}

function scriptClass(c: number): number {
  if (c >= 0x3040 && c <= 0x309f) return 1; // hiragana
  if (c >= 0x30a0 && c <= 0x30ff) return 2; // katakana
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) return 3; // kanji
  if ((c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19)) return 4; // digits
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xff21 && c <= 0xff5a)) return 5; // Latin
  return 0;
}

function tokenizePiece(tokenizer: JapaneseTokenizer, text: string, offset: number): Token[] {
  const out: Token[] = [];
  let pos = 0;
  for (const t of tokenizer.tokenize(text)) {
    const surface = t.surface_form;
    const start = text.indexOf(surface, pos);
    // kuromoji reproduces the input exactly; if it ever does not, keep going from where we are.
    const s = start >= 0 ? start : pos;
    pos = s + surface.length;
    if (t.pos === '記号' && t.pos_detail_1 === '空白') continue;
    if (!surface.trim()) continue;
    const base = t.basic_form && t.basic_form !== '*' ? t.basic_form : surface;
    out.push({
      surface,
      lemma: tokenizer.lemma(base),
      pos: mapPos(t),
      detail: t.pos_detail_2 && t.pos_detail_2 !== '*' ? t.pos_detail_2 : t.pos_detail_1 !== '*' ? t.pos_detail_1 : null,
      start: offset + s,
      end: offset + s + surface.length,
    });
  }
  return out;
}

function mapPos(t: IpadicToken): TokenPos {
  switch (t.pos) {
    case '名詞':
      if (t.pos_detail_1 === '固有名詞') return 'proper';
      if (t.pos_detail_1 === '数') return 'number';
      if (/^[A-Za-zＡ-Ｚａ-ｚ]/.test(t.surface_form)) return 'foreign';
      return 'noun';
    case '動詞':
      return 'verb';
    case '形容詞':
    case '連体詞':
      return 'adjective';
    case '副詞':
      return 'adverb';
    case '助詞':
    case '助動詞':
      return 'particle';
    case '記号':
      return 'symbol';
    default:
      return 'other';
  }
}
