import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { Config } from '../../config/schema.js';
import { createContext, useResource } from '../../context.js';
import { ConfigError } from '../../errors.js';
import type { Entity, Lang } from '../../records.js';
import { japaneseTokenizerResource, tokenizeJapanese, type JapaneseTokenizer } from '../../tokenize/japanese.js';
import { findEntities } from './find.js';
import { buildGazetteer, gazetteerResource, matchAliases, parseGazetteer, type Gazetteer } from './gazetteer.js';
import { entityTaggerResource, type TaggerModel } from './tagger/index.js';

const ctx = createContext(Config.parse({ logLevel: 'silent' }));
let gazetteer: Gazetteer;
let kuromoji: JapaneseTokenizer;
let tagger: TaggerModel;

beforeAll(async () => {
  gazetteer = await useResource(ctx, gazetteerResource);
  kuromoji = await useResource(ctx, japaneseTokenizerResource);
  tagger = await useResource(ctx, entityTaggerResource);
}, 60_000);

/** Entities of a one-paragraph text, tokenized the way the pipeline does for Japanese. */
function entitiesOf(text: string, lang: Lang, title = ''): Entity[] {
  const tokens = lang === 'ja' ? tokenizeJapanese(kuromoji, text, 0) : [];
  return findEntities({ text, title, lang, paragraphs: [{ start: 0, end: text.length, lang }], sentences: [], tokens }, gazetteer, tagger);
}

function entity(list: Entity[], canonical: string): Entity {
  const e = list.find((x) => x.canonical === canonical);
  if (!e) throw new Error(`no entity ${canonical} in ${JSON.stringify(list.map((x) => x.canonical))}`);
  return e;
}

function offsetsHold(text: string, list: Entity[]) {
  for (const e of list) for (const m of e.mentions) expect(e.surface).toContain(text.slice(m.start, m.end));
}

describe('gazetteer', () => {
  it('loads the shipped starter list once per context', async () => {
    expect(gazetteer.entries.length).toBeGreaterThan(150);
    expect(await useResource(ctx, gazetteerResource)).toBe(gazetteer);
  });

  it('links one company across three scripts', () => {
    for (const text of ['エヌビディアは発表した', '엔비디아는 발표했다', 'Nvidia said', 'NVIDIAが発表']) {
      const [hit] = matchAliases(text, gazetteer);
      expect(hit?.entry.name, text).toBe('NVIDIA');
    }
  });

  it('respects word boundaries in each script', () => {
    expect(matchAliases('Korean companies', gazetteer).map((h) => h.entry.name)).toEqual([]);
    expect(matchAliases('タイプの違い', gazetteer)).toEqual([]); // タイ (Thailand) inside タイプ
    expect(matchAliases('삼성전자서비스센터', gazetteer).map((h) => h.entry.name)).not.toContain('Samsung Electronics');
    expect(matchAliases('삼성전자는', gazetteer).map((h) => h.entry.name)).toEqual(['Samsung Electronics']);
    // Longest alias first: サムスン電子 is the company, not the group.
    expect(matchAliases('サムスン電子の決算', gazetteer).map((h) => h.entry.name)).toEqual(['Samsung Electronics']);
  });

  it('reports a malformed file as a configuration problem naming the entry', () => {
    expect(() => parseGazetteer('entities:\n  - { name: X, type: COMPANY }\n', 'bad.yaml')).toThrow(ConfigError);
    expect(() => parseGazetteer('entities: [', 'bad.yaml')).toThrow(/bad\.yaml/);
  });
});

