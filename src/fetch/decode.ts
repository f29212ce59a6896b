import { TextDecoder } from 'node:util';
import { InputError, type Stage } from '../errors.js';

const MAGIC: [string, number[]][] = [
  ['PDF', [0x25, 0x50, 0x44, 0x46]],
  ['PNG', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG', [0xff, 0xd8, 0xff]],
  ['GIF', [0x47, 0x49, 0x46, 0x38]],
  ['ZIP', [0x50, 0x4b, 0x03, 0x04]],
  ['gzip', [0x1f, 0x8b]],
  ['ELF', [0x7f, 0x45, 0x4c, 0x46]],
];

/**
 * Decode document bytes to a string, or say exactly why not.
 *
 * Order: a byte-order mark wins; then the declared charset (HTTP header,
 * `<meta charset>`, XML declaration) if the caller found one; then strict
 * UTF-8. Bytes that are none of these are an error, not mojibake: kiji never
 * guesses an encoding that nothing declared.
 *
 * @example
 * decodeDocument(Buffer.from('韓国', 'utf8'), { input: 'a.txt' }) // '韓国'
 */
export function decodeDocument(
  bytes: Uint8Array,
  opts: { input: string; declared?: string | null; stage?: Stage },
): string {
  const stage = opts.stage ?? 'fetch';
  const input = opts.input;
  for (const [name, sig] of MAGIC) {
    if (sig.every((b, i) => bytes[i] === b)) throw new InputError(stage, 'binary', `${input}: binary file (${name}), not a text document`, { input });
  }
  let label: string | null = null;
  let skip = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) [label, skip] = ['utf-8', 3];
  else if (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) [label, skip] = ['utf-32le', 4];
  else if (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) [label, skip] = ['utf-32be', 4];
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [label, skip] = ['utf-16le', 2];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [label, skip] = ['utf-16be', 2];

  if (!label) {
    // NUL bytes never occur in UTF-8 text; without a BOM they mean binary (or UTF-16 nobody declared).
    const head = bytes.subarray(0, 8192);
    if (head.includes(0)) throw new InputError(stage, 'binary', `${input}: contains NUL bytes; binary or undeclared UTF-16`, { input });
    label = opts.declared ? opts.declared.toLowerCase() : 'utf-8';
  }
  if (label.startsWith('utf-32')) return decodeUtf32(bytes.subarray(skip), label === 'utf-32be', input, stage);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true, ignoreBOM: true });
  } catch {
    throw new InputError(stage, 'bad_encoding', `${input}: unknown charset "${label}"`, { input });
  }
  try {
    return decoder.decode(bytes.subarray(skip));
  } catch {
    const why = opts.declared ? `declared charset ${opts.declared} does not match the bytes` : 'not valid UTF-8 and no charset declared';
    throw new InputError(stage, 'bad_encoding', `${input}: ${why}`, { input });
  }
}

function decodeUtf32(b: Uint8Array, bigEndian: boolean, input: string, stage: Stage): string {
  if (b.length % 4 !== 0) throw new InputError(stage, 'bad_encoding', `${input}: truncated UTF-32`, { input });
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let out = '';
  for (let i = 0; i < b.length; i += 4) {
    const cp = view.getUint32(i, !bigEndian);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw new InputError(stage, 'bad_encoding', `${input}: invalid UTF-32 code point`, { input });
    out += String.fromCodePoint(cp);
  }
  return out;
}

/** The charset an HTML or XML document declares in its first 2 KB, if any. */
export function sniffDeclaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  const meta = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)/i.exec(head);
  if (meta) return meta[1]!;
  const xml = /^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_:.-]+)["']/i.exec(head);
  return xml ? xml[1]! : null;
}
