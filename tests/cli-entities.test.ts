import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/records.js';
import { kiji } from './support/cli.js';

/*
 * Entities through the contract path: `kiji analyze --jsonl` on short rows in
 * each language, checking the boundary and type rules a reader relies on.
 * Each row opens with a plain lead sentence: today extract takes the first
 * line of a `text` row for its title (reported; it belongs to extract), so
 * the sentence under test is the second paragraph.
 */
const rows = [
  { id: 'ja', lang: 'ja', text: '記者会見の要旨は次の通り。\n\nNVIDIAのフアンCEOは、韓国政府に26万個のGPUを供給することで合意し、新型GPU「Blackwell Ultra」を公開した。' },
  { id: 'ko', lang: 'ko', text: '행사 내용을 정리했다.\n\n정의선 회장은 김모씨와 함께 경주에서 젠슨 황 엔비디아 CEO를 만났고, 삼성전자는 2GW 규모의 데이터센터를 짓는다.' },
  {
    id: 'en',
    lang: 'en',
    text:
      'Here is the summary.\n\nInterior Minister Wolfgang Peschorn said the Drug Enforcement Administration and Customs and Border Protection ' +
      'would add 2 GW of capacity near Santa Fe, while Emirates Airline flew Real Madrid fans to Vienna.',
  },
];

describe('kiji analyze --jsonl: entities', () => {
  it('finds, types and bounds entities in ja, ko and en rows', async () => {
    const r = await kiji(['analyze', '--jsonl'], { stdin: rows.map((x) => JSON.stringify(x)).join('\n') + '\n' });
    expect(r.code).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => Analysis.parse(JSON.parse(l)));
    const [ja, ko, en] = out as [Analysis, Analysis, Analysis];
    const byName = (a: Analysis, name: string) => {
      const e = a.entities.find((x) => x.canonical === name);
      if (!e) throw new Error(`no ${name} in ${a.entities.map((x) => x.canonical).join(', ')}`);
      return e;
    };
    for (const a of out) {
      for (const e of a.entities) {
        for (const m of e.mentions) expect(e.surface).toContain(a.text.slice(m.start, m.end));
        // Never a number, unit or currency; never brackets at the edges.
        for (const s of e.surface) expect(s, s).not.toMatch(/^\d|GW$|個$|^[「」]|[「」]$/);
      }
    }

    expect(byName(ja, 'NVIDIA').type).toBe('ORG');
    expect(byName(ja, 'Jensen Huang')).toMatchObject({ type: 'PERSON', surface: ['フアン'], role: 'CEO' });
    expect(byName(ja, 'Government of South Korea').type).toBe('ORG');
    expect(byName(ja, 'Blackwell Ultra').type).toBe('PRODUCT');

    expect(byName(ko, 'Chung Eui-sun')).toMatchObject({ type: 'PERSON', surface: ['정의선'] });
    expect(byName(ko, '김')).toMatchObject({ type: 'PERSON', surface: ['김'] }); // 김모씨: withheld name and honorific cut
    expect(byName(ko, 'Gyeongju')).toMatchObject({ type: 'PLACE', surface: ['경주'] });
    expect(byName(ko, 'Jensen Huang').surface).toEqual(['젠슨 황']);
    expect(byName(ko, 'Samsung Electronics').surface).toEqual(['삼성전자']);

    expect(byName(en, 'Wolfgang Peschorn')).toMatchObject({ type: 'PERSON', role: 'Interior Minister' });
    expect(byName(en, 'Drug Enforcement Administration').type).toBe('ORG');
    expect(byName(en, 'U.S. Customs and Border Protection').surface).toEqual(['Customs and Border Protection']);
    expect(byName(en, 'Santa Fe').type).toBe('PLACE');
    expect(byName(en, 'Emirates')).toMatchObject({ type: 'ORG', surface: ['Emirates Airline'] });
    expect(byName(en, 'Real Madrid').type).toBe('ORG');
    expect(en.entities.map((e) => e.canonical)).not.toContain('GW');
  }, 120_000);

  it('an English headline quoted in a ja or ko article names only what the gazetteer knows', async () => {
    // A link list under the article, as Japanese and Korean tech sites print it: title case from end to end.
    const links =
      'Nvidia Forges AI Deals With South Korea’s Samsung, Hyundai, SK(外部)\n\n' +
      'Korea’s AI Ambition Ignites: NVIDIA Delivers 260,000 GPUs in Landmark Deal(外部)';
    const input = [
      { id: 'ja', lang: 'ja', text: `NVIDIAは韓国政府と26万個のGPUを供給することで合意した。サムスン電子やSKグループも参加する。\n\n${links}` },
      { id: 'ko', lang: 'ko', text: `엔비디아는 한국 정부와 GPU 26만 개를 공급하기로 합의했다. 삼성전자와 SK그룹도 참여한다.\n\n${links.replaceAll('(外部)', '(외부 링크)')}` },
    ];
    const r = await kiji(['analyze', '--jsonl'], { stdin: input.map((x) => JSON.stringify(x)).join('\n') + '\n' });
    expect(r.code).toBe(0);
    for (const line of r.stdout.trim().split('\n')) {
      const a = Analysis.parse(JSON.parse(line));
      const names = a.entities.flatMap((e) => [e.canonical, ...e.surface]);
      expect(names, a.lang).toEqual(expect.arrayContaining(['NVIDIA', 'Samsung']));
      for (const n of names) expect(n, `${a.lang}: ${n}`).not.toMatch(/Forges|Deals|Ambition|Ignites|Delivers|Landmark/);
    }
  }, 120_000);
});
