/**
 * Turning fetched bytes into text. Precedence: a byte-order mark, then the
 * HTTP header's charset, then the document's own declaration (XML declaration
 * or <meta charset>), then sniffing. A declaration is trusted only when the
 * bytes agree with it: servers and CMSs label Shift_JIS pages as UTF-8 and
 * UTF-8 pages as ISO-8859-1 often enough that believing them blindly would
 * fill the store with mojibake.
 */

export interface Decoded {
  text: string;
  /** The WHATWG name of the charset used (`utf-8`, `shift_jis`, `utf-32le` …). */
  charset: string;
  /** Where the charset came from. */
  source: 'bom' | 'header' | 'document' | 'sniffed' | 'default';
  /** Set when a declaration was overruled: what it claimed. */
  overruled: string | null;
}

export class CharsetError extends Error {}

const SINGLE_BYTE_LATIN = new Set(['windows-1252', 'iso-8859-1', 'us-ascii', 'ascii', 'latin1', 'iso-8859-15']);
/** Every single-byte charset TextDecoder knows (WHATWG names): each decodes any byte sequence, so none is evidence. */
const SINGLE_BYTE = new Set([
  ...SINGLE_BYTE_LATIN,
  'ibm866', 'iso-8859-2', 'iso-8859-3', 'iso-8859-4', 'iso-8859-5', 'iso-8859-6', 'iso-8859-7', 'iso-8859-8', 'iso-8859-8-i',
  'iso-8859-10', 'iso-8859-13', 'iso-8859-14', 'iso-8859-16', 'koi8-r', 'koi8-u', 'macintosh', 'windows-874', 'windows-1250',
  'windows-1251', 'windows-1253', 'windows-1254', 'windows-1255', 'windows-1256', 'windows-1257', 'windows-1258', 'x-mac-cyrillic',
]);
/** The multi-byte charsets a single-byte label most often hides, in the order they are tried. */
const CJK_BEHIND_LABEL = ['shift_jis', 'euc-jp', 'euc-kr'];
/** Tried in this order when nothing trustworthy is declared. */
const SNIFF_ORDER = ['shift_jis', 'euc-jp', 'euc-kr', 'gb18030', 'big5'];

/**
 * The charset parameter of a Content-Type header, lower-cased, or null.
 *
 * @example
 * charsetOfContentType('text/html; charset="Shift_JIS"') // 'shift_jis'
 */
