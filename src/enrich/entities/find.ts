/*
 * Entities of a document: the learned tagger finds and types every mention,
 * sentence by sentence in the sentence's own language, with gazetteer hits
 * and the rule-based finders as its features. Then the boundary rules a
 * reader expects (no role words, particles or brackets inside a span; no
 * numbers or units as names), gazetteer linking (canonical names and
 * Wikidata ids across scripts), one entry per canonical name, and salience.
 */
import type { Entity, EntityType, Lang, Token } from '../../records.js';
import { splitSentences } from '../../tokenize/sentences.js';
import { matchAliases, type AliasHit, type Gazetteer, type GazetteerEntry } from './gazetteer.js';
import type { Hint } from './tagger/features.js';
import { ruleHints, tagSentence, Workspace, type TaggedSpan, type TaggerModel } from './tagger/index.js';
import { roleAfter, roleBefore, trimSpan } from './boundaries.js';
import { JA_GENERIC_TAILS, JA_LOANWORDS, KO_COMMON_NOUNS } from './common-nouns.js';
import { GENERIC, KO_SURNAMES } from './rules.js';

export interface EntityInput {
  text: string;
  title: string;
  lang: Lang;
  paragraphs: Array<{ start: number; end: number; lang: Lang | null }>;
  sentences: Array<{ start: number; end: number }>;
  tokens: Token[];
}

interface Mention {
  start: number;
  end: number;
  type: EntityType;
  entry: GazetteerEntry | null;
  role: string | null;
}

// Administrative suffixes that keep a known place's entry: 慶州市 is Gyeongju, 경주시 too.
const ADMIN_SUFFIX = /^(?:都|道|府|県|市|区|町|村|郡|州|省|시|도|군|구|특별시|광역시)$/;

/**
 * @example
 * findEntities({ text: 'NVIDIAと韓国', title: '', lang: 'ja', paragraphs: [{ start: 0, end: 9, lang: 'ja' }], sentences: [], tokens }, gazetteer, tagger)
 * // [{ canonical: 'NVIDIA', type: 'ORG', … }, { canonical: 'South Korea', type: 'PLACE', surface: ['韓国'], … }]
 */
export function findEntities(input: EntityInput, g: Gazetteer, tagger: TaggerModel): Entity[] {
  const { text } = input;
  const mentions: Mention[] = [];
  const paragraphs = input.paragraphs.length ? input.paragraphs : [{ start: 0, end: text.length, lang: input.lang }];
  const sentences = [...input.sentences].sort((a, b) => a.start - b.start);
  // Japanese tokens in document order, handed to each sentence as a slice (not a filter over the whole document).
  const tokens = input.tokens.length && input.tokens.some((t, i) => i > 0 && t.start < input.tokens[i - 1]!.start) ? [...input.tokens].sort((a, b) => a.start - b.start) : input.tokens;
  let tk = 0;
  let k = 0;
  // The tagger's scratch arrays, reused by every sentence of this document.
  const ws = new Workspace();
  for (const p of paragraphs) {
    const lang = p.lang ?? input.lang;
    while (k < sentences.length && sentences[k]!.end <= p.start) k++;
    let inside: Array<{ start: number; end: number }> = [];
    for (let j = k; j < sentences.length && sentences[j]!.start < p.end; j++) if (sentences[j]!.start >= p.start && sentences[j]!.end <= p.end) inside.push(sentences[j]!);
    if (!inside.length) inside = splitSentences(text.slice(p.start, p.end), lang).map((s) => ({ start: p.start + s.start, end: p.start + s.end }));
    for (const s of inside) {
      let inSentence: Token[] = [];
      if (lang === 'ja') {
        while (tk < tokens.length && tokens[tk]!.start < s.start) tk++;
        let end = tk;
        while (end < tokens.length && tokens[end]!.end <= s.end) end++;
        inSentence = tokens.slice(tk, end);
      }
      mentions.push(...sentenceMentions(text, s.start, s.end, lang, input.lang, inSentence, g, tagger, ws));
    }
  }
  mentions.sort((a, b) => a.start - b.start);
  return link(text, input.title, mentions);
}

