/*
 * Entities of a document: gazetteer hits first (they carry canonical names
 * across scripts), then rule-found names per paragraph language, linked into
 * one entry per canonical name with every surface and mention, and scored
 * for salience.
 */
import type { Entity, EntityType, Lang, Token } from '../../records.js';
import { matchAliases, type Gazetteer, type GazetteerEntry } from './gazetteer.js';
import { englishCandidates, japaneseCandidates, koreanCandidates, latinRuns, type Candidate } from './rules.js';

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
  weak?: boolean;
}

/**
 * @example
 * findEntities({ text: 'NVIDIAと韓国', title: '', lang: 'ja', paragraphs: [{ start: 0, end: 9, lang: 'ja' }], sentences: [], tokens }, gazetteer)
 * // [{ canonical: 'NVIDIA', type: 'ORG', … }, { canonical: 'South Korea', type: 'PLACE', surface: ['韓国'], … }]
 */
export function findEntities(input: EntityInput, g: Gazetteer): Entity[] {
  const { text } = input;
  const hits = matchAliases(text, g);
  const mentions: Mention[] = hits.map((h) => ({ start: h.start, end: h.end, type: h.entry.type, entry: h.entry }));

  const rules: Candidate[] = [];
  const paragraphs = input.paragraphs.length ? input.paragraphs : [{ start: 0, end: text.length, lang: input.lang }];
  const sentenceStarts = new Set<number>();
  for (const s of input.sentences) {
    const lead = /^[\s"'“‘(\[]*/.exec(text.slice(s.start, s.end))![0].length;
    sentenceStarts.add(s.start + lead);
  }
  for (const p of paragraphs) {
    sentenceStarts.add(p.start + /^[\s"'“‘(\[]*/.exec(text.slice(p.start, p.end))![0].length);
    const lang = p.lang ?? input.lang;
    if (lang === 'en') {
      rules.push(...englishCandidates(text, p.start, p.end, sentenceStarts));
      continue;
    }
    rules.push(...latinRuns(text, p.start, p.end));
    if (lang === 'ja') rules.push(...japaneseCandidates(text, tokensIn(input.tokens, p.start, p.end)));
    else rules.push(...koreanCandidates(text, p.start, p.end));
  }

  // A rule name that ends in an organisation word and contains a gazetteer hit (Samsung Heavy Industries ⊃ Samsung) wins;
  // otherwise the gazetteer hit wins and overlapping rule names are dropped.
  rules.sort((a, b) => a.start - b.start || b.end - a.end);
  let kept = mentions;
  for (const c of rules) {
    const overlapping = kept.filter((m) => m.start < c.end && m.end > c.start);
    if (overlapping.length === 0) {
      // A rule-found spelling the gazetteer knows in another case (GYEONGJU) takes its entry and type.
      const entry = g.byKey.get(text.slice(c.start, c.end).toLowerCase()) ?? null;
      kept.push({ start: c.start, end: c.end, type: entry ? entry.type : c.type, entry, weak: c.weak === true && !entry });
      continue;
    }
    const containsAll = overlapping.every((m) => m.start >= c.start && m.end <= c.end);
    const longer = overlapping.every((m) => m.end - m.start < c.end - c.start);
    if (!containsAll || !longer) continue;
    const one = overlapping.length === 1 ? overlapping[0]! : null;
    if (one && one.entry && one.start === c.start && /^(?:都|道|府|県|市|区|町|村|郡|州|省|시|도|군|구|특별시|광역시)$/.test(text.slice(one.end, c.end))) {
      // 東京都, 慶州市: the longer spelling of a known place or company keeps its canonical entry.
      kept = kept.filter((m) => m !== one);
      kept.push({ ...one, end: c.end });
    } else if ((c.suffixed && overlapping.every((m) => m.end < c.end)) || (one && one.entry && c.compound && !c.weak && c.type !== 'PERSON')) {
      // 北海道東海大学 ⊃ 北海道, Samsung Heavy Industries ⊃ Samsung: a longer compound around one known name is its own entity.
      kept = kept.filter((m) => !overlapping.includes(m));
      kept.push({ start: c.start, end: c.end, type: c.type, entry: null });
    }
  }
  kept.sort((a, b) => a.start - b.start);
  return link(text, input.title, kept);
}

function tokensIn(tokens: Token[], start: number, end: number): Token[] {
  return tokens.filter((t) => t.start >= start && t.end <= end);
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
    known: boolean;
  }
  const byKey = new Map<string, Acc>();
  const lastNames = new Map<string, Acc>();
  for (const m of mentions) {
    const surface = text.slice(m.start, m.end);
    let key = m.entry ? `gaz:${m.entry.name}` : keyOf(surface);
    let acc = byKey.get(key);
    if (!acc && !m.entry) {
      const person = lastNames.get(keyOf(surface));
      if (person) acc = person;
    }
    if (!acc && m.weak) continue;
    if (!acc) {
      acc = {
        canonical: m.entry ? m.entry.name : surface,
        type: m.entry ? m.entry.type : m.type,
        wikidata: m.entry?.wikidata ?? null,
        surface: [],
        mentions: [],
        types: new Map(),
        known: m.entry !== null,
      };
      byKey.set(key, acc);
    }
    if (!acc.surface.includes(surface)) acc.surface.push(surface);
    acc.mentions.push({ start: m.start, end: m.end });
    acc.types.set(m.type, (acc.types.get(m.type) ?? 0) + 1);
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
      // A rule-found name seen with several types takes the most frequent (OTHER last).
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
    .map((e, i) => ({
      canonical: e.canonical,
      type: e.type,
      surface: e.surface,
      mentions: e.mentions,
      wikidata: e.wikidata,
      salience: Math.round(Math.max(0, Math.min(1, raw[i]! / max)) * 1000) / 1000,
    }))
    .sort((a, b) => b.salience - a.salience || a.mentions[0]!.start - b.mentions[0]!.start);
}
