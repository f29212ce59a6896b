import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { trigramCode, trigramCodeCounts, trigramCounts } from './trigrams.js';

/** The string-keyed counts, keyed by code: what the numeric counter must give, order included. */
const asCodes = (m: Map<string, number>) => [...m].map(([g, n]) => [trigramCode(g), n]);

describe('trigramCodeCounts', () => {
  it.each([
    ['English', "The Bank of Japan's board said it won’t raise rates."],
    ['German', 'Die Regierung will das Gesetz noch in diesem Jahr ändern.'],
    ['Vietnamese', 'Chính phủ Việt Nam công bố kế hoạch mới.'],
    ['Russian', 'Правительство подписало соглашение'],
    ['mixed scripts and digits', 'NVIDIAは2025年 Samsung 삼성 a I'],
    ['combining marks (NFC)', 'cafe\u0301 re\u0301sume\u0301'],
  ])('counts what trigramCounts counts, in its order: %s', (_name, text) => {
    expect([...trigramCodeCounts(text)]).toEqual(asCodes(trigramCounts(text)));
  });

  it('stops at the same limit', () => {
    const text = 'the quick brown fox jumps over the lazy dog '.repeat(20);
    for (const limit of [1, 7, 50, 200]) expect([...trigramCodeCounts(text, limit)]).toEqual(asCodes(trigramCounts(text, limit)));
  });

  it('agrees with trigramCounts on random text', () => {
    const char = fc.constantFrom(...'abcdeéü’\' -.,ÄΩжあ한1'.split(''));
    fc.assert(
      fc.property(fc.array(char, { maxLength: 80 }), fc.integer({ min: 1, max: 100 }), (chars, limit) => {
        const text = chars.join('');
        expect([...trigramCodeCounts(text, limit)]).toEqual(asCodes(trigramCounts(text, limit)));
      }),
      { numRuns: 300, seed: 15 },
    );
  });
});
