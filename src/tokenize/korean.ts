import { matchForm } from '../normalise/match-form.js';
import type { Token } from '../records.js';
import { groupBy } from '../group-by.js';

/*
 * Korean is agglutinative: an eojeol (a space-separated word) is a stem with
 * particles and endings glued on (삼성전자는 = 삼성전자 + 는). Without a
 * morphological dictionary in an npm package we peel known particles and the
 * endings of 하다/되다 verbs off the right edge, longest first, and only
 * where a plausible stem remains. That gets stems right for the nouns and
 * names that matching, entities and summaries care about.
 */

// Longest first so that 에서는 wins over 는.
const PARTICLES = [
  '으로부터', '에서부터', '에게서는',
  '에서는', '에서도', '에서의', '에게는', '에게도', '으로는', '으로도', '으로서', '으로써', '이라고', '이라는', '이라며',
  '까지는', '까지도', '부터는', '보다는', '처럼은', '께서는', '한테서', '에게서', '로부터', '과의', '와의',
  '에서', '에게', '한테', '께서', '으로', '처럼', '보다', '까지', '부터', '마저', '조차', '이나', '이며', '이고', '에는',
  '에도', '로는', '로도', '로서', '로써', '이란', '라고', '라는', '라며', '밖에', '만큼', '대로', '이든', '든지', '이자',
  '은', '는', '이', '가', '을', '를', '의', '에', '와', '과', '로', '도', '만', '나', '란', '께', '엔', '랑',
];
// Endings of noun + 하다/되다/이다 predicates: 투자했다 → 투자 + 했다.
const PREDICATE_ENDINGS = [
  '하겠다고', '했다고', '한다고', '됐다고', '된다고', '이라고',
  '하겠다', '했으며', '했지만', '하면서', '하기로', '했다는', '한다는', '된다는', '됐으며', '이었다', '였으며', '입니다', '습니다',
  '했다', '한다', '하는', '하고', '하며', '하면', '해야', '하기', '하여', '해서', '했고', '하게', '할', '한', '함', '해',
  '된다', '되는', '됐다', '되며', '되어', '돼', '될', '된', '됨',
  '이다', '였다', '이며',
];
const PARTICLE_SET = new Set(PARTICLES);
// Single-syllable particles that also end common nouns; peeled only from stems of two or more syllables.
const AMBIGUOUS = new Set(['이', '가', '도', '만', '나', '로', '과', '와', '란', '엔']);
// Nouns whose last syllable looks like a particle: never peel these.
const KEEP_WHOLE = new Set([
  '전문가', '투자가', '기업가', '정치가', '사업가', '분석가', '평론가', '작곡가', '건축가', '혁신가', '소비자가',
  '자동차', '다이', '함께', '또한', '역시', '모두', '이미', '가장', '다시', '아직', '특히', '보다', '이상', '이하', '이후', '이전', '하나', '미디어', '데이터', '아시아', '인도네시아', '말레이시아', '러시아', '카카오', '구글', '오라클',
]);
const HANGUL = /[\uAC00-\uD7A3]/;

/**
 * The entries of a list a word can end with, in list order: the list grouped
 * by last character once, so a word is tried only against the endings that
 * share its last character.
 *
 * @example
 * endingsFor(['에서', '서', '는'])('사무실에서') // ['에서', '서']
 */
export function endingsFor(list: readonly string[]): (word: string) => readonly string[] {
  const groups = groupBy(list, (e) => e.slice(-1));
  const none: readonly string[] = [];
  return (word) => groups.get(word.slice(-1)) ?? none;
}
const predicateEndingsOf = endingsFor(PREDICATE_ENDINGS);
const particlesOf = endingsFor(PARTICLES);

/** Split a stem from its particle or predicate ending; `rest` is '' when nothing was peeled. */
export function splitEojeol(word: string): { stem: string; rest: string; kind: 'particle' | 'predicate' | null } {
  if (KEEP_WHOLE.has(word)) return { stem: word, rest: '', kind: null };
  for (const e of predicateEndingsOf(word)) {
    if (word.length > e.length && word.endsWith(e) && word.length - e.length >= 1) {
      const stem = word.slice(0, -e.length);
      // 한다 after a one-syllable stem is usually the verb itself (위한, 대한), not noun + 하다.
      if (stem.length >= 2 || !e.startsWith('하')) return { stem, rest: e, kind: 'predicate' };
    }
  }
  for (const p of particlesOf(word)) {
    if (word.length <= p.length || !word.endsWith(p)) continue;
    const stem = word.slice(0, -p.length);
    if (KEEP_WHOLE.has(stem + p)) continue;
    if (AMBIGUOUS.has(p) && stem.length < 2 && HANGUL.test(stem)) continue;
    return { stem, rest: p, kind: 'particle' };
  }
  return { stem: word, rest: '', kind: null };
}

