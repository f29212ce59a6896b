/*
 * Names the gazetteer does not know, found by rules per language:
 * Japanese from kuromoji's proper-noun tags with compound merging and title
 * handling; Korean from eojeol stems with organisation suffixes and titles;
 * English from capitalised spans; Latin runs (NAVER Cloud, APEC CEO Summit)
 * in all three.
 */
import type { EntityType, Token } from '../../records.js';
import { endingsFor } from '../../tokenize/korean.js';

export interface Candidate {
  start: number;
  end: number;
  type: EntityType;
  /** The candidate ends in an organisation word (Group, 그룹, 銀行) that a shorter gazetteer hit inside it lacks. */
  suffixed: boolean;
  /** A capitalised word that may only be capitalised because it starts a sentence: kept only if it links to a known name. */
  weak?: boolean;
  /** Made only of name parts (proper nouns, capitalised words): may stand for a longer name around a known one. */
  compound?: boolean;
}

const ORG_WORDS =
  /^(?:Group|Inc|Inc\.|Corp|Corp\.|Corporation|Co|Co\.|Company|Companies|Ltd|Ltd\.|LLC|PLC|AG|SA|Holdings|Bank|Cloud|Center|Centre|Ministry|Department|University|College|Institute|Agency|Association|Council|Committee|Commission|Foundation|Party|Electronics|Motor|Motors|Industries|Technologies|Technology|Systems|Networks|Labs|Capital|Partners|Securities|Airlines|Energy|Telecom|Communications|Semiconductor|Pharmaceuticals|Studios|Records|Club|FC|Team|Union|Research|Solutions|Foundry|Ventures|Analytics|Insights|Consulting|Investments|Fund|Funds|Exchange|United|Rovers|Athletic|Wanderers|Albion|Airways|Railway|Railways|Press|Entertainment|Media|Pictures|Films|Brothers|Church|Corps|Regiment|Division|Battalion|Squadron|Band|Orchestra|Choir|Senate|Parliament|Assembly|Academy|Society|League|Ministry|Bureau|Service|Services|Guard|Forces|Force|Authority|Office|Board|Court|Army|Navy|Police|Federation|Organization|Organisation|School|Hospital|Museum|Times|News|Post|Journal)$/;
const PLACE_WORDS =
  /^(?:City|County|Province|Prefecture|State|River|Lake|Mountain|Mountains|Mount|Island|Islands|Valley|Bay|Sea|Ocean|Street|Avenue|Road|Park|Airport|Station|Port|Region|District|Peninsula|Desert|Gulf|Coast|Village|Town|Square|Bridge|Castle|Palace|Temple|Province)$/;
const EVENT_WORDS = /^(?:Summit|Conference|Forum|Expo|Show|Festival|Olympics|Games|Cup|Championship|Championships|War|Awards|Election|Week|Fair|Congress|Meeting|Tournament|Open|Prix)$/;
const TITLES_EN =
  /^(?:President|Vice|CEO|Chief|Executive|Chairman|Chairwoman|Chair|Minister|Prime|Secretary|Governor|Senator|Representative|Rep\.|Sen\.|Gov\.|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Prof\.?|Professor|King|Queen|Prince|Princess|Pope|General|Gen\.|Judge|Justice|Mayor|Director|Founder|Co-founder|Commissioner|Ambassador|Chancellor|Premier|Sir|Coach|Captain|Officer|Analyst|Spokesperson|Spokesman|Spokeswoman)$/;
