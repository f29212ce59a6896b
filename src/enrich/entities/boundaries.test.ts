import { describe, expect, it } from 'vitest';
import { roleAfter, roleBefore, trimSpan } from './boundaries.js';

const cut = (text: string, span: string, lang: 'ja' | 'ko' | 'en', type: string) => {
  const start = text.indexOf(span);
  const t = trimSpan(text, start, start + span.length, lang, type);
  return t ? { name: text.slice(t.start, t.end), role: t.role, person: t.person } : null;
};

describe('span boundaries', () => {
  it('keeps a role out of an English name and remembers it', () => {
    const text = 'Interior Minister Wolfgang Peschorn told reporters in Vienna that talks would resume.';
    expect(cut(text, 'Interior Minister Wolfgang Peschorn', 'en', 'PERSON')).toEqual({ name: 'Wolfgang Peschorn', role: 'Interior Minister', person: false });
    expect(cut('Defender Hassan Abbas was sent off.', 'Defender Hassan Abbas', 'en', 'PERSON')?.name).toBe('Hassan Abbas');
    expect(roleBefore(text, text.indexOf('Wolfgang'))).toBe('Interior Minister');
    const ceo = 'Nvidia chief executive Jensen Huang said demand was strong.';
    expect(roleBefore(ceo, ceo.indexOf('Jensen'))).toBe('chief executive');
    expect(cut("Samsung's quarterly profit rose.", "Samsung's", 'en', 'ORG')?.name).toBe('Samsung');
  });

  it('cuts Japanese titles and honorifics, and the brackets around a product name', () => {
    const text = 'NVIDIAのフアンCEOは、新型GPU「Blackwell Ultra」を発表した。';
    expect(cut(text, 'フアンCEO', 'ja', 'ORG')).toEqual({ name: 'フアン', role: 'CEO', person: true });
    expect(cut(text, '「Blackwell Ultra」', 'ja', 'PRODUCT')?.name).toBe('Blackwell Ultra');
    expect(cut('トヨタの豊田章男会長は語った。', '豊田章男会長', 'ja', 'PERSON')).toEqual({ name: '豊田章男', role: '会長', person: true });
    expect(cut('山田太郎氏が就任した。', '山田太郎氏', 'ja', 'PERSON')?.name).toBe('山田太郎');
    const son = 'ソフトバンクグループの孫正義会長兼社長は';
    expect(roleAfter(son, son.indexOf('会長'), 'ja')).toBe('会長');
  });

  it('ends Korean names before particles, honorifics and titles', () => {
    expect(cut('경찰은 김모씨를 불러 조사했다.', '김모씨를', 'ko', 'PERSON')?.name).toBe('김');
    expect(cut('팬들은 김해숙님과 사진을 찍었다.', '김해숙님', 'ko', 'PERSON')?.name).toBe('김해숙');
    expect(cut('삼성전자에서 발표했다.', '삼성전자에서', 'ko', 'ORG')?.name).toBe('삼성전자');
    expect(cut('정의선 회장은 말했다.', '정의선 회장', 'ko', 'ORG')).toEqual({ name: '정의선', role: '회장', person: true });
    expect(roleAfter('이재명 대통령은 경주를 찾았다.', 3, 'ko')).toBe('대통령');
    expect(roleAfter('홍길동씨는 말했다.', 3, 'ko')).toBeNull();
  });

  it('never makes a number, unit or currency a name', () => {
    expect(cut('The plant adds 2 GW of capacity.', 'GW', 'en', 'ORG')).toBeNull();
    expect(cut('発電容量は500MWに達する。', '500MW', 'ja', 'PRODUCT')).toBeNull();
    expect(cut('투자액은 30억 달러다.', '달러', 'ko', 'ORG')).toBeNull();
    expect(cut('Prices rose 3.5% in 2025.', '2025', 'en', 'MISC')).toBeNull();
    expect(cut('Revenue was 1.2 kWh per unit.', 'kWh', 'en', 'ORG')).toBeNull();
  });
});
