import { describe, expect, it } from 'vitest';
import { DedupeConfig } from '../config.js';
import { isCut, joinCut, overlapLength, splitInlineMarkers, stripLeadingEllipsis } from './fragments.js';
import { SentenceIndex } from './sentence-index.js';
import { factsOf, fingerprint, jaccard } from './shingles.js';

const cfg = DedupeConfig.parse(undefined);

describe('fragments', () => {
  it('finds sentences cut short in all three languages', () => {
    expect(isCut('構造的な変革をもたらす可能性を秘')).toBe(true);
    expect(isCut('可能性を秘めている。')).toBe(false);
    expect(isCut('업계에서는 내년 HBM4 경쟁이')).toBe(true);
    expect(isCut('Analysts said the order could be worth more than')).toBe(true);
    expect(isCut('He said "yes."')).toBe(false);
  });

  it('measures a repeated overlap, refusing chance matches of two characters', () => {
    expect(overlapLength('防御まで、多層的で', '多層的で包括的な防御策', 3)).toBe(4);
    expect(overlapLength('日本', '日本はどうだろう？', 3)).toBe(2);
    expect(overlapLength('市場の動向', '動向は不透明だ', 3)).toBe(0);
    expect(overlapLength('worth more than', 'worth more than $10 billion', 3)).toBe(15);
  });

  it('splits markers glued to text and strips a leading ellipsis', () => {
    expect(splitInlineMarkers('期待しているよ。---END---めている。')).toEqual({ pieces: ['期待しているよ。', 'めている。'], markers: ['---END---'] });
    expect(splitInlineMarkers('말했다.<|endoftext|>')).toEqual({ pieces: ['말했다.', ''], markers: ['<|endoftext|>'] });
    expect(stripLeadingEllipsis('…多層的で')).toEqual({ rest: '多層的で', ellipsis: true });
    expect(stripLeadingEllipsis('Nvidia said')).toEqual({ rest: 'Nvidia said', ellipsis: false });
  });

  it('joins Japanese without a space and Korean and English with one', () => {
    expect(joinCut('可能性を秘', 'めている。', 'ja')).toBe('可能性を秘めている。');
    expect(joinCut('HBM4 경쟁이', '본격화할 것으로 보고 있다.', 'ko')).toBe('HBM4 경쟁이 본격화할 것으로 보고 있다.');
    expect(joinCut('worth more than', '$10 billion.', 'en')).toBe('worth more than $10 billion.');
  });
});

describe('shingles', () => {
  it('compares Japanese and Korean by characters and English by words', () => {
    expect(fingerprint('韓国が発表した。', cfg).kind).toBe('han');
    expect(fingerprint('삼성전자가 발표했다.', cfg).kind).toBe('hangul');
    expect(fingerprint('blackrockとのaiハブ構想を発表', cfg).kind).toBe('han');
    expect(fingerprint('samsung beat estimates.', cfg).shingles).toEqual(new Set(['samsung', 'beat', 'estimates']));
  });

  it('ignores spacing and punctuation in Korean', () => {
    const a = fingerprint('회사 측은 판매가 전 분기보다 늘었다.', cfg);
    const b = fingerprint('회사측은 판매가 전분기 보다 늘었다!', cfg);
    expect(a.bare).toBe(b.bare);
    expect(jaccard(a.shingles, b.shingles)).toBe(1);
  });

  it('takes numbers and capitalised names as facts, not the first word', () => {
    expect(factsOf('Samsung sold 260,000 chips to Naver.').facts).toEqual(['260000', 'naver']);
    expect(factsOf('NVIDIAは26万台のGPUを供給する。').facts).toEqual(['26', 'gpu']);
  });
});

describe('SentenceIndex', () => {
  it('finds a near-duplicate among thousands of sentences by its rare shingles', () => {
    const index = new SentenceIndex<number>(cfg);
    for (let i = 0; i < 5000; i++) index.add(fingerprint(`sentence number ${i} about the market in seoul today`, cfg), i);
    const target = 'samsung electronics plans an ai megafactory with fifty thousand gpus';
    index.add(fingerprint(target, cfg), -1);
    const best = index.candidates(fingerprint('samsung electronics plans a big ai megafactory with fifty thousand gpus', cfg))[0]!;
    expect(best.slot.value).toBe(-1);
    expect(best.jaccard).toBeGreaterThanOrEqual(cfg.sentenceNear);
    expect(index.exactMatch(fingerprint(target, cfg).bare)?.value).toBe(-1);
  });
});
