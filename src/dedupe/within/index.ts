/**
 * Within-document dedupe: sentence level under paragraph structure.
 *
 * Blocks are read in order. Separator markers are dropped; a sentence cut at
 * a marker is stitched to its continuation; then every sentence is compared
 * with the sentences kept so far (exact bare form, then shingle similarity
 * through an inverted index) and kept once, at its first position. A later
 * copy that holds an earlier sentence and adds to it replaces it in place
 * (the most complete form, kept once). Every removal is recorded in
 * `dropped` with its reason, the paragraph of the kept copy and a similarity.
 */
import { isSeparator } from '../../extract/markdown.js';
import { matchForm } from '../../normalise/match-form.js';
import type { Dropped, Lang, Sentence, TokenizedBlock, Tokenized } from '../../records.js';
import type { KeptBlock } from '../assemble.js';
import type { DedupeConfig } from '../config.js';
import { isCut, joinCut, looksLikeContinuation, overlapLength, splitInlineMarkers, stripLeadingEllipsis } from './fragments.js';
import { SentenceIndex, type Slot } from './sentence-index.js';
import { fingerprint, missingFacts, type Fingerprint } from './shingles.js';

/** Re-split a stitched text into sentences with tokens (tokenize's `sentenceSplitter`, seeded with the document's sentences). */
export type Resplit = (text: string, lang: Lang) => Sentence[];

export interface WithinResult {
  kept: KeptBlock[];
  dropped: Dropped[];
}

interface Kept {
  host: KeptBlock;
  sentence: Sentence;
  /** Where the sentence came from: original block index and sentence position. */
  from: { index: number; sentence: number };
}

type Decision =
  | { kind: 'keep' }
  /** A repeated attempt's opening line that is the title: dropped, with no paragraph to point at. */
  | { kind: 'title' }
  | { kind: 'drop'; reason: 'exact-duplicate' | 'near-duplicate' | 'contained'; slot: Slot<Kept>; similarity: number }
  | { kind: 'extend'; slot: Slot<Kept>; similarity: number };

interface Pending {
  host: KeptBlock;
  slot: Slot<Kept>;
  /** Only markers since the cut (no repeated block dropped in between). */
  immediate: boolean;
}

/** A block as the loop sees it: markers glued to text are split off first. */
type Item = { marker: true; index: number; text: string; glued: boolean } | { marker: false; block: TokenizedBlock };

/**
 * Deduplicate one tokenized document.
 *
 * @example
 * const { kept, dropped } = dedupeWithin(tokenized, config.dedupe, sentenceSplitter(japanese, carried));
 * const cleaned = assemble(tokenized, kept, [...tokenized.dropped, ...dropped]);
 */
