/**
 * The digest of a set of stored articles: articles folded into stories (the
 * story cluster dedupe assigned; duplicates and translations of one event
 * become one entry), stories grouped under topics (stories that share their
 * salient entities), everything ranked. Pure: the CLI and the web reader load
 * the articles and hand them in.
 */
import type { Analysis, Entity, EntityType, FigureKind, Lang, SummaryMethod } from '../records.js';
import { stemEnglish } from '../summarise/content-words.js';
import { isEnglishFunctionWord } from '../tokenize/english.js';
import { sidesStated } from '../summarise/llm/grounding.js';
import { findConflicts, toDisputes, type Conflict } from './conflicts.js';
import { formatFigure } from './figures.js';

/** What the digest needs of a stored article (the store's `StoredArticle` fits). */
export interface DigestArticle {
  id: string;
  analysis: Analysis;
  publishedAt: string | null;
  ingestedAt: string;
  duplicateOf: string | null;
  clusterId: string | null;
}

export interface DigestOptions {
  /** ISO bounds of the window (inclusive, exclusive); null: no bound. Only used to filter and to label. */
  from?: string | null;
  to?: string | null;
  /** Only stories with an article in this language; that article then speaks for the story. */
  lang?: Lang | null;
  /** IANA zone in which dates are shown. */
  timeZone: string;
  now: Date;
  title?: string;
  /** Most stories to keep (after ranking). */
  maxStories?: number;
}

export interface DigestFigure {
  /** Readable, normalised: `$3.0 billion`, `260,000 GPUs`. */
  display: string;
  /** As the source wrote it. */
  text: string;
  kind: FigureKind;
}

export interface DigestSource {
  articleId: string;
  title: string;
  url: string | null;
  siteName: string | null;
  lang: Lang;
  publishedAt: string | null;
  /** When kiji first stored it: what an undated source is shown and sorted by. */
  firstSeen: string;
  /** Folded in as a duplicate or translation of the story's lead article. */
  folded: boolean;
}

export interface DigestStory {
  /** The story cluster id (the lead article's id when dedupe gave none). */
  id: string;
  headline: string;
  bullets: string[];
  lang: Lang;
  method: SummaryMethod;
  keyFigures: DigestFigure[];
  /**
   * Figures the story's sources report differently (src/digest/conflicts.ts): what is measured, and each
   * value with its text and source. Empty when they agree or the story has one source.
   */
  conflicts: Conflict[];
  entities: Array<{ canonical: string; type: EntityType }>;
  sources: DigestSource[];
  /** Articles beyond the lead one: duplicates, syndicated copies, translations. */
  duplicatesFolded: number;
  languages: Lang[];
  /** Earliest and latest time of the story's articles (published, else ingested). */
  firstSeen: string;
  lastSeen: string;
  score: number;
}

export interface DigestTopic {
  id: string;
  /** Shared salient entities: `South Korea · NVIDIA`. */
  label: string;
  entities: string[];
  stories: DigestStory[];
}

export interface Digest {
  title: string;
  generatedAt: string;
  timeZone: string;
  from: string | null;
  to: string | null;
  lang: Lang | null;
  articleCount: number;
  storyCount: number;
  topics: DigestTopic[];
  /** LLM tokens spent on the summaries in this digest. */
  usage: { promptTokens: number; completionTokens: number; llmSummaries: number };
}

const timeOf = (a: DigestArticle) => a.publishedAt ?? a.analysis.publishedAt ?? a.ingestedAt;

/**
 * @example
 * const digest = buildDigest(await store.loadArticles({ from, to }), { from, to, timeZone: 'Asia/Seoul', now: new Date() });
 * renderDigest(digest, 'md');
 */
