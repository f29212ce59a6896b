/**
 * Grounding: an LLM summary is used only if what it asserts can be found in
 * the article. Every number must match a number of the article after
 * normalisation (30億ドル = $3 billion = 30억 달러; amounts of money also in
 * the same currency), every quoted source text must be in the article, and
 * every name must be in the article, as written or through the gazetteer's
 * aliases (엔비디아 = NVIDIA). Anything else is a reason to reject.
 *
 * When other reports of the story disagree with the article on a figure
 * (a `Dispute`, found by the digest's conflict finder), the summary may not
 * pick one side silently: a headline or bullet that states one value of a
 * disputed figure must state the others too (they count as grounded), or
 * leave the figure out. `sidesStated` is the same check for any text, and
 * the digest applies it to every story's summary, LLM or extractive.
 */
import type { Gazetteer } from '../../enrich/entities/gazetteer.js';
import { englishCandidates, latinRuns } from '../../enrich/entities/rules.js';
import { findFigures } from '../../enrich/figures/find.js';
import { scanNumerals } from '../../enrich/figures/numerals.js';
import { matchForm } from '../../normalise/match-form.js';
import type { Enriched, Figure, FigureKind, Lang } from '../../records.js';
import type { LlmSummary } from './schema.js';

export interface Grounding {
  ok: boolean;
  /** Why the summary was rejected, one line per problem. */
  reasons: string[];
  /** Indices into `doc.figures` of the key figures the summary quoted. */
  keyFigures: number[];
}

/** A figure the sources of a story report differently: each value, and who reports it. */
export interface Dispute {
  /** What is measured, in English: `supply (GPUs)`. */
  what: string;
  kind: FigureKind;
  /** ISO 4217 for money, `%`/`pp`, a measure's unit; null for counts. */
  unit: string | null;
  claims: Array<{ value: number | null; low: number | null; high: number | null; display: string; source: string | null }>;
}

/**
 * Which values of each dispute a text states, for the disputes it states
 * some but not all of (distinct values, by their display form).
 *
 * @example
 * sidesStated('Nvidia will supply 60,000 GPUs.', [gpuDispute]) // [{ dispute: gpuDispute, stated: ['60,000 GPUs'], missing: ['50,000 GPUs'] }]
 */
export function sidesStated(text: string, disputes: readonly Dispute[]): Array<{ dispute: Dispute; stated: string[]; missing: string[] }> {
  if (!disputes.length || !text) return [];
  const figures = findFigures(text).filter((f) => f.kind !== 'date');
  const out: Array<{ dispute: Dispute; stated: string[]; missing: string[] }> = [];
  for (const d of disputes) {
    const values = new Map<string, boolean>();
    for (const c of d.claims) {
      const said = figures.some((f) => f.kind === d.kind && (d.kind !== 'money' || f.unit === d.unit) && sameAmount(f, c));
      values.set(c.display, (values.get(c.display) ?? false) || said);
    }
    const stated = [...values].filter(([, v]) => v).map(([k]) => k);
    const missing = [...values].filter(([, v]) => !v).map(([k]) => k);
    if (stated.length && missing.length) out.push({ dispute: d, stated, missing });
  }
  return out;
}

function sameAmount(f: Figure, c: Dispute['claims'][number]): boolean {
  const fv = f.value !== null ? [f.value, f.value] : f.low !== null && f.high !== null ? [f.low, f.high] : null;
  const cv = c.value !== null ? [c.value, c.value] : c.low !== null && c.high !== null ? [c.low, c.high] : null;
  if (!fv || !cv) return false;
  const tol = 0.01 * Math.max(Math.abs(fv[1]!), Math.abs(cv[1]!));
  return fv[0]! <= cv[1]! + tol && cv[0]! <= fv[1]! + tol;
}

interface SourceFacts {
  text: string;
  numbers: number[];
  money: Array<{ value: number; unit: string | null }>;
}

function factsOf(doc: Enriched, disputes: readonly Dispute[]): SourceFacts {
  const raw = `${doc.title}\n${doc.text}`;
  const numbers: number[] = [];
  const money: SourceFacts['money'] = [];
  // The other reports' values of a disputed figure may be stated beside the article's own.
  for (const d of disputes)
    for (const c of d.claims)
      for (const v of [c.value, c.low, c.high])
        if (v !== null) {
          numbers.push(v);
          if (d.kind === 'money') money.push({ value: v, unit: d.unit });
        }
  const titleFigures = findFigures(doc.title);
  for (const f of [...doc.figures, ...titleFigures]) {
    for (const v of [f.value, f.low, f.high]) if (v !== null) numbers.push(v);
    if (f.kind === 'money') for (const v of [f.value, f.low, f.high]) if (v !== null) money.push({ value: v, unit: f.unit });
  }
  for (const n of scanNumerals(raw)) numbers.push(n.lo, n.hi);
  return { text: matchForm(raw), numbers, money };
}

const close = (a: number, b: number, tol: number) => a === b || Math.abs(a - b) <= tol * Math.max(Math.abs(a), Math.abs(b));