describe('Japanese entities', () => {
  const text =
    '2025年10月末に韓国・慶州で開催されたAPEC CEO Summitで、NVIDIAのフアンCEOはSamsung、SK Group、Hyundai、NAVER Cloudとの協力を発表した。' +
    'BlackRockのラリー・フィンクCEOも来韓し、政府主導のNational AI Computing Centerが設立される。トヨタ自動車と住友商事グループも関心を示した。';
  let list: Entity[];
  beforeAll(() => {
    list = entitiesOf(text, 'ja', 'NVIDIA×韓国、史上最大規模のAI投資');
  });

  it('finds the gazetteer names with canonical forms', () => {
    expect(entity(list, 'South Korea')).toMatchObject({ type: 'PLACE', surface: ['韓国'], wikidata: 'Q884' });
    expect(entity(list, 'Gyeongju')).toMatchObject({ type: 'PLACE', surface: ['慶州'] });
    for (const name of ['NVIDIA', 'Samsung', 'SK Group', 'NAVER Cloud', 'BlackRock', 'APEC CEO Summit', 'Toyota Motor'])
      expect(entity(list, name).mentions.length, name).toBeGreaterThan(0);
    expect(entity(list, 'Hyundai Motor Group').surface).toEqual(['Hyundai']);
  });

  it('handles titles and katakana names joined by ・', () => {
    expect(entity(list, 'Jensen Huang')).toMatchObject({ type: 'PERSON', surface: ['フアン'] });
    expect(entity(list, 'Larry Fink')).toMatchObject({ type: 'PERSON', surface: ['ラリー・フィンク'] });
    expect(entity(list, 'National AI Computing Center').type).toBe('ORG');
  });

  it('merges an unknown organisation name with its suffix', () => {
    expect(entity(list, '住友商事グループ').type).toBe('ORG');
  });

  it('ranks the title entities first and keeps offsets exact', () => {
    offsetsHold(text, list);
    expect(list.slice(0, 2).map((e) => e.canonical).sort()).toEqual(['NVIDIA', 'South Korea']);
    for (const e of list) expect(e.salience).toBeGreaterThanOrEqual(0);
    expect(list[0]!.salience).toBe(1);
  });

  it('keeps the canonical name for a place with its administrative suffix, and lets a longer compound stand alone', () => {
    const t = '慶州市で会議が開かれ、北海道東海大学と法務省入国管理局が参加した。';
    const l = entitiesOf(t, 'ja');
    offsetsHold(t, l);
    expect(entity(l, 'Gyeongju').surface).toEqual(['慶州市']);
    expect(entity(l, '北海道東海大学').type).toBe('ORG');
    expect(entity(l, '法務省入国管理局').type).toBe('ORG');
    expect(l.map((e) => e.canonical)).not.toContain('Hokkaido');
  });

  it('does not make entities of katakana loanwords', () => {
    const t = '同社のクラウドサービスやスマートフォンは、データセンターの需要を押し上げた。';
    expect(entitiesOf(t, 'ja')).toEqual([]);
  });
});

describe('Korean entities', () => {
  const text =
    '젠슨 황 엔비디아 CEO는 경주에서 삼성전자는 물론 SK그룹, 현대차그룹, 네이버클라우드와 협력한다고 밝혔다. ' +
    '과학기술정보통신부와 한국수자원공사도 참여했다. 이재명 대통령과 정의선 회장, 홍길동 사장이 행사에 참석했다.';
  const list = () => entitiesOf(text, 'ko');

  it('finds stems without their particles and links them', () => {
    const l = list();
    offsetsHold(text, l);
    expect(entity(l, 'NVIDIA').surface).toEqual(['엔비디아']);
    expect(entity(l, 'Samsung Electronics').surface).toEqual(['삼성전자']);
    expect(entity(l, 'Gyeongju').surface).toEqual(['경주']);
    for (const name of ['SK Group', 'Hyundai Motor Group', 'NAVER Cloud', 'Ministry of Science and ICT']) expect(entity(l, name).type).toBe('ORG');
    expect(entity(l, 'Jensen Huang').type).toBe('PERSON');
  });

  it('uses organisation suffixes and titles for names the gazetteer lacks', () => {
    const l = list();
    expect(entity(l, '한국수자원공사').type).toBe('ORG');
    expect(entity(l, '홍길동').type).toBe('PERSON');
    expect(entity(l, 'Lee Jae-myung').surface).toEqual(['이재명']);
  });

  it('types an organisation before a title as the organisation, and reads surnames and letters before titles as people', () => {
    const t =
      '새누리당 대표와 교육부 장관이 국회에서 만났다. 신 회장은 이날 롯데그룹 사태에 대해 입을 열었다. ' +
      '경찰에 따르면 A씨는 지난해 회사 자금을 빼돌렸다. 신원호 PD는 가족을 관전 포인트로 꼽았다. 전 장관은 말을 아꼈다.';
    const l = entitiesOf(t, 'ko');
    offsetsHold(t, l);
    expect(entity(l, '새누리당').type).toBe('ORG');
    expect(entity(l, '교육부').type).toBe('ORG');
    expect(entity(l, '신')).toMatchObject({ type: 'PERSON', surface: ['신'], role: '회장' });
    expect(entity(l, '신원호')).toMatchObject({ type: 'PERSON', role: 'PD' });
    // 전 before 장관 means "former", not the surname Jeon.
    expect(l.map((e) => e.canonical)).not.toContain('전');
  });

  it('knows state bodies named by a common word, and does not read a bracketed age note as a name', () => {
    const t = '경찰은 김모(41·여)씨를 불러 조사했고, 검찰에 사건을 넘겼다. 기상청은 국회에 태풍 대비 상황을 보고했다. 국방부 대변인은 말을 아꼈다.';
    const l = entitiesOf(t, 'ko');
    offsetsHold(t, l);
    for (const name of ['경찰', '검찰', '기상청', 'National Assembly of South Korea', '국방부']) expect(entity(l, name).type).toBe('ORG');
    expect(l.map((e) => e.canonical)).not.toContain('여');
  });

  it('reads a name followed by an age in brackets, or by 님, as a person', () => {
    const t = '농민 백남기(69)씨가 쓰러졌고, 경찰은 A(27·여)씨를 조사했다. 팬들은 김해숙님과 함께 사진을 찍었다. 선생님은 웃었다.';
    const l = entitiesOf(t, 'ko');
    offsetsHold(t, l);
    expect(entity(l, '백남기').type).toBe('PERSON');
    expect(entity(l, '김해숙')).toMatchObject({ type: 'PERSON', surface: ['김해숙'] });
    expect(l.map((e) => e.canonical)).not.toContain('선생');
    expect(l.map((e) => e.canonical)).not.toContain('선생님');
  });

  it('links a surname before a title back to the full name said earlier', () => {
    const t = '젠슨 황 엔비디아 CEO가 경주를 찾았다. 황 CEO는 이날 정의선 회장과 만났고, 정 회장은 협력을 약속했다.';
    const l = entitiesOf(t, 'ko');
    offsetsHold(t, l);
    expect(entity(l, 'Jensen Huang').surface).toEqual(['젠슨 황', '황']);
    expect(entity(l, 'Chung Eui-sun').surface).toEqual(['정의선', '정']);
    expect(l.map((e) => e.canonical)).not.toContain('황');
  });
});

