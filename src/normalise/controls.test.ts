import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { createContext } from '../context.js';
import { createLogger } from '../log.js';
import type { Extracted } from '../records.js';
import { terminalSafe } from '../terminal-escape.js';
import { hasControls, stripControls, stripControlsInline } from './controls.js';
import { normalise } from './index.js';

const ctx = createContext(loadConfig({ file: null, env: {} }), { log: createLogger({ level: 'silent' }) });

describe('stripControls', () => {
  it('removes C0, DEL, C1 and bidi overrides; keeps tab and newline; CR becomes a newline', () => {
    expect(stripControls('Title\u001b]0;owned\u0007 here')).toBe('Title]0;owned here');
    expect(stripControls('a\u0000b\u007fc\u0085d\u009be')).toBe('abcde');
    expect(stripControls('\u202Egpj.exe \u2066x\u2069')).toBe('gpj.exe x');
    expect(stripControls('삼성\r\n전자\r주가\t상승\n')).toBe('삼성\n전자\n주가\t상승\n');
    expect(stripControlsInline('Breaking:\r\nNVIDIA\u0007')).toBe('Breaking: NVIDIA');
    // Bidi marks (not overrides) and ordinary text stay as they are, the same string.
    const ok = '日本銀行\u200fは金利を上げた。';
    expect(stripControls(ok)).toBe(ok);
    expect(hasControls(ok)).toBe(false);
  });

  it('escapes what reaches a terminal instead of obeying it', () => {
    expect(terminalSafe('Title\u001b]0;owned\u0007')).toBe('Title\\x1b]0;owned\\x07');
    expect(terminalSafe('\u202Egpj.exe')).toBe('\\u202egpj.exe');
    expect(terminalSafe('line\nnext\ttab')).toBe('line\nnext\ttab');
    expect(terminalSafe('line\nnext', { inline: true })).toBe('line\\x0anext');
    expect(terminalSafe('\u009b31m')).toBe('\\x9b31m');
  });
});

describe('normalise makes every field inert', () => {
  const doc = (over: Partial<Extracted>): Extracted => ({
    source: { kind: 'file', uri: 'x.html' }, url: 'https://news.example/a', title: 't', publishedAt: null, author: null, tags: [], categories: [],
    excerpt: null, siteName: null, langHint: null, dropped: [], blocks: [], ...over,
  });

  for (const [lang, body] of [
    ['ja', '日本銀行は２０日、政策金利を引き上げた。'],
    ['ko', '한국은행은 기준금리를 동결했다고 밝혔다.'],
    ['en', 'The central bank held its policy rate on Tuesday.'],
  ] as const) {
    it(`strips controls and overrides from title, author, tags, blocks and dropped text (${lang})`, () => {
      const out = normalise(
        doc({
          title: `\u001b]0;owned\u0007${body.slice(0, 8)}\u202e`,
          author: 'A\u001b[31mB',
          siteName: 'Site\u0085',
          excerpt: `${body}\u0007`,
          tags: ['\u202etag', '\u001b'],
          categories: ['cat\u009b'],
          url: 'javascript:alert(1)',
          blocks: [
            { index: 0, text: `${body}\u001b[2J\u202egpj.exe`, kind: 'paragraph' },
            { index: 1, text: '\u001b\u0007\u202e', kind: 'paragraph' },
          ],
          dropped: [{ index: 2, text: 'menu\u0007', reason: 'boilerplate', of: null, similarity: null, sentence: null, detail: 'nav\u001b' }],
        }),
        ctx,
      );
      expect(out.kind).toBe('ok');
      if (out.kind !== 'ok') return;
      const v = out.value;
      expect(v.lang).toBe(lang);
      expect(v.title).toBe(`]0;owned${body.slice(0, 8)}`);
      expect([v.author, v.siteName, v.excerpt]).toEqual(['A[31mB', 'Site', body]);
      expect(v.tags).toEqual(['tag']);
      expect(v.categories).toEqual(['cat']);
      expect(v.url).toBeNull();
      // A block that held nothing but controls is gone; the other keeps its text.
      expect(v.blocks.map((b) => b.text)).toEqual([`${body}[2Jgpj.exe`]);
      expect(v.dropped[0]).toMatchObject({ text: 'menu', detail: 'nav' });
    });
  }

  it('keeps an http(s) URL as written', () => {
    const out = normalise(doc({ url: 'https://news.example/記事?id=1', blocks: [{ index: 0, text: 'The bank held rates.', kind: 'paragraph' }] }), ctx);
    expect(out.kind === 'ok' && out.value.url).toBe('https://news.example/記事?id=1');
  });
});