// Generic words and acronyms that are capitalised but name nothing by themselves.
export const GENERIC = new Set(
  `AI GPU GPUs CPU CPUs NPU DX IT IoT API APIs CEO CFO CTO COO SaaS PaaS HPC LLM LLMs ML VR AR XR EV EVs PC PCs OS UI UX DRAM NAND SSD HBM
   RAM SoC R&D M&A IPO ETF GDP CPI Q1 Q2 Q3 Q4 FY PDF URL HTML TV OK Inc Co Ltd Corp The A An
   USD KRW JPY EUR CNY GBP RMB HKD TWD SGD AUD CAD INR YoY QoQ MoM EPS CAGR
   ESG GDPR DDoS SDGs KPI ROI B2B B2C SNS PR CSR DEI GPT NLP RAG MOU MoU OEM ODM EUV PoC ICT AGI ASI`.split(/\s+/),
);
// Words that carry an organisation's name on after its head word: Bank of Korea, Society for …, University of Texas at Austin.
const ORG_LINK = new Set(['of', 'for', 'at', 'on']);
// Head words after which for/at/on still belong to the name (Center for Strategic Studies, Committee on Foreign Relations, School at Athens).
const ORG_HEAD_LINK: Record<string, RegExp> = {
  for: /^(?:Society|Center|Centre|Institute|Council|Commission|Association|Committee|Party|Foundation|Agency|Office|Federation|Alliance|Coalition|Campaign|Movement|Organization|Organisation|Union|Fund|Academy|School|Museum|League)$/,
  at: /^(?:University|School|College|Academy)$/,
  on: /^(?:Committee|Commission|Council|Subcommittee)$/,
};
const CLUB_PREFIX = /^(?:FC|AFC|CF|SC|SV|FK|NK|VfB|VfL)$/;
// Sentence-initial adjectives that are stripped from a name unless a type word ends it (National Coalition Party, American League).
const NAME_ADJ = new Set(`korean japanese chinese american european asian british french german indian taiwanese vietnamese global national international new first`.split(/\s+/));
// Abbreviations whose dot is part of the name: St. Andrews, Warner Bros. Records.
const NAME_ABBR = /^(?:St|Bros|Mt|Ft)\.$/;
const EN_STOP = new Set(
  `the a an in on at for but and or nor so yet this that these those it its he she they we i his her their our my your you as after before
   when while if although though however meanwhile also despite according with without from by to of under over into during since until
   because here there what which who whom whose where why how all some many most more much other such no not one two three new last next
   first second third monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow then now still even just only
   both each every either neither any several few once again while than up down out about above below between among against through
   said says say mr mrs ms dr is are was were be been being has have had do does did will would can could may might must shall should
   let please thanks thank yes no january february march april may june july august september october november december jan feb mar apr
   jun jul aug sep sept oct nov dec jr sr jr. sr. korean japanese chinese american european asian british french german indian
   taiwanese vietnamese global national international`.split(/\s+/),
);

const LATIN_RUN = /(?<![A-Za-z0-9])(?:[A-Z0-9][A-Za-z0-9&'’.-]*[A-Za-z0-9]|[A-Z])(?:[ ](?:[A-Z0-9][A-Za-z0-9&'’.-]*[A-Za-z0-9]|[A-Z]))*(?![A-Za-z0-9])/g;

/** Model codes (HBM4, DDR5, H100, RTX 5090) are products; camel-case single words (TrendForce, FnGuide) are organisations. */
function codeType(words: string[]): EntityType | null {
  if (words.length <= 2 && words.every((w) => /^[A-Z]+\d+[A-Z0-9]*$|^\d+$/.test(w)) && /[A-Z]/.test(words[0]!)) return 'PRODUCT';
  if (words.length === 1 && /^[A-Z][a-z]+[A-Z][A-Za-z]*$/.test(words[0]!)) return 'ORG';
  return null;
}

/** Type of a Latin-script name from its words; null when the words say nothing. */
function typeFromWords(words: string[]): EntityType | null {
  const last = words[words.length - 1]!;
  // Samsung Heavy Industries, Bank of Korea, National Museum of Modern Art, Society for Psychical Research.
  if (ORG_WORDS.test(last) || words.some((w, k) => ORG_WORDS.test(w) && ORG_LINK.has(words[k + 1] ?? ''))) return 'ORG';
  // FC Rubin Kazan, AFC Bournemouth: a club prefix names a club.
  if (words.length > 1 && CLUB_PREFIX.test(words[0]!)) return 'ORG';
  if (EVENT_WORDS.test(last)) return 'EVENT';
  if (PLACE_WORDS.test(last) || PLACE_WORDS.test(words[0]!)) return 'PLACE';
  return null;
}

/**
 * Latin-script names inside Japanese or Korean text: NAVER Cloud, SK Group,
 * National AI Computing Center. Glosses in brackets after a native word
 * (ソブリンAI(Sovereign AI)) are translations, not names, and are skipped.
 *
 * @example
 * latinRuns('政府主導のNational AI Computing Centerの設立', 0, 32)[0].type // 'ORG'
 */
