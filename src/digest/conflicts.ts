/**
 * Conflicts between the sources of one story: two articles of a story
 * cluster that state different values for the same measured thing (one
 * outlet's "60,000 GPUs" against another's 「5万台のGPU」).
 *
 * Two figures measure the same thing when they are of the same kind and
 * unit (the same currency; percent or points; the same measure), count the
 * same kind of thing (GPUs, people; a counter such as 台 fits any machine),
 * play the same role in their sentence (supplied, invested, net profit,
 * killed …, from a keyword list in the three languages), are not said of
 * different subjects (the entities named before them in the sentence) or
 * different years, and are not the start of a change against a plain value.
 *
 * They agree, and are no conflict, when their values are equal after
 * normalisation (3조 원 = 3 trillion won), within the rounding of the less
 * precise one ("about $20 billion" against $21 billion; "$21 billion"
 * against $21.4 billion), when a range holds the value (6,000–8,000 jobs
 * and 7,000), or when bounds allow it ("more than 1 million" and 1.2
 * million). A figure that agrees with some figure of the other article for
 * the same thing is not in conflict with that article at all: a second
 * figure there is about something else.
 */
import type { Analysis, Figure, FigureKind, Lang } from '../records.js';
import type { Dispute } from '../summarise/llm/grounding.js';
import { formatFigure } from './figures.js';

/** What the conflict finder needs of an article (a `DigestArticle` fits). */
export interface ConflictArticle {
  id: string;
  analysis: Analysis;
}

export interface ConflictClaim {
  articleId: string;
  /** Index of the figure in that article's `figures`. */
  figure: number;
  /** As the source wrote it: 「5万台」. */
  text: string;
  /** Readable, normalised: `50,000 GPUs`. */
  display: string;
  value: number | null;
  low: number | null;
  high: number | null;
  qualifier: Figure['qualifier'];
  lang: Lang;
  /** The outlet (site name, else host), for "per Reuters". */
  source: string | null;
  url: string | null;
  /** The sentence the figure stands in. */
  sentence: string;
}

export interface Conflict {
  /** What is measured, in English: `supply (GPUs)`, `net profit`, `deaths`. */
  what: string;
  kind: FigureKind;
  /** ISO 4217 for money, `%` or `pp`, the measure's unit; null for counts. */
  unit: string | null;
  /** Every statement of it, one per article and figure; at least two values disagree. */
  claims: ConflictClaim[];
}

// ---------------------------------------------------------------- roles

/**
 * The roles a figure can play, each with its keywords: English word stems
 * (matched at a word start), Japanese and Korean substrings.
 */
