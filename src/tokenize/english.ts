import { matchForm } from '../normalise/match-form.js';
import type { Token } from '../records.js';

const FUNCTION_WORDS = new Set(
  `a an the and or but nor so yet of to in on at by for with from into onto over under about after before between through during without within
   as than that this these those which who whom whose what when where why how is are was were be been being am do does did done have has had
   having will would shall should can could may might must it its it's they them their theirs he him his she her hers we us our ours you your
   yours i me my mine not no if then there here also just only very too more most such each other any some all both either neither one up out
   off again further once said says say per via while because although though since until unless whether`.split(/\s+/),
);

// Words (with inner apostrophes and hyphens), numbers with separators, currency and percent signs, single symbols.
const WORD = /(?:[A-Za-z]\.){2,}|[A-Za-z\u00C0-\u024F]+(?:['’-][A-Za-z\u00C0-\u024F]+)*|[0-9]+(?:[.,][0-9]+)*|\S/g;

/**
 * Tokens of an English sentence, offsets shifted by `offset`. Possessive `'s`
 * is split from its owner so that `Samsung's` matches `Samsung`.
 *
 * @example
 * tokenizeEnglish("Samsung's 50,000 GPUs", 0).map((t) => t.surface) // ['Samsung', "'s", '50,000', 'GPUs']
 */
export function tokenizeEnglish(text: string, offset: number): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const w = m[0];
    const at = offset + m.index!;
    if (/^[0-9]/.test(w)) {
      out.push({ surface: w, lemma: w.replace(/,/g, ''), pos: 'number', detail: null, start: at, end: at + w.length });
      continue;
    }
    if (!/\p{L}/u.test(w)) {
      out.push({ surface: w, lemma: w, pos: 'symbol', detail: null, start: at, end: at + w.length });
      continue;
    }
    const poss = /^(.+?)(['’]s)$/i.exec(w);
    const word = poss ? poss[1]! : w;
    const lower = matchForm(word);
    const isFunction = FUNCTION_WORDS.has(lower);
    const capitalised = /^\p{Lu}/u.test(word);
    out.push({
      surface: word,
      lemma: lower,
      pos: isFunction ? 'function' : capitalised ? 'proper' : 'word',
      detail: null,
      start: at,
      end: at + word.length,
    });
    if (poss) out.push({ surface: poss[2]!, lemma: "'s", pos: 'particle', detail: null, start: at + word.length, end: at + w.length });
  }
  return out;
}

/** Whether `lemma` is an English function word (for content-word filters). */
export const isEnglishFunctionWord = (lemma: string): boolean => FUNCTION_WORDS.has(lemma);