export function latinRuns(text: string, from: number, to: number): Candidate[] {
  const out: Candidate[] = [];
  const seg = text.slice(from, to);
  for (const m of seg.matchAll(LATIN_RUN)) {
    let words = m[0].split(' ');
    let start = from + m.index!;
    // Drop generic words at either end: "NVIDIA GPU" → NVIDIA, "AI Factory" → Factory (then dropped below).
    while (words.length && GENERIC.has(words[0]!)) {
      start += words[0]!.length + 1;
      words = words.slice(1);
    }
    while (words.length && GENERIC.has(words[words.length - 1]!)) words = words.slice(0, -1);
    if (!words.length) continue;
    let surface = words.join(' ');
    let end = start + surface.length;
    // BLW社, SKグループ, JR九州 is left to the gazetteer: a Latin name glued to an organisation word is an organisation.
    const glued = /^(?:社|グループ|ホールディングス|銀行|証券|財団|協会|그룹|전자|은행|증권|재단|협회)/.exec(text.slice(end, end + 8));
    let orgSuffix = false;
    if (glued && text.slice(start, end) === surface) {
      end += glued[0].length;
      surface = text.slice(start, end);
      orgSuffix = true;
    }
    if (!/[A-Za-z]{2,}/.test(surface) || /^\d/.test(surface)) continue;
    const before = text[from + m.index! - 1];
    const after = text[from + m.index! + m[0].length];
    if ((before === '(' || before === '（') && (after === ')' || after === '）')) {
      // A bracket glued to the word before it holds a gloss: ソブリンAI(Sovereign AI).
      const gloss = text[from + m.index! - 2];
      if (gloss !== undefined && !/\s/.test(gloss)) continue;
    }
    if (words.length === 1 && (EN_STOP.has(surface.toLowerCase()) || ORG_WORDS.test(surface) || EVENT_WORDS.test(surface))) continue;
    // Trailing bare numbers belong to the text, not the name: "HBM3E 12(-high)".
    while (words.length > 1 && /^\d+$/.test(words[words.length - 1]!)) {
      words = words.slice(0, -1);
      surface = words.join(' ');
      end = start + surface.length;
    }
    let type = orgSuffix ? 'ORG' : codeType(words) ?? typeFromWords(words);
    if (type === null) {
      // Long title-case phrases without an organisation or event word are headlines, not names.
      if (words.length >= 3) continue;
      if (words.length === 1 && /^[A-Z][a-z]+$/.test(surface)) continue; // a lone English word (Jobs, Ecosystem)
      type = words.length === 1 && /^[A-Z0-9&]{2,}$/.test(words[0]!) ? 'ORG' : 'OTHER';
    }
    out.push({ start, end, type, suffixed: orgSuffix || (words.length > 1 && ORG_WORDS.test(words[words.length - 1]!)), compound: type !== 'OTHER' });
  }
  return out;
}

// --- Japanese ---------------------------------------------------------------