export function buildDigest(articles: readonly DigestArticle[], opts: DigestOptions): Digest {
  const inWindow = articles.filter((a) => {
    const t = timeOf(a);
    return (!opts.from || t >= opts.from) && (!opts.to || t < opts.to);
  });
  const byId = new Map(inWindow.map((a) => [a.id, a]));
  const clusters = foldStories(inWindow, byId);

  const end = opts.to ? Date.parse(opts.to) : opts.now.getTime();
  let stories: Array<DigestStory & { weights: Map<string, number>; terms: Map<string, number> }> = [];
  // Without --lang, a story is told in the digest's most common language where it can be, so the page reads evenly.
  const preferred = opts.lang ?? majorityLang(inWindow);
  for (const [id, members] of clusters) {
    if (opts.lang && !members.some((m) => m.analysis.lang === opts.lang)) continue;
    stories.push(storyOf(id, members, preferred, end));
  }
  stories.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  if (opts.maxStories) stories = stories.slice(0, opts.maxStories);

  const topics = groupTopics(stories);
  const used = stories.flatMap((s) => s.sources.map((x) => byId.get(x.articleId)!));
  const usage = { promptTokens: 0, completionTokens: 0, llmSummaries: 0 };
  for (const a of used) {
    const u = a.analysis.summary.usage;
    if (!u) continue;
    usage.promptTokens += u.promptTokens;
    usage.completionTokens += u.completionTokens;
    usage.llmSummaries += 1;
  }
  return {
    title: opts.title ?? 'kiji digest',
    generatedAt: opts.now.toISOString(),
    timeZone: opts.timeZone,
    from: opts.from ?? null,
    to: opts.to ?? null,
    lang: opts.lang ?? null,
    articleCount: used.length,
    storyCount: stories.length,
    topics,
    usage,
  };
}

/**
 * Articles into stories. Dedupe's story clusters (`clusterId`, else the
 * `duplicateOf` chain) are kept whole; clusters (and unlinked articles) are
 * then joined when two of their articles report the same event: most of their
 * headline figures agree after normalisation (26만 대 = 260,000 GPUs, 約30億ドル
 * = $3 billion) and they share salient entities, or their entities agree
 * closely on their own; and they appeared within a week of each other.
 * Figures and canonical entities do not depend on the language, so a
 * translation folds in as a duplicate does, also when dedupe (which needs a
 * shared figure across languages) left it apart. Joining only ever merges:
 * what dedupe put together stays together.
 *
 * @example
 * const stories = foldStories(articles, new Map(articles.map((a) => [a.id, a])));
 * [...stories.values()].map((members) => members.length) // [3, 4, 2]
 */
export function foldStories(articles: readonly DigestArticle[], byId: Map<string, DigestArticle>): Map<string, DigestArticle[]> {
  const keys = articles.map((a) => a.clusterId ?? rootOf(a, byId));
  const parent = articles.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const firstOfKey = new Map<string, number>();
  keys.forEach((k, i) => {
    const f = firstOfKey.get(k);
    if (f === undefined) firstOfKey.set(k, i);
    else parent[find(i)] = find(f);
  });
  const sigs = articles.map((a) => figureSignature(a.analysis));
  const ents = articles.map((a) => entityWeights([a.analysis.entities]));
  const times = articles.map((a) => {
    const t = a.publishedAt ?? a.analysis.publishedAt;
    return t ? Date.parse(t) : NaN;
  });
  const WEEK = 7 * 86_400_000;
  // Quadratic, but each pair costs a time check and an 8-entry cosine; the figure check runs only when entities agree.
  for (let i = 0; i < articles.length; i++)
    for (let j = i + 1; j < articles.length; j++) {
      if (Math.abs(times[i]! - times[j]!) > WEEK) continue; // NaN (undated) compares false: undated articles stay candidates
      const entity = cosine(ents[i]!, ents[j]!);
      if (entity < 0.3 || find(i) === find(j)) continue;
      if (entity >= 0.6 || figuresAgree(sigs[i]!, sigs[j]!)) parent[find(j)] = find(i);
    }
  const groups = new Map<number, number[]>();
  articles.forEach((_, i) => {
    const r = find(i);
    const list = groups.get(r);
    if (list) list.push(i);
    else groups.set(r, [i]);
  });
  const out = new Map<string, DigestArticle[]>();
  for (const idx of groups.values()) {
    // A joined group keeps the story id of its earliest article, so the id does not depend on input order.
    const first = [...idx].sort((x, y) => timeOf(articles[x]!).localeCompare(timeOf(articles[y]!)) || keys[x]!.localeCompare(keys[y]!))[0]!;
    const key = keys[first]!;
    const list = out.get(key);
    if (list) list.push(...idx.map((i) => articles[i]!));
    else out.set(key, idx.map((i) => articles[i]!));
  }
  return out;
}

