/**
 * The main-text extractor: prune site chrome, score the text-bearing
 * elements, pick the element that holds the article (plus its related
 * siblings), clean it, and emit blocks in reading order.
 *
 * The scoring idea is the one readability made familiar (prose votes for its
 * ancestors; links, lists of links and chrome-like class names vote against),
 * re-derived here with CJK-aware lengths and punctuation, one pass for
 * statistics, and no DOM mutation: removed elements live in a set.
 */
import { BREADCRUMB_LINE, CAPTION_LINE, COPYRIGHT_LINE, CREDIT_LINE, PAYWALL_LINE, REPORTER_LINE } from '../lines.js';
import { looksLikeCode } from '../sanity.js';
import { attr, isElement, isText, rawText, type AnyNode, type Element, type ParentNode } from './dom.js';
import { collapseSpace, countCommas, endsSentence, similarity, weightedLength } from './text.js';

export type BlockKind = 'heading' | 'paragraph' | 'list' | 'quote';
export interface ContentBlock {
  text: string;
  kind: BlockKind;
  /** Shown as code by the page (<pre>): exempt from the sanity check's code rule. */
  code?: boolean;
  /** The table or list the block is a row or item of (`table:2`, `list:5`): repeated rows are content. */
  group?: string;
}
export interface DroppedChrome {
  text: string;
  detail: string;
}
export interface ContentResult {
  blocks: ContentBlock[];
  dropped: DroppedChrome[];
  /** A byline found in the page (and removed from the body). */
  byline: string | null;
  /** Weighted length of the text a reader sees on the page (scripts, styles and hidden elements aside). */
  visibleLength: number;
}

/** Never text: dropped without a report. */
const SILENT = new Set([
  'script', 'style', 'noscript', 'template', 'link', 'meta', 'head', 'title', 'svg', 'canvas', 'iframe', 'object',
  'embed', 'input', 'select', 'textarea', 'button', 'option', 'datalist', 'map', 'audio', 'video', 'source', 'track',
  'picture', 'img', 'math', 'dialog',
]);
/** Chrome by element name. */
const CHROME_TAGS: Record<string, string> = { nav: 'navigation', aside: 'sidebar', footer: 'footer', menu: 'navigation' };
const CHROME_ROLES: Record<string, string> = {
  navigation: 'navigation', menu: 'navigation', menubar: 'navigation', complementary: 'sidebar', banner: 'header',
  contentinfo: 'footer', dialog: 'popup', alert: 'popup', alertdialog: 'popup', search: 'navigation',
};

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dir', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'li',
  'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th',
  'ul', 'caption', 'noscript',
]);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Class/id words that mark chrome strongly enough to remove the element outright. */
const HARD_CHROME =
  /comment|disqus|\brespond\b|replies|outbrain|taboola|zergnet|share-?(bar|buttons?|tools?|links?)|social-?(share|links?|buttons?|media)|sns-?(share|btn|buttons?)|cookie|consent|gdpr|newsletter|related-?(posts?|articles?|stories|content|links|news)|recommend|\bads?[-_]?(in[-_]?)?(slot|unit|container|wrapper|box|article|content|text|body|post)|advert|sponsor/i;
/** Class/id words that suggest chrome; removed unless an article-ish word is also there. */
const SOFT_CHROME =
  /pankuzu|topic-?path|\bbread|share|sharing|social|\bsns\b|related|ranking|popular|trending|more-?stories|read-?more|sidebar|side-?bar|widget|\bads?\b|\bad[-_]|[-_]ad\b|promo|banner|subscri|signup|sign-up|login|breadcrumb|pagination|pager|popup|modal|overlay|footer|masthead|\bheader|menu|navbar|\bnav\b|navigation|skip-?link|\bprint\b|toolbar|tooltip|\brss\b|combx|shoutbox|skyscraper|agegate|supplemental|\bextra\b|community|remark|legends|gallery|carousel|slideshow|slider/i;
const ARTICLE_WORDS =
  /article|\bbody|content|\bmain|column|entry|\bpost|story|\btext|shadow|kiji|honbun|hentry|news-?view|view-?cont/i;
const POSITIVE =
  /article|\bbody|content|entry|hentry|h-entry|\bmain|page|\bpost|\btext|blog|story|kiji|honbun|news-?(view|body|text)|view-?cont/i;
const NEGATIVE =
  /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|foot|footer|footnote|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|ranking|sns|byline|author|dateline|writtenby/i;
