/*
 * Hostile input for the figure reader: every input is generated here, and
 * every case must finish. The timeouts are hang guards (a quadratic regex
 * took minutes on these), not speed assertions: speed is measured by
 * `npm run bench -- enrich`.
 */
import { describe, expect, it } from 'vitest';
import { findDates } from './dates.js';
import { findFigures } from './find.js';
import { fold, scanNumerals } from './numerals.js';
import { addressSpans, mergeSpans, overlapsAny } from './spans.js';

const HANG_GUARD = 120_000;

/** A few prose figures around the hostile part, so a run that "finishes" by giving up on everything fails. */
const around = (hostile: string) => `Hyundai will invest about $3 billion. ${hostile} 政府は最大5万台を配備する。정부는 GPU 26만 대를 확보한다.`;

function expectProseFigures(text: string) {
  const figs = findFigures(text);
  for (const f of figs) expect(text.slice(f.start, f.end)).toBe(f.text);
  const texts = figs.map((f) => f.text);
  expect(texts).toContain('about $3 billion');
  expect(texts).toContain('最大5万台');
  expect(texts).toContain('26만 대');
  return figs;
}

describe('findFigures on hostile input finishes', () => {
  it('400 KB of digits with no @ (the e-mail mask was quadratic on it)', { timeout: HANG_GUARD }, () => {
    const figs = expectProseFigures(around('7'.repeat(400_000)));
    // A 400,000-digit run is no amount.
    expect(figs.some((f) => f.text.includes('7777'))).toBe(false);
  });

  it('a 1 MB one-letter "word"', { timeout: HANG_GUARD }, () => {
    expectProseFigures(around('a'.repeat(1_000_000)));
  });

  it('a 5 MB line without spaces of word characters, dots, dashes and digits', { timeout: HANG_GUARD }, () => {
    expectProseFigures(around('ab1.c-d_+'.repeat(560_000)));
  });

  it('a megabyte of thousands groups (1,000,000,…) and of dotted runs', { timeout: HANG_GUARD }, () => {
    expectProseFigures(around('1' + ',000'.repeat(250_000)));
    expectProseFigures(around('1.2'.repeat(330_000)));
  });

  it('many e-mail-like and URL-like runs: a@a@a…, http://x/1 http://x/2 …', { timeout: HANG_GUARD }, () => {
    expectProseFigures(around('a@'.repeat(500_000)));
    expectProseFigures(around(Array.from({ length: 40_000 }, (_, i) => `http://x.jp/${i} 5台`).join(' ')));
  });

  it('tens of thousands of dates beside tens of thousands of amounts', { timeout: HANG_GUARD }, () => {
    const text = around(Array.from({ length: 30_000 }, (_, i) => `${(i % 9) + 1}台と2025年${(i % 12) + 1}月1日`).join('、'));
    const figs = expectProseFigures(text);
    expect(figs.filter((f) => f.kind === 'date').length).toBe(30_000);
    expect(figs.filter((f) => f.kind === 'count' && f.unit === '台').length).toBeGreaterThanOrEqual(30_000);
  });

  it('long runs of kanji and hangul numerals, number words and spaces', { timeout: HANG_GUARD }, () => {
    expectProseFigures(around('一万'.repeat(300_000)));
    expectProseFigures(around('일백'.repeat(300_000)));
    expectProseFigures(around('one '.repeat(250_000)));
    expectProseFigures(around(' '.repeat(1_000_000) + '5'));
    expectProseFigures(around('May' + ' '.repeat(500_000) + 'x'));
  });

  it('a megabyte of currency signs, percent signs and scale words', { timeout: HANG_GUARD }, () => {
    expectProseFigures(around('$'.repeat(300_000) + '%'.repeat(300_000)));
    expectProseFigures(around('billion '.repeat(100_000)));
    expectProseFigures(around('ドル円ウォン'.repeat(100_000)));
  });
});

describe('spans', () => {
  it('finds URLs and addresses as the old regex did, on ordinary text', () => {
    const f = fold('連絡は info.desk+news@example.co.jp まで。詳細は https://example.com/a?id=30%25 と www.example.org/x を参照。a@b は宛先でない');
    const spans = addressSpans(f).map((s) => f.slice(s.start, s.end));
    expect(spans).toEqual(['info.desk+news@example.co.jp', 'https://example.com/a?id=30%25', 'www.example.org/x']);
  });

  it('answers overlap queries on merged spans', () => {
    const m = mergeSpans([{ start: 30, end: 40 }, { start: 0, end: 5 }, { start: 4, end: 10 }]);
    expect(m).toEqual([{ start: 0, end: 10 }, { start: 30, end: 40 }]);
    expect(overlapsAny(m, 10, 30)).toBe(false);
    expect(overlapsAny(m, 9, 11)).toBe(true);
    expect(overlapsAny(m, 39, 50)).toBe(true);
    expect(overlapsAny([], 0, 1)).toBe(false);
  });

  it('dates and numerals on generated runs stay linear and exact', { timeout: HANG_GUARD }, () => {
    const text = '2025年 '.repeat(80_000);
    expect(findDates(text)).toHaveLength(80_000);
    expect(scanNumerals('1 '.repeat(200_000))).toHaveLength(200_000);
  });
});
