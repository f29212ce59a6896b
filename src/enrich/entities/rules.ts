/*
 * Names the gazetteer does not know, found by rules per language:
 * Japanese from kuromoji's proper-noun tags with compound merging and title
 * handling; Korean from eojeol stems with organisation suffixes and titles;
 * English from capitalised spans; Latin runs (NAVER Cloud, APEC CEO Summit)
 * in all three.
 */
import type { EntityType, Token } from '../../records.js';

export interface Candidate {
  start: number;
  end: number;
  type: EntityType;
  /** The candidate ends in an organisation word (Group, 그룹, 銀行) that a shorter gazetteer hit inside it lacks. */
  suffixed: boolean;
  /** A capitalised word that may only be capitalised because it starts a sentence: kept only if it links to a known name. */
  weak?: boolean;
}

const ORG_WORDS =
  /^(?:Group|Inc|Inc\.|Corp|Corp\.|Corporation|Co|Co\.|Company|Companies|Ltd|Ltd\.|LLC|PLC|AG|SA|Holdings|Bank|Cloud|Center|Centre|Ministry|Department|University|College|Institute|Agency|Association|Council|Committee|Commission|Foundation|Party|Electronics|Motor|Motors|Industries|Technologies|Technology|Systems|Networks|Labs|Capital|Partners|Securities|Airlines|Energy|Telecom|Communications|Semiconductor|Pharmaceuticals|Studios|Records|Club|FC|Team|Union|Authority|Office|Board|Court|Army|Navy|Police|Federation|Organization|Organisation|School|Hospital|Museum|Times|News|Post|Journal)$/;
const PLACE_WORDS =
  /^(?:City|County|Province|Prefecture|State|River|Lake|Mountain|Mountains|Mount|Island|Islands|Valley|Bay|Sea|Ocean|Street|Avenue|Road|Park|Airport|Station|Port|Region|District|Peninsula|Desert|Gulf|Coast|Village|Town|Square|Bridge|Castle|Palace|Temple|Province)$/;
const EVENT_WORDS = /^(?:Summit|Conference|Forum|Expo|Show|Festival|Olympics|Games|Cup|Championship|Championships|War|Awards|Election|Week|Fair|Congress|Meeting|Tournament|Open|Prix)$/;
const TITLES_EN =
  /^(?:President|Vice|CEO|Chief|Executive|Chairman|Chairwoman|Chair|Minister|Prime|Secretary|Governor|Senator|Representative|Rep\.|Sen\.|Gov\.|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Prof\.?|Professor|King|Queen|Prince|Princess|Pope|General|Gen\.|Judge|Justice|Mayor|Director|Founder|Co-founder|Commissioner|Ambassador|Chancellor|Premier|Sir|Dame|Lord|Lady|Saint|St\.|Coach|Captain|Officer|Analyst|Spokesperson|Spokesman|Spokeswoman)$/;
// Generic words and acronyms that are capitalised but name nothing by themselves.
const GENERIC = new Set(
  `AI GPU GPUs CPU CPUs NPU DX IT IoT API APIs CEO CFO CTO COO SaaS PaaS HPC LLM LLMs ML VR AR XR EV EVs PC PCs OS UI UX DRAM NAND SSD HBM
   RAM SoC R&D M&A IPO ETF GDP CPI Q1 Q2 Q3 Q4 FY PDF URL HTML TV OK Inc Co Ltd Corp The A An
   ESG GDPR DDoS SDGs KPI ROI B2B B2C SNS PR CSR DEI GPT NLP RAG MOU MoU OEM ODM EUV PoC ICT AGI ASI`.split(/\s+/),
);
const EN_STOP = new Set(
  `the a an in on at for but and or nor so yet this that these those it its he she they we i his her their our my your you as after before
   when while if although though however meanwhile also despite according with without from by to of under over into during since until
   because here there what which who whom whose where why how all some many most more much other such no not one two three new last next
   first second third monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow then now still even just only
   both each every either neither any several few once again while than up down out about above below between among against through
   said says say mr mrs ms dr is are was were be been being has have had do does did will would can could may might must shall should
   let please thanks thank yes no january february march april may june july august september october november december jan feb mar apr
   jun jul aug sep sept oct nov dec`.split(/\s+/),
);