const BYLINE = /byline|author|dateline|writtenby|p-author|reporter|writer|journalist/i;
/** Photo captions and credits: not paragraphs of the article. */
export const CAPTION_MARKS = /(?:^|[\s_-])(?:fig)?caption|wp-caption-text|photo-?credit|image-?credit|img-?credit|(?:^|[\s_-])credits?(?:$|[\s_-])|photo-?desc|img-?desc|image-?desc|media-?credit|cutline/i;
/** A fact check's claim and verdict: the point of the page, whatever box it sits in. */
const CLAIM_MARKS = /claim|verdict|(?:^|[\s_-])rating|fact-?check/i;
/** Japanese sidebars of the day (今日は何の日, きょうの誕生花 …), never the article. */
const TRIVIA_WORDS = /今日は何の日|なんの日|(?:今日|きょう|本日)の(?:誕生花|運勢|占い|名言|ことば|言葉|一枚|一句|できごと|出来事|記念日|天気|誕生日|クイズ|雑学)|誕生花/;
const DAILY_TRIVIA = /^(今日|きょう|本日)(は何の日|の(誕生花|運勢|占い|名言|ことば|言葉|一枚|一句|できごと|出来事|記念日|天気|誕生日|クイズ|雑学))|^(誕生花|今日の記念日|きょうの記念日|なんの日)/;
const MAX_DROPPED_CHARS = 1000;
const AD_LABEL = /^[\s\-–—\[\]()（）]*(advertisement|advertising|sponsored( content)?|ad|ads|pr|広告|スポンサーリンク|광고|AD)[\s\-–—\[\]()（）]*$/i;

interface Stat {
  /** Weighted text length (CJK counts more, see weightedLength). */
  len: number;
  linkLen: number;
  commas: number;
}

/**
 * @example
 * const $ = cheerio.load(html);
 * const { blocks, dropped } = extractContent($.root()[0], { title: 'Headline' });
 */