export function charsetOfContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /;\s*charset\s*=\s*(["']?)([^"';,\s]+)\1/i.exec(contentType);
  return m ? m[2]!.toLowerCase() : null;
}

/** The charset a document declares in its first bytes: `<?xml encoding>` or `<meta charset>` / http-equiv. */
export function declaredInDocument(bytes: Uint8Array): string | null {
  // Declarations are ASCII by rule; reading the head as Latin-1 keeps every byte as one char.
  const head = latin1(bytes.subarray(0, 4096));
  const xml = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  if (xml) return xml[1]!.toLowerCase();
  // Each <meta …> tag on its own: one regex over the whole head backtracks cubically on a crafted one.
  const lower = head.toLowerCase();
  for (let at = lower.indexOf('<meta'); at >= 0; at = lower.indexOf('<meta', at + 5)) {
    const end = head.indexOf('>', at);
    const tag = head.slice(at + 5, end < 0 ? head.length : end);
    const meta = /charset\s*=\s*(?:["']\s*)?([A-Za-z0-9._:-]+)/i.exec(tag);
    if (meta) return meta[1]!.toLowerCase();
    if (end < 0) break;
  }
  return null;
}

/**
 * Decode `bytes`, choosing the charset as described above.
 *
 * @example
 * decodeBytes(bytes, { contentType: 'text/html; charset=utf-8' }).text
 */
export function decodeBytes(bytes: Uint8Array, opts: { contentType?: string | null } = {}): Decoded {
  const bom = sniffBom(bytes);
  if (bom) return { text: decodeWith(bom.charset, bytes.subarray(bom.skip), false), charset: bom.charset, source: 'bom', overruled: null };

  // UTF-16/32 without a BOM still start with '<' (or whitespace) padded with NULs.
  const wide = sniffWide(bytes);
  if (wide) return { text: decodeWith(wide, bytes, false), charset: wide, source: 'sniffed', overruled: null };

  const rawHeader = charsetOfContentType(opts.contentType);
  const rawDoc = declaredInDocument(bytes);
  const fromHeader = normaliseCharset(rawHeader);
  const fromDoc = normaliseCharset(rawDoc);
  const declared = fromHeader ?? fromDoc;
  const source = fromHeader ? 'header' : 'document';
  // A label no decoder knows ("bogus") is a declaration we had to ignore: say so.
  const unknownLabel = (rawHeader && !fromHeader ? rawHeader : null) ?? (rawDoc && !fromDoc ? rawDoc : null);

  if (declared && !declared.startsWith('utf-16') && !declared.startsWith('utf-32')) {
    // Bytes that are valid UTF-8 with multi-byte sequences are UTF-8, whatever the label says:
    // Latin-1 and Shift_JIS text is practically never valid UTF-8 by accident.
    if (declared !== 'utf-8' && hasMultibyteUtf8(bytes)) {
      const text = tryDecode('utf-8', bytes);
      if (text !== null) return { text, charset: 'utf-8', source: 'sniffed', overruled: declared };
    }
    // A single-byte label reads any bytes without complaint, so it proves nothing: CJK text behind it wins.
    if (SINGLE_BYTE.has(declared)) {
      const cjk = cjkBehindSingleByteLabel(bytes);
      if (cjk) return { ...cjk, source: 'sniffed', overruled: declared };
    }
    const text = tryDecode(declared, bytes);
    if (text !== null && (SINGLE_BYTE_LATIN.has(declared) || plausible(text) >= 0)) return { text, charset: declared, source, overruled: null };
    // The declaration does not fit: fall through to sniffing, remembering what it said.
    const sniffed = sniff(bytes);
    if (sniffed) return { ...sniffed, overruled: declared };
    if (text !== null) return { text, charset: declared, source, overruled: null };
    throw new CharsetError(`declared charset ${declared} does not match the bytes, and no other charset does`);
  }
  if (declared && (declared.startsWith('utf-16') || declared.startsWith('utf-32'))) {
    // A UTF-16 label on a body without NUL padding is wrong (feeds re-encoded by a proxy).
    if (!bytes.subarray(0, 512).includes(0)) {
      const sniffed = sniff(bytes);
      if (sniffed) return { ...sniffed, overruled: declared };
    }
    return { text: decodeWith(declared, bytes, false), charset: declared, source, overruled: null };
  }
  const sniffed = sniff(bytes);
  if (sniffed) return unknownLabel ? { ...sniffed, overruled: unknownLabel } : sniffed;
  throw new CharsetError('not valid UTF-8 and no charset fits the bytes');
}

/**
 * Whether a (normalised) charset maps every byte to one character.
 *
 * @example
 * isSingleByteCharset(normaliseCharset('latin1')!) // true
 */
export function isSingleByteCharset(charset: string): boolean {
  return SINGLE_BYTE.has(charset);
}

/**
 * Bytes labelled with a single-byte charset (ISO-8859-1, Windows-1252 …)
 * that are valid Shift_JIS, EUC-JP or EUC-KR and read as Japanese or
 * Korean text in it (valid multi-byte UTF-8 already wins over any label): the text and its real charset, or null when the label
 * may well be right. Western text is practically never valid in these
 * multi-byte charsets (an accented letter before a space or a full stop
 * breaks them), and when it happens to be, it yields ideographs without
 * kana or a scatter of odd syllables, not Japanese or Korean.
 *
 * @example
 * cjkBehindSingleByteLabel(shiftJisBytes) // { text: '日本銀行は…', charset: 'shift_jis' }
 * cjkBehindSingleByteLabel(Buffer.from('café crème', 'latin1')) // null
 */
export function cjkBehindSingleByteLabel(bytes: Uint8Array): { text: string; charset: string } | null {
  let high = false;
  for (let i = 0; i < bytes.length && !high; i++) high = bytes[i]! >= 0x80;
  if (!high) return null;
  let best: { text: string; charset: string; score: number } | null = null;
  for (const cs of CJK_BEHIND_LABEL) {
    const text = tryDecode(cs, bytes);
    if (text === null || !cjkText(text, cs)) continue;
    const score = plausible(text, cs);
    if (!best || score > best.score) best = { text, charset: cs, score };
  }
  return best && { text: best.text, charset: best.charset };
}

/**
 * Whether a decode reads as Japanese or Korean: nearly all of its non-ASCII
 * characters are kana and kanji (with some kana) or Hangul syllables, and
 * none is what a wrong decode leaves behind (replacement, private-use,
 * half-width katakana, C1 controls).
 */
function cjkText(text: string, charset: string): boolean {
  let kana = 0;
  let han = 0;
  let hangul = 0;
  let nonAscii = 0;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    nonAscii++;
    if (c >= 0x3040 && c <= 0x30ff) kana++;
    else if (c >= 0x4e00 && c <= 0x9fff) han++;
    else if (c >= 0xac00 && c <= 0xd7a3) hangul++;
    else if ((c >= 0xff61 && c <= 0xff9f) || (c >= 0xe000 && c <= 0xf8ff) || c === 0xfffd || c <= 0x9f) bad++;
  }
  if (bad > nonAscii * 0.01) return false;
  // CJK punctuation, full-width forms and the like are the rest; they may not dominate.
  const ja = kana + han;
  const ko = hangul + han;
  if (charset !== 'euc-kr') return kana >= 2 && ja >= 4 && ja >= nonAscii * 0.8;
  return hangul >= 4 && hangul >= han && ko >= nonAscii * 0.8;
}

function sniff(bytes: Uint8Array): Decoded | null {
  // ISO-2022-JP is 7-bit and so also valid UTF-8: look for its escape sequences first.
  if (/\x1b\$[@B]|\x1b\(J/.test(latin1(bytes.subarray(0, 65536)))) {
    const text = tryDecode('iso-2022-jp', bytes);
    if (text !== null) return { text, charset: 'iso-2022-jp', source: 'sniffed', overruled: null };
  }
  const utf8 = tryDecode('utf-8', bytes);
  if (utf8 !== null) return { text: utf8, charset: 'utf-8', source: 'sniffed', overruled: null };
  let best: { text: string; charset: string; score: number } | null = null;
  for (const cs of SNIFF_ORDER) {
    const text = tryDecode(cs, bytes);
    if (text === null) continue;
    const score = plausible(text, cs);
    if (!best || score > best.score) best = { text, charset: cs, score };
  }
  // A couple of stray high bytes in ASCII text are Windows punctuation, not one odd ideograph.
  if (best && best.score >= 4) return { text: best.text, charset: best.charset, source: 'sniffed', overruled: null };
  // Anything else is most likely Windows Latin; it decodes every byte.
  const fallback = tryDecode('windows-1252', bytes);
  if (fallback !== null && !/[\x00-\x08\x0e-\x1f]/.test(fallback.slice(0, 4096))) {
    return { text: fallback, charset: 'windows-1252', source: 'default', overruled: null };
  }
  return null;
}

/**
 * How much a decoded text looks like real writing in the language its
 * charset implies. Japanese prose is full of kana; Korean of Hangul
 * syllables (not the compatibility jamo a wrong decode produces); Chinese of
 * ideographs. Half-width katakana, private-use, replacement and C1 control
 * characters are what a wrong multi-byte charset leaves behind.
 */
function plausible(text: string, charset: string | null = null): number {
  let kana = 0;
  let han = 0;
  let hangul = 0;
  let other = 0;
  let bad = 0;
  const sample = text.length > 20000 ? text.slice(0, 20000) : text;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c < 0x80) continue;
    if (c >= 0x3040 && c <= 0x30ff) kana++;
    else if (c >= 0x4e00 && c <= 0x9fff) han++;
    else if (c >= 0xac00 && c <= 0xd7a3) hangul++;
    else if ((c >= 0xff61 && c <= 0xff9f) || (c >= 0xe000 && c <= 0xf8ff) || c === 0xfffd || (c >= 0x80 && c <= 0x9f) || (c >= 0x3130 && c <= 0x318f) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x1100 && c <= 0x11ff)) bad++;
    else other++;
  }
  const ja = kana * 2 + (kana * 10 > han ? han : han * 0.2);
  // Modern Korean rarely mixes in ideographs; a "Korean" decode full of them is Chinese bytes.
  const ko = hangul * 2 - han * 1.5;
  const zh = han;
  const lang = charset === null ? Math.max(ja, ko, zh) : /jis|jp/.test(charset) ? ja : /kr/.test(charset) ? ko : zh;
  return lang + other * 0.1 - bad * 3;
}