describe('English entities', () => {
  const text =
    'Nvidia CEO Jensen Huang said Samsung Electronics, SK Group and Naver Cloud will deploy the chips. Huang spoke in Gyeongju. ' +
    "The deal follows Samsung's record quarter. Officials from Daewoo Shipbuilding Industries met Chairman Kim Min-su at the Busan Port.";
  const list = () => entitiesOf(text, 'en');

  it('strips titles and possessives and links a surname to the person', () => {
    const l = list();
    offsetsHold(text, l);
    expect(entity(l, 'Jensen Huang')).toMatchObject({ type: 'PERSON', surface: ['Jensen Huang', 'Huang'] });
    expect(entity(l, 'Samsung').surface).toEqual(['Samsung']);
    expect(entity(l, 'Kim Min-su').type).toBe('PERSON');
  });

  it('types unknown names by their last word and skips sentence-initial function words', () => {
    const l = list();
    expect(entity(l, 'Daewoo Shipbuilding Industries').type).toBe('ORG');
    expect(entity(l, 'Busan Port').type).toBe('PLACE');
    expect(l.map((e) => e.canonical)).not.toContain('The');
    expect(l.map((e) => e.canonical)).not.toContain('Officials');
  });

  it('keeps adjectives, club prefixes, ordinals and linking words inside organisation names', () => {
    const t =
      'He was elected chairman of the National Coalition Party in 2001. She later taught at the University of Texas at Austin. ' +
      'The Society for Psychical Research was formed in London. FC Rubin Kazan won the league, and the 11th Transportation Battalion moved to Warner Bros. Records headquarters. ' +
      'He joined the American League club as a rookie.';
    const l = entitiesOf(t, 'en');
    offsetsHold(t, l);
    for (const name of ['National Coalition Party', 'University of Texas', 'Society for Psychical Research', 'FC Rubin Kazan', '11th Transportation Battalion'])
      expect(entity(l, name).type, name).toBe('ORG');
    // Reuters tags a league as MISC: kiji keeps it whole, as OTHER.
    expect(entity(l, 'American League').mentions).toHaveLength(1);
    // Reuters' convention, which the tagger learnt: the campus town is a place of its own.
    expect(entity(l, 'Austin').type).toBe('PLACE');
    expect(l.map((e) => e.canonical)).not.toContain('Coalition Party');
  });
});

