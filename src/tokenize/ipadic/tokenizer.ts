/**
 * Japanese morphological analysis: kuromoji's algorithm over its IPADIC
 * dictionary, with the same output token for token, without its allocations.
 *
 * kuromoji re-encodes the rest of the sentence to UTF-8 at every character
 * (twice: for the trie and for a surrogate-aware copy), copies the bytes of
 * every prefix it finds to decode it back to a string, and builds an object
 * per lattice node; a profile of it on news text is a third garbage
 * collection. Here a sentence is encoded once, the trie is walked over that
 * one buffer from each character, lattice nodes live in typed arrays reused
 * from sentence to sentence, and only the tokens of the best path become
 * objects.
 *
 * What is kept on purpose, because the output must not change: kuromoji's
 * split after 、 and 。; positions counted in code points while a grouped
 * unknown word's length is counted in UTF-16 units; the first of equally
 * cheap paths; each token's `word_position` relative to the previous
 * sentence's last token. Two inputs differ: kuromoji throws a TypeError on a
 * high surrogate without its low half and on a NUL character; here the first
 * is read as U+FFFD and each becomes an unknown word.
 */
import type { IpadicFeatures } from 'kuromoji';
import type { IpadicDictionary } from './dictionary.js';

const KNOWN = 0;
const UNKNOWN = 1;

/**
 * @example
 * const tokenizer = new IpadicTokenizer(await loadIpadic(kuromojiDictPath()));
 * tokenizer.tokenize('NVIDIAは韓国に投資する').map((t) => t.surface_form);
 * // ['NVIDIA', 'は', '韓国', 'に', '投資', 'する']
 */
export class IpadicTokenizer {
  private readonly decoder = new TextDecoder('utf-8');
  // Feature fields by entry: a word met again is not decoded and split again (bounded: cleared past 100,000 entries).
  private readonly fields = new Map<number, string[]>();
  // Scratch space for one sentence, grown as needed and reused (tokenize is synchronous).
  private cpStart = new Int32Array(256);
  private cpByte = new Int32Array(257);
  private bytes = new Uint8Array(1024);
  private unitAtByte = new Int32Array(1025);
  private firstAt = new Int32Array(512);
  private lastAt = new Int32Array(512);
  private nodes = new NodeTable(4096);

  constructor(private readonly dict: IpadicDictionary) {}