export function extractContent(root: ParentNode, opts: { title: string | null; lenient?: boolean; keepCaptions?: boolean; pruneCode?: boolean }): ContentResult {
  // The HTML parser always builds <html><body>; a fragment parsed otherwise has no article.
  const body = findBody(root);
  if (!body) return { blocks: [], dropped: [], byline: null, visibleLength: 0 };
  const removed = new Set<AnyNode>();
  const dropped: DroppedChrome[] = [];
  const stats = new Map<AnyNode, Stat>();
  const bodyText = collapseSpace(rawText(body));
  const bodyLen = weightedLength(bodyText);
  // Only a page that names a sidebar of the day pays for looking for one.
  const trivia = TRIVIA_WORDS.test(bodyText);
  let byline: string | null = null;

  const drop = (el: Element, detail: string | null) => {
    const text = detail === null ? '' : spacedText(el, removed);
    removed.add(el);
    // Reported, not archived: a 50 kB comment thread is named by its start.
    if (text) dropped.push({ text: text.length > MAX_DROPPED_CHARS ? `${text.slice(0, MAX_DROPPED_CHARS)} …` : text, detail: detail! });
  };

  // Pass 1: prune chrome, top-down, so a removed subtree is never visited again.
  const prune = (node: ParentNode) => {
    for (const child of node.children) {
      if (!isElement(child)) continue;
      const verdict = judge(child, bodyLen, opts.lenient ?? false, opts.keepCaptions ?? false, opts.pruneCode ?? false, trivia);
      if (verdict === 'silent') {
        removed.add(child);
        continue;
      }
      if (verdict === 'byline') {
        byline ??= collapseSpace(rawText(child)).trim().replace(/^(by|written by)\s+/i, '') || null;
        drop(child, 'byline');
        continue;
      }
      if (verdict !== null) {
        drop(child, verdict);
        continue;
      }
      prune(child);
    }
  };
  prune(body);

  // Pass 2: text statistics for every kept element, bottom-up.
  const measure = (node: AnyNode): Stat => {
    if (isText(node)) {
      const t = node.data;
      const s = { len: weightedLength(collapseSpace(t)), linkLen: 0, commas: countCommas(t) };
      return s;
    }
    if (!isElement(node) || removed.has(node)) return { len: 0, linkLen: 0, commas: 0 };
    const s: Stat = { len: 0, linkLen: 0, commas: 0 };
    for (const c of node.children) {
      const cs = measure(c);
      s.len += cs.len;
      s.linkLen += cs.linkLen;
      s.commas += cs.commas;
    }
    if (node.name === 'a') s.linkLen = s.len;
    stats.set(node, s);
    return s;
  };
  measure(body);
  const stat = (el: Element): Stat => stats.get(el) ?? { len: 0, linkLen: 0, commas: 0 };
  const linkDensity = (el: Element) => {
    const s = stat(el);
    return s.len === 0 ? 0 : Math.min(1, s.linkLen / s.len);
  };

  // Pass 3: prose votes for its ancestors.
  const scores = new Map<Element, number>();
  const initScore = (el: Element): number => {
    let s = scores.get(el);
    if (s === undefined) {
      s = tagBase(el.name) + classWeight(el);
      scores.set(el, s);
    }
    return s;
  };
  const vote = (holder: Element, len: number, commas: number, startAtSelf: boolean) => {
    if (len < 25) return;
    const points = 1 + commas + Math.min(Math.floor(len / 100), 3);
    let anc: ParentNode | null = startAtSelf ? holder : holder.parent;
    for (let level = 0; anc && level < 5; level++) {
      if (!isElement(anc) || anc.name === 'html') break;
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      scores.set(anc, initScore(anc) + points / divider);
      if (anc === body) break;
      anc = anc.parent;
    }
  };
  const visit = (el: Element) => {
    const name = el.name;
    if (name === 'p' || name === 'pre' || name === 'td' || name === 'blockquote') {
      const s = stat(el);
      vote(el, s.len - s.linkLen * 0.5, s.commas, false);
      if (name !== 'td' && name !== 'blockquote') return;
    } else if (name !== 'a' && !HEADINGS.has(name)) {
      // Text written straight into a container is a paragraph the author forgot to tag.
      const inline = inlineStat(el, stats, removed);
      if (inline.len > 0) vote(el, inline.len - inline.linkLen * 0.5, inline.commas, true);
    }
    for (const c of el.children) if (isElement(c) && !removed.has(c)) visit(c);
  };
  visit(body);

  let top: Element | null = null;
  let topScore = -Infinity;
  for (const [el, raw] of scores) {
    const s = raw * (1 - linkDensity(el));
    scores.set(el, s);
    if (s > topScore) {
      top = el;
      topScore = s;
    }
  }
  if (!top) top = body;
  top = commonAncestor(top, topScore, scores, body);
  top = climb(top, scores, stats, body);
  topScore = scores.get(top) ?? topScore;

  // Siblings that belong to the article (a lead paragraph outside the main div, a second column).
  const content: Element[] = [];
  const parent = top.parent;
  if (parent && isElement(parent) && top !== body) {
    const threshold = Math.max(10, topScore * 0.2);
    const topClass = attr(top, 'class') ?? '';
    for (const sib of parent.children) {
      if (!isElement(sib) || removed.has(sib)) continue;
      if (sib === top) {
        content.push(sib);
        continue;
      }
      let bonus = 0;
      if (topClass && attr(sib, 'class') === topClass) {
        // Repeated containers with the article's own class (steps, sections, pages) are the article.
        if (linkDensity(sib) < 0.3 && stat(sib).len > 0) {
          content.push(sib);
          continue;
        }
        bonus = topScore * 0.2;
      }
      const s = scores.get(sib);
      if (s !== undefined && s + bonus >= threshold) {
        content.push(sib);
        continue;
      }
      // Before the article's container: a lead, standfirst or key-points box in a wrapper whose
      // class name scores against it ("lede-box media") is still the article, if it is unlinked prose or a list.
      if (isJustBefore(sib, top) && linkDensity(sib) < 0.1 && stat(sib).len >= 80) {
        if (proseLength(sib) >= 80 || unlinkedItems(sib, removed) >= 2) {
          content.push(sib);
          continue;
        }
      }
      if (sib.name === 'p' || (sib.name === 'div' && !hasBlockChild(sib))) {
        const st = stat(sib);
        const ld = linkDensity(sib);
        const text = collapseSpace(rawText(sib, removed)).trim();
        if ((st.len > 80 && ld < 0.25) || (st.len > 0 && st.len <= 80 && ld === 0 && endsSentence(text))) content.push(sib);
      }
    }
  } else {
    content.push(top);
  }

  // A heading right before the article container (its headline or standfirst) belongs to it;
  // a heading that repeats the title is dropped again below.
  if (content.length > 0) {
    const first = content[0]!;
    const siblings = first.parent ? (first.parent as ParentNode).children : [];
    let i = siblings.indexOf(first) - 1;
    const significant = (n: AnyNode) => isElement(n) || (isText(n) && n.data.trim() !== '');
    while (i >= 0 && !significant(siblings[i]!)) i--;
    const prev = i >= 0 ? siblings[i]! : null;
    if (prev && isElement(prev) && !removed.has(prev) && /^h[1-3]$/.test(prev.name)) content.unshift(prev);
  }

  // Pass 4: clean inside the chosen content.
  for (const el of content) cleanConditionally(el, { removed, stats, scores, drop, isRoot: true });

  // Pass 5: blocks in reading order.
  const blocks: ContentBlock[] = [];
  for (const el of content) emitBlocks(el, removed, blocks);

  // A lone "Advertisement" / 広告 / 광고 label left where an ad slot was emptied; a caption or credit
  // line without a caption element; a breadcrumb trail written as text.
  const lineDrops: DroppedChrome[] = [];
  for (let i = blocks.length - 1; i >= 0; i--) {
    const t = blocks[i]!.text;
    const short = t.length <= 200;
    const detail = AD_LABEL.test(t)
      ? 'ads'
      : (!opts.keepCaptions && t.length <= 300 && CAPTION_LINE.test(t)) || (t.length <= 80 && CREDIT_LINE.test(t))
        ? 'caption'
        : short && BREADCRUMB_LINE.test(t)
          ? 'breadcrumb'
          : short && PAYWALL_LINE.test(t)
            ? 'paywall'
            : t.length <= 80 && REPORTER_LINE.test(t)
              ? 'byline'
              : t.length <= 160 && COPYRIGHT_LINE.test(t)
                ? 'copyright'
                : null;
    if (detail) lineDrops.push({ text: blocks.splice(i, 1)[0]!.text, detail });
  }
  dropped.push(...lineDrops.reverse());

  // The headline repeated as the first heading (or as a short first line in a styled div) is metadata, not body.
  if (opts.title) {
    for (let i = 0; i < Math.min(blocks.length, 4); i++) {
      const b = blocks[i]!;
      if ((b.kind === 'heading' && similarity(b.text, opts.title) >= 0.75) || (i === 0 && b.text.length <= 200 && similarity(b.text, opts.title) >= 0.9)) {
        blocks.splice(i, 1);
        dropped.push({ text: b.text, detail: 'title' });
        break;
      }
    }
  }
  return { blocks, dropped, byline, visibleLength: bodyLen };
}