const ROLES: Array<{ id: string; label: string; en: string[]; ja: string[]; ko: string[]; kinds?: FigureKind[] }> = [
  { id: 'supply', label: 'supply', en: ['suppl', 'ship', 'deliver', 'provid', 'sell ', 'sold'], ja: ['供給', '出荷', '納入', '提供', '販売'], ko: ['공급', '납품', '출하', '판매', '제공'] },
  { id: 'secure', label: 'secured', en: ['secure', 'obtain', 'procure'], ja: ['確保', '調達'], ko: ['확보', '조달'] },
  { id: 'deploy', label: 'deployment', en: ['deploy', 'install'], ja: ['配備', '導入', '設置'], ko: ['배치', '도입', '설치', '구축'] },
  { id: 'invest', label: 'investment', en: ['invest'], ja: ['投資', '投じ', '投入'], ko: ['투자', '투입'] },
  { id: 'support', label: 'support', en: ['support', 'subsid', 'aid'], ja: ['支援', '補助'], ko: ['지원', '보조'] },
  { id: 'revenue', label: 'revenue', en: ['revenue', 'sales', 'turnover'], ja: ['売上', '売り上げ', '営業収益'], ko: ['매출'] },
  { id: 'operating-profit', label: 'operating profit', en: ['operating profit', 'operating income'], ja: ['営業利益'], ko: ['영업이익'] },
  { id: 'net-profit', label: 'net profit', en: ['net profit', 'net income', 'profit'], ja: ['純利益', '純損益', '最終利益', '利益'], ko: ['순이익', '당기순이익', '이익'] },
  { id: 'loss', label: 'loss', en: ['loss', 'deficit'], ja: ['赤字', '損失', '最終損失'], ko: ['적자', '손실'] },
  { id: 'stake', label: 'stake', en: ['stake', 'shares in', 'equity'], ja: ['株式', '出資比率', '持ち分', '持分'], ko: ['지분'], kinds: ['percent'] },
  { id: 'market-share', label: 'market share', en: ['market share', 'share of the', 'share of'], ja: ['シェア', '占有率'], ko: ['점유율'], kinds: ['percent'] },
  { id: 'acquisition', label: 'purchase price', en: ['acqui', 'buy', 'bought', 'purchase', 'pay', 'paid', 'takeover'], ja: ['買収', '取得', '購入'], ko: ['인수', '매입', '매수'] },
  { id: 'valuation', label: 'valuation', en: ['valu', 'worth'], ja: ['評価額', '企業価値'], ko: ['기업가치', '가치'], kinds: ['money'] },
  { id: 'market-cap', label: 'market value', en: ['market capitali', 'market value', 'market cap'], ja: ['時価総額'], ko: ['시가총액'], kinds: ['money'] },
  { id: 'market-size', label: 'market size', en: ['market'], ja: ['市場規模', '市場'], ko: ['시장 규모', '시장'], kinds: ['money'] },
  { id: 'price', label: 'price', en: ['price', 'cost', 'priced'], ja: ['価格', '値段', '費用', '価'], ko: ['가격', '비용', '값'], kinds: ['money', 'percent'] },
  { id: 'rate', label: 'interest rate', en: ['interest rate', 'policy rate', 'key rate', 'rates', 'rate'], ja: ['金利', '政策金利', '利率'], ko: ['금리', '기준금리'], kinds: ['percent'] },
  { id: 'inflation', label: 'inflation', en: ['inflation', 'consumer price', 'cpi'], ja: ['物価', '消費者物価'], ko: ['물가', '소비자물가'], kinds: ['percent'] },
  { id: 'unemployment', label: 'unemployment', en: ['unemploy', 'jobless'], ja: ['失業率', '失業'], ko: ['실업률', '실업'], kinds: ['percent'] },
  { id: 'growth', label: 'growth', en: ['grew', 'growth', 'gdp', 'econom'], ja: ['成長', '国内総生産', 'GDP'], ko: ['성장', '국내총생산', 'GDP'] },
  { id: 'exports', label: 'exports', en: ['export'], ja: ['輸出'], ko: ['수출'] },
  { id: 'imports', label: 'imports', en: ['import'], ja: ['輸入'], ko: ['수입'] },
  { id: 'deaths', label: 'deaths', en: ['kill', 'died', 'dead', 'death', 'fatalit'], ja: ['死者', '死亡', '犠牲'], ko: ['사망', '숨지', '숨졌', '희생'], kinds: ['count'] },
  { id: 'injured', label: 'injured', en: ['injur', 'wounded', 'hurt'], ja: ['負傷', 'けが', '重軽傷'], ko: ['부상', '다쳤', '다치'], kinds: ['count'] },
  { id: 'evacuated', label: 'evacuated', en: ['evacuat', 'displaced', 'fled'], ja: ['避難'], ko: ['대피', '이재민'], kinds: ['count'] },
  { id: 'job-cuts', label: 'job cuts', en: ['cut', 'layoff', 'lay off', 'eliminat', 'slash'], ja: ['削減', '人員削減', 'リストラ', '解雇'], ko: ['감원', '구조조정', '해고', '감축'], kinds: ['count', 'percent'] },
  { id: 'employment', label: 'employees', en: ['employ', 'workforce', 'staff', 'hire', 'hiring'], ja: ['従業員', '雇用', '社員', '採用', '人員'], ko: ['직원', '고용', '근무', '채용', '인력'], kinds: ['count', 'percent'] },
  { id: 'attendance', label: 'participants', en: ['join', 'attend', 'protest', 'march', 'rall', 'turnout'], ja: ['参加', '出席', 'デモ', '集会'], ko: ['참가', '참석', '시위', '집회'], kinds: ['count'] },
  { id: 'fine', label: 'fine', en: ['fine', 'penalt'], ja: ['制裁金', '罰金', '課徴金'], ko: ['과징금', '벌금'], kinds: ['money'] },
  { id: 'budget', label: 'budget', en: ['budget', 'spend'], ja: ['予算', '歳出'], ko: ['예산', '지출'], kinds: ['money', 'duration'] },
  { id: 'outage', label: 'homes without power', en: ['power', 'outage', 'blackout'], ja: ['停電'], ko: ['정전'], kinds: ['count'] },
  { id: 'performance', label: 'performance', en: ['performance', 'faster', 'speed'], ja: ['性能', '速度'], ko: ['성능', '속도'] },
  { id: 'debt', label: 'debt', en: ['debt', 'borrow', 'loan'], ja: ['負債', '債務', '借入'], ko: ['부채', '채무', '대출'] },
  { id: 'dividend', label: 'dividend', en: ['dividend'], ja: ['配当'], ko: ['배당'], kinds: ['money', 'percent'] },
  { id: 'visitors', label: 'visitors', en: ['visitor', 'tourist'], ja: ['訪日客', '観光客', '来場者', '来場'], ko: ['관광객', '방문객', '관람객', '관객'], kinds: ['count', 'percent'] },
  { id: 'population', label: 'population', en: ['population'], ja: ['人口'], ko: ['인구'], kinds: ['count', 'percent'] },
  { id: 'holdings', label: 'holdings', en: ['holding', 'stockpile', 'inventor', 'reserve'], ja: ['保有', '在庫', '備蓄', '準備高'], ko: ['보유', '재고', '비축'] },
];

