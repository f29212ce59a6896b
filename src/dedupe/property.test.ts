/**
 * Property test: documents built at random from distinct sentences, with
 * repeated paragraphs, flattened copies, separator markers and sentences cut
 * at a marker and continued after it. Whatever the mix, dedupe keeps every
 * sentence (or a near-equal), keeps no two near-equal sentences, leaves no
 * marker and stitches every cut sentence back whole.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { createContext, useResource } from '../context.js';
import { extract } from '../extract/index.js';
import { createLogger } from '../log.js';
import { normalise } from '../normalise/index.js';
import type { RawDocument } from '../records.js';
import { japaneseTokenizerResource } from '../tokenize/japanese.js';
import { tokenize } from '../tokenize/index.js';
import { dedupe } from './index.js';
import { fingerprint, jaccard, containment } from './within/shingles.js';

const ctx = createContext(loadConfig({ file: null, env: {} }), { log: createLogger({ level: 'silent' }) });
const cfg = ctx.config.dedupe;

const POOL: Record<'ja' | 'ko' | 'en', string[]> = {
  ja: [
    '韓国政府はAIインフラへの投資を拡大すると発表した。',
    'BlackRockは再生可能エネルギーで動くデータセンターを検討している。',
    'エヌビディアは最新のGPUを韓国企業に供給する計画だ。',
    '半導体の輸出は九月に過去最高を記録した。',
    '専門家は電力の安定供給が最大の課題になると指摘する。',
    'サムスン電子は新しい工場の建設を急いでいる。',
  ],
  ko: [
    '정부는 인공지능 인프라 투자를 늘리겠다고 발표했다.',
    '블랙록은 재생에너지로 가동하는 데이터센터 건설을 검토하고 있다.',
    '엔비디아는 최신 그래픽처리장치를 국내 기업에 공급할 계획이다.',
    '반도체 수출은 지난달 사상 최대치를 기록했다.',
    '전문가들은 안정적인 전력 공급이 가장 큰 과제라고 지적했다.',
    '삼성전자는 새 공장 건설을 서두르고 있다.',
  ],
  en: [
    'The government said it would expand investment in artificial intelligence infrastructure.',
    'BlackRock is studying data centres that would run on renewable power.',
    'Nvidia plans to supply its newest graphics processors to Korean companies.',
    'Chip exports hit a record high last month according to trade data.',
    'Analysts say a stable supply of electricity is the biggest challenge ahead.',
    'Samsung Electronics is hurrying to build a new factory near Pyeongtaek.',
  ],
};

type Piece = { kind: 'para'; sentences: number[] } | { kind: 'marker' } | { kind: 'flat'; upTo: number } | { kind: 'cut'; sentence: number; at: number; style: 'plain' | 'ellipsis' | 'overlap' };

const piece = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('para' as const), sentences: fc.array(fc.nat(5), { minLength: 1, maxLength: 3 }) }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'marker' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('flat' as const), upTo: fc.nat(3) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('cut' as const), sentence: fc.nat(5), at: fc.double({ min: 0.3, max: 0.7, noNaN: true }), style: fc.constantFrom('plain' as const, 'ellipsis' as const, 'overlap' as const) }),
  },
);

function build(lang: 'ja' | 'ko' | 'en', pieces: Piece[]): { body: string; cut: string[] } {
  const pool = POOL[lang];
  const sep = lang === 'ja' ? '' : ' ';
  const blocks: string[] = [];
  const cut: string[] = [];
  const paras: string[] = [];
  for (const p of pieces) {
    if (p.kind === 'para') {
      const text = p.sentences.map((i) => pool[i]!).join(sep);
      blocks.push(text);
      paras.push(text);
    } else if (p.kind === 'marker') blocks.push('---END---');
    else if (p.kind === 'flat') {
      if (paras.length) blocks.push(paras.slice(0, p.upTo + 1).join(sep));
    } else {
      const s = pool[p.sentence]!;
      // Cut between two words (English, Korean) or characters (Japanese), never inside the closing punctuation.
      const words = lang === 'ja' ? Array.from(s.slice(0, -1)) : s.slice(0, -1).split(' ');
      const k = Math.max(1, Math.min(words.length - 1, Math.round(words.length * p.at)));
      const head = words.slice(0, k).join(lang === 'ja' ? '' : ' ');
      const restWords = words.slice(k).join(lang === 'ja' ? '' : ' ') + s.slice(-1);
      const lastWord = lang === 'ja' ? head.slice(-3) : words[k - 1]!;
      const cont = p.style === 'plain' ? (lang === 'en' ? restWords : restWords) : p.style === 'ellipsis' ? `...${restWords}` : `...${lastWord}${sep}${restWords}`;
      blocks.push(head, '---END---', cont);
      cut.push(s);
    }
  }
  return { body: `---\ntitle: "Generated ${lang} article"\n---\n\n${blocks.join('\n\n')}\n`, cut };
}

beforeAll(async () => {
  await useResource(ctx, japaneseTokenizerResource);
});

describe('dedupe properties', () => {
  it('keeps every sentence once, leaves no marker and stitches every cut', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('ja' as const, 'ko' as const, 'en' as const), fc.array(piece, { minLength: 1, maxLength: 14 }), async (lang, pieces) => {
        const { body, cut } = build(lang, pieces);
        const raw: RawDocument = {
          source: { kind: 'file', uri: 'gen.md' },
          format: 'markdown',
          body,
          langHint: lang,
          meta: { title: null, publishedAt: null, author: null, url: null, siteName: null, feedUrl: null, guid: null },
          fetchedAt: '2025-11-01T00:00:00Z',
        };
        const e = extract(raw, ctx);
        if (e.kind !== 'ok') return;
        const n = normalise(e.value, ctx);
        if (n.kind !== 'ok') return;
        const t = await tokenize(n.value, ctx);
        if (t.kind !== 'ok') return;
        const out = await dedupe(t.value, ctx);
        if (out.kind !== 'ok') {
          expect(t.value.blocks.every((b) => b.text === '---END---')).toBe(true);
          return;
        }
        const c = out.value;
        expect(c.text).not.toContain('---END---');
        const fp = (s: { norm: string; text: string }) => fingerprint(s.norm, cfg, s.text);
        const kept = c.sentences.map(fp);
        const keptBare = kept.map((k) => k.bare).join('');
        for (const b of t.value.blocks) {
          for (const s of b.sentences) {
            const f = fp(s);
            if (s.text === '---END---' || f.bare.length === 0 || keptBare.includes(f.bare)) continue;
            expect(kept.some((k) => jaccard(f.shingles, k.shingles) >= cfg.sentenceNear || containment(f.shingles, k.shingles) >= cfg.contained), `lost: ${s.text}\n${body}`).toBe(true);
          }
        }
        // Every pool sentence used appears once in the kept text; a cut one appears whole.
        for (const s of [...new Set([...POOL[lang].filter((x) => body.includes(x)), ...cut])]) {
          const bare = fp({ norm: s.toLowerCase(), text: s }).bare;
          expect(keptBare.split(bare).length - 1, `${s} should be kept exactly once\n${body}\n---\n${c.text}`).toBe(1);
        }
        for (let i = 0; i < kept.length; i++)
          for (let j = i + 1; j < kept.length; j++)
            if (kept[i]!.bare.length >= cfg.minSentenceChars && kept[j]!.bare.length >= cfg.minSentenceChars)
              expect(jaccard(kept[i]!.shingles, kept[j]!.shingles), `${c.sentences[i]!.text} ‖ ${c.sentences[j]!.text}`).toBeLessThan(cfg.sentenceNear);
      }),
      { numRuns: 60, seed: 20251122 },
    );
  }, 120_000);
});
