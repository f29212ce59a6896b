/**
 * Encode text in Shift_JIS, EUC-JP or EUC-KR for tests that build their own
 * hostile input. Node has decoders for these charsets but no encoders, so the
 * table is the decoder run backwards over every one- and two-byte sequence.
 */
const tables = new Map<string, Map<string, number[]>>();

function table(charset: string): Map<string, number[]> {
  let t = tables.get(charset);
  if (t) return t;
  t = new Map();
  const dec = new TextDecoder(charset, { fatal: true });
  const add = (bytes: number[]) => {
    try {
      const s = dec.decode(new Uint8Array(bytes));
      if ([...s].length === 1 && !t!.has(s)) t!.set(s, bytes);
    } catch {
      // not a valid sequence in this charset
    }
  };
  for (let a = 0; a < 0x80; a++) add([a]);
  for (let a = 0x80; a <= 0xff; a++) {
    add([a]);
    for (let b = 0x40; b <= 0xff; b++) add([a, b]);
  }
  tables.set(charset, t);
  return t;
}

/**
 * @example
 * encodeLegacy('日本銀行', 'shift_jis') // Uint8Array [0x93, 0xfa, 0x96, 0x7b, …]
 */
export function encodeLegacy(text: string, charset: 'shift_jis' | 'euc-jp' | 'euc-kr'): Uint8Array {
  const t = table(charset);
  const out: number[] = [];
  for (const ch of text) {
    const bytes = t.get(ch);
    if (!bytes) throw new Error(`${JSON.stringify(ch)} has no ${charset} encoding`);
    out.push(...bytes);
  }
  return new Uint8Array(out);
}
