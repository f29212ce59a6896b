/**
 * kuromoji itself (its own loader and lattice), the baseline the benches
 * compare against: kiji reads the same IPADIC dictionary with its own code
 * (src/tokenize/ipadic), so its resource is not kuromoji-only tokenization.
 */
import kuromoji from 'kuromoji';
import { kuromojiDictPath } from '../src/tokenize/ipadic/dictionary.js';

export type KuromojiLibrary = kuromoji.Tokenizer<kuromoji.IpadicFeatures>;

/**
 * @example
 * const k = await loadKuromojiLibrary(); k.tokenize('東京に行く').length // 3
 */
export function loadKuromojiLibrary(): Promise<KuromojiLibrary> {
  return new Promise((resolve, reject) => kuromoji.builder({ dicPath: kuromojiDictPath() }).build((err, t) => (err ? reject(err) : resolve(t))));
}