  /** Tokens of `text`, as kuromoji's `Tokenizer.tokenize` returns them. */
  tokenize(text: string): IpadicFeatures[] {
    const tokens: IpadicFeatures[] = [];
    let from = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x3001 || c === 0x3002) {
        this.sentence(text.slice(from, i + 1), tokens);
        from = i + 1;
      }
    }
    if (from < text.length) this.sentence(text.slice(from), tokens);
    return tokens;
  }

  private sentence(s: string, tokens: IpadicFeatures[]): void {
    const n = this.encode(s);
    const { dict, nodes } = this;
    const { base, check } = dict;
    const cpStart = this.cpStart;
    const cpByte = this.cpByte;
    const bytes = this.bytes;
    const unitAtByte = this.unitAtByte;
    const totalBytes = cpByte[n]!;

    // End positions run past n only for grouped unknown words outside the BMP (length in UTF-16 units).
    const maxEnd = s.length + 2;
    if (this.firstAt.length < maxEnd + 1) {
      this.firstAt = new Int32Array(2 * maxEnd);
      this.lastAt = new Int32Array(2 * maxEnd);
    }
    const firstAt = this.firstAt.fill(-1, 0, maxEnd + 1);
    const lastAt = this.lastAt;
    nodes.reset();
    let eosPos = 1;
    const append = (id: number, cost: number, start: number, length: number, type: number, left: number, right: number, surfaceFrom: number, surfaceTo: number): void => {
      const k = nodes.add(id, cost, start, type, left, right, surfaceFrom, surfaceTo);
      const end = start + length - 1;
      if (eosPos < end) eosPos = end;
      if (firstAt[end] === -1) firstAt[end] = k;
      else nodes.next[lastAt[end]!] = k;
      lastAt[end] = k;
    };
    // BOS: ends at 0, costs nothing.
    append(-1, 0, 0, 1, KNOWN, 0, 0, 0, 0);
    nodes.shortest[0] = 0;
    eosPos = 1;

    for (let pos = 0; pos < n; pos++) {
      // Dictionary words starting here: walk the trie over the sentence's bytes.
      let found = 0;
      let parent = 0;
      for (let i = cpByte[pos]!; i < totalBytes; i++) {
        // NUL is the trie's end-of-word code, never part of a word (kuromoji throws on text holding one).
        if (bytes[i] === 0) break;
        const child = base[parent]! + bytes[i]!;
        if (child < 0 || child >= check.length || check[child] !== parent) break;
        parent = child;
        const leaf = base[child]!;
        if (leaf >= 0 && leaf < check.length && check[leaf] === child) {
          const b = base[leaf]!;
          const unitEnd = unitAtByte[i + 1]!;
          // A leaf without an entry, or one ending inside a character: not in IPADIC.
          if (b > 0 || unitEnd < 0) continue;
          found++;
          const v = -b - 1;
          const length = unitEnd - cpStart[pos]!;
          for (let t = dict.targetStart[v]!, e = dict.targetStart[v + 1]!; t < e; t++) {
            const id = dict.targets[t]!;
            append(id, dict.tokenInfo.getInt16(id + 4, true), pos + 1, length, KNOWN, dict.tokenInfo.getInt16(id, true), dict.tokenInfo.getInt16(id + 2, true), 0, 0);
          }
        }
      }

      // Unknown words: where no word starts, or always for classes that ask for it.
      const head = this.classAt(s, cpStart[pos]!);
      const cls = dict.classes[head]!;
      if (found === 0 || cls.alwaysInvoke) {
        let length = 1;
        let to = pos + 1;
        if (cls.grouping && pos + 1 < n) {
          while (to < n && dict.classes[this.classAt(s, cpStart[to]!)]!.name === cls.name) to++;
          // kuromoji builds the grouped word as a string, so its length is in UTF-16 units.
          if (to > pos + 1) length = (to < n ? cpStart[to]! : s.length) - cpStart[pos]!;
        }
        const surfaceTo = to < n ? cpStart[to]! : s.length;
        for (let u = 0; u < cls.unkIds.length; u++) append(cls.unkIds[u]!, cls.unkCost[u]!, pos + 1, length, UNKNOWN, cls.unkLeft[u]!, cls.unkRight[u]!, cpStart[pos]!, surfaceTo);
      }
    }

    // EOS after the last end position.
    const eos = nodes.add(-1, 0, eosPos + 1, KNOWN, 0, 0, 0, 0);
    const eosEnd = eosPos + 1;
    if (firstAt.length <= eosEnd) throw new Error('ipadic: lattice end out of range');
    firstAt[eosEnd] = eos;
    lastAt[eosEnd] = eos;

    this.forward(eosEnd);
    this.emit(s, eos, tokens);
  }

  /** Viterbi forward pass, as kuromoji's ViterbiSearcher.forward (including its quirks for unreachable nodes). */
  private forward(eosEnd: number): void {
    const { nodes, firstAt } = this;
    const { costs, backward } = this.dict;
    let shortestPrev = -1; // function-scoped in kuromoji: an unreachable node inherits the last one found
    for (let i = 1; i <= eosEnd; i++) {
      for (let k = firstAt[i]!; k !== -1; k = nodes.next[k]!) {
        const before = nodes.start[k]! - 1;
        if (before < 0 || firstAt[before] === -1) continue;
        let cost = Number.MAX_VALUE;
        const left = nodes.left[k]!;
        const own = nodes.cost[k]!;
        for (let p = firstAt[before]!; p !== -1; p = nodes.next[p]!) {
          const c = nodes.shortest[p]! + costs[nodes.right[p]! * backward + left + 2]! + own;
          if (c < cost) {
            shortestPrev = p;
            cost = c;
          }
        }
        nodes.prev[k] = shortestPrev;
        nodes.shortest[k] = cost;
      }
    }
  }

  /** Walk back from EOS and turn the path's nodes into kuromoji's token objects. */
  private emit(s: string, eos: number, tokens: IpadicFeatures[]): void {
    const { nodes } = this;
    const path: number[] = [];
    let k = nodes.prev[eos]!;
    if (k === -1) return;
    while (k !== 0) {
      path.push(k);
      k = nodes.prev[k]!;
      if (k === -1) return;
    }
    const lastPos = tokens.length > 0 ? tokens[tokens.length - 1]!.word_position : 0;
    for (let j = path.length - 1; j >= 0; j--) {
      const node = path[j]!;
      const id = nodes.id[node]!;
      const position = lastPos + nodes.start[node]!;
      if (nodes.type[node] === KNOWN) {
        let f = this.fields.get(id);
        if (f === undefined) {
          if (this.fields.size >= 100_000) this.fields.clear();
          f = this.features(id).split(',');
          this.fields.set(id, f);
        }
        const token = ipadicToken(id, 'KNOWN', position, f[0]!, f);
        token.reading = f[8];
        token.pronunciation = f[9];
        tokens.push(token);
      } else {
        const f = (this.dict.unknownFeatures.get(id) ?? '').split(',');
        tokens.push(ipadicToken(id, 'UNKNOWN', position, s.slice(nodes.surfaceFrom[node], nodes.surfaceTo[node]), f));
      }
    }
  }

  private features(id: number): string {
    const { features, tokenInfo } = this.dict;
    const at = id + 10 <= tokenInfo.byteLength ? tokenInfo.getInt32(id + 6, true) : 0;
    if (at < 0 || at >= features.length) return '';
    const end = features.indexOf(0, at);
    return this.decoder.decode(features.subarray(at, end === -1 ? features.length : end));
  }

  /** Character class of the character at UTF-16 index `u` (a high surrogate: DEFAULT, as kuromoji). */
  private classAt(s: string, u: number): number {
    const c = s.charCodeAt(u);
    return c >= 0xd800 && c <= 0xdbff ? this.dict.defaultClass : this.dict.classOfUnit[c]!;
  }

  /**
   * Code point starts (kuromoji's SurrogateAwareString: a high surrogate
   * takes the next unit with it, whatever it is) and the sentence's UTF-8
   * bytes, with the UTF-16 index at each character's first byte. Returns the
   * number of characters.
   */
  private encode(s: string): number {
    if (this.cpStart.length < s.length + 1) {
      this.cpStart = new Int32Array(2 * s.length + 2);
      this.cpByte = new Int32Array(2 * s.length + 3);
    }
    if (this.bytes.length < 4 * s.length) {
      this.bytes = new Uint8Array(8 * s.length);
      this.unitAtByte = new Int32Array(8 * s.length + 1);
    }
    const { cpStart, cpByte, bytes, unitAtByte } = this;
    let n = 0;
    let j = 0;
    for (let u = 0; u < s.length; u++) {
      cpStart[n] = u;
      cpByte[n] = j;
      unitAtByte[j] = u;
      let code = s.charCodeAt(u);
      if (code >= 0xd800 && code <= 0xdbff) {
        const low = s.charCodeAt(u + 1);
        code = low >= 0xdc00 && low <= 0xdfff ? (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000 : 0xfffd;
        u++;
      }
      if (code < 0x80) bytes[j++] = code;
      else if (code < 0x800) {
        bytes[j++] = (code >>> 6) | 0xc0;
        bytes[j++] = (code & 0x3f) | 0x80;
      } else if (code < 0x10000) {
        bytes[j++] = (code >>> 12) | 0xe0;
        bytes[j++] = ((code >> 6) & 0x3f) | 0x80;
        bytes[j++] = (code & 0x3f) | 0x80;
      } else {
        bytes[j++] = (code >>> 18) | 0xf0;
        bytes[j++] = ((code >> 12) & 0x3f) | 0x80;
        bytes[j++] = ((code >> 6) & 0x3f) | 0x80;
        bytes[j++] = (code & 0x3f) | 0x80;
      }
      for (let b = cpByte[n]! + 1; b < j; b++) unitAtByte[b] = -1;
      n++;
    }
    cpByte[n] = j;
    unitAtByte[j] = s.length;
    return n;
  }
}

