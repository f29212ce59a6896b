import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayForm, matchForm } from './match-form.js';

describe('matchForm', () => {
  it('folds width, emphasis, dashes, ellipses and space in all three languages', () => {
    expect(matchForm('**ＮＶＩＤＩＡ**は　２６万台…')).toBe('nvidiaは 26万台...');
    expect(matchForm('삼성전자는  ９조 １,８３４억 원을 — 투자')).toBe('삼성전자는 9조 1,834억 원을 - 투자');
    expect(matchForm('“BlackRock’s”   __AI hub__')).toBe('"blackrock\'s" ai hub');
  });
  it('leaves snake_case and arithmetic alone', () => {
    expect(matchForm('feed_url and 2*3*4')).toBe('feed_url and 2*3*4');
  });
  it('is idempotent on any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => matchForm(matchForm(s)) === matchForm(s)));
  });
  it('never leaves leading or trailing white space', () => {
    fc.assert(fc.property(fc.string({ maxLength: 100 }), (s) => matchForm(s) === matchForm(s).trim()));
  });
});

describe('displayForm', () => {
  it('keeps the author\'s characters but drops emphasis markers', () => {
    expect(displayForm('**アジア市場における競争**')).toBe('アジア市場における競争');
    expect(displayForm('２０２５年の**韓国**')).toBe('２０２５年の韓国');
  });
});
