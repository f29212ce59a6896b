import { InputError, type Stage } from '../errors.js';
import { cjkBehindSingleByteLabel, decodeStrict, isSingleByteCharset, normaliseCharset, sniffBom } from './http/charset.js';

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
 * Decode the bytes of a local document (a file, stdin), or say exactly why
 * not.
 *
 * Order: a byte-order mark wins; then the charset the document declares
 * (`<meta charset>`, XML declaration), if the caller found one, except that
 * a single-byte label (ISO-8859-1 …) over bytes that are valid Shift_JIS,
 * EUC-JP or EUC-KR Japanese or Korean text yields to those (such a label
 * decodes anything, so it proves nothing); then strict UTF-8. Unlike fetched pages (src/fetch/http/charset.ts, which sniffs),
 * bytes that are none of these are an error, not a guess: a local file in an
 * undeclared encoding is the user's to label.
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
  const bom = sniffBom(bytes);
  // NUL bytes never occur in UTF-8 text; without a BOM they mean binary (or UTF-16 nobody declared).
  if (!bom && bytes.subarray(0, 8192).includes(0)) throw new InputError(stage, 'binary', `${input}: contains NUL bytes; binary or undeclared UTF-16`, { input });
  let charset = 'utf-8';
  if (bom) charset = bom.charset;
  else if (opts.declared) {
    const known = normaliseCharset(opts.declared);
    if (!known) throw new InputError(stage, 'bad_encoding', `${input}: unknown charset "${opts.declared.toLowerCase()}"`, { input });
    charset = known;
    if (isSingleByteCharset(known)) {
      const cjk = cjkBehindSingleByteLabel(bytes);
      if (cjk) return cjk.text;
    }
  }
  try {
    return decodeStrict(charset, bytes.subarray(bom?.skip ?? 0));
  } catch {
    const why = bom ? `invalid ${charset}` : opts.declared ? `declared charset ${opts.declared} does not match the bytes` : 'not valid UTF-8 and no charset declared';
    throw new InputError(stage, 'bad_encoding', `${input}: ${why}`, { input });
  }
}