const LATIN_RUN = /(?<![A-Za-z0-9])(?:[A-Z0-9][A-Za-z0-9&'’.-]*[A-Za-z0-9]|[A-Z])(?:[ ](?:[A-Z0-9][A-Za-z0-9&'’.-]*[A-Za-z0-9]|[A-Z]))*(?![A-Za-z0-9])/g;

/** Type of a Latin-script name from its words; null when the words say nothing. */
function typeFromWords(words: string[]): EntityType | null {
  const last = words[words.length - 1]!;
  // Samsung Heavy Industries, Bank of Korea, Ministry of Science and ICT.
  if (ORG_WORDS.test(last) || (ORG_WORDS.test(words[0]!) && words[1] === 'of')) return 'ORG';
  if (EVENT_WORDS.test(last)) return 'EVENT';
  if (PLACE_WORDS.test(last) || PLACE_WORDS.test(words[0]!)) return 'PLACE';
  return null;
}

/**
 * Latin-script names inside Japanese or Korean text: NAVER Cloud, SK Group,
 * National AI Computing Center. Glosses in brackets after a native word
 * (ソブリンAI(Sovereign AI)) are translations, not names, and are skipped.
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
    const surface = words.join(' ');
    const end = start + surface.length;
    if (!/[A-Za-z]{2,}/.test(surface) || /^\d/.test(surface)) continue;
    const before = text[from + m.index! - 1];
    const after = text[from + m.index! + m[0].length];
    if ((before === '(' || before === '（') && (after === ')' || after === '）')) {
      // A bracket glued to the word before it holds a gloss: ソブリンAI(Sovereign AI).
      const gloss = text[from + m.index! - 2];
      if (gloss !== undefined && !/\s/.test(gloss)) continue;
    }
    if (words.length === 1 && (EN_STOP.has(surface.toLowerCase()) || ORG_WORDS.test(surface) || EVENT_WORDS.test(surface))) continue;
    let type = typeFromWords(words);
    if (type === null) {
      // Long title-case phrases without an organisation or event word are headlines, not names.
      if (words.length >= 3) continue;
      if (words.length === 1 && /^[A-Z][a-z]+$/.test(surface)) continue; // a lone English word (Jobs, Ecosystem)
      type = words.length === 1 && /^[A-Z0-9&]{2,}$/.test(words[0]!) ? 'ORG' : 'OTHER';
    }
    out.push({ start, end, type, suffixed: words.length > 1 && ORG_WORDS.test(words[words.length - 1]!) });
  }
  return out;
}

// --- Japanese ---------------------------------------------------------------

const JA_ORG_SUFFIX = new Set([
  'グループ', 'ホールディングス', '株式会社', '電子', '自動車', '銀行', '証券', '政府', '省', '庁', '大学', '研究所', '財団', '協会', '委員会',
  '重工業', '工業', '製作所', '商事', '物産', '電機', '電気', '化学', '製薬', '通信', '航空', '建設', '保険', '生命', '新聞', '放送', '社',
]);
const JA_TITLES = new Set([
  'CEO', 'CFO', 'CTO', 'COO', '社長', '会長', '副会長', '副社長', '氏', 'さん', '様', '大統領', '首相', '総理', '長官', '大臣', '議長', '代表',
  '教授', '総裁', '知事', '市長', '議員', '委員長', '主席', '国王', '最高経営責任者', '創業者', '博士', '監督', '選手', '容疑者', '被告',
]);
const KATAKANA = /^[\u30a1-\u30fa\u30fc]+$/;
const JA_NOT_NAMES = new Set(['巨人', '社会', '米中', '欧米', '日米', '日韓', '日中', '中韓', '米韓', '東西', '南北', '世界', '国内', '海外']);
const LATIN = /^[A-Za-z][A-Za-z0-9&.'-]*$/;

/**
 * Names in a Japanese span from kuromoji tokens: runs of proper nouns, with
 * katakana names joined by ・, organisation suffixes kept (ソフトバンクグループ)
 * and titles dropped but used as evidence (フアンCEO → フアン, PERSON).
 */