/** The amounts an article states, as language-free keys: `money:USD:3000000000`, `count:260000`. */
function figureSignature(a: Analysis): Set<string> {
  const out = new Set<string>();
  for (const f of a.figures) {
    if (f.value === null || !(f.kind === 'money' || f.kind === 'count' || f.kind === 'percent')) continue;
    // Small counts (3 companies, 2 sites) agree by chance.
    if (f.kind === 'count' && f.value < 100) continue;
    out.add(`${f.kind}:${f.kind === 'money' ? (f.unit ?? '') : ''}:${f.value}`);
  }
  return out;
}

/** Most of the smaller set of amounts (and at least two) appear in the other. */
function figuresAgree(a: Set<string>, b: Set<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size < 2) return false;
  let shared = 0;
  for (const k of small) if (large.has(k)) shared++;
  return shared >= 2 && shared / small.size >= 0.5;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, v] of a) {
    na += v * v;
    const w = b.get(k);
    if (w !== undefined) dot += v * w;
  }
  for (const v of b.values()) nb += v * v;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

function majorityLang(articles: readonly DigestArticle[]): Lang | null {
  const n = new Map<Lang, number>();
  for (const a of articles) n.set(a.analysis.lang, (n.get(a.analysis.lang) ?? 0) + 1);
  const order: Lang[] = ['en', 'ja', 'ko'];
  return [...n].sort((a, b) => b[1] - a[1] || order.indexOf(a[0]) - order.indexOf(b[0]))[0]?.[0] ?? null;
}

/** Follow `duplicateOf` to the original present in the window; the id of the first one reached. */
function rootOf(a: DigestArticle, byId: Map<string, DigestArticle>): string {
  let cur = a;
  const seen = new Set<string>([a.id]);
  while (cur.duplicateOf && byId.has(cur.duplicateOf) && !seen.has(cur.duplicateOf)) {
    seen.add(cur.duplicateOf);
    cur = byId.get(cur.duplicateOf)!;
  }
  return cur.duplicateOf ?? cur.id;
}