// Words that end a compound name and say what it names: 日本証券クリアリング機構, 東京都千代田区, 札幌オリンピック.
const JA_SUFFIX: Array<[EntityType, string[]]> = [
  ['ORG', ['株式会社', '有限会社', 'ホールディングス', 'グループ', 'HD', '会社', '機構', '局', '軍', '本部', '省', '庁', '委員会', '評議会', '会議派', '会議',
    '協会', '財団', '連盟', '連合', '組合', '政党', '党', '団', '隊', '社', '銀行', '証券', '大学', '学園', '高校', '研究所', '工業', '重工業',
    '製作所', '商事', '物産', '電機', '電子', '自動車', '製薬', '航空', '放送', '新聞', '鉄道', 'バス', '劇団', '政府', '議会', '裁判所',
    'システムズ', 'テクノロジーズ', 'コーポレーション', 'カンパニー', 'インターナショナル', 'ネットワークス', 'パートナーズ', 'エアラインズ', 'モーターズ']],
  ['EVENT', ['大会', '博覧会', '万博', '祭', '戦争', '事件', '選手権', 'オリンピック', 'トーナメント', 'フェスティバル', 'カップ', '杯', 'サミット', '会談', '賞']],
  ['PLACE', ['都', '道', '府', '県', '市', '区', '町', '村', '郡', '州', '島', '半島', '山', '川', '湖', '駅', '空港', '港', '橋', 'トンネル', '城', '寺',
    '神社', '公園', 'ホテル', 'タワー', 'スタジアム', '球場']],
];
function suffixType(surface: string): EntityType | null {
  for (const [type, list] of JA_SUFFIX) if (list.some((suf) => surface === suf || (suf.length >= 2 && surface.endsWith(suf)))) return type;
  return null;
}
const JA_TITLES = new Set([
  'CEO', 'CFO', 'CTO', 'COO', '社長', '会長', '副会長', '副社長', '氏', 'さん', '様', '大統領', '首相', '総理', '長官', '大臣', '議長', '代表',
  '教授', '総裁', '知事', '市長', '議員', '委員長', '主席', '国王', '最高経営責任者', '創業者', '博士', '容疑者', '被告',
]);
const KATAKANA = /^[\u30a1-\u30fa\u30fc]+(?:[・=][\u30a1-\u30fa\u30fc]+)*$/;
const JA_NOT_NAMES = new Set([
  '巨人', '社会', '米中', '欧米', '日米', '日韓', '日中', '中韓', '米韓', '東西', '南北', '世界', '国内', '海外', '明治', '大正', '昭和', '平成', '令和',
]);
const LATIN = /^[A-Za-z0-9][A-Za-z0-9&.'-]*$/;
// One-kanji country abbreviations glued before a name (米キー・セーフティ・システムズ): they qualify it, they are not part of it.
const JA_COUNTRY_PREFIX = new Set(['米', '英', '独', '仏', '中', '韓', '日', '露', '伊', '豪', '加', '印', '台']);

/**
 * Names in a Japanese span from kuromoji tokens: runs of proper nouns and
 * katakana names (joined by ・), extended over the nouns that end in an
 * organisation, event or place word (法務省入国管理局, 東京都千代田区), with
 * titles dropped but used as evidence (フアンCEO → フアン, PERSON).
 *
 * @example
 * japaneseCandidates(text, tokenizeJapanese(kuromoji, text, 0)) // text 'ラリー・フィンクCEOが来韓' → [{ start: 0, end: 8, type: 'PERSON', … }]
 */
export function japaneseCandidates(text: string, tokens: Token[]): Candidate[] {
  const out: Candidate[] = [];
  const nameLike = (x: Token) => x.pos === 'proper' || KATAKANA.test(x.surface);
  const nounLike = (x: Token) => x.pos === 'noun' || x.pos === 'proper' || x.pos === 'foreign' || x.pos === 'number' || KATAKANA.test(x.surface);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!nameLike(t) || LATIN.test(t.surface)) continue;
    let start = t.start;
    // 米キー・セーフティ・システムズ: drop the country prefix when a name follows it directly.
    if (JA_COUNTRY_PREFIX.has(t.surface) && tokens[i + 1] && tokens[i + 1]!.start === t.end && nameLike(tokens[i + 1]!)) continue;
    let j = i;
    let end = t.end;
    const details = new Set<string>([t.detail ?? '']);
    let proper = t.pos === 'proper';
    let allProper = proper;
    if (t.surface.includes('・')) details.add('・');
    // Extend over contiguous name tokens, place suffixes (都, 区) and ・ between katakana.
    while (j + 1 < tokens.length) {
      const n = tokens[j + 1]!;
      if (n.start !== end) break;
      if (n.surface === '・' && j + 2 < tokens.length && KATAKANA.test(tokens[j + 2]!.surface) && tokens[j + 2]!.start === n.end) {
        j += 2;
        end = tokens[j]!.end;
        details.add('・');
        continue;
      }
      if ((nameLike(n) || (n.detail === '地域' && details.has('地域'))) && !LATIN.test(n.surface) && !JA_TITLES.has(n.surface)) {
        j++;
        end = n.end;
        details.add(n.detail ?? '');
        proper ||= n.pos === 'proper';
        allProper &&= n.pos === 'proper';
        continue;
      }
      break;
    }
    // kuromoji splits rare given names (金子/達/仁, 江上/波/夫): a one-kanji common noun glued to a short name finishes it.
    const tail = tokens[j + 1];
    if (details.has('人名') && tail && tail.start === end && tail.pos === 'noun' && /^\p{Script=Han}$/u.test(tail.surface) && end - start <= 3 && suffixType(tail.surface) === null && !JA_TITLES.has(tail.surface)) {
      j++;
      end = tail.end;
    }
    let type: EntityType | null = null;
    let suffixed = false;
    // Look a few nouns ahead for a word that closes the name: 日本証券クリアリング機構, インド国民会議派.
    let best = -1;
    let bestType: EntityType | null = null;
    for (let k = j + 1, pos = end; k < tokens.length && k <= j + 5; k++) {
      const n = tokens[k]!;
      if (n.start !== pos || !nounLike(n) || JA_TITLES.has(n.surface)) break;
      pos = n.end;
      const st = suffixType(n.surface);
      if (st) {
        best = k;
        bestType = st;
      }
    }
    const lastType = suffixType(tokens[j]!.surface);
    if (best >= 0 && (proper || KATAKANA.test(t.surface))) {
      end = tokens[best]!.end;
      j = best;
      type = bestType;
      suffixed = true;
    } else if (lastType && j > i) {
      type = lastType;
      suffixed = true;
    }
    const next = tokens[j + 1];
    const titled = next !== undefined && next.start === end && JA_TITLES.has(next.surface);
    if (type === null) {
      if (titled) type = 'PERSON';
      else if (details.has('人名')) type = 'PERSON';
      else if (details.has('組織')) type = 'ORG';
      else if (details.has('地域')) type = 'PLACE';
      else if (details.has('・')) type = 'PERSON';
      else if (proper) type = 'OTHER';
    }
    const surface = text.slice(start, end);
    // Katakana loanwords (クラウドサービス, スマートフォン) are common nouns unless a title, suffix or ・ says otherwise.
    if (KATAKANA.test(surface) && !suffixed && !details.has('・') && !titled) type = null;
    // One-kanji proper nouns (米, 創) and words kuromoji tags as names but are mostly common (巨人, 社会, 昭和) are left out.
    if (/^\p{Script=Han}$/u.test(surface) || JA_NOT_NAMES.has(surface)) type = null;
    // ・-joined katakana is a person's name only when its parts are name-sized (not プロジェクトマネージャー・ビジネスデベロッパー).
    if (type === 'PERSON' && details.has('・') && !titled && surface.split(/[・=]/).some((part) => part.length > 7)) type = null;
    if (type) out.push({ start, end, type, suffixed, compound: allProper });
    i = j;
  }
  return out;
}