interface RoleHit {
  role: number;
  start: number;
  end: number;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// One alternation per language, longest keywords first, so "operating profit" wins over "profit" at the same place.
function keywordRegex(lang: Lang): { re: RegExp; roleOf: Map<string, number> } {
  const roleOf = new Map<string, number>();
  ROLES.forEach((r, i) => {
    for (const k of r[lang]) if (!roleOf.has(k.toLowerCase())) roleOf.set(k.toLowerCase(), i);
  });
  const words = [...roleOf.keys()].sort((a, b) => b.length - a.length).map(escape);
  const src = lang === 'en' ? `\\b(?:${words.join('|')})` : `(?:${words.join('|')})`;
  return { re: new RegExp(src, 'gi'), roleOf };
}
const KEYWORDS: Record<Lang, { re: RegExp; roleOf: Map<string, number> }> = { en: keywordRegex('en'), ja: keywordRegex('ja'), ko: keywordRegex('ko') };

/** Whether a role applies to a figure of this kind (a stake is a percent; deaths are counted). */
const roleFits = (role: number, kind: FigureKind) => {
  const k = ROLES[role]!.kinds;
  return !k || k.includes(kind);
};

function roleHits(text: string, lang: Lang): RoleHit[] {
  const { re, roleOf } = KEYWORDS[lang];
  const out: RoleHit[] = [];
  re.lastIndex = 0;
  for (const m of text.matchAll(re)) {
    const role = roleOf.get(m[0].toLowerCase());
    if (role !== undefined) out.push({ role, start: m.index!, end: m.index! + m[0].length });
  }
  return out;
}

// ---------------------------------------------------------------- claims

interface Claim {
  article: number;
  index: number;
  f: Figure;
  /** kind + unit: `money:USD`, `percent:pp`, `count`, `duration`. */
  measure: string;
  /** What a count counts, normalised (gpu, person), or its counter's class; null when unknown. */
  counted: string | null;
  role: number | null;
  /** Who the figure is said of: the entity the sentence is about (marked は/が, 은/는/이/가, or first in an English sentence). */
  subjects: Set<string>;
  /** A part of the whole (a first phase, 1단계, 第一段階): not the same thing as the whole. */
  scope: string | null;
  /** Every entity the claim's article names. */
  named: Set<string>;
  year: string | null;
  sentence: { start: number; end: number };
  lo: number;
  hi: number;
}

const SENTENCE_END = /[。．！？!?\n]|\.(?=\s|$)/g;

function sentenceSpans(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let start = 0;
  SENTENCE_END.lastIndex = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    const end = m.index! + 1;
    if (end > start) out.push({ start, end });
    start = end;
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out;
}

// Clause boundaries inside a sentence: a figure's role keyword is looked for in its own clause first.
const CLAUSE_BREAK = /[,、，;；]|\bwhile\b|\bwhereas\b|\bbut\b|고\s|며\s|면서\s/g;

// Counters that say how a thing is counted, not what it is: any counted noun fits them.
const GENERIC_COUNTERS = new Set(['台', '대', '個', '개', '枚', '장', '基', '기', '本', '点']);
const COUNTER_CLASS: Record<string, string> = {
  人: 'person', 名: 'person', 명: 'person', 사람: 'person', 社: 'company', 개사: 'company', 'カ国': 'country', 개국: 'country', 件: 'case', 건: 'case',
  戸: 'household', 가구: 'household', 機: 'aircraft', 隻: 'ship', 척: 'ship', 店: 'store', 곳: 'site', 拠点: 'site',
};
const PERSON_NOUNS = /^(?:people|persons?|workers?|employees?|staff|jobs?|residents?|victims?|passengers?|students?|children|soldiers?|troops?|civilians?|patients?|protesters?|participants?|visitors?|tourists?|members?|officers?|deaths?|dead|injured|migrants?|refugees?|users?|subscribers?|customers?)$/i;

function countedClass(f: Figure): string | null {
  if (f.kind !== 'count') return null;
  const noun = f.counted ?? (f.unit && !GENERIC_COUNTERS.has(f.unit) ? f.unit : null);
  if (noun) {
    if (COUNTER_CLASS[noun]) return COUNTER_CLASS[noun]!;
    if (PERSON_NOUNS.test(noun)) return 'person';
    if (/^[A-Za-z]/.test(noun)) return noun.toLowerCase().replace(/(?:ies)$/, 'y').replace(/(?<=[a-z]{2})s$/, '');
    return noun;
  }
  return f.unit && GENERIC_COUNTERS.has(f.unit) ? '*' : null;
}

const DAYS: Record<string, number> = { Y: 365.25, M: 30.44, W: 7, D: 1 };

function measureOf(f: Figure): { measure: string; scale: number } | null {
  switch (f.kind) {
    case 'money':
      return f.unit ? { measure: `money:${f.unit}`, scale: 1 } : null;
    case 'percent':
      return { measure: `percent:${f.unit ?? '%'}`, scale: 1 };
    case 'ratio':
      return { measure: 'ratio', scale: 1 };
    case 'quantity':
      return f.unit ? { measure: `quantity:${f.unit}`, scale: 1 } : null;
    case 'count':
      return { measure: 'count', scale: 1 };
    case 'duration': {
      const d = f.iso ? /^PT?[\d.]+([YMWDHS])$/.exec(f.iso)?.[1] : null;
      const scale = d && !f.iso!.startsWith('PT') ? DAYS[d] : undefined;
      return scale ? { measure: 'duration', scale } : null;
    }
    default:
      return null;
  }
}

function claimsOf(a: ConflictArticle, article: number): Claim[] {
  const { text, figures, entities, lang } = a.analysis;
  const sentences = sentenceSpans(text);
  const hits = roleHits(text, lang);
  const named = new Set(entities.map((e) => e.canonical));
  const out: Claim[] = [];
  figures.forEach((f, index) => {
    const m = measureOf(f);
    if (!m) return;
    const s = sentences.find((x) => f.start >= x.start && f.start < x.end) ?? { start: 0, end: text.length };
    const lo = (f.value ?? f.low) !== null ? (f.value ?? f.low)! * m.scale : NaN;
    const hi = (f.value ?? f.high) !== null ? (f.value ?? f.high)! * m.scale : NaN;
    if (Number.isNaN(lo) || Number.isNaN(hi)) return;
    out.push({
      article,
      index,
      f,
      measure: m.measure,
      counted: countedClass(f),
      role: roleFor(text, s, f, hits),
      subjects: subjectOf(text, lang, entities, s, f),
      scope: SCOPE.test(text.slice(s.start, s.end)) ? 'phase' : null,
      named,
      year: yearFor(figures, s, f),
      sentence: s,
      lo,
      hi,
    });
  });
  return out;
}

const SCOPE = /\b(?:first|second|initial|next) (?:phase|stage|batch|tranche|round)\b|\bin phase\b|第[一二三1-3１-３](?:段階|弾|期)|[1-3１-３一二三]次|[1-3]단계|[1-3]차(?![가-힣])|1차분|초기 물량/i;

/**
 * The subject of a figure's sentence: an entity named before the figure and marked as topic or subject
 * (エヌビディアは, 엔비디아가), else, in English, the first one named; places only when nothing else is named.
 */
function subjectOf(text: string, lang: Lang, entities: Analysis['entities'], s: { start: number; end: number }, f: Figure): Set<string> {
  const before = entities.flatMap((e) => e.mentions.filter((m) => m.start >= s.start && m.end <= f.start).map((m) => ({ e, m })));
  if (!before.length) return new Set();
  const marked = before.filter(({ m }) => {
    const after = text.slice(m.end, m.end + 8);
    return lang === 'ja' ? /^(?:[^\s、。]{0,3}?)(?:は|が)/.test(after) && !/^(?:では|には|とは)/.test(after)
      : lang === 'ko' ? /^(?:\([^)]{0,20}\))?(?:은|는|이|가)(?![가-힣])/.test(after) : false;
  });
  const pick = marked.length ? marked : lang === 'en' ? [before.sort((x, y) => x.m.start - y.m.start)[0]!] : before;
  const named = pick.filter(({ e }) => e.type !== 'PLACE');
  return new Set((named.length ? named : pick).map(({ e }) => e.canonical));
}

