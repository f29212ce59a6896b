import { describe, expect, it } from 'vitest';
import { encodeLegacy } from '../../../tests/support/legacy-encode.js';
import { decodeDocument } from '../decode.js';
import { cjkBehindSingleByteLabel, decodeBytes } from './charset.js';

const ja = '日本銀行は２０日、金融政策決定会合で長期金利の上限を０．５％程度に引き上げると発表した。市場では円高が進み、株価は下落した。';
const ko = '한국은행은 20일 기준금리를 3.5%로 동결했다. 시장에서는 원화 강세가 이어졌고 주가는 하락했다.';
const page = (body: string, charset = 'iso-8859-1') => `<html><head><meta charset="${charset}"><title>t</title></head><body><p>${body}</p></body></html>`;
const latin1 = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

describe('a single-byte charset label is checked against the bytes', () => {
  it('reads Shift_JIS, EUC-JP and EUC-KR behind an ISO-8859-1 or Windows-1252 header as what they are', () => {
    const cases: [string, 'shift_jis' | 'euc-jp' | 'euc-kr', string][] = [
      [ja, 'shift_jis', 'text/html; charset=iso-8859-1'],
      [ja, 'euc-jp', 'text/html; charset=ISO-8859-1'],
      [ja, 'shift_jis', 'text/html; charset=windows-1252'],
      [ko, 'euc-kr', 'text/html; charset=iso-8859-1'],
      [ko, 'euc-kr', 'text/html; charset=us-ascii'],
    ];
    for (const [text, charset, contentType] of cases) {
      const d = decodeBytes(encodeLegacy(page(text, 'x-unknown'), charset), { contentType });
      expect(d.charset, `${charset} as ${contentType}`).toBe(charset);
      expect(d.text).toContain(text);
      expect(d.overruled).toBe('windows-1252');
    }
  });

  it('reads a mixed page: English with a Japanese quote in Shift_JIS, and UTF-8 Japanese after 70 KB of ASCII', () => {
    const en = 'The Bank of Japan said on Tuesday that it would raise its policy rate. '.repeat(20);
    const mixed = decodeBytes(encodeLegacy(page(`${en} The statement read: 「長期金利の上限を引き上げる」 and markets moved.`), 'shift_jis'), {
      contentType: 'text/html; charset=iso-8859-1',
    });
    expect(mixed.charset).toBe('shift_jis');
    expect(mixed.text).toContain('「長期金利の上限を引き上げる」');
    const late = Buffer.from(page(`${'a'.repeat(70_000)} ${ja}`), 'utf8');
    const d = decodeBytes(late, { contentType: 'text/html; charset=iso-8859-1' });
    expect(d.charset).toBe('utf-8');
    expect(d.text).toContain(ja);
  });

  it('keeps real Latin-1 text as Latin-1: French, German, Spanish', () => {
    for (const text of ['Le café crème coûte déjà 3 €, a déclaré la Banque de France à Paris.', 'Äpfel über Straße: Die Bundesbank erhöht die Zinsen, sagte München.', 'El año pasado la economía creció un 2,5 %, según España.']) {
      const bytes = latin1(page(text.replace('€', 'EUR')));
      expect(cjkBehindSingleByteLabel(bytes), text).toBeNull();
      const d = decodeBytes(bytes, { contentType: 'text/html; charset=iso-8859-1' });
      expect(d.charset).toBe('windows-1252');
      expect(d.text).toContain(text.replace('€', 'EUR'));
    }
  });

  it('applies to local files with a <meta charset> that lies', () => {
    const bytes = encodeLegacy(page(ja, 'iso-8859-1'), 'shift_jis');
    expect(decodeDocument(bytes, { input: 'page.html', declared: 'iso-8859-1' })).toContain(ja);
    // Real Latin-1 with the same label is unchanged.
    expect(decodeDocument(latin1(page('café crème')), { input: 'fr.html', declared: 'iso-8859-1' })).toContain('café crème');
  });
});