function storyOf(id: string, members: DigestArticle[], lang: Lang | null, end: number): DigestStory & { weights: Map<string, number>; terms: Map<string, number> } {
  // The lead article: in the reader's language if asked, else the original, the earliest, the richest summary.
  const lead = [...members].sort(
    (a, b) =>
      rank(lang !== null && b.analysis.lang === lang) - rank(lang !== null && a.analysis.lang === lang) ||
      rank(b.duplicateOf === null) - rank(a.duplicateOf === null) ||
      provenance(b) - provenance(a) ||
      timeOf(a).localeCompare(timeOf(b)) ||
      rank(b.analysis.summary.method === 'llm') - rank(a.analysis.summary.method === 'llm') ||
      a.id.localeCompare(b.id),
  )[0]!;
  const an = lead.analysis;
  const alt = lang && lang !== an.lang ? an.summary.alternates?.find((s) => s.lang === lang) : undefined;
  const summary = alt ?? an.summary;
  // Where the sources disagree, the summary may not pick one side silently: a line that states one value names the others.
  const conflicts = findConflicts([lead, ...members.filter((m) => m !== lead)]);
  const disputes = toDisputes(conflicts);
  const OTHERS: Record<Lang, string> = { en: 'other reports', ja: '他の報道', ko: '다른 보도' };
  const withSides = (line: string) => {
    const sides = sidesStated(line, disputes);
    return sides.length ? `${line} (${OTHERS[summary.lang]}: ${sides.map((x) => x.missing.join(', ')).join('; ')})` : line;
  };

  const keyFigures: DigestFigure[] = [];
  const seenFig = new Set<string>();
  // What a count counts, as any report of the story says it: 260,000 → GPUs from the Japanese 26万台のGPU.
  const countedByValue = new Map<number, string>();
  for (const m of members) for (const f of m.analysis.figures) if (f.kind === 'count' && f.value !== null && f.counted && !countedByValue.has(f.value)) countedByValue.set(f.value, f.counted);
  const addFigures = (a: Analysis, idx: number[]) => {
    for (const i of idx) {
      let f = a.figures[i];
      if (!f) continue;
      if (f.kind === 'count' && !f.counted && f.value !== null && countedByValue.has(f.value)) f = { ...f, counted: countedByValue.get(f.value)! };
      const display = formatFigure(f);
      if (seenFig.has(display)) continue;
      seenFig.add(display);
      keyFigures.push({ display, text: f.text, kind: f.kind });
    }
  };
  addFigures(an, an.summary.keyFigures);
  if (keyFigures.length === 0) for (const m of members) if (m !== lead && keyFigures.length === 0) addFigures(m.analysis, m.analysis.summary.keyFigures);

  const weights = entityWeights(members.map((m) => m.analysis.entities));
  const typeOf = new Map<string, EntityType>();
  for (const m of members) for (const e of m.analysis.entities) if (!typeOf.has(e.canonical)) typeOf.set(e.canonical, e.type);
  const entities = [...weights]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 8)
    .map(([canonical]) => ({ canonical, type: typeOf.get(canonical) ?? 'OTHER' }));

  const ordered = [lead, ...members.filter((m) => m !== lead).sort((a, b) => timeOf(a).localeCompare(timeOf(b)) || a.id.localeCompare(b.id))];
  const sources: DigestSource[] = ordered.map((m) => ({
    articleId: m.id,
    title: m.analysis.title,
    url: m.analysis.url ?? (m.analysis.source.kind === 'url' || m.analysis.source.kind === 'feed-item' ? m.analysis.source.uri : null),
    siteName: m.analysis.siteName,
    lang: m.analysis.lang,
    publishedAt: m.publishedAt ?? m.analysis.publishedAt,
    firstSeen: m.ingestedAt,
    folded: m !== lead,
  }));
  const times = members.map(timeOf).sort();
  const languages = [...new Set(members.map((m) => m.analysis.lang))].sort();
  const outlets = new Set(members.map((m) => m.analysis.siteName ?? hostOf(m.analysis.url) ?? m.id));

  const ageHours = Math.max(0, (end - Date.parse(times[times.length - 1]!)) / 3_600_000);
  const topWeights = [...weights.values()].sort((a, b) => b - a).slice(0, 3);
  const salience = topWeights.reduce((a, b) => a + b, 0) / 3 + 0.5 * Math.min(1, keyFigures.length / 3);
  const score =
    Math.log2(1 + members.length) + 0.5 * (outlets.size - 1) + 0.5 * (languages.length - 1) + Math.exp(-ageHours / 48) + 0.5 * salience;

  return {
    id,
    headline: withSides(summary.headline),
    bullets: summary.bullets.map(withSides),
    lang: summary.lang,
    method: summary.method,
    keyFigures,
    conflicts,
    entities,
    sources,
    duplicatesFolded: members.length - 1,
    languages,
    firstSeen: times[0]!,
    lastSeen: times[times.length - 1]!,
    score: Math.round(score * 1000) / 1000,
    weights,
    terms: titleTerms(members.map((m) => m.analysis.title)),
  };
}

const rank = (b: boolean) => (b ? 1 : 0);
/** An article that names its outlet and link is a better lead than an anonymous copy. */
const provenance = (a: DigestArticle) => rank(a.analysis.url !== null) + rank(a.analysis.siteName !== null);

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

/**
 * Entity weight per canonical name over a story's articles: the highest
 * salience seen (mention share when enrich gave no salience), top 8 only so a
 * long article's passing mentions do not tie unrelated stories together.
 */
function entityWeights(lists: Entity[][]): Map<string, number> {
  const w = new Map<string, number>();
  for (const entities of lists) {
    const total = entities.reduce((a, e) => a + e.mentions.length, 0) || 1;
    for (const e of entities) {
      const s = e.salience > 0 ? e.salience : e.mentions.length / total;
      w.set(e.canonical, Math.max(w.get(e.canonical) ?? 0, s));
    }
  }
  return new Map([...w].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 8));
}

