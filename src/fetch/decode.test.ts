import { describe, expect, it } from 'vitest';
import { decodeDocument } from './decode.js';
import { declaredInDocument } from './http/charset.js';

const SJIS_NIHON_NO_BUNSHO = [0x93, 0xfa, 0x96, 0x7b, 0x82, 0xcc, 0x95, 0xb6, 0x8f, 0xcd]; // 日本の文章

describe('decodeDocument (local files)', () => {
  it('reads UTF-8 with and without a BOM, and UTF-16 with one', () => {
    expect(decodeDocument(Buffer.from('삼성전자', 'utf8'), { input: 'a.txt' })).toBe('삼성전자');
    expect(decodeDocument(Buffer.from('\uFEFFNVIDIA', 'utf8'), { input: 'b.txt' })).toBe('NVIDIA');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('韓国のAI', 'utf16le')]);
    expect(decodeDocument(utf16, { input: 'c.txt' })).toBe('韓国のAI');
  });
  it('follows a declared charset, and refuses one the bytes do not fit', () => {
    const html = Buffer.concat([Buffer.from('<html><head><meta charset="Shift_JIS"></head><body>'), Buffer.from(SJIS_NIHON_NO_BUNSHO), Buffer.from('</body></html>')]);
    const declared = declaredInDocument(html);
    expect(declared).toBe('shift_jis');
    expect(decodeDocument(html, { input: 'page.html', declared })).toContain('日本の文章');
    expect(() => decodeDocument(Buffer.from([0x80, 0x81, 0xff]), { input: 'x.html', declared: 'euc-kr' })).toThrow(/x\.html: declared charset euc-kr does not match the bytes/);
    expect(() => decodeDocument(Buffer.from('abc'), { input: 'y.html', declared: 'klingon-8' })).toThrow(/y\.html: unknown charset "klingon-8"/);
  });
  it('never guesses an undeclared encoding', () => {
    expect(() => decodeDocument(Buffer.from(SJIS_NIHON_NO_BUNSHO), { input: 'z.txt' })).toThrow(/z\.txt: not valid UTF-8 and no charset declared/);
  });
});
