/**
 * Synthetic news for the store bench: text for the articles that go through
 * `linkAndSave`, and signatures for the millions that only fill the store.
 *
 * Computing a real MinHash takes 2–7 ms an article (shingling and 128 hashes
 * per shingle), an hour and more for a million. The store is therefore grown
 * from articles modelled as a union of parts, whose signature is the
 * element-wise minimum of the parts' signatures (exact for MinHash of a union):
 * - site boilerplate (a footer, a byline), real text shingled and hashed once
 *   per site, so that articles of one site share buckets the way scraped news
 *   does when the boilerplate outweighs a short body;
 * - fresh paragraphs, n shingles seen nowhere else: each signature value is the
 *   minimum of n uniform hashes, drawn directly (1 − U^(1/n));
 * - near-copies (syndication, updates) keep most parts of an earlier article,
 *   and same-story articles share one part (a quote) with one.
 * The articles measured are real text (generated words, the same site
 * boilerplate) and go through the real shingling.
 */
import { documentShingles, signature } from '../src/dedupe/across/minhash.js';
import { prng } from '../src/prng.js';

export type Rand = () => number;
type Lang = 'ja' | 'ko' | 'en';

/** Zipf-distributed picks from 0..n-1 (s = 1): a few names and words are everywhere, most are rare. */
export function zipf(n: number, rand: Rand): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cdf[i] = sum += 1 / (i + 1);
  return () => {
    const x = rand() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** Words of a language with Zipf frequencies: kana and kanji, Hangul syllables, Latin syllables. */
export function textMaker(seed: number) {
  const rand = prng(seed);
  const kanji = Array.from({ length: 1500 }, (_, i) => String.fromCodePoint(0x4e00 + ((i * 7919) % 20000)));
  const kana = Array.from({ length: 83 }, (_, i) => String.fromCodePoint(0x3041 + i));
  const jaChars = [...kana.slice(0, 40), ...kanji, ...kana.slice(40)];
  const hangul = Array.from({ length: 900 }, (_, i) => String.fromCodePoint(0xac00 + ((i * 131) % 11172)));
  const syl = ['ka', 'to', 'ri', 'ne', 'sa', 'mo', 'lu', 'pe', 'di', 'an', 'or', 'en', 'st', 'ch', 'ba', 'vi', 'gu', 'ho', 'ex', 'im'];
  const enWords = Array.from({ length: 20_000 }, (_, i) => {
    let w = '';
    for (let x = i + 1; x > 0; x = Math.floor(x / syl.length)) w += syl[x % syl.length];
    return w;
  });
  const pick = { ja: zipf(jaChars.length, rand), ko: zipf(hangul.length, rand), en: zipf(enWords.length, rand) };
  const sentence = (lang: Lang, r: Rand): string => {
    if (lang === 'ja') {
      const n = 25 + Math.floor(r() * 35);
      let s = '';
      for (let i = 0; i < n; i++) s += jaChars[pick.ja()];
      return `${s}。`;
    }
    if (lang === 'ko') {
      const words = Array.from({ length: 6 + Math.floor(r() * 8) }, () => Array.from({ length: 2 + Math.floor(r() * 3) }, () => hangul[pick.ko()]).join(''));
      return `${words.join(' ')}다.`;
    }
    const words = Array.from({ length: 10 + Math.floor(r() * 15) }, () => enWords[pick.en()]);
    return `${words.join(' ')}.`;
  };
  const paragraph = (lang: Lang, r: Rand) => Array.from({ length: 2 + Math.floor(r() * 3) }, () => sentence(lang, r)).join(lang === 'ja' ? '' : ' ');
  return { paragraph, rand };
}

/** A site: its language and the boilerplate paragraph it adds to every article (empty for a clean site). */
export interface Site {
  lang: Lang;
  boilerplate: string;
  sig: Uint32Array;
}

export function makeSites(n: number, k: number, seed: number): Site[] {
  const t = textMaker(seed);
  const sites: Site[] = [];
  for (let i = 0; i < n; i++) {
    const lang: Lang = i % 20 < 9 ? 'ja' : i % 20 < 14 ? 'ko' : 'en';
    // Two sites in five print a footer in the body; the rest are cleaned by extraction.
    const boilerplate = i % 5 < 2 ? t.paragraph(lang, t.rand) : '';
    const sig = boilerplate ? signature(documentShingles(boilerplate, { charGram: 5, wordGram: 3 }), { k }) : new Uint32Array(k).fill(0xffffffff);
    sites.push({ lang, boilerplate, sig });
  }
  return sites;
}

/** One grown article: what the dedupe tables hold of it. */
export interface GrownArticle {
  id: string;
  lang: Lang;
  url: string;
  hash: string;
  sig: Uint32Array;
  duplicateOf: string | null;
  similarity: number | null;
  clusterId: string;
  features: string[];
  at: string;
}

/**
 * An endless, deterministic stream of grown articles: 85% fresh, 8% near-copies
 * of a recent article (a paragraph dropped or rewritten, sometimes another
 * site), 7% the same story told again (one shared paragraph, the same entities).
 */
export function growth(sites: Site[], k: number, seed: number, start: Date) {
  const rand = prng(seed);
  const site = zipf(sites.length, rand);
  const entity = zipf(20_000, rand);
  const figure = zipf(5000, rand);
  const window = 5000;
  const recent: { parts: Uint32Array[]; site: number; a: GrownArticle }[] = [];
  let i = 0;
  const fresh = (): Uint32Array => {
    // A paragraph of 80–600 shingles no other article has.
    const n = 80 + Math.floor(rand() * 520);
    const s = new Uint32Array(k);
    for (let j = 0; j < k; j++) s[j] = Math.floor((1 - Math.pow(rand(), 1 / n)) * 0xffffffff);
    return s;
  };
  return (): GrownArticle => {
    const id = `g${i.toString(36).padStart(8, '0')}`;
    const r = rand();
    const prev = recent.length ? recent[Math.floor(rand() * recent.length)]! : null;
    const slot = i % window;
    let parts: Uint32Array[];
    let s = site();
    let duplicateOf: string | null = null;
    let similarity: number | null = null;
    let clusterId = id;
    let features: string[];
    if (prev && r < 0.08) {
      parts = prev.parts.filter(() => rand() > 0.15);
      // A copy that lost every paragraph gains one: an empty article would leave the next copy of it nothing to take.
      if (rand() < 0.5 || parts.length === 0) parts.push(fresh());
      if (rand() < 0.3) s = prev.site;
      duplicateOf = prev.a.duplicateOf ?? prev.a.id;
      similarity = 0.6 + Math.round(rand() * 400) / 1000;
      clusterId = prev.a.clusterId;
      features = prev.a.features;
    } else {
      parts = Array.from({ length: 3 + Math.floor(rand() * 6) }, fresh);
      features = [...new Set(Array.from({ length: 3 + Math.floor(rand() * 4) }, () => `e:entity ${entity()}`))];
      if (prev && r < 0.15) {
        parts.push(prev.parts[0]!);
        clusterId = prev.a.clusterId;
        features = [...new Set([...prev.a.features.filter((f) => f.startsWith('e:')).slice(0, 3), ...features])].slice(0, 8);
      }
      for (let f = Math.floor(rand() * 3); f > 0; f--) features.push(`f:n:${(figure() + 1) * 1000}`);
    }
    const sig = new Uint32Array(sites[s]!.sig);
    for (const p of parts) for (let j = 0; j < k; j++) if (p[j]! < sig[j]!) sig[j] = p[j]!;
    const a: GrownArticle = {
      id,
      lang: sites[s]!.lang,
      url: `https://site${s}.example/${id}`,
      hash: id.padStart(32, '0'),
      sig,
      duplicateOf,
      similarity,
      clusterId,
      features: [...new Set(features)],
      // One article every 30 s: a million span a year, so the story window (±96 h) holds ~25k.
      at: new Date(start.getTime() + i * 30_000).toISOString(),
    };
    i++;
    // A ring of the last `window` articles: copies are of recent news.
    recent[slot] = { parts, site: s, a };
    return a;
  };
}