/** The role keyword nearest the figure in its clause, else the nearest before it in its sentence. */
function roleFor(text: string, s: { start: number; end: number }, f: Figure, hits: RoleHit[]): number | null {
  const sentence = text.slice(s.start, s.end);
  let clauseStart = s.start;
  let clauseEnd = s.end;
  CLAUSE_BREAK.lastIndex = 0;
  for (const m of sentence.matchAll(CLAUSE_BREAK)) {
    const at = s.start + m.index!;
    if (at < f.start) clauseStart = at;
    else if (at >= f.end) {
      clauseEnd = at;
      break;
    }
  }
  const inRange = (h: RoleHit, a: number, b: number) => h.start >= a && h.end <= b && !(h.start < f.end && h.end > f.start) && roleFits(h.role, f.kind);
  const distance = (h: RoleHit) => (h.end <= f.start ? f.start - h.end : 1.5 * (h.start - f.end));
  const best = (list: RoleHit[]) => list.sort((x, y) => distance(x) - distance(y))[0]?.role ?? null;
  return best(hits.filter((h) => inRange(h, clauseStart, clauseEnd))) ?? best(hits.filter((h) => inRange(h, s.start, f.start)));
}

/** The year a figure is said of: a date in its clause-near context (the nearest in its sentence). */
function yearFor(figures: Figure[], s: { start: number; end: number }, f: Figure): string | null {
  let best: { year: string; d: number } | null = null;
  for (const d of figures) {
    if (d.kind !== 'date' || !d.iso || !/^\d{4}/.test(d.iso) || d.start < s.start || d.end > s.end) continue;
    const dist = d.end <= f.start ? f.start - d.end : d.start - f.end;
    if (!best || dist < best.d) best = { year: d.iso.slice(0, 4), d: dist };
  }
  return best?.year ?? null;
}

