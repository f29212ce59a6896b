import { describe, expect, it } from 'vitest';
import { checkSanity, looksLikeCode } from './sanity.js';

const BUNDLE =
  '!function(e){var t={};function n(r){if(t[r])return t[r].exports;var o=t[r]={i:r,l:!1,exports:{}};return e[r].call(o.exports,o,o.exports,n),o.l=!0,o.exports}n.m=e,n.c=t}([]);window.webpackJsonp=window.webpackJsonp||[];';

describe('looksLikeCode', () => {
  it('finds minified script, pretty script, CSS and state blobs', () => {
    expect(looksLikeCode(BUNDLE.repeat(3))).toMatchObject({ code: true });
    expect(looksLikeCode('var config = { apiKey: "abc", retries: 3 }; window.addEventListener("load", function () { init(config); });').code).toBe(true);
    expect(looksLikeCode('.story p { margin: 0 0 1em; } .hero { height: 60vh; } body { font-family: serif; color: #222; }')).toMatchObject({ code: true });
    expect(looksLikeCode('window.__PRELOADED_STATE__ = {"article":{"id":123,"tags":["a","b"],"related":[{"id":1},{"id":2}]}};').code).toBe(true);
  });

  it('leaves prose alone in all three languages, also when it quotes markup or has parentheses and semicolons', () => {
    for (const prose of [
      'The minister said (in a statement on Tuesday) that talks would resume; no date was set, and the opposition called the delay "unacceptable".',
      'Revenue rose 94% to $35.1bn (about ¥5.3tn); data-centre sales [up 112%] made up most of it. See https://investor.example.com/q3-2024-results-presentation-final-v2.pdf.',
      '日本銀行は28日、長期金利の上限を事実上1％（0.5％から引き上げ）まで容認すると決めた。市場では「想定内」との声が多い。',
      '보도자료에는 <img src=x onerror="window.__x=1"> 와 <a href="javascript:void(0)">원문 보기</a> 같은 문자열이 그대로 들어 있었다.',
      'The bug let a page run <script>alert(1)</script> when the headline contained a quote, the security team wrote in its report.',
    ])
      expect(looksLikeCode(prose).code).toBe(false);
  });
});

describe('checkSanity', () => {
  const prose = { text: 'The council voted 11-4 on Wednesday to approve a $2.1 billion extension of the light rail line to the airport, ending a decade of studies.' };
  it('drops code blocks beside prose and keeps the prose', () => {
    const r = checkSanity({ blocks: [prose, prose, prose, { text: BUNDLE.repeat(2) }] });
    expect(r.ok).toBe(true);
    expect(r.codeBlocks).toEqual([{ index: 3, why: 'braces and code words' }]);
  });
  it('rejects a body that is code, naming the share', () => {
    const r = checkSanity({ blocks: [{ text: BUNDLE.repeat(40) }, { text: 'Loading…' }] });
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/^sanity: the extracted text is code, not prose \(100% of \d+ characters/) });
  });
  it('exempts code the page shows as code, unless the page is nothing else', () => {
    expect(checkSanity({ blocks: [prose, prose, { text: BUNDLE, code: true }] }).ok).toBe(true);
    expect(checkSanity({ blocks: [{ text: BUNDLE.repeat(5), code: true }] })).toMatchObject({ ok: false, reason: expect.stringMatching(/code listing/) });
  });
  it('rejects text far longer than the page shows, unless it is the stated articleBody', () => {
    const long = Array.from({ length: 60 }, () => prose);
    expect(checkSanity({ blocks: long, visibleLength: 900 })).toMatchObject({ ok: false, reason: expect.stringMatching(/far longer than the page's visible text/) });
    expect(checkSanity({ blocks: long, visibleLength: 900, fromStatedBody: true }).ok).toBe(true);
  });
});