export function japaneseCandidates(text: string, tokens: Token[]): Candidate[] {
  const out: Candidate[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const nameLike = (x: Token) => x.pos === 'proper' || KATAKANA.test(x.surface);
    if (!nameLike(t) || LATIN.test(t.surface)) continue;
    let j = i;
    let end = t.end;
    const details = new Set<string>([t.detail ?? '']);
    let proper = t.pos === 'proper';
    // Extend over contiguous name tokens and ・ between katakana.
    while (j + 1 < tokens.length) {
      const n = tokens[j + 1]!;
      if (n.start !== end) break;
      if (n.surface === '・' && j + 2 < tokens.length && KATAKANA.test(tokens[j + 2]!.surface) && tokens[j + 2]!.start === n.end) {
        j += 2;
        end = tokens[j]!.end;
        details.add('・');
        continue;
      }
      if (nameLike(n) && !LATIN.test(n.surface) && !JA_ORG_SUFFIX.has(n.surface) && !JA_TITLES.has(n.surface)) {
        j++;
        end = n.end;
        details.add(n.detail ?? '');
        proper ||= n.pos === 'proper';
        continue;
      }
      break;
    }
    const next = tokens[j + 1];
    const glued = next && next.start === end;
    let type: EntityType | null = null;
    let suffixed = false;
    if (glued && JA_ORG_SUFFIX.has(next.surface) && proper) {
      end = next.end;
      j++;
      type = 'ORG';
      suffixed = true;
    } else if (glued && JA_TITLES.has(next.surface)) {
      type = 'PERSON';
    } else if (details.has('人名')) type = 'PERSON';
    else if (details.has('組織')) type = 'ORG';
    else if (details.has('地域')) type = 'PLACE';
    else if (details.has('・')) type = 'PERSON';
    else if (proper) type = 'OTHER';
    // Katakana loanwords (クラウドサービス, スマートフォン) are common nouns unless a title, suffix or ・ says otherwise.
    if (KATAKANA.test(text.slice(t.start, end)) && !suffixed && !details.has('・') && !(glued && JA_TITLES.has(next.surface))) type = null;
    // One-kanji proper nouns (米, 創) and words kuromoji tags as names but are mostly common (巨人, 社会) are left out.
    const surface = text.slice(t.start, end);
    if (/^\p{Script=Han}$/u.test(surface) || JA_NOT_NAMES.has(surface)) type = null;
    if (type) out.push({ start: t.start, end, type, suffixed });
    i = j;
  }
  return out;
}

// --- Korean -----------------------------------------------------------------

const KO_ORG_SUFFIX = [
  '그룹', '전자', '자동차', '정부', '은행', '증권', '클라우드', '텔레콤', '화학', '중공업', '건설', '반도체', '바이오', '제약', '항공', '대학교',
  '연구원', '연구소', '위원회', '재단', '협회', '공사', '공단', '거래소', '보험', '카드', '생명', '홀딩스', '엔터테인먼트', '부', '처', '청',
];
const KO_TITLES = new Set([
  '대통령', '회장', '부회장', '사장', '부사장', '대표', '대표이사', '장관', '차관', '총리', '국무총리', '의원', '위원장', '교수', '씨', '최고경영자',
  'CEO', '총재', '의장', '시장', '지사', '도지사', '원장', '단장', '감독', '선수', '박사', '기자', '전무', '상무', '이사',
]);
const KO_PARTICLE =
  /(?:으로부터|에서부터|에게서|에서는|에서도|에서의|에게는|으로는|으로도|으로서|이라고|이라는|까지|부터|보다|처럼|에서|에게|으로|와의|과의|이나|이며|이고|에는|에도|로는|로도|로서|이란|라고|라는|은|는|이|가|을|를|의|에|와|과|로|도|만)$/;
const KO_WORD = /[\uac00-\ud7a3A-Za-z0-9]+/g;

function koStem(word: string): string {
  const m = KO_PARTICLE.exec(word);
  if (m && word.length - m[0].length >= 2) return word.slice(0, -m[0].length);
  return word;
}

