import { describe, expect, it } from 'vitest';
import { diffTexts, sentencesOf, similarity } from './diff.js';

describe('sentence diff for the side-by-side review', () => {
  it('cuts Japanese, Korean and English sentences without breaking decimals or abbreviations', () => {
    expect(sentencesOf('韓国に約26万台を供給する。「AI工場」を建てる！次は？')).toEqual(['韓国に約26万台を供給する。', '「AI工場」を建てる！', '次は？']);
    expect(sentencesOf('엔비디아는 26만 개를 공급한다. 영업이익은 3.5% 늘었다.')).toEqual(['엔비디아는 26만 개를 공급한다.', '영업이익은 3.5% 늘었다.']);
    expect(sentencesOf('Profit rose 32.5% to $8.5 billion. The U.S.-based firm said so.\nNew paragraph')).toEqual([
      'Profit rose 32.5% to $8.5 billion.',
      'The U.S.-based firm said so.',
      'New paragraph',
    ]);
  });

  it('aligns a syndicated copy: shared, lightly edited, dropped and added sentences', () => {
    const original = 'BlackRock and Seoul signed a pact on Monday. The hub will run on renewable power. Analysts were cautious.';
    const copy = 'BlackRock and Seoul signed a pact on Monday. The hub would run on renewable power. Shares rose 2%. Reporting by Jane Doe.';
    expect(diffTexts(original, copy)).toEqual([
      { op: 'same', left: 'BlackRock and Seoul signed a pact on Monday.', right: 'BlackRock and Seoul signed a pact on Monday.' },
      { op: 'changed', left: 'The hub will run on renewable power.', right: 'The hub would run on renewable power.' },
      { op: 'left', left: 'Analysts were cautious.', right: null },
      { op: 'right', left: null, right: 'Shares rose 2%.' },
      { op: 'right', left: null, right: 'Reporting by Jane Doe.' },
    ]);
  });

  it('treats width and spacing variants as the same sentence (ＡＩ = AI)', () => {
    const rows = diffTexts('ＡＩハブを韓国に建設する。', 'AIハブを 韓国に建設する。');
    expect(rows.map((r) => r.op)).toEqual(['same']);
    expect(similarity('삼성전자 영업이익 12조 원', '삼성전자 영업이익 12조 2천억 원')).toBeGreaterThan(0.6);
    expect(similarity('NVIDIA', '엔비디아')).toBe(0);
  });
});
