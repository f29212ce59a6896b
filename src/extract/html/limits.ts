/**
 * Bounds on HTML (and XML) before a parser sees it. Tree builders do work
 * per tag that grows with the depth of the open-element stack (parse5's
 * scope checks, htmlparser2's end-tag search) and with the number of
 * attributes on a tag (duplicate checks), so 200,000 nested `<div>`s, 2 MB
 * far under the body-size cap, kept parse5 busy for minutes.
 *
 * `capHtml` is one linear pass over the markup that keeps it as it is up to
 * `maxDepth` open elements, `maxElements` elements and `maxAttributes`
 * attributes per tag, and past those limits drops the tags but keeps their
 * text: the main text survives, its structure down there does not (it
 * carries no meaning at such depths; real pages nest a few dozen levels).
 * The depth it tracks follows the HTML rules that matter for real pages
 * (void elements, raw-text elements, `<p>`/`<li>`/`<td>` closed by their
 * successors, end tags that close what is open above them).
 */

export interface MarkupLimits {
  /** Open elements deeper than this lose their tags (their text stays). */
  maxDepth: number;
  /** Tags (and comments) past this many lose their tags (text stays). */
  maxElements: number;
  /** Attributes past this many on one tag are dropped. */
  maxAttributes: number;
}

export const HTML_LIMITS: MarkupLimits = { maxDepth: 256, maxElements: 100_000, maxAttributes: 256 };
/** Feeds are wide rather than deep: many items, few levels. */
export const XML_LIMITS: MarkupLimits = { maxDepth: 256, maxElements: 1_000_000, maxAttributes: 256 };

export interface CappedMarkup {
  markup: string;
  /** Tags (and comments) removed by the limits; 0 when the input was within them and is returned unchanged. */
  droppedTags: number;
  /** Which limits were reached. */
  reached: ('depth' | 'elements' | 'attributes')[];
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'basefont', 'bgsound', 'frame', 'image']);
// Their content is text up to the matching end tag (parse5 runs with scripting on, so <noscript> is too).
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript']);
// Start tags that close an open <p> (HTML's "close a p element" list, the common part).
const CLOSES_P = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'details', 'dialog', 'dir', 'div', 'dl', 'fieldset', 'figcaption', 'figure',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section',
  'summary', 'table', 'ul', 'li', 'dd', 'dt',
]);
// A start tag that implies the end of an open sibling of these names.
const CLOSES_SIBLING: Record<string, readonly string[]> = {
  li: ['li'], dt: ['dt', 'dd'], dd: ['dt', 'dd'], tr: ['td', 'th', 'tr'], td: ['td', 'th'], th: ['td', 'th'],
  option: ['option'], optgroup: ['option', 'optgroup'], thead: ['tbody', 'tfoot'], tbody: ['thead', 'tfoot'], tfoot: ['thead', 'tbody'],
};

const isNameStart = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;

/**
 * Cap depth, element count and attributes per tag; linear in the input.
 *
 * @example
 * const deep = '<div>'.repeat(100_000) + 'text' + '</div>'.repeat(100_000);
 * const { markup, reached } = capHtml(`<body>${deep}</body>`);
 * reached; // ['depth']; markup holds 256 levels and 'text'
 */