// --- Korean -----------------------------------------------------------------

const KO_ORG_SUFFIX = [
  '그룹', '전자', '자동차', '정부', '은행', '증권', '클라우드', '텔레콤', '화학', '중공업', '건설', '바이오', '제약', '항공', '대학교',
  '연구원', '연구소', '위원회', '재단', '협회', '공사', '공단', '거래소', '보험', '카드', '생명', '홀딩스', '엔터테인먼트', '부', '처', '청', '당',
];
const koOrgSuffixesOf = endingsFor(KO_ORG_SUFFIX);
const KO_TITLES = new Set([
  '대통령', '회장', '부회장', '사장', '부사장', '대표', '대표이사', '장관', '차관', '총리', '국무총리', '의원', '위원장', '교수', '씨', '최고경영자',
  'CEO', '총재', '의장', '지사', '도지사', '원장', '감독', '선수', '박사', '기자', '전무', '상무',
]);
const KO_PARTICLE =
  /(?:이었다|입니다|으로부터|에서부터|에게서|께서는|한테서|이랑|한테|께서|였다|이다|랑|에서는|에서도|에서의|에게는|으로는|으로도|으로서|이라고|이라는|까지|부터|보다|처럼|에서|에게|으로|와의|과의|이나|이며|이고|에는|에도|로는|로도|로서|이란|라고|라는|은|는|이|가|을|를|의|에|와|과|로|도|만)$/;
const KO_WORD = /[\uac00-\ud7a3A-Za-z0-9]+/g;

export const KO_SURNAMES = new Set([...'김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용']);
// Last syllables of common three-syllable nouns (전문가, 한국인, 신제품, 주민들, 선생님): such stems are not names.
const KO_NOUN_END = new Set([...'님들자가인점제품장관회국성적화권과비부실층측체단력상용기도소감물론법업계식률생방동선사원청처당군시구면읍리역관학하지되던된한할망려러며면서써라스트드크프즈터르브']);
const KO_NOT_NAMES = new Set(['이번주', '지난해', '올해도', '오늘은', '이대로', '조만간', '한마디', '정도로', '이번', '이날', '지난', '전체', '현재', '최근', '정부', '한편']);

// Titles that also read as common nouns (시장 is a market, 후보 a candidate list): evidence only after a surname-led three-syllable stem.
const KO_TITLES_WEAK = new Set([
  'PD', '후보', '팀장', '단장', '총괄회장', '작가', '배우', '가수', '변호사', '검사', '판사', '여사', '목사', '총장', '코치', '대변인', '원내대표',
  '실장', '국장', '부장', '소장', '시장', '구청장', '군수', '대사', '고문', '이사', '주장', '앵커', '특파원',
]);
// Syllables before a title that are not surnames there: 전 장관 (former), 고 회장 (the late), 현 대표 (current).
const KO_NOT_SURNAME_BEFORE_TITLE = new Set(['전', '고', '현', '이']);

// State bodies that news names by a common word: they are organisations wherever they stand (경찰은, 검찰에, 국회의).
const KO_INSTITUTIONS = new Set([
  '경찰', '검찰', '국회', '청와대', '해경', '법원', '대법원', '헌법재판소', '헌재', '재판부', '국정원', '감사원', '금감원', '금융위', '공정위', '선관위',
  '기상청', '국세청', '관세청', '통계청', '경찰청', '검찰청', '소방청', '조달청', '병무청', '산림청', '특허청', '해양경찰청', '식약처',
  '국방부', '외교부', '통일부', '법무부', '교육부', '환경부', '국토부', '복지부', '행안부', '여가부', '고용부', '농식품부', '문체부', '해수부',
  '육군', '해군', '공군', '합참', '소방당국', '방역당국', '보건당국', '금융당국', '교육당국', '수사당국', '보건복지부', '국토교통부', '고용노동부',
]);