// Runs inside an eojeol: Hangul, Latin (with digits, & . - inside names), numbers, other.
const RUN = /[\uAC00-\uD7A3\u1100-\u11FF\u3130-\u318F]+|[A-Za-z][A-Za-z0-9&.'’-]*[A-Za-z0-9]|[A-Za-z]|[0-9][0-9,.]*[0-9]|[0-9]|\p{Script=Han}+|[^\s]/gu;

/**
 * Tokens of a Korean sentence, offsets shifted by `offset`.
 *
 * @example
 * tokenizeKorean('삼성전자는 NVIDIA의 GPU를 샀다', 0).map((t) => t.surface)
 * // ['삼성전자', '는', 'NVIDIA', '의', 'GPU', '를', '샀다']
 */
export function tokenizeKorean(text: string, offset: number): Token[] {
  const out: Token[] = [];
  let prevEnd = -1;
  let prevKind: 'latin' | 'number' | 'other' = 'other';
  for (const m of text.matchAll(RUN)) {
    const run = m[0];
    const at = offset + m.index!;
    const glued = m.index === prevEnd;
    const after = prevKind;
    prevEnd = m.index! + run.length;
    prevKind = /^[0-9]/.test(run) ? 'number' : /^[A-Za-z]/.test(run) ? 'latin' : 'other';
    if (glued && after === 'number' && /^[만억조천백]/.test(run)) {
      // 26만, 30억: a numeral scale, possibly with a particle after it (26만의).
      const scale = /^[만억조천백]+/.exec(run)![0];
      out.push({ surface: scale, lemma: scale, pos: 'number', detail: 'scale', start: at, end: at + scale.length });
      if (scale.length < run.length) out.push(...tokenizeKorean(run.slice(scale.length), at + scale.length));
      prevKind = 'number';
    } else if (glued && after === 'latin' && PARTICLE_SET.has(run)) {
      // NVIDIA의, GPU를: the stem is the Latin run before.
      out.push({ surface: run, lemma: run, pos: 'particle', detail: null, start: at, end: at + run.length });
    } else if (HANGUL.test(run[0]!)) {
      const { stem, rest, kind } = splitEojeol(run);
      const lemma = stem.length > 2 && stem.endsWith('들') ? stem.slice(0, -1) : stem; // 기업들 → 기업
      const stemPos = kind === 'predicate' ? 'noun' : kind === 'particle' ? 'noun' : looksLikePredicate(stem) ? 'verb' : 'noun';
      out.push({ surface: stem, lemma: matchForm(lemma), pos: stemPos, detail: null, start: at, end: at + stem.length });
      if (rest)
        out.push({
          surface: rest,
          lemma: rest,
          pos: kind === 'predicate' ? 'verb' : 'particle',
          detail: null,
          start: at + stem.length,
          end: at + run.length,
        });
    } else if (/^[0-9]/.test(run)) {
      out.push({ surface: run, lemma: run.replace(/,/g, ''), pos: 'number', detail: null, start: at, end: at + run.length });
    } else if (/^[A-Za-z]/.test(run)) {
      out.push({ surface: run, lemma: matchForm(run), pos: /[A-Z]/.test(run[0]!) ? 'proper' : 'foreign', detail: null, start: at, end: at + run.length });
    } else if (/\p{Script=Han}/u.test(run)) {
      out.push({ surface: run, lemma: run, pos: 'noun', detail: null, start: at, end: at + run.length });
    } else {
      out.push({ surface: run, lemma: run, pos: 'symbol', detail: null, start: at, end: at + run.length });
    }
  }
  return out;
}

// Verb and adjective endings, for eojeol that are not noun + particle.
function looksLikePredicate(w: string): boolean {
  return /(다|요|며|고|서|면|지|게|는데|니다|었|았|겠)$/.test(w) && w.length >= 2;
}