function sentenceMentions(text: string, from: number, to: number, lang: Lang, docLang: Lang, tokens: Token[], g: Gazetteer, tagger: TaggerModel, ws: Workspace): Mention[] {
  const seg = text.slice(from, to);
  const hits: AliasHit[] = matchAliases(seg, g).map((h) => ({ ...h, start: from + h.start, end: from + h.end }));
  const inSentence = tokens;
  const rules = ruleHints(text, from, to, lang, inSentence);
  const gazetteer = hits.map((h) => ({ start: h.start, end: h.end, type: h.entry.type }));
  const spans = tagSentence(tagger, { text, from, to, lang, tokens: inSentence, gazetteer, rules }, ws);
  const out: Mention[] = [];
  // An English line quoted in a Japanese or Korean article (a link list of headlines: "Nvidia Forges AI Deals With
  // …(外部)") is title case throughout, so the tagger, which learnt capitals from prose, reads names everywhere in it.
  // There only names the gazetteer knows stand; they are added below.
  const headline = docLang !== 'en' && latinHeadline(seg);
  for (const span of lang === 'ko' ? spans.flatMap((s) => splitAtKnownName(text, s, hits)) : spans) {
    if (headline && !hits.some((h) => h.start === span.start && h.end === span.end)) continue;
    if (lang !== 'en' && !supported(text, span, lang, rules, hits, inSentence)) continue;
    const m = toMention(text, span, lang, g, hits);
    if (!m) continue;
    if (lang === 'ko' && !koreanName(text, m, rules, hits)) continue;
    // 정의선 현대차그룹 회장: the title after the person's company is still the person's.
    if (m.type === 'PERSON' && !m.role && lang === 'ko') {
      const company = hits.find((h) => h.start === m.end + 1 && text[m.end] === ' ' && h.entry.type === 'ORG');
      if (company) m.role = roleAfter(text, company.end, lang);
    }
    out.push(m);
  }
  // A gazetteer name the tagger passed over is still a mention (a curated list is not guessed at);
  // a known name inside a longer tagged one (Samsung in Samsung Heavy Industries) is not.
  for (const h of hits) {
    const overlapping = out.filter((m) => m.start < h.end && m.end > h.start);
    if (overlapping.length === 0) {
      out.push({ start: h.start, end: h.end, type: h.entry.type, entry: h.entry, role: h.entry.type === 'PERSON' ? roleOf(text, h.start, h.end, lang) : null });
      continue;
    }
    // A longer tagged name around a known one (Samsung Heavy Industries ⊃ Samsung) stands; a tagged span that cuts a
    // known name short or across its edge (Hyundai of Hyundai Motor Group, 황 엔비디아 across 젠슨 황) gives way to it.
    if (overlapping.every((m) => m.start <= h.start && m.end >= h.end)) continue;
    const role = overlapping.find((m) => m.role)?.role ?? null;
    for (const m of overlapping) out.splice(out.indexOf(m), 1);
    out.push({ start: h.start, end: h.end, type: h.entry.type, entry: h.entry, role: h.entry.type === 'PERSON' ? role ?? roleOf(text, h.start, h.end, lang) : null });
  }
  return out;
}

/**
 * A sentence that is an English headline: five or more Latin words, and Latin letters at least nine in ten of its
 * letters (a Japanese sentence naming a few companies in Latin stays far below that).
 *
 * @example
 * latinHeadline('Nvidia Forges AI Deals With South Korea’s Samsung, Hyundai, SK(外部)') // true
 * latinHeadline('NVIDIAはSamsung、SK Group、Hyundai Motor Groupと提携した。') // false
 */
