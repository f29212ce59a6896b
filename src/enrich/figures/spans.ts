/*
 * Spans of text in which no amount is read (URLs, e-mail addresses, dates),
 * found and queried in time linear in the text: a page of hostile input
 * (400 KB of digits, a 5 MB line without spaces) must cost what a page of
 * prose costs. No regex here may backtrack over an unbounded run.
 */

export interface TextSpan {
  start: number;
  end: number;
}

const URL_START = /\b(?:https?:\/\/|www\.)/g;
// Characters that end a URL in running text: whitespace, angle brackets, quotes, closing brackets of both widths.
const URL_STOP = new Set([...' \t\n\r\f\v<>"）)」』】\u3000']);
const isLocalChar = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 43 || c === 45; // \w . + -
const isDomainChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45 || c === 46; // \w - .

/**
 * URLs (`https://…`, `www.…`) and e-mail addresses in `f`, sorted and
 * without overlaps. Each character is looked at a bounded number of times:
 * a URL is scanned once from its prefix to its first stop character, and an
 * address is grown outwards from its `@` over characters that cannot
 * contain another `@`.
 *
 * @example
 * addressSpans('see https://x.jp/a?id=30 or a.b@c.jp') // [{ start: 4, end: 24 }, { start: 28, end: 36 }]
 */
export function addressSpans(f: string): TextSpan[] {
  const out: TextSpan[] = [];
  URL_START.lastIndex = 0;
  let m: RegExpExecArray | null;
  let from = 0;
  while ((m = URL_START.exec(f))) {
    if (m.index < from) continue;
    let end = m.index + m[0].length;
    while (end < f.length && !URL_STOP.has(f[end]!)) end++;
    if (end > m.index + m[0].length) out.push({ start: m.index, end });
    from = end;
    URL_START.lastIndex = Math.max(end, m.index + 1);
  }
  for (let at = f.indexOf('@'); at >= 0; at = f.indexOf('@', at + 1)) {
    let s = at;
    while (s > 0 && isLocalChar(f.charCodeAt(s - 1))) s--;
    if (s === at) continue;
    // The domain: a label, a dot, then more labels (the regex this replaces: [\w-]+\.[\w.]+).
    let e = at + 1;
    while (e < f.length && (isDomainChar(f.charCodeAt(e)) && f[e] !== '.')) e++;
    if (e === at + 1 || f[e] !== '.') continue;
    let k = e + 1;
    while (k < f.length && isDomainChar(f.charCodeAt(k))) k++;
    if (k === e + 1) continue;
    out.push({ start: s, end: k });
  }
  return mergeSpans(out);
}

/**
 * Sort spans and merge the ones that overlap or touch.
 *
 * @example
 * mergeSpans([{ start: 5, end: 9 }, { start: 0, end: 6 }]) // [{ start: 0, end: 9 }]
 */
export function mergeSpans(spans: readonly TextSpan[]): TextSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: TextSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

/**
 * Whether [start, end) overlaps a span of `merged` (sorted, disjoint, as
 * `mergeSpans` returns them), by binary search.
 *
 * @example
 * overlapsAny(mergeSpans([{ start: 10, end: 20 }]), 15, 30) // true
 */
export function overlapsAny(merged: readonly TextSpan[], start: number, end: number): boolean {
  let lo = 0;
  let hi = merged.length;
  // The first span whose end is past `start`.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (merged[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  const s = merged[lo];
  return s !== undefined && s.start < end;
}

/**
 * A set of taken character positions, for "does this new span overlap one
 * already taken" in time proportional to the span, not to what was taken.
 */
export class TakenSpans {
  private readonly taken: Uint8Array;
  constructor(length: number) {
    this.taken = new Uint8Array(length);
  }
  overlaps(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.taken[i]) return true;
    return false;
  }
  take(start: number, end: number): void {
    this.taken.fill(1, start, end);
  }
}
