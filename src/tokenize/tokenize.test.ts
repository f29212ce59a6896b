import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { createContext, useResource } from '../context.js';
import { createLogger } from '../log.js';
import { tokenizeEnglish } from './english.js';
import { japaneseTokenizerResource, tokenizeJapanese, type JapaneseTokenizer } from './japanese.js';
import { splitEojeol, tokenizeKorean } from './korean.js';
import { splitSentences } from './sentences.js';
import { sentenceSplitter, sentencesOf } from './index.js';

const ctx = createContext(loadConfig({ file: null, env: {} }), { log: createLogger({ level: 'silent' }) });
let kuromoji: JapaneseTokenizer;
beforeAll(async () => {
  kuromoji = await useResource(ctx, japaneseTokenizerResource);
});

const texts = (spans: { start: number; end: number }[], s: string) => spans.map((x) => s.slice(x.start, x.end));

describe('splitSentences', () => {
  it('splits Japanese at 。！？ but not inside numbers', () => {
    const s = 'NVIDIAは1.5兆ドル市場を狙う。韓国はどうか？「AI首都」を目指す!そうだ。';
    expect(texts(splitSentences(s, 'ja'), s)).toEqual(['NVIDIAは1.5兆ドル市場を狙う。', '韓国はどうか？', '「AI首都」を目指す!', 'そうだ。']);
  });
  it('keeps a quoted sentence end with its closing bracket', () => {
    const s = '彼は「投資する。」と述べた。次の話だ。';
    expect(texts(splitSentences(s, 'ja'), s)).toEqual(['彼は「投資する。」と述べた。', '次の話だ。']);
  });

  it('keeps a full-width decimal point inside its sentence (２．４パーセント)', () => {
    const s = '物価は前年比２．４パーセント上がり、金利は0．4ポイント上昇した。次だ．';
    expect(texts(splitSentences(s, 'ja'), s)).toEqual(['物価は前年比２．４パーセント上がり、金利は0．4ポイント上昇した。', '次だ．']);
  });
  it('splits Korean at . ? ! before a space', () => {
    const s = '삼성전자가 1.5% 올랐다. 그러나 SK하이닉스는 내렸다! 왜일까?';
    expect(texts(splitSentences(s, 'ko'), s)).toEqual(['삼성전자가 1.5% 올랐다.', '그러나 SK하이닉스는 내렸다!', '왜일까?']);
  });
  it('keeps English abbreviations, initials and decimals inside sentences', () => {
    const s = 'Mr. Fink met U.S. officials on Sept. 23. Jensen H. Huang said "yes." Revenue rose 3.5% to $7.8bn. Done';
    expect(texts(splitSentences(s, 'en'), s)).toEqual([
      'Mr. Fink met U.S. officials on Sept. 23.',
      'Jensen H. Huang said "yes."',
      'Revenue rose 3.5% to $7.8bn.',
      'Done',
    ]);
  });
  it('ends a sentence at a line break and survives empty and space-only input', () => {
    expect(texts(splitSentences('first line\nsecond line', 'en'), 'first line\nsecond line')).toEqual(['first line', 'second line']);
    expect(splitSentences('', 'ja')).toEqual([]);
    expect(splitSentences('   \n  ', 'ko')).toEqual([]);
  });
});

describe('tokenizeJapanese', () => {
  it('uses kuromoji and keeps proper-noun detail and offsets', () => {
    const s = 'HyundaiとNVIDIAは約30億ドルを共同投資し、慶州で発表した。';
    const tokens = tokenizeJapanese(kuromoji, s, 10);
    for (const t of tokens) expect(s.slice(t.start - 10, t.end - 10)).toBe(t.surface);
    expect(tokens.find((t) => t.surface === '慶州')).toMatchObject({ pos: 'proper', detail: '地域' });
    expect(tokens.find((t) => t.surface === '発表')?.pos).toBe('noun');
    expect(tokens.find((t) => t.surface === 'し' )?.lemma).toBe('する');
  });
});