function checkNumbers(piece: string, facts: SourceFacts, reasons: string[]): void {
  const figures = findFigures(piece);
  const covered = (s: number, e: number) => figures.some((f) => s >= f.start && e <= f.end);
  for (const f of figures) {
    if (f.kind === 'date' || f.kind === 'duration') continue; // their numerals are checked one by one below
    // "about $3 billion" may round what the article states more precisely.
    const tol = f.qualifier === 'approx' ? 0.05 : 0.01;
    const values = f.value !== null ? [f.value] : [f.low, f.high].filter((v): v is number => v !== null);
    for (const v of values) {
      const ok =
        f.kind === 'money' && f.unit
          ? facts.money.some((m) => m.unit === f.unit && close(m.value, v, tol))
          : facts.numbers.some((n) => close(n, v, tol));
      if (!ok) reasons.push(`figure "${f.text}" (${describe(f, v)}) is not in the article`);
    }
  }
  for (const n of scanNumerals(piece)) {
    if (n.weak) continue;
    const inFigure = covered(n.start, n.end) && figures.some((f) => n.start >= f.start && n.end <= f.end && f.kind !== 'date' && f.kind !== 'duration');
    if (inFigure) continue;
    if (!facts.numbers.some((x) => close(x, n.lo, 0.001))) reasons.push(`number "${piece.slice(n.start, n.end)}" is not in the article`);
  }
}

function describe(f: Figure, v: number): string {
  return `${v}${f.unit ? ` ${f.unit}` : ''}`;
}

/** `b` occurs in `a` as whole words (Latin) or anywhere (CJK, which has no spaces). */
function containsWords(a: string, b: string): boolean {
  if (!b) return false;
  const i = a.indexOf(b);
  if (i < 0) return false;
  if (!/^[a-z0-9]/.test(b)) return true;
  const before = a[i - 1];
  const after = a[i + b.length];
  return (before === undefined || !/[a-z0-9]/.test(before)) && (after === undefined || !/[a-z0-9]/.test(after));
}

function nameGrounded(name: string, doc: Enriched, facts: SourceFacts, g: Gazetteer | null): boolean {
  const n = matchForm(name).replace(/['’]s$/, '');
  if (!n) return true;
  if (containsWords(facts.text, n)) return true;
  const entry = g?.byKey.get(name.toLowerCase()) ?? g?.byKey.get(n);
  if (entry) {
    if (doc.entities.some((e) => e.canonical === entry.name)) return true;
    if ([entry.name, ...entry.aliases].some((a) => containsWords(facts.text, matchForm(a)))) return true;
  }
  // "Samsung" is grounded by "Samsung Electronics"; the reverse would let "BlackRock and Microsoft" pass on BlackRock.
  return doc.entities.some((e) => [e.canonical, ...e.surface].some((x) => containsWords(matchForm(x), n)));
}

const DEMONYMS: Record<string, string> = { Chinese: 'China', Japanese: 'Japan', Korean: 'Korea', Taiwanese: 'Taiwan', Vietnamese: 'Vietnam', British: 'Britain', French: 'France', Dutch: 'Netherlands' };

/**
 * A name and the place it may be an adjective of: "South Korean" is grounded
 * by South Korea, "American" by America.
 */
function demonymVariants(name: string): string[] {
  const words = name.split(' ');
  const last = words[words.length - 1]!;
  const place = DEMONYMS[last] ?? (/[aeiou]n$/.test(last) ? last.slice(0, -1) : null);
  return place ? [name, [...words.slice(0, -1), place].join(' ')] : [name];
}

/** Names a summary text uses: capitalised runs in English, Latin-script runs in Japanese and Korean. */
function namesIn(piece: string, lang: Lang): string[] {
  const cands =
    lang === 'en'
      ? englishCandidates(piece, 0, piece.length, new Set([0])).filter((c) => !c.weak)
      : latinRuns(piece, 0, piece.length);
  return cands.map((c) => piece.slice(c.start, c.end));
}

/**
 * @example
 * const g = groundSummary(reply, enriched, 'en', gazetteer);
 * if (!g.ok) log.warn('llm summary rejected', { reasons: g.reasons });
 */
export function groundSummary(s: LlmSummary, doc: Enriched, lang: Lang, g: Gazetteer | null, disputes: readonly Dispute[] = []): Grounding {
  const reasons: string[] = [];
  const facts = factsOf(doc, disputes);
  if (s.language !== lang) reasons.push(`language is "${s.language}", asked for "${lang}"`);
  const pieces = [s.headline, ...s.bullets, ...s.keyFigures.map((k) => k.value)];
  for (const p of pieces) checkNumbers(p, facts, reasons);
  for (const p of [s.headline, ...s.bullets])
    for (const side of sidesStated(p, disputes))
      reasons.push(`"${p}" states ${side.stated.join(', ')} for ${side.dispute.what}, which other reports give as ${side.missing.join(', ')}: state every value or none`);

  const keyFigures: number[] = [];
  for (const k of s.keyFigures) {
    const q = matchForm(k.sourceText);
    if (!facts.text.includes(q)) {
      reasons.push(`key figure "${k.value}" quotes "${k.sourceText}", which the article does not contain`);
      continue;
    }
    const i = doc.figures.findIndex((f) => {
      const t = matchForm(f.text);
      return t === q || q.includes(t) || t.includes(q);
    });
    if (i >= 0 && !keyFigures.includes(i)) keyFigures.push(i);
  }

  const names = new Set<string>(s.entities);
  for (const p of [s.headline, ...s.bullets])
    for (const n of namesIn(p, lang))
      // A run joined by "and" names two things, each to be found on its own (Ministry of Science and ICT stays whole if the article has it).
      for (const part of nameGrounded(n, doc, facts, g) ? [n] : n.replace(/\s+/g, ' ').split(/ (?:and|&) /)) names.add(part);
  for (const name of names)
    if (!demonymVariants(name).some((v) => nameGrounded(v, doc, facts, g))) reasons.push(`entity "${name}" is not in the article`);

  return { ok: reasons.length === 0, reasons: [...new Set(reasons)], keyFigures };
}