// ---------------------------------------------------------------- sameness and agreement

function sameThing(a: Claim, b: Claim): boolean {
  if (a.measure !== b.measure) return false;
  if (a.f.kind === 'count' && !countsCompatible(a.counted, b.counted)) return false;
  if (a.scope !== b.scope) return false;
  // A role says what is measured; without one on both sides, two figures of one kind are not known to be the same thing.
  if (a.role === null || b.role === null || a.role !== b.role) return false;
  // Said of different subjects (Samsung's profit, SK Hynix's profit) — judged only where each article names the other's subject
  // too, since a name the gazetteer does not link reads differently in each script (SoftBank Group, 소프트뱅크그룹).
  if (a.subjects.size && b.subjects.size && ![...a.subjects].some((x) => b.subjects.has(x))) {
    const aKnowsB = [...b.subjects].some((x) => a.named.has(x));
    const bKnowsA = [...a.subjects].some((x) => b.named.has(x));
    if (aKnowsB && bKnowsA) return false;
  }
  if (a.year && b.year && a.year !== b.year) return false;
  // The start of a change (from 95%) is not the level a plain figure states.
  const ra = a.f.change?.role ?? null;
  const rb = b.f.change?.role ?? null;
  if ((ra === 'from') !== (rb === 'from')) return false;
  return true;
}