/** A title word after a name, with or without a particle: 회장, 씨가, 대통령은. */
function isKoTitle(word: string, titles: Set<string> = KO_TITLES): boolean {
  if (titles.has(word)) return true;
  // A title followed by one of these particles: look the word up without each particle it ends with.
  for (const p of KO_TITLE_PARTICLES) if (word.length > p.length && word.endsWith(p) && titles.has(word.slice(0, -p.length))) return true;
  return false;
}
const KO_TITLE_PARTICLES = ['은', '는', '이', '가', '을', '를', '의', '에게', '과', '와', '도', '께서', '님'];

/** Length of an organisation stem's suffix when the stem is long enough to be a name before it (현대중공업, 과학기술정보통신부), else 0. */
function koOrgSuffix(stem: string, ministerAfter: boolean): number {
  for (const suf of koOrgSuffixesOf(stem)) {
    if (!stem.endsWith(suf) || stem === suf) continue;
    const head = stem.slice(0, -suf.length);
    // One-syllable 부/처/청 words are common nouns (정부, 내부, 요청); demand a long name before them,
    // unless a minister or commissioner follows (교육부 장관, 국세청 청장).
    const minHead = suf === '당' || ministerAfter ? 2 : suf.length === 1 ? 3 : /^[A-Za-z]/.test(head) ? 1 : 2;
    if (head.length >= minHead) return suf.length;
  }
  return 0;
}

function koStem(word: string): string {
  const m = KO_PARTICLE.exec(word);
  if (m && word.length - m[0].length >= 2) return word.slice(0, -m[0].length);
  return word;
}

/**
 * Names in a Korean span: organisation suffixes (과학기술정보통신부, 현대중공업) and people before titles (정의선 회장).
 *
 * @example
 * koreanCandidates('홍길동 사장은 한국수자원공사를 찾았다', 0, 20).map((c) => c.type) // ['PERSON', 'ORG']
 */
export function koreanCandidates(text: string, from: number, to: number): Candidate[] {
  const out: Candidate[] = [];
  const seg = text.slice(from, to);
  const words = [...seg.matchAll(KO_WORD)].map((m) => ({ word: m[0], start: from + m.index! }));
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!/^[\uac00-\ud7a3]/.test(w.word) && !/^[A-Za-z]+[\uac00-\ud7a3]/.test(w.word) && !/^[A-Z]$/.test(w.word)) continue;
    const stem = koStem(w.word);
    if (KO_INSTITUTIONS.has(stem) || KO_INSTITUTIONS.has(w.word)) {
      out.push({ start: w.start, end: w.start + (KO_INSTITUTIONS.has(w.word) ? w.word.length : stem.length), type: 'ORG', suffixed: true });
      continue;
    }
    // People: 2–4 syllables followed by a title, spaced (이재명 대통령) or glued (홍길동씨).
    const next = words[i + 1];
    const spaced = next !== undefined && next.start === w.start + w.word.length + 1 && text[next.start - 1] === ' ';
    const titled = spaced && isKoTitle(next.word);
    // A name with an organisation suffix before a title is the organisation the person serves: 새누리당 대표, 교육부 장관.
    const ministerAfter = spaced && /^(?:장관|차관|청장|처장)/.test(next.word) && /[부처청]$/.test(stem);
    if (titled && /^[\uac00-\ud7a3]{3,}$/.test(stem) && koOrgSuffix(stem, ministerAfter) > 0) {
      out.push({ start: w.start, end: w.start + stem.length, type: 'ORG', suffixed: true });
      continue;
    }
    // A surname alone before a title (신 회장, 김 선수), or a letter standing for a withheld name (A씨, K기자).
    if (spaced && w.word.length === 1 && KO_SURNAMES.has(w.word) && !KO_NOT_SURNAME_BEFORE_TITLE.has(w.word) && isKoTitle(next.word)) {
      out.push({ start: w.start, end: w.start + 1, type: 'PERSON', suffixed: false });
      continue;
    }
    const single = /^(?:([\uac00-\ud7a3])|([A-Z]))(?:씨|기자)/.exec(w.word);
    if (single && (single[2] !== undefined || KO_SURNAMES.has(single[1]!)) && isKoTitle(w.word.slice(1))) {
      out.push({ start: w.start, end: w.start + 1, type: 'PERSON', suffixed: false });
      continue;
    }
    // An age in brackets right after a name is how Korean news introduces people: 김성동(54), 박모(41·여)씨, A(27)씨.
    const aged = /^\(\d{1,3}(?:[·,][^)]{0,4})?\)/.test(text.slice(w.start + w.word.length, w.start + w.word.length + 10));
    if (aged && (/^[A-Z]$/.test(w.word) || (/^[\uac00-\ud7a3]{2,3}$/.test(w.word) && KO_SURNAMES.has(w.word[0]!)))) {
      out.push({ start: w.start, end: w.start + w.word.length, type: 'PERSON', suffixed: false });
      continue;
    }
    // Weaker titles (신원호 PD    // Weaker titles (신원호 PD, 박근혜 후보) count after a three-syllable stem that starts with a surname.
    const weakTitled = spaced && isKoTitle(next.word, KO_TITLES_WEAK) && /^[\uac00-\ud7a3]{3}$/.test(stem) && KO_SURNAMES.has(stem[0]!);
    // Names are followed by a particle or nothing, never by a verb ending (독주하던, 추진하는).
    const nominal =
      stem === w.word ||
      /^(?:은|는|이|가|을|를|의|에게|에게서|한테|와|과|랑|이랑|도|만|께서|께|이나|나|로|으로|에|에서|처럼|보다|까지|부터|라는|이라는|이다|였다|이었다|입니다|이며|이고|야|아|님|씨)$/.test(
        w.word.slice(stem.length),
      );
    if (/^[\uac00-\ud7a3]{2,4}$/.test(stem) && (titled || weakTitled) && nominal && !/[하되던된한할는]$/.test(stem) && !KO_NOT_NAMES.has(stem)) {
      out.push({ start: w.start, end: w.start + stem.length, type: 'PERSON', suffixed: false });
      continue;
    }
    const glued = /^([\uac00-\ud7a3]{2,3})(씨|회장|대표|사장|감독|선수|님)$/.exec(stem);
    // 님 also ends common words (선생님, 사장님): only a three-syllable name that does not end like a noun takes it.
    const honorific = glued?.[2] === '님' && (glued[1]!.length !== 3 || KO_NOUN_END.has(glued[1]![2]!));
    if (glued && KO_SURNAMES.has(glued[1]![0]!) && !honorific) {
      out.push({ start: w.start, end: w.start + glued[1]!.length, type: 'PERSON', suffixed: false });
      continue;
    }
    // A three-syllable stem that starts with a common surname and does not end like a common noun: 최운정은, 이대호의.
    if (/^[\uac00-\ud7a3]{3}$/.test(stem) && stem !== w.word && nominal && KO_SURNAMES.has(stem[0]!) && !KO_NOUN_END.has(stem[2]!) && !KO_NOT_NAMES.has(stem)) {
      out.push({ start: w.start, end: w.start + stem.length, type: 'PERSON', suffixed: false });
      continue;
    }
    if (koOrgSuffix(stem, ministerAfter) > 0) out.push({ start: w.start, end: w.start + stem.length, type: 'ORG', suffixed: true });
  }
  return out;
}