export function capHtml(input: string, limits: MarkupLimits = HTML_LIMITS, opts: { xml?: boolean } = {}): CappedMarkup {
  const xml = opts.xml === true;
  const out: string[] = [];
  const stack: string[] = [];
  // Start tags dropped by a limit, by name: their end tags go too.
  const droppedOpen = new Map<string, number>();
  const reached = new Set<'depth' | 'elements' | 'attributes'>();
  let foreign = 0; // open <svg>/<math> on the stack: there `/>` closes the element, as in XML
  let elements = 0;
  let dropped = 0;
  let copied = 0; // input before this index is already in `out`
  const n = input.length;
  const cut = (from: number, to: number, replacement = '') => {
    out.push(input.slice(copied, from), replacement);
    copied = to;
  };
  const countOrDrop = (from: number, to: number): boolean => {
    if (elements >= limits.maxElements) {
      reached.add('elements');
      dropped++;
      cut(from, to);
      return false;
    }
    elements++;
    return true;
  };

  let i = input.indexOf('<');
  while (i >= 0 && i < n - 1) {
    const next = input.charCodeAt(i + 1);
    if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
      // Comment, CDATA, doctype or processing instruction: skipped over whole.
      let end: number;
      if (input.startsWith('<!--', i)) end = endOf(input, '-->', i + 4);
      else if (input.startsWith('<![CDATA[', i)) end = endOf(input, ']]>', i + 9);
      else end = endOf(input, '>', i + 2);
      countOrDrop(i, end);
      i = input.indexOf('<', end);
      continue;
    }
    const closing = next === 0x2f; /* / */
    const nameAt = closing ? i + 2 : i + 1;
    if (nameAt >= n || !isNameStart(input.charCodeAt(nameAt))) {
      i = input.indexOf('<', i + 1); // a literal '<' in text
      continue;
    }
    let j = nameAt;
    while (j < n && !isSpace(input.charCodeAt(j)) && input.charCodeAt(j) !== 0x2f && input.charCodeAt(j) !== 0x3e) j++;
    const name = xml ? input.slice(nameAt, j) : input.slice(nameAt, j).toLowerCase();
    const tag = scanTag(input, j, limits.maxAttributes);
    const end = tag.end;

    if (closing) {
      const pending = droppedOpen.get(name) ?? 0;
      if (pending > 0) {
        droppedOpen.set(name, pending - 1);
        dropped++;
        cut(i, end);
      } else {
        const at = stack.lastIndexOf(name);
        if (at < 0) {
          // An end tag with nothing open to close (or that the stack here models differently): left to the
          // parser, which ignores it or makes an empty <p> or <br> of it, and so counts as an element.
          countOrDrop(i, end);
        } else {
          for (let k = stack.length - 1; k >= at; k--) if (stack[k] === 'svg' || stack[k] === 'math') foreign--;
          stack.length = at;
        }
      }
      i = input.indexOf('<', end);
      continue;
    }

    if (!xml) closeImplied(stack, name);
    const selfClosing = tag.selfClosing && (xml || foreign > 0);
    const opens = !selfClosing && (xml || !VOID.has(name));
    if (opens && stack.length >= limits.maxDepth) {
      reached.add('depth');
      droppedOpen.set(name, (droppedOpen.get(name) ?? 0) + 1);
      dropped++;
      cut(i, end);
    } else if (!countOrDrop(i, end)) {
      if (opens) droppedOpen.set(name, (droppedOpen.get(name) ?? 0) + 1);
    } else {
      if (tag.attributesCut !== null) {
        reached.add('attributes');
        cut(tag.attributesCut, end, tag.selfClosing ? '/>' : '>');
      }
      if (opens) {
        stack.push(name);
        if (name === 'svg' || name === 'math') foreign++;
      }
    }
    if (!xml && opens && RAW_TEXT.has(name)) {
      // The element's content is text: jump to its end tag (kept in place for the loop to pop).
      const close = findEndTag(input, name, end);
      i = close;
      continue;
    }
    i = input.indexOf('<', end);
  }
  if (copied === 0) return { markup: input, droppedTags: 0, reached: [] };
  out.push(input.slice(copied));
  return { markup: out.join(''), droppedTags: dropped, reached: [...reached] };
}

/** Index just past `needle` found from `from`, or the end of the input. */
function endOf(s: string, needle: string, from: number): number {
  const at = s.indexOf(needle, from);
  return at < 0 ? s.length : at + needle.length;
}

/**
 * From just after a tag name to just past its `>`, honouring quoted
 * attribute values; also where attributes past `maxAttributes` begin.
 */
function scanTag(s: string, from: number, maxAttributes: number): { end: number; selfClosing: boolean; attributesCut: number | null } {
  const n = s.length;
  let i = from;
  let count = 0;
  let attributesCut: number | null = null;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 0x3e /* > */) return { end: i + 1, selfClosing: s.charCodeAt(i - 1) === 0x2f, attributesCut };
    if (isSpace(c) || c === 0x2f) {
      i++;
      continue;
    }
    // An attribute: a name, then maybe = and a value.
    if (count === maxAttributes && attributesCut === null) attributesCut = i;
    count++;
    while (i < n && !isSpace(s.charCodeAt(i)) && s.charCodeAt(i) !== 0x3e && s.charCodeAt(i) !== 0x2f && s.charCodeAt(i) !== 0x3d) i++;
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    if (s.charCodeAt(i) !== 0x3d /* = */) continue;
    i++;
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    const q = s.charCodeAt(i);
    if (q === 0x22 || q === 0x27) {
      const close = s.indexOf(q === 0x22 ? '"' : "'", i + 1);
      i = close < 0 ? n : close + 1;
    } else {
      while (i < n && !isSpace(s.charCodeAt(i)) && s.charCodeAt(i) !== 0x3e) i++;
    }
  }
  return { end: n, selfClosing: false, attributesCut };
}

/** Where `</name` (any case) next begins after `from`, or the end of the input. */
function findEndTag(s: string, name: string, from: number): number {
  let i = s.indexOf('</', from);
  while (i >= 0) {
    if (s.slice(i + 2, i + 2 + name.length).toLowerCase() === name) {
      const after = s.charCodeAt(i + 2 + name.length);
      if (Number.isNaN(after) || isSpace(after) || after === 0x3e || after === 0x2f) return i;
    }
    i = s.indexOf('</', i + 2);
  }
  return s.length;
}

/** End what a start tag implicitly ends: an open <p> before a block, a <li> before the next <li> …. */
function closeImplied(stack: string[], name: string): void {
  const siblings = CLOSES_SIBLING[name];
  if (siblings) {
    // Only the innermost few: an implied end never reaches past the enclosing list or table.
    const top = stack[stack.length - 1];
    if (top === 'p' && CLOSES_P.has(name)) stack.pop();
    for (let k = 0; k < 2; k++) {
      const t = stack[stack.length - 1];
      if (t !== undefined && siblings.includes(t)) stack.pop();
      else break;
    }
    return;
  }
  if (CLOSES_P.has(name) && stack[stack.length - 1] === 'p') stack.pop();
}
