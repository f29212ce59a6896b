import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import kuromoji from 'kuromoji';
import { defineResource } from '../context.js';
import { KijiError } from '../errors.js';
import { matchForm } from '../normalise/match-form.js';
import type { Token, TokenPos } from '../records.js';

export type KuromojiTokenizer = kuromoji.Tokenizer<kuromoji.IpadicFeatures>;

/**
 * The kuromoji tokenizer with its IPADIC dictionary from the npm package;
 * loaded once per context (about a second and 100 MB) and shared.
 */
export const kuromojiResource = defineResource<KuromojiTokenizer>('kuromoji', () => {
  const require = createRequire(import.meta.url);
  const dicPath = join(dirname(require.resolve('kuromoji/package.json')), 'dict');
  return new Promise((resolve, reject) => {
    kuromoji.builder({ dicPath }).build((err, tokenizer) => {
      if (err) reject(new KijiError('tokenize', 'dictionary_unavailable', `cannot load the kuromoji dictionary from ${dicPath}: ${err.message}`, { cause: err }));
      else resolve(tokenizer);
    });
  });
});

/**
 * Tokens of a Japanese sentence, offsets shifted by `offset`.
 *
 * @example
 * tokenizeJapanese(tokenizer, 'NVIDIAは韓国に投資する', 0).map((t) => t.surface)
 * // ['NVIDIA', 'は', '韓国', 'に', '投資', 'する']
 */
export function tokenizeJapanese(tokenizer: KuromojiTokenizer, text: string, offset: number): Token[] {
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
      lemma: matchForm(base),
      pos: mapPos(t),
      detail: t.pos_detail_2 && t.pos_detail_2 !== '*' ? t.pos_detail_2 : t.pos_detail_1 !== '*' ? t.pos_detail_1 : null,
      start: offset + s,
      end: offset + s + surface.length,
    });
  }
  return out;
}

function mapPos(t: kuromoji.IpadicFeatures): TokenPos {
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
