/**
 * The IPADIC dictionary that ships with kuromoji (`kuromoji/dict/*.dat.gz`),
 * loaded into compact typed arrays for src/tokenize/ipadic/tokenizer.ts.
 *
 * kuromoji's own loader keeps every file at its padded size (the files are
 * zero-padded to a power of two: tid.dat is 10 MiB for 3.7 MiB of entries,
 * unk.dat 10 MiB for 398 bytes) and turns tid_map.dat into a JavaScript object
 * of 325,871 arrays (about 70 MB of heap). Here the padding is cut (but for
 * tid_pos.dat's 6 MiB, see below) and the map is two Int32Arrays: about 70 MB
 * in all instead of about 270 MB.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** One character class of IPADIC's char.def (KANJI, KATAKANA, ALPHA, …). */
export interface CharClass {
  readonly name: string;
  readonly alwaysInvoke: boolean;
  readonly grouping: boolean;
  /** The class's unknown-word entries (ids into `unknownFeatures`), in dictionary order. */
  readonly unkIds: Int32Array;
  readonly unkLeft: Int32Array;
  readonly unkRight: Int32Array;
  readonly unkCost: Int32Array;
}

export interface IpadicDictionary {
  /** Double-array trie over UTF-8 bytes (base and check), as written by kuromoji's builder. */
  readonly base: Int32Array;
  readonly check: Int32Array;
  /** Token info entries: left id, right id, cost (int16 each), feature offset (int32), little-endian. */
  readonly tokenInfo: DataView;
  /** Comma-separated feature lines, NUL-terminated, addressed by the entries' feature offsets. */
  readonly features: Uint8Array;
  /** Trie value → token info offsets: `targets[targetStart[v] .. targetStart[v + 1]]`. */
  readonly targetStart: Int32Array;
  readonly targets: Int32Array;
  /** Connection costs, `costs[right * backward + left + 2]`. */
  readonly costs: Int16Array;
  readonly backward: number;
  /** Character class id of each UTF-16 code unit. */
  readonly classOfUnit: Uint8Array;
  /** Classes by id; `defaultClass` for characters outside the BMP. */
  readonly classes: readonly CharClass[];
  readonly defaultClass: number;
  /** Feature line of each unknown-word entry. */
  readonly unknownFeatures: ReadonlyMap<number, string>;
}

/** Where kuromoji's npm package keeps its dictionary. */
export function kuromojiDictPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('kuromoji/package.json')), 'dict');
}

/**
 * Load the dictionary from `dir` (kuromoji's `dict` folder).
 *
 * @example
 * const dict = await loadIpadic(kuromojiDictPath());
 * const tokens = new IpadicTokenizer(dict).tokenize('東京に行く');
 */
export async function loadIpadic(dir: string, opts: { shared?: boolean } = {}): Promise<IpadicDictionary> {
  // Shared: each array kept is copied into a SharedArrayBuffer, which analysis threads receive without a copy.
  const keep = opts.shared ? toShared : <T>(a: T): T => a;
  // One file at a time, each padded buffer dropped once its compact form is made: the load's peak stays near what is kept.
  const read = async (name: string): Promise<Buffer> => {
    const gz = await readFile(join(dir, `${name}.dat.gz`));
    // The gzip trailer gives the size: one output buffer, no chunks to join.
    return gunzipSync(gz, { chunkSize: Math.max(64, gz.readUInt32LE(gz.length - 4) + 1) });
  };
  const base = keep(view(Int32Array, await read('base')));
  const check = keep(view(Int32Array, await read('check')));
  const tid = keep(trimmed(await read('tid')));
  // Kept padded (6 MiB of zeros) rather than copied, unless it is copied anyway (shared): a copy of the whole would
  // put 74 MiB in memory at once.
  const pos = await read('tid_pos');
  const features = opts.shared ? toShared(pos.subarray(0, contentEnd(pos))) : pos;
  const map = targetMap(await read('tid_map'));
  const targetStart = keep(map.targetStart);
  const targets = keep(map.targets);
  const costs = keep(view(Int16Array, await read('cc')));
  const unknown = unknownDictionary({
    unk: await read('unk'),
    unk_pos: await read('unk_pos'),
    unk_map: await read('unk_map'),
    unk_char: await read('unk_char'),
    unk_compat: await read('unk_compat'),
    unk_invoke: await read('unk_invoke'),
  });
  return {
    base,
    check,
    tokenInfo: new DataView(tid.buffer, tid.byteOffset, tid.byteLength),
    features,
    targetStart,
    targets,
    costs,
    backward: costs[1]!,
    ...unknown,
    classOfUnit: keep(unknown.classOfUnit),
  };
}

/** A copy of `a` in a SharedArrayBuffer. */
function toShared<T extends Uint8Array | Int16Array | Int32Array>(a: T): T {
  // By element type, not a.constructor: a Buffer's would be the deprecated Buffer() call.
  const Type = a instanceof Int32Array ? Int32Array : a instanceof Int16Array ? Int16Array : Uint8Array;
  const b = new Type(new SharedArrayBuffer(a.byteLength) as unknown as ArrayBuffer);
  b.set(a);
  return b as T;
}

/** A copy without the zero padding, keeping a few zero bytes so that a read near the end sees what it saw before. */
function trimmed(buf: Uint8Array): Uint8Array {
  return new Uint8Array(buf.subarray(0, contentEnd(buf)));
}