/** Names in a Korean span: organisation suffixes (과학기술정보통신부, 현대중공업) and people before titles (정의선 회장). */
export function koreanCandidates(text: string, from: number, to: number): Candidate[] {
  const out: Candidate[] = [];
  const seg = text.slice(from, to);
  const words = [...seg.matchAll(KO_WORD)].map((m) => ({ word: m[0], start: from + m.index! }));
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!/^[\uac00-\ud7a3]/.test(w.word) && !/^[A-Za-z]+[\uac00-\ud7a3]/.test(w.word)) continue;
    const stem = koStem(w.word);
    // People: 2–4 syllables followed by a title, spaced (이재명 대통령) or glued (홍길동씨).
    const next = words[i + 1];
    const title = next && next.start === w.start + w.word.length + 1 ? koStem(next.word) : null;
    if (/^[\uac00-\ud7a3]{2,4}$/.test(stem) && title && (KO_TITLES.has(title) || KO_TITLES.has(next!.word))) {
      out.push({ start: w.start, end: w.start + stem.length, type: 'PERSON', suffixed: false });
      continue;
    }
    const glued = /^([\uac00-\ud7a3]{2,4})(씨|회장|대표|사장)$/.exec(stem);
    if (glued) {
      out.push({ start: w.start, end: w.start + glued[1]!.length, type: 'PERSON', suffixed: false });
      continue;
    }
    for (const suf of KO_ORG_SUFFIX) {
      if (!stem.endsWith(suf) || stem === suf) continue;
      const head = stem.slice(0, -suf.length);
      // One-syllable 부/처/청 words are common nouns (정부, 내부, 요청); demand a long name before them.
      const minHead = suf.length === 1 ? 3 : /^[A-Za-z]/.test(head) ? 1 : 2;
      if (head.length < minHead) continue;
      out.push({ start: w.start, end: w.start + stem.length, type: 'ORG', suffixed: true });
      break;
    }
  }
  return out;
}

// --- English ----------------------------------------------------------------

const EN_WORD = /[A-Za-z][A-Za-z0-9&.'’-]*[A-Za-z0-9.]|[A-Za-z]/g;
const CONNECT = new Set(['of', 'and', '&', 'for', 'the', 'de', 'del', 'van', 'von', 'da', 'al', 'du', 'la', 'le', 'on']);

/**
 * Capitalised spans of an English span, with sentence-initial function words,
 * titles (CEO Jensen Huang → Jensen Huang, PERSON) and possessives ('s) removed.
 */
export function englishCandidates(text: string, from: number, to: number, sentenceStarts: Set<number>): Candidate[] {
  const out: Candidate[] = [];
  const seg = text.slice(from, to);
  const words = [...seg.matchAll(EN_WORD)].map((m) => {
    let w = m[0].replace(/['’]s$/, '').replace(/\.$/, (d) => (/^(?:[A-Z]\.)+$/.test(m[0]) || TITLES_EN.test(m[0]) ? d : ''));
    if (w === '') w = m[0];
    return { w, start: from + m.index!, end: from + m.index! + w.length, possessive: /['’]s$/.test(m[0]) };
  });
  const cap = (w: string) => /^[A-Z]/.test(w) || /^[a-z]+[A-Z]/.test(w); // iPhone, xAI
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
      if (CONNECT.has(n.w) && j + 2 < words.length && cap(words[j + 2]!.w) && text.slice(n.end, words[j + 2]!.start) === ' ') {
        j += 2;
        continue;
      }
      break;
    }
    let run = words.slice(i, j + 1);
    i = j + 1;
    // A sentence-initial word that is lower-case in the middle of a sentence is not part of the name.
    while (run.length && (EN_STOP.has(run[0]!.w.toLowerCase()) || CONNECT.has(run[0]!.w))) run = run.slice(1);
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
    const start = run[0]!.start;
    const end = run[run.length - 1]!.end;
    const atSentenceStart = sentenceStarts.has(start) || /(?:^|[.!?:]["'”’)]*\s+["'“‘(]*)$/.test(text.slice(Math.max(from, start - 6), start));
    let type = person ? 'PERSON' : typeFromWords(ws);
    if (type === null && headline && !(ws.length === 1 && /^[A-Z0-9&]{2,}$/.test(ws[0]!))) continue;
    if (type === null) {
      if (ws.length >= 2 && ws.length <= 3 && ws.every((w) => /^[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?\.?$/.test(w) || /^[A-Z]\.$/.test(w)))
        type = 'PERSON';
      else type = /^[A-Z0-9&]{2,}$/.test(ws[0]!) && ws.length === 1 ? 'ORG' : 'OTHER';
    }
    const weak = ws.length === 1 && atSentenceStart && !/^[A-Z0-9&]{2,}$/.test(ws[0]!) && !/[A-Z]/.test(ws[0]!.slice(1));
    const keyword = ORG_WORDS.test(ws[ws.length - 1]!) || PLACE_WORDS.test(ws[ws.length - 1]!) || EVENT_WORDS.test(ws[ws.length - 1]!);
    out.push({ start, end, type: type as EntityType, suffixed: ws.length > 1 && keyword, weak });
  }
  return out;
}