/**
 * Stories about the same subject are one topic: similarity is the mean of
 * the cosine of their salient entities and the cosine of the Latin-script
 * words of their titles (AI, GPU, HBM, BlackRock read the same in every
 * language kiji handles, so this part works across ja, ko and en), and
 * stories link when it reaches TOPIC_LINK (single link).
 */
const TOPIC_LINK = 0.22;

function groupTopics(stories: Array<DigestStory & { weights: Map<string, number>; terms: Map<string, number> }>): DigestTopic[] {
  const parent = stories.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const idf = termIdf(stories.map((s) => s.terms));
  const termVecs = stories.map((s) => new Map([...s.terms].map(([k, v]) => [k, v * (idf.get(k) ?? 0)])));
  for (let i = 0; i < stories.length; i++)
    for (let j = i + 1; j < stories.length; j++) {
      const sim = 0.5 * cosine(stories[i]!.weights, stories[j]!.weights) + 0.5 * cosine(termVecs[i]!, termVecs[j]!);
      if (sim >= TOPIC_LINK) parent[find(j)] = find(i);
    }

  const groups = new Map<number, number[]>();
  stories.forEach((_, i) => {
    const r = find(i);
    groups.set(r, [...(groups.get(r) ?? []), i]);
  });
  return [...groups.values()].map((idx) => {
    const members = idx.map((i) => stories[i]!);
    const min = members.length > 1 ? 2 : 1;
    const shared = (maps: Map<string, number>[]) => {
      const count = new Map<string, { n: number; w: number }>();
      for (const m of maps)
        for (const [k, w] of m) {
          const c = count.get(k) ?? { n: 0, w: 0 };
          c.n++;
          c.w += w;
          count.set(k, c);
        }
      return [...count].filter(([, c]) => c.n >= min).sort((a, b) => b[1].n - a[1].n || b[1].w - a[1].w || a[0].localeCompare(b[0]));
    };
    const entities = shared(members.map((s) => s.weights)).slice(0, 3).map(([k]) => k);
    // A shared title word the entity names do not already say (AI, HBM) completes the label.
    const covered = entities.join(' ').toLowerCase();
    const term = shared(idx.map((i) => termVecs[i]!)).map(([k]) => k).find((k) => !covered.includes(k));
    const label = [...entities, ...(term && members.length > 1 ? [displayTerm(term, members)] : [])];
    return {
      id: members[0]!.id,
      label: label.length ? label.join(' · ') : members[0]!.headline,
      entities,
      // Stories arrive sorted by score, so topics and their stories keep that order.
      stories: members.map(({ weights: _w, terms: _t, ...s }) => s),
    };
  });
}

/** Latin-script content words of the titles of a story's articles, counted. */
function titleTerms(titles: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of titles)
    for (const m of t.matchAll(/[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]/g)) {
      // GPUs, CPUs: an acronym's plural.
      const word = /^[A-Z]{2,}s$/.test(m[0]) ? m[0].slice(0, -1) : m[0];
      const w = stemEnglish(word.toLowerCase());
      if (isEnglishFunctionWord(w) || TITLE_STOP.has(w)) continue;
      out.set(w, (out.get(w) ?? 0) + 1);
    }
  return out;
}

const TITLE_STOP = new Set(['say', 'says', 'new', 'over', 'back', 'hit', 'set', 'plan', 'amp', 'news', 'update']);

function termIdf(maps: Map<string, number>[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const m of maps) for (const k of m.keys()) df.set(k, (df.get(k) ?? 0) + 1);
  return new Map([...df].map(([k, n]) => [k, Math.log(1 + maps.length / n)]));
}

/** A title word as the titles wrote it most (`AI`, not `ai`). */
function displayTerm(term: string, stories: DigestStory[]): string {
  const re = new RegExp(`\\b${term.replace(/[^a-z0-9]/g, '')}`, 'i');
  for (const s of stories)
    for (const src of s.sources) {
      const m = re.exec(src.title);
      if (m) {
        const word = /^[A-Za-z0-9-]+/.exec(src.title.slice(m.index))![0];
        return word;
      }
    }
  return term;
}

