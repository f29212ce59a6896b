/**
 * Output sanity: what extract hands on must read like prose. Script or
 * style text that leaked into the body (a bundler's inline <script> printed
 * as text, CSS in a <div>), and minified data, are caught here before
 * anything downstream counts its "figures" or summarises it.
 *
 * The rule (docs/fetching.md, "Output sanity"):
 *  - a block is code when its make-up is code: many of `{ } ( ) ; = < > [ ] $ \`
 *    among its characters together with code words (`function(`, `=>`,
 *    `var `, `window.`, `return` …) or CSS declarations, or long runs with
 *    neither a space nor a sentence end; such a block is dropped (rule `code`).
 *    Text that the page shows as code (<pre>, <code>) is exempt: tech
 *    articles quote code on purpose.
 *  - a document whose body is then (nearly) all code, or whose text is far
 *    longer than the page's visible text, is rejected: `not-an-article`
 *    with the reason, never stored.
 */
import { weightedLength } from './html/text.js';

export interface CodeVerdict {
  code: boolean;
  /** Why, for the dropped record: `braces and code words`, `css`, `long unbroken runs`. */
  why: string | null;
}

const SYMBOL = /[{}()[\];=<>$\\]/g;
const LONG_RUN = /[^\s\u3000-\u30ff\u3400-\u9fff\uac00-\ud7af\uff00-\uffef]{80,}/g;
const CODE_KEYWORDS = new Set('var let const function return if else for while new this typeof null undefined true false async await import export class extends try catch throw switch case break default void delete in of instanceof'.split(' '));
const SENTENCE_END = /[.!?。！？](?=\s|$|["”’)」』])/g;

// The CSS counts below are scanners: as regexes (/[\w-]+\s*:\s*[^;{}]{1,60};/g and
// /[.#@]?[\w-]+[^{};]{0,60}\{[^{}]{0,300}\}/g) they tried up to 60 characters from each word and each
// `.` of a long text. A match can only start where a run of [\w-] starts (or at the `.#@` just before it,
// which ends the same), and a word's run is never given back, so each run is tried once.
const isCssWord = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45;
const isSpace = (c: string) => c.trim() === '';

/** The next index at or after `from` of one of `chars`, or -1; `from` must not decrease between calls (one pass in all). */
function nextOf(s: string, chars: string): (from: number) => number {
  let found = -1;
  return (from) => {
    if (found < from) {
      found = from;
      while (found < s.length && !chars.includes(s[found]!)) found++;
    }
    return found < s.length ? found : -1;
  };
}

const isIdentifier = (c: number) => isCssWord(c) && c !== 45 || c === 36;

/**
 * How many code words and operators (`function f(`, `=>`, `const x =`, `return …;`, `===`, `&&` …) are in
 * `text`: the matches of one alternation of them, counted as a global regex would (leftmost first, no
 * overlaps). Two alternatives are found in code: /\bfunction\s*(?:\*\s*)?(?:[\w$]+\s*)?\(/, which as a
 * regex read the identifier after every `$function` of a long `function$function$…` run again
 * (quadratic), and /\breturn\b[^.!?。]{0,40}[;}]/, whose 40-character window the regex checker
 * cannot tell from a polynomial one.
 *
 * @example
 * countCodeWords('function f(a) { return a === 1; }') // 3
 */
export function countCodeWords(text: string): number {
  const rest =
    /=>|\b(?:var|const|let)\s+[\w$]+\s*=|\bwindow\.|\bdocument\.(?:get|query|create|write)|\bthis\.[\w$]+\s*[=(]|\.push\(|!function|\btypeof\b|\bundefined\b|\bnew\s+[A-Z]\w*\(|\bimport\s*\(|\brequire\(|\bmodule\.exports\b|__webpack|\bJSON\.parse\(|===|!==|&&|\|\|/g;
  const word = /\bfunction/g;
  const returnWord = /\breturn\b/g;
  const n = text.length;
  // The identifier run last read, and where the spaces after it end: starts inside one run share it.
  const run = { from: -1, to: -1, after: -1 };
  const skipSpaces = (k: number) => {
    while (k < n && isSpace(text[k]!)) k++;
    return k;
  };
  // Where `function …(` ends, for the word `function` ending at `k`, or -1.
  const callEnd = (k: number): number => {
    k = skipSpaces(k);
    if (text[k] === '*') k = skipSpaces(k + 1);
    if (k < n && isIdentifier(text.charCodeAt(k))) {
      if (k < run.from || k >= run.to) {
        run.from = k;
        run.to = k;
        while (run.to < n && isIdentifier(text.charCodeAt(run.to))) run.to++;
        run.after = skipSpaces(run.to);
      }
      k = run.after;
    }
    return text[k] === '(' ? k + 1 : -1;
  };
  const nextFunction = (from: number): { start: number; end: number } | null => {
    word.lastIndex = from;
    for (let m = word.exec(text); m; m = word.exec(text)) {
      const end = callEnd(m.index + m[0].length);
      if (end >= 0) return { start: m.index, end };
    }
    return null;
  };
  // `return`, then up to 40 characters that end no sentence, the last of them a `;` or `}`.
  const nextReturn = (from: number): { start: number; end: number } | null => {
    returnWord.lastIndex = from;
    for (let m = returnWord.exec(text); m; m = returnWord.exec(text)) {
      const k = m.index + m[0].length;
      let end = -1;
      for (let i = k; i <= k + 40 && i < n; i++) {
        if (text[i] === ';' || text[i] === '}') end = i + 1;
        else if ('.!?。'.includes(text[i]!)) break;
      }
      if (end >= 0) return { start: m.index, end };
    }
    return null;
  };
  const nextRest = (from: number): { start: number; end: number } | null => {
    rest.lastIndex = from;
    const m = rest.exec(text);
    return m ? { start: m.index, end: m.index + m[0].length } : null;
  };
  // The leftmost match wins (no two of these can start at the same place, but `function …(` would: it comes first).
  const finders = [nextFunction, nextRest, nextReturn];
  const hits = finders.map((next) => next(0));
  let count = 0;
  for (;;) {
    let best: { start: number; end: number } | null = null;
    for (const h of hits) if (h && (!best || h.start < best.start)) best = h;
    if (!best) return count;
    count++;
    const at = best.end;
    hits.forEach((h, i) => {
      if (h && h.start < at) hits[i] = finders[i]!(at);
    });
  }
}

/** Where the run of CSS word characters (`[\w-]`) starting at `i` ends; `i` when there is none. */
function cssWordEnd(text: string, i: number): number {
  let end = i;
  while (end < text.length && isCssWord(text.charCodeAt(end))) end++;
  return end;
}

/**
 * How many declarations (`color: red;`) /[\w-]+\s*:\s*[^;{}]{1,60};/g finds in `text`.
 *
 * @example
 * countCssDeclarations('.a{color:red;margin:0}') // 1
 */
export function countCssDeclarations(text: string): number {
  const nextStop = nextOf(text, ';{}');
  let count = 0;
  let i = 0;
  while (i < text.length) {
    const end = cssWordEnd(text, i);
    if (end === i) {
      i++;
      continue;
    }
    let colon = end;
    while (colon < text.length && isSpace(text[colon]!)) colon++;
    i = end;
    if (text[colon] !== ':') continue;
    const stop = nextStop(colon + 1);
    if (stop < 0 || text[stop] !== ';') continue;
    // The value: 1 to 60 characters after the spaces that follow the colon (spaces only will do).
    const length = stop - colon - 1;
    let spaces = 0;
    while (spaces < length && isSpace(text[colon + 1 + spaces]!)) spaces++;
    if (length < 1 || (spaces < length && length - spaces > 60)) continue;
    count++;
    i = stop + 1;
  }
  return count;
}

/**
 * How many rules (`.a b { … }`) /[.#@]?[\w-]+[^{};]{0,60}\{[^{}]{0,300}\}/g finds in `text`.
 *
 * @example
 * countCssRules('.a{color:red} #b p{margin:0}') // 2
 */
export function countCssRules(text: string): number {
  const nextStop = nextOf(text, '{};');
  const nextBrace = nextOf(text, '{}');
  let count = 0;
  let i = 0;
  while (i < text.length) {
    const end = cssWordEnd(text, i);
    if (end === i) {
      i++;
      continue;
    }
    i = end;
    const open = nextStop(end);
    if (open < 0 || text[open] !== '{' || open - end > 60) continue;
    const close = nextBrace(open + 1);
    if (close < 0 || text[close] !== '}' || close - open - 1 > 300) continue;
    count++;
    i = close + 1;
  }
  return count;
}

/**
 * Is this block code rather than prose?
 *
 * @example
 * looksLikeCode('!function(e){var t={};function n(r){if(t[r])return t[r].exports}}(window);').code // true
 * looksLikeCode('The minister said (in a statement) that talks would resume; no date was set.').code // false
 */
export function looksLikeCode(text: string): CodeVerdict {
  const len = text.length;
  if (len < 24) return { code: false, why: null };
  const symbols = text.match(SYMBOL)?.length ?? 0;
  // Prose has a symbol in fifty characters at most; every rule below needs more.
  if (symbols / len < 0.02) return { code: false, why: null };
  const words = countCodeWords(text);
  const braces = (text.match(/[{}]/g)?.length ?? 0);
  const css = braces >= 2 ? countCssRules(text) + countCssDeclarations(text) / 3 : 0;
  const density = symbols / len;
  const runs = (text.match(LONG_RUN) ?? []).filter((r) => !/^(?:https?:\/\/|www\.)\S+$/.test(r) && !/^[\p{L}\p{N}'’-]+$/u.test(r));
  const ends = text.match(SENTENCE_END)?.length ?? 0;

  // Prose that quotes markup ("the release contained <img src=x onerror=…> strings") is still prose:
  // real words between the code, or a run of Japanese or Korean, outweigh the code tokens.
  let plain = 0;
  let codeTokens = 0;
  let cjk = 0;
  for (const t of text.split(/\s+/)) {
    if (!t) continue;
    if (/[{}();=<>$\\[\]]/.test(t)) codeTokens++;
    else if (/^[\p{L}\p{M}'’-]+[.,!?;:。、！？」』"”]*$/u.test(t) && !CODE_KEYWORDS.has(t.toLowerCase())) {
      plain++;
      cjk += t.match(/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/g)?.length ?? 0;
    }
  }
  if ((plain >= 5 && plain >= codeTokens) || cjk >= 12) return { code: false, why: null };

  if (density >= 0.06 && (words >= 2 || braces >= 4) && words + braces >= len / 120) return { code: true, why: 'braces and code words' };
  if (words >= 3 && words >= len / 60) return { code: true, why: 'code words' };
  if (css >= 2 && braces >= 2 && css >= len / 150) return { code: true, why: 'css' };
  if (runs.length > 0 && runs.join('').length >= len * 0.5 && density >= 0.02) return { code: true, why: 'long unbroken runs' };
  if (len >= 400 && ends === 0 && density >= 0.05 && braces + words >= 6) return { code: true, why: 'no sentence ends' };
  return { code: false, why: null };
}

export interface SanityInput {
  blocks: readonly { text: string; code?: boolean }[];
  /** Weighted length of the text a reader sees on the page (HTML only). */
  visibleLength?: number | null;
  /** The body came from the page's JSON-LD articleBody, not its visible text. */
  fromStatedBody?: boolean;
}

export type SanityResult =
  | { ok: true; codeBlocks: { index: number; why: string }[] }
  | { ok: false; reason: string; codeBlocks: { index: number; why: string }[] };

/**
 * @example
 * const s = checkSanity({ blocks, visibleLength: 5700 });
 * if (!s.ok) return skip('extract', 'not-an-article', `${uri}: ${s.reason}`);
 */
export function checkSanity(input: SanityInput): SanityResult {
  const codeBlocks: { index: number; why: string }[] = [];
  let total = 0;
  let code = 0;
  let shownCode = 0;
  input.blocks.forEach((b, index) => {
    const len = weightedLength(b.text);
    total += len;
    if (b.code) {
      shownCode += len;
      return;
    }
    const v = looksLikeCode(b.text);
    if (v.code) {
      codeBlocks.push({ index, why: v.why! });
      code += len;
    }
  });
  const prose = total - code - shownCode;
  if (total > 0 && code > 0 && prose < Math.max(200, total * 0.1)) {
    return { ok: false, reason: `sanity: the extracted text is code, not prose (${pct(code / total)} of ${total} characters look like script or style)`, codeBlocks };
  }
  if (total > 0 && shownCode > 0 && prose < Math.min(300, total * 0.15)) {
    return { ok: false, reason: `sanity: the page is a code listing with almost no prose (${pct(shownCode / total)} code)`, codeBlocks };
  }
  const visible = input.visibleLength;
  if (visible !== undefined && visible !== null && !input.fromStatedBody && total - code > visible * 1.5 + 2000) {
    return { ok: false, reason: `sanity: the extracted text (${total - code} characters) is far longer than the page's visible text (${visible})`, codeBlocks };
  }
  return { ok: true, codeBlocks };
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