export function latinHeadline(sentence: string): boolean {
  let latin = 0;
  let other = 0;
  let words = 0;
  let inWord = false;
  for (const ch of sentence) {
    const isLatin = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
    if (isLatin) latin++;
    else if (isCommonCjkLetter(ch.charCodeAt(0)) || /\p{L}/u.test(ch)) other++;
    if (isLatin && !inWord) words++;
    inWord = isLatin || (inWord && (ch === '\'' || ch === '’' || ch === '-'));
  }
  return words >= 5 && latin >= 9 * other;
}

/** Kanji, hiragana, katakana and Hangul syllables: letters (\p{L}) all, told without a regular expression per character. */
function isCommonCjkLetter(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0x3041 && c <= 0x3096) || (c >= 0x30a1 && c <= 0x30fa);
}

/**
 * Japanese and Korean news mixes in what the Wikipedia and news sentences the tagger learnt from rarely show:
 * English headlines in link lists, and katakana loanwords (データセンター, ロボティクス). A long run of Latin words
 * needs a rule-found name around it; a katakana span with a common loanword in it, or an acronym glued to common
 * nouns (AI倫理), needs a second opinion (a gazetteer hit, a
 * rule-found name, a proper noun by kuromoji, or a ・ between name parts); a known name with a common noun glued on
 * (中国市場, 文献リンクNVIDIA) is the known name alone. Other katakana spans (アーリフ, ユヴェントス) and a known name
 * inside a longer one (日本郵政, 韓国国防部) are the tagger's to call: on the dev fifth, asking for a second opinion
 * there lost more real names than junk.
 */