// --- English ----------------------------------------------------------------

const EN_WORD = /\p{L}[\p{L}\p{N}&.'’-]*[\p{L}\p{N}.]|\p{L}/gu;
// Words that join two capitalised words into one name (Bank of Korea, Pinar del Río); "and" separates names instead.
const CONNECT = new Set(['of', '&', 'de', 'del', 'der', 'van', 'von', 'da', 'di', 'al', 'du', 'la', 'le', 'y']);

/**
 * Capitalised spans of an English span, with sentence-initial function words,
 * titles (CEO Jensen Huang → Jensen Huang, PERSON) and possessives ('s) removed.
 *
 * @example
 * englishCandidates("The deal lifts Daewoo Shipbuilding Industries' shares", 0, 52, new Set([0]))[0].type // 'ORG'
 */
export function englishCandidates(text: string, from: number, to: number, sentenceStarts: Set<number>): Candidate[] {
  const out: Candidate[] = [];
  const seg = text.slice(from, to);
  const words = [...seg.matchAll(EN_WORD)].map((m) => {
    let w = m[0].replace(/['’]s$/, '').replace(/\.$/, (d) => (/^(?:[A-Z]\.)+$/.test(m[0]) || TITLES_EN.test(m[0]) || NAME_ABBR.test(m[0]) ? d : ''));
    if (w === '') w = m[0];
    return { w, start: from + m.index!, end: from + m.index! + w.length, possessive: /['’]s$/.test(m[0]) };
  });
  const cap = (w: string) => /^\p{Lu}/u.test(w) || /^[a-z]+[A-Z]/.test(w); // iPhone, xAI
  // Headline case (Korea Joins AI Industrial Revolution): capitals say nothing there, so only keywords and titles count.
  const long = words.filter((x) => x.w.length > 3);
  const lower = long.filter((x) => !cap(x.w)).length;
  const headline = long.length - lower >= 4 && lower <= 1;
  let i = 0;
  while (i < words.length) {
    if (!cap(words[i]!.w)) {
      i++;
      continue;
    }
    // Grow a run of capitalised words, allowing "of", "and" … between two of them, on one line with single spaces.
    let j = i;
    while (j + 1 < words.length) {
      if (text.slice(words[j]!.end, words[j + 1]!.start) !== ' ') break;
      const n = words[j + 1]!;
      if (cap(n.w)) {
        j++;
        continue;
      }
      // The head may also open the run: University of Texas at Austin.
      const head = ORG_HEAD_LINK[n.w];
      const linked = CONNECT.has(n.w) || (head !== undefined && (head.test(words[j]!.w) || head.test(words[i]!.w)));
      if (linked && j + 2 < words.length && cap(words[j + 2]!.w) && text.slice(n.end, words[j + 2]!.start) === ' ') {
        j += 2;
        continue;
      }
      break;
    }
    let run = words.slice(i, j + 1);
    i = j + 1;
    // A sentence-initial word that is lower-case in the middle of a sentence is not part of the name.
    const typed = (r: typeof run) => r.length > 1 && typeFromWords(r.map((x) => x.w)) !== null;
    while (run.length && (EN_STOP.has(run[0]!.w.toLowerCase()) || CONNECT.has(run[0]!.w))) {
      // National Coalition Party, American League: an adjective before a typed name is part of it.
      if (NAME_ADJ.has(run[0]!.w.toLowerCase()) && typed(run)) break;
      run = run.slice(1);
    }
    let person = false;
    while (run.length > 1 && TITLES_EN.test(run[0]!.w)) {
      run = run.slice(1);
      person = true;
    }
    while (run.length && (CONNECT.has(run[run.length - 1]!.w) || EN_STOP.has(run[run.length - 1]!.w.toLowerCase()) || GENERIC.has(run[run.length - 1]!.w)))
      run = run.slice(0, -1);
    if (!run.length) continue;
    // A bracket glued to the word before it holds a gloss: 物理的AI(Physical AI).
    const open = text[run[0]!.start - 1];
    if ((open === '(' || open === '（') && run[0]!.start >= 2 && !/\s/.test(text[run[0]!.start - 2]!)) continue;
    if (run.length === 1 && TITLES_EN.test(run[0]!.w)) continue;
    const ws = run.map((r) => r.w);
    if (ws.every((w) => GENERIC.has(w))) continue;
    let start = run[0]!.start;
    const end = run[run.length - 1]!.end;
    const atSentenceStart = sentenceStarts.has(start) || /(?:^|[.!?:]["'”’)]*\s+["'“‘(]*)$/.test(text.slice(Math.max(from, start - 6), start));
    if (ws.length === 1 && (ORG_WORDS.test(ws[0]!) || EVENT_WORDS.test(ws[0]!) || PLACE_WORDS.test(ws[0]!))) continue;
    // AI-driven, US-based: a compound adjective, not a name.
    if (ws.length === 1 && /-\p{Ll}+$/u.test(ws[0]!)) continue;
    let type = person ? 'PERSON' : codeType(ws) ?? typeFromWords(ws);
    if (type === null && headline && !(ws.length === 1 && /^[A-Z0-9&]{2,}$/.test(ws[0]!))) continue;
    if (type === null && /\b(?:in|at|near|from|across|outside|inside|into)\s$/.test(text.slice(Math.max(from, start - 8), start))) type = 'PLACE';
    if (type === null) {
      if (ws.length >= 2 && ws.length <= 3 && ws.every((w) => /^\p{Lu}\p{Ll}+(?:-\p{L}\p{Ll}+)?\.?$/u.test(w) || /^\p{Lu}\.$/u.test(w)))
        type = 'PERSON';
      else type = /^[A-Z0-9&]{2,}$/.test(ws[0]!) && ws.length === 1 ? 'ORG' : 'OTHER';
    }
    // 11th Transportation Battalion, 1st Infantry Division: a numbered unit keeps its ordinal.
    const ordinal = type === 'ORG' ? /(?:^|[\s(])(\d+(?:st|nd|rd|th) )$/.exec(text.slice(Math.max(from, start - 8), start)) : null;
    if (ordinal) start -= ordinal[1]!.length;
    const weak = ws.length === 1 && atSentenceStart && !/^[A-Z0-9&]{2,}$/.test(ws[0]!) && !/[A-Z]/.test(ws[0]!.slice(1));
    const keyword = ORG_WORDS.test(ws[ws.length - 1]!) || PLACE_WORDS.test(ws[ws.length - 1]!) || EVENT_WORDS.test(ws[ws.length - 1]!);
    out.push({ start, end, type: type as EntityType, suffixed: ws.length > 1 && keyword, weak, compound: true });
  }
  return out;
}