export function dedupeWithin(doc: Tokenized, cfg: DedupeConfig, resplit: Resplit): WithinResult {
  const dropped: Dropped[] = [];
  const kept: KeptBlock[] = [];
  const index = new SentenceIndex<Kept>(cfg);
  // A sentence met again (a repeated attempt, the look-ahead in `stitch`) is fingerprinted once: fingerprints are never changed.
  const fps = new Map<string, Fingerprint>();
  const fp = (s: Sentence): Fingerprint => {
    const key = `${s.norm}\u0000${s.text}`;
    let f = fps.get(key);
    if (!f) fps.set(key, (f = fingerprint(s.norm, cfg, s.text)));
    return f;
  };
  const drop = (d: Omit<Dropped, 'sentence' | 'detail'> & { sentence?: number | null; detail?: string | null }) =>
    dropped.push({ sentence: null, detail: null, ...d, similarity: d.similarity === null ? null : round(d.similarity) });

  // The title, to recognise a repeated attempt that opens with it (extract may have dropped the body's own title line).
  const titleBare = fingerprint(matchForm(doc.title), cfg).bare;
  let pending: Pending | null = null;
  // Every cut sentence not yet continued, newest first: a later attempt may pick up an older one (with an overlap).
  const openCuts: Pending[] = [];
  // The last content block read, if it was kept with its last sentence: a marker after it may cut that sentence.
  let lastKeptTail: { host: KeptBlock; slot: Slot<Kept>; cut: boolean } | null = null;
  // True from a marker until a block is kept: a leading fragment there is debris of a cut sentence.
  let afterMarker = false;

  // Rows of a table and items of a list repeat by nature (a standings table, a meal plan):
  // against each other they are content, not debris. A whole table or list given twice is still a copy.
  const grouped = new Set(doc.blocks.filter((b) => b.group).map((b) => b.index));
  const copiedGroups = repeatedGroups(doc.blocks);
  const lastInGroup = new Map<string, string>();

  const all = [...items(doc, resplit, drop, cfg.minOverlapChars)];
  for (const [at, item] of all.entries()) {
    if (item.marker) {
      drop({ index: item.index, text: item.text, reason: 'marker', of: null, similarity: null, detail: item.glued ? 'separator glued to the text' : null });
      if (!pending && lastKeptTail?.cut) {
        pending = { host: lastKeptTail.host, slot: lastKeptTail.slot, immediate: true };
        openCuts.unshift(pending);
        openCuts.length = Math.min(openCuts.length, 8);
      }
      lastKeptTail = null;
      afterMarker = true;
      continue;
    }
    const b = item.block;
    const lang = b.lang ?? doc.lang;
    if (b.sentences.length === 0) continue;
    // The same long item twice in a row is a stutter of the source, not two items.
    const stutter = !!b.group && lastInGroup.get(b.group) === b.norm && b.norm.length >= 40;
    if (b.group) lastInGroup.set(b.group, b.norm);
    const structured = !!b.group && !copiedGroups.has(b.group) && !stutter;

    // 1. A continuation of the sentence cut at the last marker joins that sentence's paragraph.
    let sentences = b.sentences.map((s, i) => ({ s, i }));
    let host: KeptBlock | null = null;
    let target0: Pending | null = null;
    let stitched: ReturnType<typeof stitch> = null;
    if (pending && !structured) {
      stitched = stitch(pending, b, lang);
      if (stitched) target0 = pending;
    }
    if (!stitched && afterMarker && !structured) {
      for (const c of openCuts) {
        if (c === pending) continue;
        stitched = stitch({ ...c, immediate: false }, b, lang, true);
        if (stitched) {
          target0 = c;
          break;
        }
      }
    }
    let merged = false;
    if (stitched && target0) {
      openCuts.splice(openCuts.indexOf(target0), 1);
      sentences = sentences.slice(1);
      if (pending === target0) pending = null;
      const [first, ...more] = stitched.sentences;
      const slot = stitched.slot;
      const twin = twinOf(fp(first!), slot);
      if (twin) {
        // The cut sentence, made whole, repeats a kept one: both halves go, pointing at it.
        const tail = slot.value;
        const at = tail.host.sentences.indexOf(tail.sentence);
        if (at >= 0) tail.host.sentences.splice(at, 1);
        const of = twin.slot.value.host.index;
        drop({ index: tail.from.index, sentence: tail.from.sentence, text: tail.sentence.text, reason: twin.reason, of, similarity: twin.similarity, detail: 'cut at a marker; joined with its continuation it repeats a kept sentence' });
        drop({ index: b.index, sentence: 0, text: b.sentences[0]!.text, reason: twin.reason, of, similarity: twin.similarity, detail: 'continues a cut copy of a kept sentence' });
        // Later copies of either half now point at the kept sentence.
        slot.value = twin.slot.value;
        sentences = [...more.map((s) => ({ s, i: 0 })), ...sentences];
      } else merged = true;
    }
    if (stitched && target0 && merged) {
      host = target0.host;
      // The joined sentence and anything the re-split added go through dedupe like any other.
      const [first, ...more] = stitched.sentences;
      const slot = stitched.slot;
      const i = host.sentences.indexOf(slot.value.sentence);
      if (i >= 0) host.sentences.splice(i, 1, first!);
      else host.sentences.push(first!);
      slot.value.sentence = first!;
      index.extend(slot, fp(first!));
      index.addKey(fingerprint(b.sentences[0]!.norm, cfg).bare, slot);
      drop({
        index: b.index,
        sentence: 0,
        text: b.sentences[0]!.text,
        reason: 'fragment-merged',
        of: host.index,
        similarity: null,
        detail: stitched.detail,
      });
      sentences = [...more.map((s) => ({ s, i: 0 })), ...sentences];
    }
    // Without a continuation the cut stays open across repeats, and closes once a block adding new text is kept below.

    // 2. Sentence decisions, in order, against everything kept so far (this block's earlier sentences too).
    const target: KeptBlock = host ?? { index: b.index, kind: b.kind, lang: b.lang, sentences: [] };
    const decisions: { s: Sentence; i: number; f: Fingerprint; d: Decision }[] = [];
    const slots = new Map<Sentence, Slot<Kept>>();
    // The last sentence before a marker, cut short, is half a sentence: compare it only by what holds it whole.
    const cutBeforeMarker = all[at + 1]?.marker === true && b.kind !== 'heading';
    for (const { s, i } of sentences) {
      const f = fp(s);
      const cut = cutBeforeMarker && i === b.sentences.length - 1 && isCut(s.text);
      let d = decide(f, b.kind, i === 0 && afterMarker && !host, cut);
      if (structured && (d.kind === 'drop' || d.kind === 'extend') && grouped.has(d.slot.value.host.index)) d = { kind: 'keep' };
      if (d.kind === 'keep' && afterMarker && !host && f.bare.length >= cfg.minSentenceChars && titleBare.includes(f.bare)) d = { kind: 'title' };
      decisions.push({ s, i, f, d });
      if (d.kind === 'keep' && f.bare.length >= cfg.minSentenceChars) {
        slots.set(s, index.add(f, { host: target, sentence: s, from: { index: b.index, sentence: i } }));
      }
    }
    // A short sentence repeated inside a section that is otherwise new stays: it is part of that new text.
    const keepsLong = decisions.some((x) => (x.d.kind === 'keep' || x.d.kind === 'extend') && x.f.bare.length >= cfg.minSentenceChars);
    if (keepsLong) {
      for (const x of decisions) {
        if (x.d.kind === 'drop' && x.f.bare.length < cfg.minSentenceChars && x.d.reason === 'exact-duplicate') x.d = { kind: 'keep' };
      }
    }
    // Sentences without letters (`…`, `1.`) go with a repeated block, and stay with anything else.
    const repeats = decisions.some((x) => x.d.kind === 'drop' || x.d.kind === 'title');
    const survivors = decisions.filter((x) => x.d.kind === 'keep' && (keepsLong || x.f.bare.length > 0 || !repeats));
    const hasExtension = decisions.some((x) => x.d.kind === 'extend');

    if (survivors.length === 0 && !hasExtension && !host) {
      // The whole block repeats earlier text: one record for the paragraph.
      dropBlock(b, decisions);
      if (pending) pending.immediate = false;
      lastKeptTail = null;
      continue;
    }

    for (const x of decisions) {
      const d = x.d;
      if (d.kind === 'keep') {
        if (x.f.bare.length === 0 && !keepsLong && repeats) {
          drop({ index: b.index, sentence: x.i, text: x.s.text, reason: 'contained', of: null, similarity: null, detail: 'no letters left beside repeated text' });
          continue;
        }
        target.sentences.push(x.s);
        if (!slots.has(x.s)) slots.set(x.s, index.add(x.f, { host: target, sentence: x.s, from: { index: b.index, sentence: x.i } }));
      } else if (d.kind === 'title') {
        drop({ index: b.index, sentence: x.i, text: x.s.text, reason: 'contained', of: null, similarity: 1, detail: 'repeats the title' });
      } else if (d.kind === 'drop') {
        drop({ index: b.index, sentence: x.i, text: x.s.text, reason: d.reason, of: d.slot.value.host.index, similarity: d.similarity });
      } else {
        const v = d.slot.value;
        const old = v.sentence;
        const at = v.host.sentences.indexOf(old);
        v.host.sentences.splice(at, 1, x.s);
        drop({
          index: v.from.index,
          sentence: v.from.sentence,
          text: old.text,
          reason: 'contained',
          of: v.host.index,
          similarity: d.similarity,
          detail: `replaced in place by its extended form from ¶${b.index}`,
        });
        drop({
          index: b.index,
          sentence: x.i,
          text: x.s.text,
          reason: 'near-duplicate',
          of: v.host.index,
          similarity: d.similarity,
          detail: `extended form of a sentence of ¶${v.host.index}, kept there in its place`,
        });
        v.sentence = x.s;
        index.extend(d.slot, x.f);
      }
    }
    if (!host) kept.push(target);
    // A repeated attempt that adds a line or two does not close a cut: its continuation may still come.
    const droppedChars = decisions.filter((x) => x.d.kind !== 'keep').reduce((n, x) => n + x.f.bare.length, 0);
    const allChars = decisions.reduce((n, x) => n + x.f.bare.length, 0);
    if (pending && !host && droppedChars * 2 >= allChars && allChars > 0) pending.immediate = false;
    else pending = null;
    afterMarker = false;

    const lastDecision = decisions[decisions.length - 1];
    const lastSlot = lastDecision && lastDecision.d.kind === 'keep' ? slots.get(lastDecision.s) : undefined;
    lastKeptTail =
      lastSlot && b.kind !== 'heading' && lastDecision!.i === b.sentences.length - 1
        ? { host: target, slot: lastSlot, cut: isCut(lastDecision!.s.text) }
        : null;
  }
  return { kept: kept.filter((k) => k.sentences.length > 0), dropped };

  /** A kept sentence (other than `self`) that `f` repeats, exactly or nearly. */
  function twinOf(f: Fingerprint, self: Slot<Kept>): { slot: Slot<Kept>; reason: 'exact-duplicate' | 'near-duplicate' | 'contained'; similarity: number } | null {
    const exact = index.exactMatch(f.bare);
    if (exact && exact !== self && exact.value !== self.value) return { slot: exact, reason: 'exact-duplicate', similarity: 1 };
    if (f.bare.length < cfg.minSentenceChars) return null;
    for (const c of index.candidates(f)) {
      if (c.slot === self || c.slot.value === self.value) continue;
      if (missingFacts(f, [c.slot.fp]).length) continue;
      if (c.jaccard >= cfg.sentenceNear) return { slot: c.slot, reason: 'near-duplicate', similarity: c.jaccard };
      if (c.queryIn >= cfg.contained) return { slot: c.slot, reason: 'contained', similarity: c.queryIn };
    }
    return null;
  }

  function decide(f: Fingerprint, kind: TokenizedBlock['kind'], leadingAfterMarker: boolean, cut = false): Decision {
    const exact = index.exactMatch(f.bare);
    if (exact) return { kind: 'drop', reason: 'exact-duplicate', slot: exact, similarity: 1 };
    if (f.bare.length < cfg.minSentenceChars) {
      // A short piece right after a marker that an earlier sentence holds verbatim is the tail of a cut sentence.
      if (leadingAfterMarker && f.bare.length > 0) {
        const host = index.candidates(f).find((m) => m.slot.fp.bare.includes(f.bare));
        if (host) return { kind: 'drop', reason: 'contained', slot: host.slot, similarity: 1 };
      }
      return { kind: 'keep' };
    }
    const cands = index.candidates(f);
    if (cands.length === 0) return { kind: 'keep' };
    if (cut) {
      const holder = cands.find((c) => c.queryIn >= cfg.contained && missingFacts(f, [c.slot.fp]).length === 0);
      return holder ? { kind: 'drop', reason: 'contained', slot: holder.slot, similarity: holder.queryIn } : { kind: 'keep' };
    }
    const byJaccard = [...cands].sort((a, b) => b.jaccard - a.jaccard)[0]!;
    const holder = [...cands].sort((a, b) => b.queryIn - a.queryIn)[0]!;
    const held = [...cands].sort((a, b) => b.candidateIn - a.candidateIn)[0]!;
    const covered = index.coveredBy(f, cands.slice(0, 3).map((c) => c.slot));
    // An earlier sentence inside this one, which adds enough of its own: the most complete form wins, in place.
    // (A short line such as a heading inside a long sentence is not an earlier form of it.)
    const heldBare = held.slot.fp.bare.length;
    if (
      held.candidateIn >= cfg.contained &&
      heldBare >= cfg.minSentenceChars &&
      heldBare * 4 >= f.bare.length &&
      f.bare.length >= heldBare * (1 + cfg.extendMinNew) &&
      held.slot.value.host.kind === kind &&
      1 - covered >= cfg.extendMinNew
    ) {
      return { kind: 'extend', slot: held.slot, similarity: held.candidateIn };
    }
    // A copy that states a figure or a name its original does not is a fact of its own: it stays.
    const same = (slots: Slot<Kept>[]) => missingFacts(f, slots.map((x) => x.fp)).length === 0;
    if (byJaccard.jaccard >= cfg.sentenceNear && same([byJaccard.slot]))
      return { kind: 'drop', reason: 'near-duplicate', slot: byJaccard.slot, similarity: byJaccard.jaccard };
    if (holder.queryIn >= cfg.contained && same([holder.slot])) return { kind: 'drop', reason: 'contained', slot: holder.slot, similarity: holder.queryIn };
    const top = cands.slice(0, 3).map((c) => c.slot);
    if (covered >= cfg.contained && same(top)) return { kind: 'drop', reason: 'contained', slot: holder.slot, similarity: covered };
    return { kind: 'keep' };
  }

  function dropBlock(b: TokenizedBlock, decisions: { s: Sentence; f: Fingerprint; d: Decision }[]): void {
    const hits = decisions.filter((x): x is typeof x & { d: Extract<Decision, { kind: 'drop' }> } => x.d.kind === 'drop');
    const titled = decisions.some((x) => x.d.kind === 'title');
    const hosts = [...new Set(hits.map((x) => x.d.slot.value.host.index))];
    const weight = hits.reduce((n, x) => n + x.f.bare.length, 0);
    const similarity = weight === 0 ? 1 : hits.reduce((n, x) => n + x.d.similarity * x.f.bare.length, 0) / weight;
    const allExact = hits.every((x) => x.d.reason === 'exact-duplicate');
    const reason = titled || hosts.length > 1 || hits.some((x) => x.d.reason === 'contained') ? 'contained' : allExact ? 'exact-duplicate' : 'near-duplicate';
    const detail =
      hosts.length > 1 || titled
        ? `every sentence is already kept, in ${[titled ? 'the title' : null, ...hosts.map((h) => `¶${h}`)].filter(Boolean).join(', ')}`
        : hits.length < decisions.length
          ? `${decisions.length - hits.length} sentence(s) without letters dropped with it`
          : null;
    drop({ index: b.index, text: b.text, reason, of: hosts[0] ?? null, similarity, detail });
  }

  /** Join `b` to the cut sentence of `p` if `b` continues it; returns the joined sentences. */
  function stitch(p: Pending, b: TokenizedBlock, lang: Lang, needOverlap = false): { sentences: Sentence[]; slot: Slot<Kept>; detail: string } | null {
    if (b.kind === 'heading') return null;
    const tail = p.slot.value.sentence.text;
    const head = b.sentences[0]!.text;
    const { rest, ellipsis } = stripLeadingEllipsis(head);
    // After `...` a short repeat is deliberate (the last word said again), so two characters are enough.
    const k = overlapLength(tail, rest, ellipsis ? 2 : cfg.minOverlapChars);
    if (needOverlap && k === 0) return null;
    let continues = ellipsis || k > 0;
    if (!continues && p.immediate && looksLikeContinuation(rest, lang)) {
      // Straight after the marker, a first sentence seen nowhere before continues the cut one; a repeat is a restart.
      const f = fp(b.sentences[0]!);
      const seen = (n: Fingerprint) =>
        !!index.exactMatch(n.bare) ||
        titleBare.includes(n.bare) ||
        (n.bare.length >= cfg.minSentenceChars && index.candidates(n).some((c) => c.jaccard >= cfg.sentenceNear || c.queryIn >= cfg.contained));
      const rest = b.sentences.slice(1).map((x) => fp(x));
      const repeated = rest.filter((n) => n.bare.length > 0 && seen(n)).reduce((n, x) => n + x.bare.length, 0);
      const restChars = rest.reduce((n, x) => n + x.bare.length, 0);
      // A block that mostly repeats earlier text is a new attempt starting over, not the rest of the cut sentence.
      continues = !seen(f) && !(restChars > 0 && repeated * 2 >= restChars);
    }
    if (!continues) return null;
    // After a repeated overlap the continuation goes on inside the same word unless it brings its own space.
    const after = rest.slice(k);
    const joined = k > 0 ? tail + (/^\s/.test(after) ? ' ' + after.trimStart() : after) : joinCut(tail, after.trimStart(), lang);
    const sentences = resplit(joined, lang);
    if (sentences.length === 0) return null;
    const how = [ellipsis ? 'leading "..." removed' : null, k > 0 ? `repeated overlap "${rest.slice(0, k)}" removed` : null].filter(Boolean).join(', ');
    return { sentences, slot: p.slot, detail: `continues the sentence cut at the marker after ¶${p.slot.value.from.index}${how ? ` (${how})` : ''}` };
  }
}