function supported(text: string, span: TaggedSpan, lang: Lang, rules: Hint[], hits: AliasHit[], tokens: Token[]): boolean {
  const surface = text.slice(span.start, span.end);
  const overlaps = (x: { start: number; end: number }) => x.start < span.end && x.end > span.start;
  const exactRule = rules.some((r) => r.start === span.start && r.end === span.end);
  if (hits.some((h) => h.start === span.start && h.end === span.end)) return true;
  // An English headline quoted in a link list (Korea Joins AI Industrial Revolution: NVIDIA CEO …) is no name, whatever
  // word it ends in.
  if (/^[A-Za-z0-9&.,:'’\s-]+$/.test(surface) && (surface.split(/\s+/).length > 6 || /:\s/.test(surface))) return false;
  if (exactRule) return true;
  const covers = (x: { start: number; end: number }) => x.start <= span.start && x.end >= span.end;
  // A few Latin words (Forza Horizon 3, Lester T. W. Ho) stand; a headline does not.
  if (/^[A-Za-z0-9&.'’\s-]+$/.test(surface)) return surface.split(/\s+/).length <= 4 || rules.some(covers);
  if (lang !== 'ja') return true;
  const inner = hits.find((h) => h.start >= span.start && h.end <= span.end);
  if (inner) {
    const rest = tokens.filter((t) => overlaps(t) && (t.end <= inner.start || t.start >= inner.end));
    if (rest.length && rest.every((t) => JA_GENERIC_TAILS.has(t.surface) || JA_LOANWORDS.has(t.surface))) return false;
  }
  const inSpan = tokens.filter(overlaps);
  // kuromoji's dictionary calls AI, IT and even ガバナンス proper nouns (組織): those say nothing.
  const opinion = () => rules.some(covers) || surface.includes('・') || inSpan.some((t) => t.pos === 'proper' && !GENERIC.has(t.surface) && !loanword(t.surface));
  if (/^[A-Za-z0-9\u30a1-\u30fa\u30fc\s]+$/.test(surface) && inSpan.some((t) => loanword(t.surface))) return opinion();
  // An acronym glued to common nouns (AI倫理, AIエコシステム, DX推進) is a topic, not a name.
  if (inSpan.length > 1 && GENERIC.has(inSpan[0]!.surface) && inSpan.slice(1).every((t) => t.pos === 'noun')) return opinion();
  return true;
}

/** A common katakana loanword, or an unknown katakana word that starts or ends with one (ソブリンクラウド). */
function loanword(word: string): boolean {
  if (JA_LOANWORDS.has(word)) return true;
  if (!/^[\u30a1-\u30fa\u30fc]{4,}$/.test(word)) return false;
  for (const w of JA_LOANWORDS) if (w.length >= 3 && w.length < word.length && (word.startsWith(w) || word.endsWith(w))) return true;
  return false;
}

/**
 * Korean news writes a person before their company and title (정의선 현대차그룹 회장); the tagger, which learnt from
 * few such lines, may take both words as one name. A tagged span is cut before a known name that starts a later word
 * inside it when what comes before is a known person or reads as one (a surname and one to three syllables). A place
 * before a name (일본 교토, 미국 백악관) stays one span: that is how KLUE writes them.
 */
function splitAtKnownName(text: string, span: TaggedSpan, hits: AliasHit[]): TaggedSpan[] {
  const inner = hits.find((h) => h.start > span.start && h.start < span.end && text[h.start - 1] === ' ');
  if (!inner) return [span];
  let end = inner.start - 1;
  while (end > span.start && text[end - 1] === ' ') end--;
  const head = text.slice(span.start, end);
  const known = hits.find((h) => h.start === span.start && h.end === end);
  const person = known ? known.entry.type === 'PERSON' : !hits.some((h) => h.start === span.start) && /^[\uac00-\ud7a3]{2,4}$/.test(head) && KO_SURNAMES.has(head[0]!);
  return person ? [{ start: span.start, end, type: 'PERSON' }] : [span];
}

/**
 * Korean: a lone syllable is a name only as a surname (신 회장, 정 회장) or when a rule or the gazetteer says so; a
 * common noun (데이터, 클라우드) never is.
 */
function koreanName(text: string, m: Mention, rules: Hint[], hits: AliasHit[]): boolean {
  if (m.entry) return true;
  const surface = text.slice(m.start, m.end);
  const exact = (x: { start: number; end: number }) => x.start === m.start && x.end === m.end;
  if (/^[\uac00-\ud7a3]$/.test(surface)) return (m.type === 'PERSON' && KO_SURNAMES.has(surface)) || rules.some(exact) || hits.some(exact);
  return !KO_COMMON_NOUNS.has(surface);
}

const roleOf = (text: string, start: number, end: number, lang: Lang) => (lang === 'en' ? roleBefore(text, start) : roleAfter(text, end, lang));

/** A tagged span as a mention: trimmed to the name, its role kept apart, linked when the gazetteer knows it. */
function toMention(text: string, span: TaggedSpan, lang: Lang, g: Gazetteer, hits: AliasHit[]): Mention | null {
  const trimmed = trimSpan(text, span.start, span.end, lang, span.type);
  if (!trimmed) return null;
  let { start, end } = trimmed;
  let role = trimmed.role;
  if (span.type === 'PERSON' || trimmed.person) role ??= roleOf(text, start, end, lang);
  const surface = text.slice(start, end);
  let entry = hits.find((h) => h.start === start && h.end === end)?.entry ?? g.byKey.get(surface.toLowerCase()) ?? null;
  if (!entry) {
    // 慶州市, 경주시: a known place with its administrative suffix keeps its entry.
    const head = hits.find((h) => h.start === start && h.end < end && ADMIN_SUFFIX.test(text.slice(h.end, end)));
    if (head) entry = head.entry;
  }
  let type: EntityType;
  if (entry) type = entry.type;
  else if (trimmed.person) type = 'PERSON';
  else if (span.type === 'MISC') {
    // Nationalities and other adjectives (German, Iraqi) are CoNLL's MISC, but not names a reader looks for.
    if (/^\p{Lu}\p{Ll}+(?:an|ian|ese|ish|ic|i|ch)$/u.test(surface)) return null;
    type = 'OTHER';
  } else type = span.type as EntityType;
  return { start, end, type, entry, role };
}

const keyOf = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ');

/** One entity per canonical name; a lone surname after its full name links to the person (Huang → Jensen Huang). */
function link(text: string, title: string, mentions: Mention[]): Entity[] {
  interface Acc {
    canonical: string;
    type: EntityType;
    wikidata: string | null;
    surface: string[];
    mentions: Array<{ start: number; end: number }>;
    types: Map<EntityType, number>;
    roles: Map<string, number>;
    known: boolean;
  }
  const byKey = new Map<string, Acc>();
  const lastNames = new Map<string, Acc>();
  for (const m of mentions) {
    const surface = text.slice(m.start, m.end);
    const key = m.entry ? `gaz:${m.entry.name}` : keyOf(surface);
    let acc = byKey.get(key);
    if (!acc && !m.entry && (m.type === 'PERSON' || m.type === 'OTHER')) {
      const person = lastNames.get(keyOf(surface));
      if (person) acc = person;
    }
    if (!acc) {
      acc = {
        canonical: m.entry ? m.entry.name : surface,
        type: m.entry ? m.entry.type : m.type,
        wikidata: m.entry?.wikidata ?? null,
        surface: [],
        mentions: [],
        types: new Map(),
        roles: new Map(),
        known: m.entry !== null,
      };
      byKey.set(key, acc);
    }
    if (!acc.surface.includes(surface)) acc.surface.push(surface);
    acc.mentions.push({ start: m.start, end: m.end });
    acc.types.set(m.type, (acc.types.get(m.type) ?? 0) + 1);
    if (m.role) acc.roles.set(m.role, (acc.roles.get(m.role) ?? 0) + 1);
    if (acc.type === 'PERSON' || m.type === 'PERSON') {
      const parts = acc.canonical.split(/[\s・]+/);
      if (parts.length > 1) lastNames.set(keyOf(parts[parts.length - 1]!), acc);
      // Korean news calls a person by surname and title after the full name: 젠슨 황 … 황 CEO, 정의선 … 정 회장.
      const spelled = surface.split(/\s+/);
      if (spelled.length > 1 && /^[\uac00-\ud7a3]$/.test(spelled[spelled.length - 1]!)) lastNames.set(spelled[spelled.length - 1]!, acc);
      if (/^[\uac00-\ud7a3]{3}$/.test(surface)) lastNames.set(surface[0]!, acc);
    }
  }

  const entities = [...byKey.values()].map((acc) => {
    if (!acc.known && acc.types.size > 1) {
      // A name the tagger typed differently in different sentences takes its most frequent type (OTHER last).
      const best = [...acc.types.entries()].sort((a, b) => (b[0] === 'OTHER' ? -1 : 0) - (a[0] === 'OTHER' ? -1 : 0) || b[1] - a[1])[0]!;
      acc.type = best[0];
    }
    return acc;
  });

  // Salience: how often, how early, and whether the title names it; scaled so the top entity is 1.
  const len = Math.max(1, text.length);
  const raw = entities.map((e) => {
    const first = Math.min(...e.mentions.map((m) => m.start)) / len;
    const inTitle = e.surface.some((s) => title.includes(s)) || (title !== '' && title.includes(e.canonical));
    return Math.log2(1 + e.mentions.length) + (inTitle ? 1.5 : 0) + (1 - first) * 0.5 - (e.type === 'OTHER' ? 0.5 : 0);
  });
  const max = Math.max(1e-9, ...raw);
  return entities
    .map((e, i) => {
      const role = e.type === 'PERSON' && e.roles.size ? [...e.roles.entries()].sort((a, b) => b[1] - a[1])[0]![0] : null;
      const entity: Entity = {
        canonical: e.canonical,
        type: e.type,
        surface: e.surface,
        mentions: e.mentions.sort((a, b) => a.start - b.start),
        wikidata: e.wikidata,
        salience: Math.round(Math.max(0, Math.min(1, raw[i]! / max)) * 1000) / 1000,
      };
      if (role) entity.role = role;
      return entity;
    })
    .sort((a, b) => b.salience - a.salience || a.mentions[0]!.start - b.mentions[0]!.start);
}
