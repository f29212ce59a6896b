import { describe, expect, it } from 'vitest';
import { countScripts, detectLanguage, dominantLanguage } from './detect.js';
import { latinHeadline } from '../enrich/entities/find.js';

describe('detectLanguage', () => {
  it('reads Japanese with English names in it as Japanese', () => {
    expect(detectLanguage('SamsungとNVIDIAは50,000台以上のGPUを稼働させるAIファクトリーを構築し、チップ製造と高速コンピューティングを統合する。').lang).toBe('ja');
    expect(detectLanguage('NVIDIA, South Korea Government and Industrial Giants Build AI Infrastructureという発表を読んだ。').lang).toBe('ja');
    // Mostly an English headline with a Japanese label: English.
    expect(detectLanguage('From: 文献リンクNVIDIA and South Korea align on sovereign AI at APEC CEO Summit').lang).toBe('en');
  });
  it('reads Korean, also with Hanja and Latin mixed in', () => {
    expect(detectLanguage('엔비디아는 삼성전자, SK그룹, 현대자동차그룹과 함께 26만 장 이상의 GPU를 공급한다.').lang).toBe('ko');
    expect(detectLanguage('[經濟] 반도체 수출 1,500억 달러 시대').lang).toBe('ko');
  });
  it('reads English and refuses other Latin-script languages', () => {
    expect(detectLanguage('BlackRock and the South Korean government agreed to develop hyperscale AI data centres.').lang).toBe('en');
    const fr = detectLanguage("Le gouvernement sud-coréen et BlackRock ont signé un protocole d'accord pour les centres de données.");
    expect(fr).toEqual({ lang: null, reason: 'unsupported', script: 'latin', found: 'fr' });
    expect(detectLanguage('Die Regierung und der Vermögensverwalter wollen ein Rechenzentrum bauen und das ist neu.').lang).toBeNull();
  });
  it('refuses Chinese, Russian and text without letters', () => {
    expect(detectLanguage('英伟达将向韩国供应二十六万块图形处理器，三星和现代汽车参与合作。')).toMatchObject({ lang: null, script: 'han' });
    expect(detectLanguage('Правительство Кореи подписало соглашение с компанией.')).toMatchObject({ lang: null, script: 'cyrillic', found: 'ru' });
    expect(detectLanguage('2025 — 260,000 / 30%')).toMatchObject({ lang: null, reason: 'no-letters' });
  });
  it('takes the document language by weight, not by paragraph count', () => {
    expect(
      dominantLanguage([
        { text: 'NVIDIA Blackwell GPU', lang: 'en' },
        { text: 'NVIDIA公式サイト', lang: 'en' },
        { text: 'NVIDIAが2024年に発表した最新世代のGPUアーキテクチャ。208億個のトランジスタを搭載している。', lang: 'ja' },
      ]),
    ).toBe('ja');
  });
});

describe('letters outside the scripts kiji reads', () => {
  // Every BMP character alone: counted as another script's letter exactly when \p{L} says it is a letter and none
  // of the named scripts (kana, han, hangul, Latin) took it; the fast paths must not change that.
  it('countScripts counts as \\p{L} does, over the whole BMP', () => {
    for (let cp = 0; cp < 0x10000; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCharCode(cp);
      const c = countScripts(ch);
      const named = c.kana + c.han + c.hangul + c.latin;
      expect(c.other, ch).toBe(named === 0 && /\p{L}/u.test(ch) ? 1 : 0);
    }
  });

  it('latinHeadline weighs every non-Latin letter of the BMP against the Latin ones', () => {
    for (let cp = 0; cp < 0x10000; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCharCode(cp);
      const latin = /[A-Za-z]/.test(ch);
      // 15 Latin letters in five words: one more letter keeps it a headline, two non-Latin letters do not.
      expect(latinHeadline(`Aaa Bbb Ccc Ddd Eee ${ch}${ch}`), ch).toBe(latin || !/\p{L}/u.test(ch));
    }
  });
});
