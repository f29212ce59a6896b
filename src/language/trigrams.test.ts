import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { trigramCode, trigramCodeCounts, trigramCounts } from './trigrams.js';

/**
 * The features as the model defines them, written the plain way: every
 * three-character slice of each lower-cased, NFC word padded with one space,
 * ’ read as '. The counters must give these counts, in this order.
 */
function sliced(text: string, limit = Infinity): Map<string, number> {
  const counts = new Map<string, number>();
  let seen = 0;
  for (const w of text.normalize('NFC').toLowerCase().match(/[\p{L}\p{M}]+(?:['’][\p{L}]+)*/gu) ?? []) {
    const padded = ` ${w.replace(/’/g, "'")} `;
    for (let i = 0; i + 3 <= padded.length; i++) {
      const g = padded.slice(i, i + 3);
      counts.set(g, (counts.get(g) ?? 0) + 1);
      if (++seen >= limit) return counts;
    }
  }
  return counts;
}
const asCodes = (m: Map<string, number>) => [...m].map(([g, n]) => [trigramCode(g), n]);

describe('trigramCodeCounts and trigramCounts', () => {
  it.each([
    ['English', "The Bank of Japan's board said it won’t raise rates."],
    ['German', 'Die Regierung will das Gesetz noch in diesem Jahr ändern.'],
    ['Vietnamese', 'Chính phủ Việt Nam công bố kế hoạch mới.'],
    ['Russian', 'Правительство подписало соглашение'],
    ['mixed scripts and digits', 'NVIDIAは2025年 Samsung 삼성 a I'],
    ['combining marks (NFC)', 'cafe\u0301 re\u0301sume\u0301'],
  ])('count every padded slice, in order: %s', (_name, text) => {
    expect([...trigramCodeCounts(text)]).toEqual(asCodes(sliced(text)));
    expect([...trigramCounts(text)]).toEqual([...sliced(text)]);
  });

  it('stops at the same limit', () => {
    const text = 'the quick brown fox jumps over the lazy dog '.repeat(20);
    for (const limit of [1, 7, 50, 200]) {
      expect([...trigramCodeCounts(text, limit)]).toEqual(asCodes(sliced(text, limit)));
      expect([...trigramCounts(text, limit)]).toEqual([...sliced(text, limit)]);
    }
  });

  it('agree with the slices on random text', () => {
    const char = fc.constantFrom(...'abcdeéü’\' -.,ÄΩжあ한1'.split(''));
    fc.assert(
      fc.property(fc.array(char, { maxLength: 80 }), fc.integer({ min: 1, max: 100 }), (chars, limit) => {
        const text = chars.join('');
        expect([...trigramCodeCounts(text, limit)]).toEqual(asCodes(sliced(text, limit)));
        expect([...trigramCounts(text, limit)]).toEqual([...sliced(text, limit)]);
      }),
      { numRuns: 300, seed: 15 },
    );
  });
});