/** Text of a subtree with a space at every block or list-item boundary, for reports. */
function spacedText(el: Element, removed: ReadonlySet<AnyNode>): string {
  let out = '';
  const walk = (n: AnyNode) => {
    if (isText(n)) out += n.data;
    else if (isElement(n) && !removed.has(n) && !SILENT.has(n.name)) {
      const block = BLOCK.has(n.name) || n.name === 'br' || n.name === 'a';
      if (block) out += '\uE001';
      for (const c of n.children) walk(c);
      if (block) out += '\uE001';
    }
  };
  walk(el);
  // A block boundary is a real separator, even between two CJK characters.
  return collapseSpace(out.replace(/\s*\uE001[\s\uE001]*/g, ' ')).trim();
}

function findBody(root: ParentNode): Element | null {
  const stack: AnyNode[] = [...root.children];
  while (stack.length > 0) {
    const n = stack.shift()!;
    if (!isElement(n)) continue;
    if (n.name === 'body') return n;
    if (n.name === 'html') stack.unshift(...n.children);
  }
  return null;
}

/** What to do with an element before scoring: keep (null), drop silently, or drop as chrome of some kind. */
function judge(el: Element, bodyLen: number, lenient: boolean, keepCaptions = false, pruneCode = false, trivia = false): 'silent' | 'byline' | string | null {
  const name = el.name;
  if (SILENT.has(name)) return 'silent';
  if (el.attribs.hidden !== undefined) return 'silent';
  const style = el.attribs.style;
  if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return 'silent';
  if (el.attribs['aria-hidden'] === 'true' && !/fallback-image/.test(el.attribs.class ?? '')) return 'silent';
  if (name === 'body' || name === 'html' || name === 'main') return null;

  const marks0 = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
  // Second pass after the sanity check found script text in the body: elements of code text go first.
  if (pruneCode && name !== 'pre' && name !== 'code' && !inside(el, ['pre']) && !hasBlockChild(el)) {
    const text = collapseSpace(rawText(el)).trim();
    if (text.length >= 24 && looksLikeCode(text.slice(0, 20_000)).code) return 'code';
  }
  // A fact check's claim and rating box is the article's point, even in an <aside>.
  if (!lenient && CLAIM_MARKS.test(marks0) && !/comment|share|related|rating-?(widget|stars?)|user-?rating/i.test(marks0)) return null;
  if (!keepCaptions && (name === 'figcaption' || (CAPTION_MARKS.test(marks0) && !ARTICLE_WORDS.test(marks0.replace(CAPTION_MARKS, '')) && !inside(el, ['table'])))) {
    const len = weightedLength(collapseSpace(rawText(el)));
    if (len > 0 && len < 1200) return 'caption';
  }
  if (trivia) {
    const firstHeading = firstHeadingText(el);
    if (firstHeading && DAILY_TRIVIA.test(firstHeading) && weightedLength(collapseSpace(rawText(el))) < 2000) return 'sidebar';
  }

  const tagChrome = CHROME_TAGS[name];
  if (tagChrome) return tagChrome;
  const role = (el.attribs.role ?? '').toLowerCase();
  if (role && CHROME_ROLES[role]) return CHROME_ROLES[role]!;

  const marks = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
  if (marks.length > 1 && !lenient) {
    const rel = el.attribs.rel ?? '';
    const itemprop = el.attribs.itemprop ?? '';
    if ((rel === 'author' || /author/.test(itemprop) || BYLINE.test(marks)) && !ARTICLE_WORDS.test(marks.replace(BYLINE, ''))) {
      const text = collapseSpace(rawText(el)).trim();
      // A dateline set inside the lead paragraph ("HONG KONG (Reuters) –") is part of that paragraph.
      const inlineLead = /dateline|location/i.test(marks) && !BLOCK.has(name) && el.parent && isElement(el.parent) && el.parent.name === 'p';
      if (text && text.length < 100 && !inlineLead) return 'byline';
    }
    const hard = HARD_CHROME.exec(marks);
    const soft = hard ? null : SOFT_CHROME.exec(marks);
    if ((hard && name !== 'article') || (soft && !ARTICLE_WORDS.test(marks) && name !== 'a' && !inside(el, ['table', 'code', 'pre']))) {
      // A wrapper holding most of the page is not chrome, whatever its class says;
      // nor is one holding several paragraphs of prose (a modal or tab with the story in it).
      const len = weightedLength(collapseSpace(rawText(el)));
      // Gallery captions are the exception: fifty of them can outweigh the story.
      const gallery = soft !== null && /legends|gallery|carousel|slide/i.test(soft[0]);
      // …unless the captions are the story (a photo story, read again with its captions kept).
      if ((!gallery || keepCaptions) && bodyLen > 0 && len > bodyLen * 0.5) return null;
      if (soft && !gallery && len > 600 && proseLength(el) > 600) return null;
      return category((hard ?? soft)![0]);
    }
  }
  if (name === 'header') {
    // A page header is chrome; an article header (title, byline, standfirst) is not.
    const text = collapseSpace(rawText(el)).trim();
    if (!text) return 'silent';
    return null;
  }
  return null;
}

