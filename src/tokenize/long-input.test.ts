/**
 * Hostile lengths: a 5 MB line without a space or a sentence end, and runs
 * of a million punctuation marks, through the sentence splitter and the
 * tokenize stage in each language. The timeouts are hang guards, not speed
 * checks: before the fixes a 100 KB run of "." took the splitter over a
 * minute, and 10,000 katakana took kuromoji seconds (a 5 MB line: hours).
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { createContext } from '../context.js';
import { createLogger } from '../log.js';
import { normalise } from '../normalise/index.js';
import type { Extracted, Lang, Tokenized } from '../records.js';
import { capTokenLength, MAX_TOKEN_CHARS, tokenize } from './index.js';
import { tokenizeEnglish } from './english.js';
import { pieces } from './japanese.js';
import { splitSentences } from './sentences.js';

const ctx = createContext(loadConfig({ file: null, env: {} }), { log: createLogger({ level: 'silent' }) });
const MB5 = 5_000_000;
const line = (unit: string, length = MB5) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

const LEAD: Record<Lang, string> = {
  en: 'The central bank raised its policy rate on Tuesday.',
  ja: '日本銀行は政策金利を引き上げた。',
  ko: '한국은행은 기준금리를 동결했다.',
};

function doc(lang: Lang, body: string): Extracted {
  return {
    source: { kind: 'stdin', uri: '-' }, url: null, title: LEAD[lang], publishedAt: null, author: null, tags: [], categories: [],
    excerpt: null, siteName: null, langHint: lang, dropped: [],
    blocks: [{ index: 0, text: LEAD[lang], kind: 'paragraph' }, { index: 1, text: body, kind: 'paragraph' }],
  };
}

async function tokenized(lang: Lang, body: string): Promise<Tokenized> {
  const n = normalise(doc(lang, body), ctx);
  if (n.kind !== 'ok') throw new Error(`normalise skipped: ${n.detail}`);
  const t = await tokenize(n.value, ctx);
  if (t.kind !== 'ok') throw new Error('tokenize skipped');
  return t.value;
}

describe('the sentence splitter on hostile runs', () => {
  const runs: [string, string, Lang][] = [
    ['a 5 MB line of one letter', 'a', 'en'],
    ['5 MB of full stops', '.', 'en'],
    ['5 MB of "!"', '!', 'ko'],
    ['5 MB of "?!"', '?!', 'en'],
    ['5 MB of "。"', '。', 'ja'],
    ['5 MB of "……"', '…', 'ja'],
    ['5 MB of 」 after one 。', '」', 'ja'],
    ['5 MB of ". " pairs', '. ', 'ko'],
  ];
  for (const [what, unit, lang] of runs) {
    it(`splits ${what} (${lang})`, () => {
      const text = `${LEAD[lang]} ${unit === '」' ? '。' : ''}${line(unit)}と続けた`;
      const spans = splitSentences(text, lang);
      expect(spans.length).toBeGreaterThan(0);
      // Spans are ordered, inside the text, and non-empty (checked in a plain loop: millions of spans).
      let prev = 0;
      let bad = 0;
      for (const s of spans) {
        if (s.start < prev || s.end <= s.start) bad++;
        prev = s.end;
      }
      expect(bad).toBe(0);
      expect(prev).toBeLessThanOrEqual(text.length);
    }, 120_000);
  }

  it('still ends a Korean sentence after an ellipsis, and keeps 「…。」と in one sentence', () => {
    const ko = '기다려... 그리고 시장은 반응했다.';
    expect(splitSentences(ko, 'ko').map((s) => ko.slice(s.start, s.end))).toEqual(['기다려...', '그리고 시장은 반응했다.']);
    const ja = '彼は「投資する。。」」と述べた。次だ。';
    expect(splitSentences(ja, 'ja').map((s) => ja.slice(s.start, s.end))).toEqual(['彼は「投資する。。」」と述べた。', '次だ。']);
  });
});

describe('the tokenize stage on a 5 MB line without spaces', () => {
  // kuromoji itself needs some 20–40 µs per hiragana (linear, but 5 MB would take minutes): 1 MB of it.
  const lines: [Lang, string, number][] = [
    ['en', 'a', MB5],
    ['en', '7', MB5],
    ['ko', '가', MB5],
    ['ja', 'ア', MB5],
    ['ja', 'あ', MB5 / 5],
  ];
  for (const [lang, unit, length] of lines) {
    it(`tokenizes a ${length / 1e6} MB line of "${unit}" (${lang}) into bounded tokens with exact offsets`, async () => {
      const body = line(unit, length);
      const t = await tokenized(lang, body);
      const block = t.blocks[1]!;
      const tokens = block.sentences.flatMap((s) => s.tokens);
      expect(tokens.length).toBeGreaterThanOrEqual(length / MAX_TOKEN_CHARS);
      let covered = 0;
      let longest = 0;
      for (const tok of tokens) {
        longest = Math.max(longest, tok.surface.length);
        covered += tok.end - tok.start;
      }
      expect(longest).toBeLessThanOrEqual(MAX_TOKEN_CHARS);
      expect(covered).toBe(length);
      // Spot checks: every offset points at its surface.
      for (const tok of [tokens[0]!, tokens[Math.floor(tokens.length / 2)]!, tokens[tokens.length - 1]!]) {
        expect(block.text.slice(tok.start, tok.end)).toBe(tok.surface);
      }
    }, 300_000);
  }
});

describe('length caps', () => {
  it('cuts a run longer than MAX_TOKEN_CHARS into exact pieces and leaves words alone', () => {
    const text = `Samsung ${'x'.repeat(250)} chips`;
    const toks = capTokenLength(tokenizeEnglish(text, 0));
    expect(toks.map((t) => t.surface.length)).toEqual([7, 100, 100, 50, 5]);
    for (const t of toks) expect(text.slice(t.start, t.end)).toBe(t.surface);
  });

  it('hands kuromoji at most 256 characters, cut at a comma or a change of script', () => {
    const ja = `${'日本銀行は金融政策を決めた、'.repeat(30)}${'ア'.repeat(700)}`;
    const p = pieces(ja, 256);
    expect(p.every(([a, b]) => b - a <= 256 && b > a)).toBe(true);
    expect(p[0]![1]).toBeGreaterThan(128);
    expect(ja[p[0]![1] - 1]).toBe('、');
    expect(p.map(([a, b]) => ja.slice(a, b)).join('')).toBe(ja);
    // A surrogate pair is never cut in two.
    const astral = '𠮷'.repeat(300);
    for (const [a, b] of pieces(astral, 255)) expect(astral.slice(a, b).length % 2).toBe(0);
  });
});
