/**
 * The match form of a string: what comparisons, hashing and dedupe look at.
 * The original text is kept for display; this form is never shown.
 *
 * NFKC folds full-width digits and Latin (２０２５ → 2025, ＮＶＩＤＩＡ → NVIDIA) and
 * half-width katakana; then markdown emphasis, zero-width characters, quote and
 * dash variants and runs of whitespace are folded, and Latin is lower-cased.
 *
 * @example
 * matchForm('**ＮＶＩＤＩＡ**は　２６万台…') // 'nvidiaは 26万台...'
 */
export function matchForm(s: string): string {
  return withEmphasisUnwrapped(s.normalize('NFKC').replace(ZERO_WIDTH, ''))
    .replace(/[‘’‚‛]/g, "'")
    .replace(/[“”„‟]/g, '"')
    .replace(/[‐‑‒–—―−]/g, '-')
    .replace(/…/g, '...')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

const unwrap = (_m: string, _a?: string, double?: string, _b?: string, single?: string) => double ?? single ?? '';
/**
 * EMPHASIS looks from every marker for its closer, so its cost is markers × length: fine for prose, which
 * has a few, quadratic for a line of a million asterisks. Past MAX_MARKERS, markers are left as they are.
 */
const MAX_MARKERS = 64;
function withEmphasisUnwrapped(s: string): string {
  let markers = 0;
  for (let i = 0; i < s.length && markers <= MAX_MARKERS; i++) if (s.charCodeAt(i) === 0x2a || s.charCodeAt(i) === 0x5f) markers++;
  return markers === 0 || markers > MAX_MARKERS ? s : s.replace(EMPHASIS, unwrap);
}
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
// `**x**` and `__x__` anywhere (CJK runs straight on: `**韓国**は`); single `*x*` and `_x_` only at
// word edges, so that snake_case and 2*3*4 survive.
const EMPHASIS = /(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\p{L}\p{N}*])(\*|_)(?=\S)(.+?)(?<=\S)\3(?![\p{L}\p{N}*])/gu;

/**
 * Display clean-up: keeps the author's characters but removes markdown
 * emphasis markers and invisible characters and trims whitespace runs.
 *
 * @example
 * displayForm('**アジア市場**の  動向') // 'アジア市場の 動向'
 */
export function displayForm(s: string): string {
  return withEmphasisUnwrapped(s.replace(ZERO_WIDTH, '')).replace(/[ \t\u00A0\u3000]{2,}/g, ' ').trim();
}