/** Where the zero padding starts, plus a few zero bytes (reads near the end see what they saw before). */
function contentEnd(buf: Uint8Array): number {
  let end = buf.length;
  // Four bytes at a time over the aligned part (megabytes of zeros to skip), then byte by byte.
  if (buf.byteOffset % 4 === 0) {
    const words = new Uint32Array(buf.buffer, buf.byteOffset, buf.length >> 2);
    let w = words.length;
    while (w > 0 && words[w - 1] === 0) w--;
    end = Math.min(end, 4 * w + 4);
  }
  while (end > 0 && buf[end - 1] === 0) end--;
  return Math.min(buf.length, end + 16);
}

/** The bytes as little-endian integers of one type, without a copy when they are aligned for it. */
function view<T extends Int32Array | Int16Array>(Type: { new (buffer: ArrayBufferLike, offset: number, length: number): T; BYTES_PER_ELEMENT: number }, buf: Buffer): T {
  const size = Type.BYTES_PER_ELEMENT;
  const b = buf.byteOffset % size === 0 ? buf : new Uint8Array(buf);
  return new Type(b.buffer, b.byteOffset, Math.floor(b.byteLength / size));
}

/**
 * tid_map.dat: a count, then records of (key, n, n values), int32 LE, read as
 * kuromoji reads them (to the end of the file, a read past it giving 0),
 * values kept in the order they appear under each key.
 */
function targetMap(buf: Buffer): { targetStart: Int32Array; targets: Int32Array } {
  const int = (p: number): number => (p + 4 <= buf.length ? buf.readInt32LE(p) : 0);
  const records = (visit: (key: number, at: number, n: number) => void): void => {
    let p = 4;
    while (p < buf.length) {
      const key = int(p);
      const n = int(p + 4);
      visit(key, p + 8, n);
      p += 8 + 4 * n;
    }
  };
  let maxKey = 0;
  let total = 0;
  records((key, _at, n) => {
    if (n > 0) maxKey = Math.max(maxKey, key);
    total += n;
  });
  const count = new Int32Array(maxKey + 2);
  records((key, _at, n) => void (count[key + 1]! += n));
  const targetStart = new Int32Array(maxKey + 2);
  for (let k = 1; k < targetStart.length; k++) targetStart[k] = targetStart[k - 1]! + count[k]!;
  const targets = new Int32Array(total);
  const fill = targetStart.slice(0, maxKey + 1);
  records((key, at, n) => {
    for (let i = 0; i < n; i++) targets[fill[key]!++] = int(at + 4 * i);
  });
  return { targetStart, targets };
}

interface KuromojiCharClass {
  class_id: number;
  class_name: string;
  is_always_invoke: number;
  is_grouping: number;
}

interface KuromojiUnknownDictionary {
  dictionary: { getShort(i: number): number };
  target_map: Record<number, number[] | undefined>;
  getFeatures(id: number): string;
  loadUnknownDictionaries(unk: Uint8Array, pos: Uint8Array, map: Uint8Array, cat: Uint8Array, compat: Uint32Array, invoke: Uint8Array): void;
  character_definition: { invoke_definition_map: { map: KuromojiCharClass[]; lookup(name: string): number | null } };
}

/** The unknown-word part (a few hundred bytes of data), read with kuromoji's own code, then flattened. */
function unknownDictionary(file: Record<'unk' | 'unk_pos' | 'unk_map' | 'unk_char' | 'unk_compat' | 'unk_invoke', Buffer>) {
  const require = createRequire(import.meta.url);
  const UnknownDictionary = require('kuromoji/src/dict/UnknownDictionary.js') as { prototype: object };
  // Without its constructor, which allocates two 10 MiB buffers only to replace them.
  const unk = Object.create(UnknownDictionary.prototype) as KuromojiUnknownDictionary;
  const compat = new Uint8Array(file.unk_compat);
  unk.loadUnknownDictionaries(trimmed(file.unk), trimmed(file.unk_pos), trimmed(file.unk_map), new Uint8Array(file.unk_char), new Uint32Array(compat.buffer, 0, compat.length >> 2), trimmed(file.unk_invoke));

  const defs = unk.character_definition.invoke_definition_map;
  const unknownFeatures = new Map<number, string>();
  const classes: CharClass[] = defs.map.map((c) => {
    const ids = (unk.target_map[c.class_id] ?? []).map(Number);
    for (const id of ids) unknownFeatures.set(id, unk.getFeatures(id));
    return {
      name: c.class_name,
      alwaysInvoke: c.is_always_invoke === 1,
      grouping: c.is_grouping === 1,
      unkIds: Int32Array.from(ids),
      unkLeft: Int32Array.from(ids, (id) => unk.dictionary.getShort(id)),
      unkRight: Int32Array.from(ids, (id) => unk.dictionary.getShort(id + 2)),
      unkCost: Int32Array.from(ids, (id) => unk.dictionary.getShort(id + 4)),
    };
  });
  const defaultClass = defs.lookup('DEFAULT');
  if (defaultClass === null) throw new Error('IPADIC: char.def has no DEFAULT class');
  return { classOfUnit: new Uint8Array(file.unk_char), classes, defaultClass, unknownFeatures };
}