// Classes a counter names for itself: people, sites, companies … never the same thing as a count of something else.
const OWN_CLASSES = new Set(['person', 'company', 'country', 'case', 'household', 'aircraft', 'ship', 'store', 'site']);

/**
 * Whether two counts count the same kind of thing: the same noun or class; a generic counter (台, 장) with any
 * thing; an unnamed count with a generic counter or a named thing, but never with people or sites.
 */
function countsCompatible(a: string | null, b: string | null): boolean {
  if (a === b) return true;
  if (a === '*' || b === '*') return !OWN_CLASSES.has((a === '*' ? b : a) ?? '');
  if (a === null || b === null) return !OWN_CLASSES.has((a ?? b)!);
  return false;
}

/** Half a unit in the last significant digit of `x` as written (2e10 → 5e9; 2.15e10 → 5e7). */
function halfUnit(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return 0;
  const abs = Math.abs(x);
  let digits = 15;
  for (let d = 1; d < 15; d++)
    if (Number(abs.toPrecision(d)) === abs) {
      digits = d;
      break;
    }
  const magnitude = Math.floor(Math.log10(abs));
  return 0.5 * 10 ** (magnitude - digits + 1);
}

function agree(a: Claim, b: Claim): boolean {
  const eps = (x: number, y: number) => 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
  const qa = a.f.qualifier;
  const qb = b.f.qualifier;
  const approx = qa === 'approx' || qb === 'approx';
  // Within the rounding of the less precise figure, but a reporter's rounding moves a value by 5% at most (10% with "about").
  const tol = (x: number, y: number) =>
    Math.min(Math.max(halfUnit(x), halfUnit(y)), (approx ? 0.1 : 0.05) * Math.max(Math.abs(x), Math.abs(y))) + eps(x, y);
  const rangeOf = (c: Claim): [number, number] => {
    const q = c.f.qualifier;
    if (q === 'atLeast') return [c.lo, Infinity];
    if (q === 'atMost') return [-Infinity, c.hi];
    return [c.lo, c.hi];
  };
  const [alo, ahi] = rangeOf(a);
  const [blo, bhi] = rangeOf(b);
  const pointA = alo === ahi;
  const pointB = blo === bhi;
  if (pointA && pointB) return Math.abs(alo - blo) <= tol(alo, blo);
  // A range (or a bound) and a value or another range agree when they overlap, give or take rounding.
  const t = Math.max(pointA ? tol(alo, alo) : 0, pointB ? tol(blo, blo) : 0, eps(alo, blo));
  return alo <= bhi + t && blo <= ahi + t;
}