/** Is `a` the element right before `b` (blank text between them aside)? */
function isJustBefore(a: Element, b: Element): boolean {
  for (let n = b.prev; n; n = n.prev) {
    if (n === a) return true;
    if (isElement(n) || (isText(n) && n.data.trim() !== '')) return false;
  }
  return false;
}

/** List items under `el` that are text, not links. */
function unlinkedItems(el: Element, removed: ReadonlySet<AnyNode>): number {
  let n = 0;
  const walk = (x: Element) => {
    for (const c of x.children) {
      if (!isElement(c) || removed.has(c)) continue;
      if (c.name === 'li') {
        const text = collapseSpace(rawText(c, removed)).trim();
        let linked = false;
        for (const d of c.children) if (isElement(d) && d.name === 'a') linked = true;
        if (text.length >= 15 && !linked) n++;
      } else walk(c);
    }
  };
  walk(el);
  return n;
}

/** Weighted length of the sentence-like paragraphs under `el`. */
function proseLength(el: Element): number {
  let total = 0;
  const walk = (n: Element) => {
    for (const c of n.children) {
      if (!isElement(c)) continue;
      if (c.name === 'p') {
        const t = collapseSpace(rawText(c)).trim();
        const len = weightedLength(t);
        if (len >= 80 && (countCommas(t) > 0 || endsSentence(t))) total += len;
      } else walk(c);
    }
  };
  walk(el);
  return total;
}

/** The text of the first heading inside `el` (or `el` itself when it is one), if it comes early. */
function firstHeadingText(el: Element): string | null {
  if (HEADINGS.has(el.name)) return null;
  let seen = 0;
  const stack: AnyNode[] = [...el.children];
  while (stack.length > 0 && seen < 12) {
    const n = stack.shift()!;
    if (!isElement(n)) continue;
    seen++;
    if (HEADINGS.has(n.name) || /title|heading|hd/i.test(n.attribs.class ?? '')) {
      const t = collapseSpace(rawText(n)).trim();
      if (t) return t;
    }
    stack.unshift(...n.children);
  }
  return null;
}

function inside(el: Element, names: string[]): boolean {
  for (let p = el.parent; p && isElement(p); p = p.parent) if (names.includes(p.name)) return true;
  return false;
}

function category(word: string): string {
  const w = word.toLowerCase();
  if (/footer/.test(w)) return 'footer';
  if (/header|masthead/.test(w)) return 'header';
  if (/comment|disqus|respond|repl|remark|community|shoutbox/.test(w)) return 'comments';
  if (/share|social|sns|print/.test(w)) return 'share';
  if (/related|recommend|ranking|popular|trending|stories|read-?more|outbrain|taboola|zergnet|supplemental|extra/.test(w)) return 'related';
  if (/^[-_]?ads?[-_]?$|^ad[-_]|[-_]ad$|ad-?(slot|unit|container|wrapper|box)|advert|sponsor|promo|banner|skyscraper/.test(w)) return 'ads';
  if (/newsletter|subscri|sign|login/.test(w)) return 'newsletter';
  if (/cookie|consent|gdpr|popup|modal|overlay|agegate|tooltip/.test(w)) return 'popup';
  if (/legends|gallery|carousel|slideshow|slider/.test(w)) return 'gallery';
  if (/pankuzu|topic-?path|bread/.test(w)) return 'breadcrumb';
  if (/sidebar|side|widget/.test(w)) return 'sidebar';
  return 'navigation';
}