/** The charset a byte-order mark names, and how many bytes it takes. */
export function sniffBom(b: Uint8Array): { charset: string; skip: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { charset: 'utf-8', skip: 3 };
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return { charset: 'utf-32le', skip: 4 };
  if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return { charset: 'utf-32be', skip: 4 };
  if (b[0] === 0xff && b[1] === 0xfe) return { charset: 'utf-16le', skip: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { charset: 'utf-16be', skip: 2 };
  return null;
}

function sniffWide(b: Uint8Array): string | null {
  if (b.length < 4) return null;
  const [a, c, d, e] = [b[0]!, b[1]!, b[2]!, b[3]!];
  if (a === 0 && c === 0 && d === 0 && e !== 0) return 'utf-32be';
  if (a !== 0 && c === 0 && d === 0 && e === 0) return 'utf-32le';
  if (a === 0 && c !== 0 && d === 0 && e !== 0) return 'utf-16be';
  if (a !== 0 && c === 0 && d !== 0 && e === 0) return 'utf-16le';
  return null;
}

/** Anywhere in the body: a page may be ASCII for its first 64 KB and Japanese after. */
function hasMultibyteUtf8(b: Uint8Array): boolean {
  for (let i = 0; i + 1 < b.length; i++) {
    const x = b[i]!;
    if (x >= 0xc2 && x <= 0xf4 && (b[i + 1]! & 0xc0) === 0x80) return true;
  }
  return false;
}

/** WHATWG label → the name TextDecoder reports; unknown labels → null. */
export function normaliseCharset(label: string | null): string | null {
  if (!label) return null;
  const l = label.trim().toLowerCase();
  if (l === 'utf-32' || l === 'utf32' || l === 'ucs-4') return 'utf-32be';
  if (l === 'utf-32le' || l === 'utf-32be') return l;
  if (l === 'utf-16' || l === 'utf16') return 'utf-16le';
  try {
    return new TextDecoder(l).encoding;
  } catch {
    return null;
  }
}

/**
 * Decode with exactly this charset, throwing CharsetError on any byte that
 * does not belong (for local files, where kiji never guesses).
 *
 * @example
 * decodeStrict('shift_jis', bytes)
 */
export function decodeStrict(charset: string, bytes: Uint8Array): string {
  return decodeWith(charset, bytes, true);
}

function tryDecode(charset: string, bytes: Uint8Array): string | null {
  try {
    return decodeWith(charset, bytes, true);
  } catch {
    return null;
  }
}

function decodeWith(charset: string, bytes: Uint8Array, fatal: boolean): string {
  if (charset === 'utf-32le' || charset === 'utf-32be') return decodeUtf32(bytes, charset === 'utf-32be', fatal);
  const text = new TextDecoder(charset, { fatal, ignoreBOM: true }).decode(bytes);
  // C1 controls never mean what they say in web text: they are Windows-1252 punctuation,
  // either because Node decodes windows-1252 as ISO-8859-1, or because a CMS stored
  // cp1252 bytes as code points and re-encoded them ("demoronising").
  return /[\x80-\x9f]/.test(text) ? text.replace(/[\x80-\x9f]/g, (c) => CP1252[c.charCodeAt(0) - 0x80] ?? c) : text;
}

/** Windows-1252 0x80–0x9F; undefined slots stay as they are. */
const CP1252: (string | undefined)[] = [
  '\u20ac', undefined, '\u201a', '\u0192', '\u201e', '\u2026', '\u2020', '\u2021', '\u02c6', '\u2030', '\u0160', '\u2039', '\u0152', undefined, '\u017d', undefined,
  undefined, '\u2018', '\u2019', '\u201c', '\u201d', '\u2022', '\u2013', '\u2014', '\u02dc', '\u2122', '\u0161', '\u203a', '\u0153', undefined, '\u017e', '\u0178',
];

/** TextDecoder has no UTF-32; it is simple enough to do by hand. */
function decodeUtf32(bytes: Uint8Array, bigEndian: boolean, fatal: boolean): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let i = 0; i + 4 <= bytes.length; i += 4) {
    const cp = view.getUint32(i, !bigEndian);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      if (fatal) throw new CharsetError(`invalid UTF-32 code point at byte ${i}`);
      chunk.push(0xfffd);
    } else chunk.push(cp);
    if (chunk.length >= 8192) {
      parts.push(String.fromCodePoint(...chunk));
      chunk = [];
    }
  }
  if (bytes.length % 4 !== 0 && fatal) throw new CharsetError('UTF-32 body length is not a multiple of 4');
  parts.push(String.fromCodePoint(...chunk));
  return parts.join('');
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}