describe('tokenizeKorean', () => {
  it('splits particles from stems: 삼성전자는 → 삼성전자', () => {
    const s = '삼성전자는 엔비디아와 함께 GPU를 26만 대 이상 도입했다.';
    const tokens = tokenizeKorean(s, 0);
    const stems = tokens.filter((t) => t.pos !== 'particle' && t.pos !== 'symbol').map((t) => t.surface);
    expect(stems).toEqual(['삼성전자', '엔비디아', '함께', 'GPU', '26', '만', '대', '이상', '도입', '했다']);
    for (const t of tokens) expect(s.slice(t.start, t.end)).toBe(t.surface);
  });
  it('peels each particle of the issue and leaves nouns that only look like them', () => {
    for (const [word, stem] of [
      ['정부가', '정부'], ['한국이', '한국'], ['투자를', '투자'], ['블랙록의', '블랙록'], ['서울에서', '서울'], ['현대차와', '현대차'],
      ['네이버클라우드과', '네이버클라우드'], ['한국은', '한국'], ['국가', '국가'], ['전문가', '전문가'], ['아시아', '아시아'],
    ] as const)
      expect(splitEojeol(word).stem, word).toBe(stem);
  });
});

describe('tokenizeEnglish', () => {
  it('splits possessives and keeps numbers whole', () => {
    const tokens = tokenizeEnglish("Samsung's 50,000 GPUs cost $3.5 billion in the U.S.", 0);
    expect(tokens.map((t) => t.surface)).toEqual(['Samsung', "'s", '50,000', 'GPUs', 'cost', '$', '3.5', 'billion', 'in', 'the', 'U.S.']);
    expect(tokens.find((t) => t.surface === 'the')?.pos).toBe('function');
    expect(tokens.find((t) => t.surface === '50,000')).toMatchObject({ pos: 'number', lemma: '50000' });
  });
});

describe('sentencesOf', () => {
  it('gives every sentence tokens whose offsets index the paragraph', () => {
    for (const [text, lang] of [
      ['韓国政府は最大50,000台のGPUを配備する。第一段階では13,000台を提供する。', 'ja'],
      ['정부는 최대 5만 장을 배치한다. 1단계로 1만 3천 장을 공급한다.', 'ko'],
      ['The government will deploy up to 50,000 GPUs. The first phase covers 13,000.', 'en'],
    ] as const) {
      const sentences = sentencesOf(text, lang, kuromoji);
      expect(sentences).toHaveLength(2);
      for (const s of sentences) {
        expect(text.slice(s.start, s.end)).toBe(s.text);
        for (const t of s.tokens) expect(text.slice(t.start, t.end)).toBe(t.surface);
      }
    }
  });
});

describe('sentenceSplitter', () => {
  // A scrape of two attempts at one page: the second repeats the first's sentences, at other offsets.
  const page = [
    'ブラックロックのフィンクCEOが来韓し、AIインフラ投資で協力する方針を示した。韓国政府は歓迎した。',
    '韓国政府は歓迎した。ブラックロックのフィンクCEOが来韓し、AIインフラ投資で協力する方針を示した。関係者は「投資は数兆ウォン規模になる」と話した。',
  ];

  it('gives every paragraph the sentences and tokens sentencesOf gives it, repeats included', () => {
    const split = sentenceSplitter(kuromoji);
    for (const p of page) expect(split(p, 'ja')).toEqual(sentencesOf(p, 'ja', kuromoji));
    const en = 'Samsung beat estimates. SK Hynix fell. Samsung beat estimates.';
    expect(split(en, 'en')).toEqual(sentencesOf(en, 'en', null));
  });

  it('reuses the sentences it is given, and tokenizes new text only', () => {
    const known = page.map((p) => ({ lang: 'ja' as const, sentences: sentencesOf(p, 'ja', kuromoji) }));
    // No tokenizer: a sentence not given would throw, so every one of these comes from `known`.
    const reuse = sentenceSplitter(null, known);
    const joined = `${page[1]}${page[0]}`;
    expect(reuse(joined, 'ja')).toEqual(sentencesOf(joined, 'ja', kuromoji));
    expect(() => reuse('初めて見る文だ。', 'ja')).toThrow(/kuromoji/);
    // The same text read as another language is another sentence, tokenized as that language.
    expect(reuse('韓国政府は歓迎した。', 'ko')).toEqual(sentencesOf('韓国政府は歓迎した。', 'ko', null));
  });
});