function tagBase(name: string): number {
  switch (name) {
    case 'div':
    case 'article':
    case 'main':
      return 5;
    case 'section':
    case 'pre':
    case 'td':
    case 'blockquote':
      return 3;
    case 'address':
    case 'ol':
    case 'ul':
    case 'dl':
    case 'dd':
    case 'dt':
    case 'li':
    case 'form':
      return -3;
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
    case 'th':
      return -5;
    default:
      return 0;
  }
}

function classWeight(el: Element): number {
  let w = 0;
  for (const v of [el.attribs.class, el.attribs.id]) {
    if (!v) continue;
    if (NEGATIVE.test(v)) w -= 25;
    if (POSITIVE.test(v)) w += 25;
  }
  return w;
}

/** Text in `el`'s direct text children and inline descendants (not inside block children). */
function inlineStat(el: Element, stats: Map<AnyNode, Stat>, removed: Set<AnyNode>): Stat {
  const s: Stat = { len: 0, linkLen: 0, commas: 0 };
  let sawText = false;
  for (const c of el.children) {
    if (isText(c)) {
      if (c.data.trim()) sawText = true;
      s.len += weightedLength(collapseSpace(c.data));
      s.commas += countCommas(c.data);
    } else if (isElement(c) && !removed.has(c) && !BLOCK.has(c.name) && c.name !== 'br') {
      const cs = stats.get(c);
      if (cs) {
        s.len += cs.len;
        s.linkLen += cs.linkLen;
        s.commas += cs.commas;
      }
    }
  }
  // An element that is only inline children of inline children (a <span> soup) still counts.
  return sawText || s.len > 0 ? s : { len: 0, linkLen: 0, commas: 0 };
}

function hasBlockChild(el: Element): boolean {
  for (const c of el.children) if (isElement(c) && BLOCK.has(c.name)) return true;
  return false;
}

/**
 * When several near-best candidates sit under one ancestor, the article is
 * that ancestor (sections of one story, each scoring on its own).
 */
function commonAncestor(top: Element, topScore: number, scores: Map<Element, number>, body: ParentNode): Element {
  if (topScore <= 0) return top;
  const alts = [...scores.entries()]
    .filter(([el, s]) => el !== top && s >= topScore * 0.75)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([el]) => el);
  if (alts.length < 3) return top;
  for (let anc = top.parent; anc && isElement(anc) && anc !== body; anc = anc.parent) {
    let n = 0;
    for (const alt of alts) if (contains(anc, alt)) n++;
    if (n >= 3) return anc;
  }
  return top;
}

function contains(anc: Element, el: Element): boolean {
  for (let p: ParentNode | null = el.parent; p; p = p.parent) if (p === anc) return true;
  return false;
}

/**
 * The best-scoring element is sometimes one column of the article, or a
 * lone wrapper's only child: move up while the parent is as good.
 */
function climb(top: Element, scores: Map<Element, number>, stats: Map<AnyNode, Stat>, body: ParentNode): Element {
  let current = top;
  const topScore = scores.get(top) ?? 0;
  let last = topScore;
  // A parent whose score is close to the best one holds more of the same article.
  for (let p = current.parent; p && isElement(p) && p !== body; p = p.parent) {
    const s = scores.get(p);
    if (s === undefined) continue;
    if (s < topScore / 3) break;
    if (s > last) {
      current = p;
      break;
    }
    last = s;
  }
  // A wrapper with nothing but this child says the same thing, with its class names.
  while (current.parent && isElement(current.parent) && current.parent !== body) {
    const p: Element = current.parent;
    const kids = p.children.filter((c) => isElement(c) || (isText(c) && c.data.trim()));
    if (kids.length !== 1) break;
    current = p;
  }
  void stats;
  return current;
}

interface CleanCtx {
  removed: Set<AnyNode>;
  stats: Map<AnyNode, Stat>;
  scores: Map<Element, number>;
  drop: (el: Element, detail: string | null) => void;
  isRoot: boolean;
}

const CLEANABLE = new Set(['div', 'section', 'table', 'ul', 'ol', 'form', 'fieldset', 'dl', 'figure', 'header', 'p']);