// ---------------------------------------------------------------- conflicts

/**
 * @example
 * const conflicts = findConflicts([{ id: 'en', analysis: enArticle }, { id: 'ja', analysis: jaArticle }]);
 * conflicts[0].claims.map((c) => c.display) // ['60,000 GPUs', '50,000 GPUs']
 */
export function findConflicts(articles: readonly ConflictArticle[]): Conflict[] {
  if (articles.length < 2) return [];
  const claims = articles.map((a, i) => claimsOf(a, i));
  // Pairs of claims from different articles that are about the same thing but disagree, and neither of which agrees
  // with any claim of the other article about that thing.
  const parent = new Map<Claim, Claim>();
  const find = (c: Claim): Claim => {
    const p = parent.get(c) ?? c;
    if (p === c) return c;
    const r = find(p);
    parent.set(c, r);
    return r;
  };
  const involved = new Set<Claim>();
  for (let i = 0; i < articles.length; i++)
    for (let j = i + 1; j < articles.length; j++)
      for (const a of claims[i]!)
        for (const b of claims[j]!) {
          if (!sameThing(a, b) || agree(a, b)) continue;
          if (claims[j]!.some((x) => sameThing(a, x) && agree(a, x))) continue;
          if (claims[i]!.some((x) => sameThing(x, b) && agree(x, b))) continue;
          involved.add(a);
          involved.add(b);
          parent.set(find(b), find(a));
        }
  const groups = new Map<Claim, Claim[]>();
  for (const c of involved) {
    const r = find(c);
    groups.set(r, [...(groups.get(r) ?? []), c]);
  }
  const out: Conflict[] = [];
  for (const group of groups.values()) {
    // Other articles that state the same thing, agreeing with one side, are listed too: "60,000 (2 sources) vs 50,000".
    for (let k = 0; k < articles.length; k++) {
      if (group.some((c) => c.article === k)) continue;
      const extra = claims[k]!.find((x) => group.some((c) => sameThing(c, x)));
      if (extra) group.push(extra);
    }
    group.sort((x, y) => x.article - y.article || x.f.start - y.f.start);
    const first = group[0]!;
    const role = ROLES[first.role!]!;
    const counted = group.map((c) => c.f.counted).find((x): x is string => !!x && /^[A-Za-z]/.test(x));
    const what = first.f.kind === 'count' && counted ? `${role.label} (${plural(counted)})` : role.label;
    out.push({
      what,
      kind: first.f.kind,
      unit: first.f.kind === 'count' ? null : first.f.unit,
      claims: group.map((c) => {
        const a = articles[c.article]!.analysis;
        const f = c.f.kind === 'count' && !c.f.counted && counted ? { ...c.f, counted } : c.f;
        return {
          articleId: articles[c.article]!.id,
          figure: c.index,
          text: c.f.text,
          display: formatFigure(f),
          value: c.f.value,
          low: c.f.low,
          high: c.f.high,
          qualifier: c.f.qualifier,
          lang: a.lang,
          source: a.siteName ?? hostOf(a.url ?? null),
          url: a.url ?? null,
          sentence: a.text.slice(c.sentence.start, c.sentence.end).trim(),
        };
      }),
    });
  }
  return out;
}

/**
 * Conflicts as the summariser's grounding takes them: what is disputed, and every value with its source.
 *
 * @example
 * groundSummary(reply, enriched, 'en', gazetteer, toDisputes(findConflicts(members)));
 */
export function toDisputes(conflicts: readonly Conflict[]): Dispute[] {
  return conflicts.map((c) => ({
    what: c.what,
    kind: c.kind,
    unit: c.unit,
    claims: c.claims.map((x) => ({ value: x.value, low: x.low, high: x.high, display: x.display, source: x.source })),
  }));
}

function plural(w: string): string {
  return /s$/i.test(w) || !/^[A-Za-z]/.test(w) ? w : `${w}s`;
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}