describe('no junk from the seed articles', () => {
  const names = (l: Entity[]) => l.flatMap((e) => [e.canonical, ...e.surface]);

  it('ja: a link label glued to a known name, and loanwords after an acronym, are not names', () => {
    const t =
      'NAVER Cloudはソブリンおよび物理的AI作業のために60,000台以上のGPUを配備する計画である。\n\n' +
      'From: 文献リンクNVIDIA and South Korea align on sovereign AI at APEC CEO Summit\n\n' +
      '関連記事：Korea Joins AI Industrial Revolution: NVIDIA CEO Jensen Huang Unveils Historic Partnership at APEC Summit\n\n' +
      '韓国政府はAIインフラとAIモデルの開発を進め、ガバナンスの強化も掲げた。';
    const l = entitiesOf(t, 'ja');
    offsetsHold(t, l);
    expect(entity(l, 'NVIDIA').surface).toContain('NVIDIA');
    expect(entity(l, 'NAVER Cloud').type).toBe('ORG');
    expect(entity(l, 'South Korea').type).toBe('PLACE');
    for (const n of names(l)) expect(n, n).not.toMatch(/文献|リンク|インフラ|モデル|ガバナンス|Joins|Revolution/);
    expect(entity(l, 'Jensen Huang').type).toBe('PERSON');
  });

  it('ko: loanwords of technology are not people, and a name before a company and a title is a person', () => {
    const t =
      '엔비디아는 국내 클라우드 기업들과 함께 데이터센터를 짓고, 데이터를 처리할 서버와 로보틱스 플랫폼을 공급한다. ' +
      '황 CEO는 전날 이재용 삼성전자 회장, 정의선 현대차그룹 회장과 회동을 가졌다.';
    const l = entitiesOf(t, 'ko');
    offsetsHold(t, l);
    expect(entity(l, 'NVIDIA').surface).toEqual(['엔비디아']);
    expect(entity(l, 'Hyundai Motor Group').surface).toEqual(['현대차그룹']);
    expect(entity(l, 'Chung Eui-sun')).toMatchObject({ type: 'PERSON', surface: ['정의선'], role: '회장' });
    expect(entity(l, 'Lee Jae-yong').type).toBe('PERSON');
    for (const n of names(l)) expect(n, n).not.toMatch(/클라우드|데이터|서버|로보틱스|플랫폼|정의선 현대차/);
    for (const e of l) expect(e.surface.every((s) => s.length >= 2 || e.type === 'PERSON'), e.canonical).toBe(true);
  });

  it('en: an all-caps headline and a dateline still name their countries and city', () => {
    const t = 'SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .\n\nAL-AIN , United Arab Emirates 1996-12-06\n\nJapan began the defence of their Asian Cup title with a lucky 2-1 win against Syria.';
    const l = entitiesOf(t, 'en');
    offsetsHold(t, l);
    expect(entity(l, 'Japan').surface).toEqual(expect.arrayContaining(['JAPAN', 'Japan']));
    expect(entity(l, 'China').surface).toContain('CHINA');
    expect(entity(l, 'Syria').type).toBe('PLACE');
    for (const n of names(l)) expect(n, n).not.toMatch(/^(?:SOCCER|LUCKY|WIN|SURPRISE|DEFEAT)$/);
  });
});

describe('a custom gazetteer', () => {
  it('links user aliases in every script', () => {
    const g = buildGazetteer([{ name: 'Kiji Corp', type: 'ORG', wikidata: null, aliases: ['キジ', '키지'] }]);
    const text = 'キジと키지는 Kiji Corpの仲間';
    const list = findEntities({ text, title: '', lang: 'ja', paragraphs: [], sentences: [], tokens: [] }, g, tagger);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ canonical: 'Kiji Corp', surface: ['キジ', '키지', 'Kiji Corp'] });
    expect(list[0]!.mentions).toHaveLength(3);
  });
});

describe('entities on random text', () => {
  it('never produces a mention that does not index the text, in any language', () => {
    const pieces = fc.constantFrom(
      'NVIDIA', 'エヌビディア', '엔비디아는', 'Samsung', "Samsung's", '삼성전자', '韓国', '한국', 'Korea', ' ', '。', '. ', '、', '(', ')', '「', '」',
      'CEO', '회장', '大統領', 'Group', 'グループ', '그룹', 'ラリー', '・', 'フィンク', 'Jensen Huang', 'the', 'of', 'Bank', '東京都', '市', 'AI',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }).map((a) => a.join('')), fc.constantFrom<Lang>('ja', 'ko', 'en'), (text, lang) => {
        const list = entitiesOf(text, lang);
        for (const e of list) {
          expect(e.salience).toBeGreaterThanOrEqual(0);
          expect(e.salience).toBeLessThanOrEqual(1);
          for (const m of e.mentions) {
            expect(m.end).toBeGreaterThan(m.start);
            expect(m.end).toBeLessThanOrEqual(text.length);
            expect(e.surface).toContain(text.slice(m.start, m.end));
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