/** Remove link lists, image galleries, forms and other low-prose blocks inside the article. */
function cleanConditionally(el: Element, ctx: CleanCtx): void {
  for (const c of el.children) if (isElement(c) && !ctx.removed.has(c)) cleanConditionally(c, { ...ctx, isRoot: false });
  if (ctx.isRoot || !CLEANABLE.has(el.name) || inside(el, ['pre', 'code'])) return;

  const counts = { p: 0, img: 0, li: 0, input: 0, embed: 0, headingLen: 0, heading: 0 };
  const walk = (n: Element) => {
    for (const c of n.children) {
      if (!isElement(c)) continue;
      // Removed images and embeds still tell how media-heavy the block was.
      if (c.name === 'img') counts.img++;
      else if (c.name === 'iframe' || c.name === 'embed' || c.name === 'object' || c.name === 'video') counts.embed++;
      else if (c.name === 'input' || c.name === 'select' || c.name === 'textarea' || c.name === 'button') counts.input++;
      if (ctx.removed.has(c)) continue;
      if (c.name === 'p') counts.p++;
      else if (c.name === 'li') counts.li++;
      else if (HEADINGS.has(c.name)) {
        counts.heading++;
        counts.headingLen += ctx.stats.get(c)?.len ?? 0;
      }
      walk(c);
    }
  };
  walk(el);

  const st = ctx.stats.get(el) ?? { len: 0, linkLen: 0, commas: 0 };
  const text = collapseSpace(rawText(el, ctx.removed)).trim();
  const len = weightedLength(text);
  // Recompute link share on what is still there (children may have been removed).
  let linkLen = 0;
  const links = (n: Element) => {
    for (const c of n.children) {
      if (!isElement(c) || ctx.removed.has(c)) continue;
      if (c.name === 'a') linkLen += weightedLength(collapseSpace(rawText(c, ctx.removed)));
      else links(c);
    }
  };
  links(el);
  if (len === 0) {
    if (el.name !== 'p' && counts.img === 0 && counts.embed === 0) ctx.removed.add(el);
    return;
  }
  // A div holding only inline content is a paragraph the author forgot to tag (often a caption).
  const paragraphLike = el.name === 'p' || ((el.name === 'div' || el.name === 'section') && !hasBlockChild(el));
  if (paragraphLike) {
    // A paragraph that is nothing but a link ("Read more", "Continue reading") is chrome.
    if (linkLen / len > 0.9 && len < 60 && st.commas === 0 && !/[.!?。！？」』”"]\s*$/.test(text)) ctx.drop(el, 'links');
    return;
  }
  const ld = linkLen / len;
  const weight = classWeight(el);
  const isList = el.name === 'ul' || el.name === 'ol';
  const isData = el.name === 'table' && isDataTable(el);
  if (isData && ld < 0.5) return;
  if (countCommas(text) >= 10 && ld < 0.3) return;
  // Unless it holds a paragraph of prose: a lead in a box with a "media" or "meta" class is still the lead.
  if (weight < 0 && weight + (ctx.scores.get(el) ?? 0) < 0 && len < 400 && proseLength(el) < 100) return ctx.drop(el, 'low-content');

  // A list whose items say something besides their links ("Bug 123 – fixed the crash",
  // "Jane Doe <a>fixed …</a>") is content; a list of bare links is navigation.
  if (isList && proseItems(el, ctx) && weight >= 0) return;
  // An image with a short caption is a figure, however linked its caption is.
  if ((el.name === 'figure' || (counts.img >= 1 && counts.img <= 2)) && counts.li === 0 && counts.p <= 1 && len < 300 && weight >= 0) return;

  const headingDensity = counts.headingLen / len;
  let reason: string | null = null;
  if (counts.img > 1 && counts.p / counts.img < 0.5 && el.name !== 'figure' && len < 200) reason = 'gallery';
  else if (!isList && el.name !== 'dl' && counts.li > counts.p + 10 && ld > 0.3) reason = 'links';
  else if (counts.input > Math.floor(counts.p / 3)) reason = 'form';
  else if (!isList && headingDensity < 0.9 && len < 25 && (counts.img === 0 || counts.img > 2) && ld > 0) reason = 'links';
  else if (weight < 25 && ld > 0.2 + (isList ? 0.3 : 0) && len < 2000) reason = 'links';
  else if (weight >= 25 && ld > 0.5) reason = 'links';
  else if ((counts.embed === 1 && len < 75) || counts.embed > 1) reason = 'embed';
  if (reason) ctx.drop(el, reason);
}

function proseItems(list: Element, ctx: CleanCtx): boolean {
  let items = 0;
  let prose = 0;
  for (const li of list.children) {
    if (!isElement(li) || li.name !== 'li' || ctx.removed.has(li)) continue;
    items++;
    const total = weightedLength(collapseSpace(rawText(li, ctx.removed)).trim());
    let linked = 0;
    const walk = (n: Element) => {
      for (const c of n.children) {
        if (!isElement(c) || ctx.removed.has(c)) continue;
        if (c.name === 'a') linked += weightedLength(collapseSpace(rawText(c, ctx.removed)).trim());
        else walk(c);
      }
    };
    walk(li);
    if (total > 0 && total - linked >= Math.max(8, total * 0.12)) prose++;
  }
  return items > 0 && prose * 2 >= items;
}

function isDataTable(el: Element): boolean {
  if (el.attribs.role === 'presentation' || el.attribs.datatable === '0') return false;
  if (el.attribs.summary || el.attribs.datatable === '1') return true;
  let rows = 0;
  let cols = 0;
  let nested = false;
  const walk = (n: Element) => {
    for (const c of n.children) {
      if (!isElement(c)) continue;
      if (c.name === 'caption' || c.name === 'th' || c.name === 'thead' || c.name === 'tfoot' || c.name === 'colgroup') return void (rows += 100);
      if (c.name === 'table') nested = true;
      if (c.name === 'tr') {
        rows++;
        cols = Math.max(cols, c.children.filter((x) => isElement(x) && (x.name === 'td' || x.name === 'th')).length);
      }
      if (c.name !== 'table') walk(c);
    }
  };
  walk(el);
  if (nested) return false;
  return rows >= 10 || cols > 4 || rows * cols > 10;
}

/** Walk a content subtree and cut it into blocks at block-level boundaries. */
export function emitBlocks(root: Element, removed: ReadonlySet<AnyNode>, out: ContentBlock[]): void {
  let buf = '';
  let kind: BlockKind = 'paragraph';
  let bufGroup: string | undefined;
  let groups = out.reduce((n, b) => (b.group ? Math.max(n, Number(b.group.split(':')[1]) + 1) : n), 0);
  const flush = () => {
    if (!buf) return;
    // U+E000 marks a <br>: a private-use character survives whitespace collapsing.
    const text = collapseSpace(buf)
      .replace(/ ?\uE000 ?/g, '\n')
      .replace(/\n{2,}/g, '\n')
      .trim();
    buf = '';
    if (text) out.push(bufGroup ? { text, kind, group: bufGroup } : { text, kind });
  };
  const walk = (node: AnyNode, ctxKind: BlockKind, group: string | undefined) => {
    if (isText(node)) {
      if (!buf) {
        kind = ctxKind;
        bufGroup = group;
      }
      buf += node.data;
      return;
    }
    if (!isElement(node) || removed.has(node)) return;
    const name = node.name;
    if (name === 'br') {
      // Two <br> in a row end a paragraph; one is a line break inside it.
      const trimmed = buf.trimEnd();
      if (trimmed.endsWith('\uE000')) {
        buf = trimmed.slice(0, -1);
        flush();
      } else if (buf.trim()) buf += '\uE000';
      return;
    }
    if (name === 'hr') return flush();
    if (name === 'pre') {
      flush();
      const text = rawText(node, removed).replace(/^\n+|\s+$/g, '');
      if (text.trim()) out.push({ text, kind: ctxKind === 'paragraph' ? 'paragraph' : ctxKind, code: true });
      return;
    }
    if (name === 'table' || name === 'ul' || name === 'ol' || name === 'dl') {
      flush();
      const g = `${name === 'table' ? 'table' : 'list'}:${groups++}`;
      for (const c of node.children) walk(c, name === 'table' ? ctxKind : ctxKind, g);
      flush();
      return;
    }
    if (name === 'tr') {
      // A row of plain cells is one line of the table: "Team | W | L | Pts".
      const cells = node.children.filter((c): c is Element => isElement(c) && !removed.has(c) && (c.name === 'td' || c.name === 'th'));
      if (cells.length > 0 && cells.every((c) => !hasBlockDescendant(c, removed))) {
        flush();
        const text = cells.map((c) => collapseSpace(rawText(c, removed)).trim()).filter(Boolean).join(' | ');
        if (text) out.push(group ? { text, kind: ctxKind, group } : { text, kind: ctxKind });
        return;
      }
    }
    if (!BLOCK.has(name)) {
      for (const c of node.children) walk(c, ctxKind, group);
      return;
    }
    flush();
    const inner: BlockKind = HEADINGS.has(name)
      ? 'heading'
      : name === 'li' || name === 'dt' || name === 'dd'
        ? ctxKind === 'quote' ? 'quote' : 'list'
        : name === 'blockquote'
          ? 'quote'
          : ctxKind;
    for (const c of node.children) walk(c, inner, group);
    flush();
  };
  walk(root, 'paragraph', undefined);
  flush();
}

/** Does a table cell hold block structure (paragraphs, lists, nested tables), as layout tables do? */
function hasBlockDescendant(el: Element, removed: ReadonlySet<AnyNode>): boolean {
  for (const c of el.children) {
    if (!isElement(c) || removed.has(c)) continue;
    if (c.name !== 'br' && BLOCK.has(c.name)) return true;
    if (hasBlockDescendant(c, removed)) return true;
  }
  return false;
}
