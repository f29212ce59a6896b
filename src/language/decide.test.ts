import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideLanguage, declaredLanguages, normaliseTag } from './decide.js';
import { latinLanguage } from './detect.js';

// News-style sentences written for these tests, none of them in the training text.
const NEWS = JSON.parse(readFileSync(join(import.meta.dirname, 'testdata', 'latin-news.json'), 'utf8')) as Record<string, string[]>;

describe('latinLanguage: English against the languages written like it', () => {
  for (const [lang, sentences] of Object.entries(NEWS)) {
    it(`${lang}: every sentence`, () => {
      for (const s of sentences) {
        const r = latinLanguage(s);
        expect(r.english, s).toBe(lang === 'en');
        if (lang !== 'en') expect(r.best, s).toBe(lang);
      }
    });
  }
});

describe('decideLanguage', () => {
  const para = (lang: string) => NEWS[lang]!.join(' ');

  it('skips pages in other languages, naming the language, whatever the template declares', () => {
    for (const lang of ['de', 'fr', 'es', 'pt', 'it', 'nl', 'id', 'vi', 'tr', 'pl']) {
      expect(decideLanguage({ texts: [para(lang)], signals: [{ source: 'html', value: 'en' }] })).toMatchObject({ kind: 'unsupported', found: lang });
    }
    expect(decideLanguage({ texts: ['Правительство подписало соглашение с компанией о строительстве завода.'] })).toMatchObject({ kind: 'unsupported', found: 'ru', name: 'Russian' });
    expect(decideLanguage({ texts: ['臺北市政府今天舉行捷運環狀線北環段動工典禮，預計在2030年完工通車。'], signals: [{ source: 'html', value: 'zh-TW' }] })).toMatchObject({ kind: 'unsupported', found: 'zh-Hant' });
  });

  it('keeps English when the text says English, even on a page that declares German', () => {
    expect(decideLanguage({ texts: [para('en')], signals: [{ source: 'html', value: 'de-DE' }, { source: 'og', value: 'de_DE' }] })).toMatchObject({ kind: 'supported', lang: 'en' });
  });

  it('lets a declaration settle text that says little, and counts short undeclared Latin text as English', () => {
    expect(decideLanguage({ texts: ['Grève des bus mardi à Lyon.'], signals: [{ source: 'html', value: 'fr' }] })).toMatchObject({ kind: 'unsupported', found: 'fr' });
    expect(decideLanguage({ texts: ['Arsenal 2 Chelsea 1'], signals: [] })).toMatchObject({ kind: 'supported', lang: 'en' });
    expect(decideLanguage({ texts: ['Arsenal 2 Chelsea 1'], signals: [{ source: 'http', value: 'en-GB' }] })).toMatchObject({ kind: 'supported', lang: 'en' });
  });

  it('reads Japanese full of English names as Japanese, and Korean as Korean, whatever is declared', () => {
    const ja = 'SoftBank Corp.は、NVIDIAの最新GPU「Blackwell」を約1万基導入し、Jensen Huang CEOは「日本のsovereign AIを支える基盤になる」と述べた。';
    expect(decideLanguage({ texts: [ja], signals: [{ source: 'html', value: 'en' }] })).toMatchObject({ kind: 'supported', lang: 'ja' });
    expect(decideLanguage({ texts: ['한국은행이 기준금리를 3.25%로 내렸다. Bank of Korea cut its rate.'], signals: [{ source: 'feed', value: 'en-us' }] })).toMatchObject({ kind: 'supported', lang: 'ko' });
  });

  it('obeys an asserted language and says when there are no letters', () => {
    expect(decideLanguage({ texts: [para('de')], hint: 'en' })).toMatchObject({ kind: 'supported', lang: 'en', basis: 'asserted' });
    expect(decideLanguage({ texts: ['2025 — 260,000 / 30%'] })).toEqual({ kind: 'no-letters' });
  });

  it('normalises declared tags', () => {
    expect(normaliseTag('ja_JP')).toBe('ja');
    expect(normaliseTag('zh-HK')).toBe('zh-Hant');
    expect(normaliseTag('zh-CN')).toBe('zh-Hans');
    expect(normaliseTag('x-default')).toBeNull();
    expect(declaredLanguages([{ source: 'html', value: 'en-US' }, { source: 'og', value: 'en_GB' }, { source: 'http', value: 'de, en' }])).toEqual([
      { code: 'en', sources: ['html', 'og', 'http'] },
      { code: 'de', sources: ['http'] },
    ]);
  });
});