/** kuromoji's token object: its fields from an entry's feature line (a known word also has reading and pronunciation). */
function ipadicToken(id: number, type: 'KNOWN' | 'UNKNOWN', position: number, surface: string, f: string[]): IpadicFeatures {
  return {
    word_id: id,
    word_type: type,
    word_position: position,
    surface_form: surface,
    pos: f[1]!,
    pos_detail_1: f[2]!,
    pos_detail_2: f[3]!,
    pos_detail_3: f[4]!,
    conjugated_type: f[5]!,
    conjugated_form: f[6]!,
    basic_form: f[7]!,
  };
}

/** Lattice nodes as parallel typed arrays, grown by doubling. */
class NodeTable {
  size = 0;
  id: Int32Array;
  cost: Int32Array;
  start: Int32Array;
  left: Int32Array;
  right: Int32Array;
  type: Uint8Array;
  surfaceFrom: Int32Array;
  surfaceTo: Int32Array;
  next: Int32Array;
  prev: Int32Array;
  shortest: Float64Array;

  constructor(capacity: number) {
    this.id = new Int32Array(capacity);
    this.cost = new Int32Array(capacity);
    this.start = new Int32Array(capacity);
    this.left = new Int32Array(capacity);
    this.right = new Int32Array(capacity);
    this.type = new Uint8Array(capacity);
    this.surfaceFrom = new Int32Array(capacity);
    this.surfaceTo = new Int32Array(capacity);
    this.next = new Int32Array(capacity);
    this.prev = new Int32Array(capacity);
    this.shortest = new Float64Array(capacity);
  }

  reset(): void {
    this.size = 0;
  }

  add(id: number, cost: number, start: number, type: number, left: number, right: number, surfaceFrom: number, surfaceTo: number): number {
    if (this.size === this.id.length) this.grow();
    const k = this.size++;
    this.id[k] = id;
    this.cost[k] = cost;
    this.start[k] = start;
    this.left[k] = left;
    this.right[k] = right;
    this.type[k] = type;
    this.surfaceFrom[k] = surfaceFrom;
    this.surfaceTo[k] = surfaceTo;
    this.next[k] = -1;
    this.prev[k] = -1;
    this.shortest[k] = Number.MAX_VALUE;
    return k;
  }

  private grow(): void {
    const c = this.id.length * 2;
    const g = <T extends Int32Array | Uint8Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(c);
      b.set(a);
      return b;
    };
    this.id = g(this.id);
    this.cost = g(this.cost);
    this.start = g(this.start);
    this.left = g(this.left);
    this.right = g(this.right);
    this.type = g(this.type);
    this.surfaceFrom = g(this.surfaceFrom);
    this.surfaceTo = g(this.surfaceTo);
    this.next = g(this.next);
    this.prev = g(this.prev);
    this.shortest = g(this.shortest);
  }
}