/**
 * The blocks as the loop reads them: separator blocks become markers, and a
 * block with a marker glued inside is split at it (a cut sentence on either
 * side joined again, or the pieces kept as separate sentences).
 */
function* items(doc: Tokenized, resplit: Resplit, drop: (d: Dropped) => void, minOverlap: number): Generator<Item> {
  for (const b of doc.blocks) {
    if (isSeparator(b.text)) {
      yield { marker: true, index: b.index, text: b.text, glued: false };
      continue;
    }
    const split = splitInlineMarkers(b.text);
    if (split.markers.length === 0) {
      yield { marker: false, block: b };
      continue;
    }
    const lang = b.lang ?? doc.lang;
    const { pieces, markers } = split;
    // A marker at either edge acts like a marker line; markers inside join the pieces.
    const leading = pieces[0] === '' ? markers.shift() : undefined;
    if (leading !== undefined) pieces.shift();
    const trailing = pieces.length > 1 && pieces[pieces.length - 1] === '' ? markers.pop() : undefined;
    if (trailing !== undefined) pieces.pop();
    if (leading !== undefined) yield { marker: true, index: b.index, text: leading, glued: true };
    let text = '';
    for (const [i, piece] of pieces.entries()) {
      if (i === 0) {
        text = piece;
        continue;
      }
      const marker = markers[i - 1]!;
      drop({ index: b.index, text: marker, reason: 'marker', of: null, similarity: null, sentence: null, detail: 'separator glued to the text' });
      if (!piece) continue;
      const { rest, ellipsis } = stripLeadingEllipsis(piece);
      const lastSentence = text.split(/(?<=[。．！？!?.])\s*/u).pop() ?? text;
      if (text && isCut(text) && (ellipsis || looksLikeContinuation(rest, lang))) {
        const k = overlapLength(lastSentence, rest, ellipsis ? 2 : minOverlap);
        const fragment = /^.*?[。．！？!?.](?=\s|$)|^.*$/su.exec(piece)![0];
        drop({ index: b.index, text: fragment, reason: 'fragment-merged', of: b.index, similarity: null, sentence: null, detail: 'continues the sentence cut at the glued marker' });
        const after = rest.slice(k);
        text = k > 0 ? text + (/^\s/.test(after) ? ' ' + after.trimStart() : after) : joinCut(text, after.trimStart(), lang);
      } else {
        text = text ? `${text}\n${piece}` : piece;
      }
    }
    if (text) yield { marker: false, block: { ...b, text, sentences: resplit(text, lang) } };
    if (trailing !== undefined) yield { marker: true, index: b.index, text: trailing, glued: true };
  }
}

/**
 * Tables and lists that repeat an earlier one row for row (a page that
 * prints its table twice): their rows are copies like any other text.
 */
function repeatedGroups(blocks: readonly TokenizedBlock[]): Set<string> {
  const rows = new Map<string, string[]>();
  for (const b of blocks) if (b.group) rows.set(b.group, [...(rows.get(b.group) ?? []), b.norm]);
  const seen = new Set<string>();
  const copies = new Set<string>();
  for (const [group, list] of rows) {
    const key = list.join('\u0001');
    if (seen.has(key)) copies.add(group);
    else seen.add(key);
  }
  return copies;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
