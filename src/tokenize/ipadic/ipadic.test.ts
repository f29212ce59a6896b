/**
 * kiji's IPADIC reader must give kuromoji's tokens, field for field: every
 * Japanese text in fixtures/, hand-picked edge cases of kuromoji's lattice
 * (surrogate pairs, grouped unknown words, punctuation splits, NUL) and
 * random strings drawn from the scripts news text mixes, each compared with
 * kuromoji's own tokenizer over the same dictionary files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import kuromoji from 'kuromoji';
import { beforeAll, describe, expect, it } from 'vitest';
import { kuromojiDictPath, loadIpadic } from './dictionary.js';
import { IpadicTokenizer } from './tokenizer.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
let ours: IpadicTokenizer;
let theirs: kuromoji.Tokenizer<kuromoji.IpadicFeatures>;

beforeAll(async () => {
  ours = new IpadicTokenizer(await loadIpadic(kuromojiDictPath()));
  theirs = await new Promise((resolve, reject) => kuromoji.builder({ dicPath: kuromojiDictPath() }).build((err, t) => (err ? reject(err) : resolve(t))));
});

/** Japanese texts of the fixtures, paragraph by paragraph (as the pipeline hands them over, cut to 256 characters). */
function fixtureParagraphs(): string[] {
  const files = [
    ...readdirSync(join(ROOT, 'fixtures', 'articles')).filter((d) => d.startsWith('ja-')).map((d) => join(ROOT, 'fixtures', 'articles', d, 'source.txt')),
    ...readdirSync(join(ROOT, 'fixtures', 'pages')).filter((d) => d.startsWith('ja-')).map((d) => join(ROOT, 'fixtures', 'pages', d, 'expected.txt')),
  ];
  return files.flatMap((f) => readFileSync(f, 'utf8').split(/\n+/)).filter((p) => p.trim() !== '');
}

describe('IpadicTokenizer', () => {
  it("gives kuromoji's tokens on every Japanese fixture paragraph", () => {
    const paragraphs = fixtureParagraphs();
    expect(paragraphs.length).toBeGreaterThan(200);
    let tokens = 0;
    for (const p of paragraphs) {
      const mine = ours.tokenize(p);
      expect(mine, p).toStrictEqual(theirs.tokenize(p));
      tokens += mine.length;
    }
    expect(tokens).toBeGreaterThan(10_000);
  });

  it.each([
    ['a sentence', '日本銀行は31日、政策金利を0.5%に引き上げると発表した。'],
    ['several splits at 、 and 。', '東京、大阪、名古屋。、。。札幌'],
    ['only punctuation', '、。、'],
    ['a grouped unknown run outside the BMP', '😀😀😀は絵文字'],
    ['a rare kanji as a surrogate pair', '𠮷野家の牛丼は𠮷と書く'],
    ['mixed scripts and widths', 'ＮＶＩＤＩＡとNvidiaのＨ１００、ｶﾀｶﾅ半角とカタカナ全角、１２３と123'],
    ['spaces, tabs and a newline', '株価は\t上昇 し た\n次の日'],
    ['a lone low surrogate', '東\udc00京'],
    ['Korean and English inside Japanese', 'サムスン電子(삼성전자)はSamsung Electronicsとも書く'],
    ['a long katakana run', 'アイウエオ'.repeat(60)],
    ['digits and units', '売上高は前年同期比12.3％増の1兆2345億6789万円だった'],
  ])('gives the same tokens for %s', (_name, text) => {
    expect(ours.tokenize(text)).toStrictEqual(theirs.tokenize(text));
  });

  it("gives kuromoji's tokens on random strings of news scripts", () => {
    const alphabet = [...'日本銀行政策金利上昇東京大阪株価円ドルのはにをがでとしたするいうアイウエオカタナｶﾀﾅABCxyz0123４５６.,%、。「」（）・ー…\n\t 한국어😀𠮷'];
    const char = fc.constantFrom(...alphabet);
    fc.assert(
      fc.property(fc.array(char, { minLength: 1, maxLength: 60 }), (chars) => {
        const text = chars.join('');
        expect(ours.tokenize(text)).toStrictEqual(theirs.tokenize(text));
      }),
      { numRuns: 400, seed: 1530 },
    );
  });

  it.each([
    ['a high surrogate without its low half', '東京\ud800大阪', '\ud800'],
    ['a NUL character', '東京\u0000大阪', '\u0000'],
  ])('reads %s as an unknown word where kuromoji throws', (_name, text, odd) => {
    expect(() => theirs.tokenize(text)).toThrow(TypeError);
    const tokens = ours.tokenize(text);
    expect(tokens.map((t) => t.surface_form).join('')).toBe(text);
    expect(tokens.find((t) => t.surface_form.includes(odd))?.word_type).toBe('UNKNOWN');
  });

  it('returns no tokens for an empty string', () => {
    expect(ours.tokenize('')).toEqual([]);
  });
});

describe('loadIpadic', () => {
  it('loads into SharedArrayBuffers for a pool, giving the same tokens', async () => {
    const dict = await loadIpadic(kuromojiDictPath(), { shared: true });
    for (const a of [dict.base, dict.check, dict.features, dict.targetStart, dict.targets, dict.costs, dict.classOfUnit]) expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(dict.tokenInfo.buffer).toBeInstanceOf(SharedArrayBuffer);
    const text = '日本銀行は31日、政策金利を0.5%に引き上げると発表した。😀😀は絵文字';
    expect(new IpadicTokenizer(dict).tokenize(text)).toStrictEqual(ours.tokenize(text));
  });


  it('names the file it cannot read', async () => {
    await expect(loadIpadic('/nonexistent/ipadic')).rejects.toThrow(/base\.dat\.gz/);
  });
});
