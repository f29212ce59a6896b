/*
 * Where a name starts and ends, as a reader expects it, whatever the tagger
 * proposed: no brackets, quotes or punctuation at the edges (「iPhone 15」 →
 * iPhone 15), no Korean particles or honorifics (김모씨는 → 김), no titles
 * (Interior Minister Wolfgang Peschorn → Wolfgang Peschorn, role "Interior
 * Minister"), and never a number, unit or currency on its own.
 */
import type { Lang } from '../../records.js';
import { GENERIC } from './rules.js';

export interface Trimmed {
  start: number;
  end: number;
  /** A title cut from the span itself (Minister …, …CEO, …회장). */
  role: string | null;
  /** The span ended in a person's title (フアンCEO, 정의선 회장): whatever the tagger said, it names a person. */
  person: boolean;
}

const EDGE = /[\s「」『』【】〔〕〈〉《》()（）[\]{}"'“”‘’・･、，,。.:;：；!?！？\-–—/|…~〜*#]/u;
// A trailing dot that belongs to the name: initials (U.S.), and abbreviations that end company and personal names.
const KEEP_DOT = /(?:^|[\s.])(?:\p{Lu}\.|Inc\.|Corp\.|Co\.|Ltd\.|Jr\.|Sr\.|Bros\.|St\.|Plc\.)$/u;

// Units, currencies and counters: figures' business, never names.
const UNIT =
  /^(?:[kMGTP]?W|[kMGTP]?Wh|[kMGTP]?Hz|[kMGTP]?B(?:\/s)?|[KMGT]iB|bps|[kMG]bps|nm|mm|cm|km|kg|mg|ml|t|MWp|GWh|TWh|mAh|ppm|bp|USD|KRW|JPY|EUR|CNY|GBP|RMB|HKD|TWD|SGD|AUD|CAD|INR|CHF|ドル|円|元|ユーロ|ウォン|달러|원|엔|위안|유로|%|％)$/u;
// Up to the first digit without digits, so only one place can be that digit (linear; the same strings).
const NUMBERISH = /^[\s,.+\-–~%％$€¥£₩/:]*[\p{N}][\p{N}\s,.+\-–~%％$€¥£₩/:]*\p{L}{0,4}$/u;

// English titles and roles before a name (lower-case in running text, capitalised as a title).
const EN_ROLE = new Set(
  `president vice prime minister secretary chancellor premier governor senator sen. rep. representative congressman congresswoman mayor ambassador
   ceo cfo cto coo chairman chairwoman chair chief executive director founder co-founder commissioner spokesman spokeswoman spokesperson judge justice
   general gen. colonel col. lieutenant lt. major sergeant captain capt. admiral coach manager defender striker midfielder goalkeeper forward winger
   king queen prince princess pope cardinal bishop archbishop rabbi imam analyst economist strategist professor prof. dr. dr officer head leader
   deputy acting former chancellor envoy negotiator attorney prosecutor lawyer candidate nominee speaker treasurer president-elect emir sheikh
   sultan crown pitcher quarterback skipper veteran champion`.split(/\s+/),
);
// Forms of address: cut from a name, but not a role.
const EN_ADDRESS = /^(?:Mr|Mrs|Ms|Miss|Mx|Sir|Dame|Madam)\.?$/;

const JA_ROLE =
  /^\s?(代表取締役社長|代表取締役会長|代表取締役|最高経営責任者|最高技術責任者|最高財務責任者|CEO|CFO|CTO|COO|社長|会長|副会長|副社長|大統領|副大統領|首相|総理大臣|総理|官房長官|長官|大臣|議長|代表|教授|総裁|知事|市長|議員|委員長|主席|国王|創業者|博士|監督|選手|理事長|外相|財務相|防衛相|経済産業相|外務大臣|次官|社外取締役|取締役|幹事長|党首|書記長|大使|司令官)/;
// A title the tagger took into the span: フアンCEO, 田中社長.
const JA_TITLE_END = /\s?(代表取締役社長|代表取締役|最高経営責任者|CEO|CFO|CTO|COO|社長|会長|副会長|副社長|大統領|首相|長官|大臣|議長|教授|総裁|知事|市長|議員|監督|選手)$/;
const KO_TITLE_END = /(\s?)(CEO|CFO|CTO|대통령|총괄회장|부회장|회장|부사장|사장|대표이사|대표|장관|차관|총리|의원|위원장|교수|감독|선수|기자)$/;
const JA_HONORIFIC = /(?:氏|さん|様|君|ちゃん)$/;

const KO_ROLE =
  /^\s?(PD|앵커|작가|배우|가수|대통령|부통령|총괄회장|부회장|회장|부사장|사장|대표이사|대표|장관|차관|국무총리|총리|원내대표|의원|위원장|교수|최고경영자|CEO|CFO|CTO|총재|의장|도지사|지사|원장|감독|선수|박사|전무|상무|시장|후보|팀장|단장|변호사|대변인|실장|국장|부장|코치|주장|대사|총장|이사장|이사)(?=$|[\s,.·)'"’”]|은|는|이|가|을|를|의|에게|과|와|도|께서|님|으로|로|측|에|만)/;
// What may be glued to the end of a Korean name and is not part of it.
const KO_HONORIFIC = /(?:씨|님)$/;
const KO_PARTICLE_SAFE = /(?:에서는|에서도|에게서|에게는|으로는|으로도|이라는|에서|에게|으로|까지|부터|처럼|과의|와의|께서|을|를)$/;

/**
 * Trim a tagged span to its name; null when nothing name-like is left.
 *
 * @example
 * trimSpan('「iPhone 15」を発売', 0, 11, 'ja', 'PRODUCT') // { start: 1, end: 10, role: null }
 */
export function trimSpan(text: string, start: number, end: number, lang: Lang, type: string): Trimmed | null {
  let role: string | null = null;
  const edges = () => {
    while (start < end && EDGE.test(text[start]!)) start++;
    while (end > start && EDGE.test(text[end - 1]!)) {
      if (text[end - 1] === '.' && KEEP_DOT.test(text.slice(start, end))) break;
      end--;
    }
    // An unbalanced bracket inside cuts the span there: Samsung (Korea → Samsung.
    const s = text.slice(start, end);
    const open = s.search(/[(（「『]/);
    if (open > 0 && !/[)）」』]/.test(s.slice(open))) end = start + open;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
  };
  edges();
  if (lang === 'en') {
    // Possessive 's belongs to the sentence.
    const poss = /['’]s$/.exec(text.slice(start, end));
    if (poss) end -= poss[0].length;
    if (type === 'PERSON') {
      // Leading titles (Interior Minister Wolfgang Peschorn): the role, not the name.
      const words = text.slice(start, end).split(' ');
      let k = 0;
      while (k < words.length - 1 && (EN_ROLE.has(words[k]!.toLowerCase()) || EN_ADDRESS.test(words[k]!) || (k + 1 < words.length - 1 && EN_ROLE.has(words[k + 1]!.toLowerCase()) && /^\p{Lu}/u.test(words[k]!)))) k++;
      if (k > 0) {
        const cut = words.slice(0, k);
        const titled = cut.filter((w) => !EN_ADDRESS.test(w));
        role = titled.length ? titled.join(' ') : null;
        start += cut.join(' ').length + 1;
      }
    }
  } else if (lang === 'ja') {
    const m = JA_TITLE_END.exec(text.slice(start, end));
    if (m && m.index >= 2) {
      role = m[1]!;
      end -= m[0].length;
    }
    if (type === 'PERSON' || role) {
      const h = JA_HONORIFIC.exec(text.slice(start, end));
      if (h && end - start - h[0].length >= 2) end -= h[0].length;
    }
  } else {
    // Korean: particles, honorifics and glued titles end before the name does.
    for (let pass = 0; pass < 3; pass++) {
      const s = text.slice(start, end);
      const lastWord = s.slice(s.lastIndexOf(' ') + 1);
      const particle = KO_PARTICLE_SAFE.exec(lastWord);
      if (particle && lastWord.length - particle[0].length >= 2) {
        end -= particle[0].length;
        continue;
      }
      const hon = KO_HONORIFIC.exec(lastWord);
      if (hon && lastWord.length - hon[0].length >= 1) {
        end -= hon[0].length;
        continue;
      }
      // 박모씨, 김모: 모 stands for a withheld given name; the surname alone is what the text names.
      if (/^[\uac00-\ud7a3]모$/.test(lastWord) && type === 'PERSON') {
        end -= 1;
        continue;
      }
      const title = KO_TITLE_END.exec(s);
      if (title && (title[1] !== '' || lastWord.length - title[2]!.length >= 2) && s.length - title[0].length >= 2) {
        role = title[2]!;
        end -= title[0].length;
        continue;
      }
      break;
    }
  }
  edges();
  if (end <= start) return null;
  const person = role !== null && lang !== 'en';
  const surface = text.slice(start, end);
  // A capital letter standing for a withheld name (A씨, B군) is a person in Korean news, not the article A.
  const letterName = lang === 'ko' && type === 'PERSON' && /^[A-Z]$/.test(surface);
  if (!/\p{L}/u.test(surface) || UNIT.test(surface) || NUMBERISH.test(surface) || (GENERIC.has(surface) && !letterName)) return null;
  if (/^\p{N}/u.test(surface) && UNIT.test(surface.replace(/^[\p{N},.\s]+/u, ''))) return null;
  return { start, end, role, person };
}

const ROLE_WORD_CHAR = /^[\p{L}.-]$/u;

/**
 * The one to four words that end `s`, each followed by one space: what /((?:[\p{L}.-]+ ){1,4})$/u
 * matched, read backwards from the end (as a regex it rescanned the words from each letter).
 *
 * @example
 * lastWords('said Interior Minister ') // 'said Interior Minister '
 */
export function lastWords(s: string): string | null {
  let from = s.length;
  let words = 0;
  while (words < 4 && from > 0 && s[from - 1] === ' ') {
    let at = from - 1;
    while (at > 0) {
      // A letter outside the BMP is two code units.
      const pair = at >= 2 && /[\udc00-\udfff]/.test(s[at - 1]!) && /[\ud800-\udbff]/.test(s[at - 2]!) ? 2 : 1;
      if (!ROLE_WORD_CHAR.test(s.slice(at - pair, at))) break;
      at -= pair;
    }
    if (at === from - 1) break;
    words++;
    from = at;
  }
  return words > 0 ? s.slice(from) : null;
}

/**
 * The title or role written just before an English name: "Interior Minister", "chief executive", "Defender".
 *
 * @example
 * roleBefore('Interior Minister Wolfgang Peschorn said', 18) // 'Interior Minister'
 */
export function roleBefore(text: string, start: number): string | null {
  const before = text.slice(Math.max(0, start - 60), start);
  const last = lastWords(before);
  if (!last) return null;
  const words = last.trim().split(' ');
  let k = words.length;
  // The word next to the name must be a role word; modifiers (Interior, Foreign, Deputy Prime) may precede it.
  if (!EN_ROLE.has(words[k - 1]!.toLowerCase())) return null;
  k--;
  // A capitalised title takes capitalised modifiers (Interior Minister); a lower-case role only lower-case ones (chief executive).
  const titled = /^\p{Lu}/u.test(words[k]!);
  while (k > 0) {
    const w = words[k - 1]!;
    if ((EN_ROLE.has(w.toLowerCase()) && (titled || !/^\p{Lu}/u.test(w))) || (titled && /^\p{Lu}\p{Ll}+$/u.test(w) && !/^(?:The|A|An|And|But|Then|When|Said|Says|In|On|At|For|Of|From|With|By|As|Former)$/.test(w))) k--;
    else break;
  }
  const role = words.slice(k).join(' ');
  return /^(?:dr|dr\.|former|acting|deputy|vice|crown|head|leader|veteran)$/i.test(role) ? null : role;
}

/**
 * The title written just after a Japanese or Korean name: フアンCEO → CEO, 정의선 회장 → 회장.
 *
 * @example
 * roleAfter('정의선 회장은', 3, 'ko') // '회장'
 */
export function roleAfter(text: string, end: number, lang: Lang): string | null {
  const after = text.slice(end, end + 16);
  const m = (lang === 'ja' ? JA_ROLE : KO_ROLE).exec(after);
  return m ? m[1]! : null;
}
