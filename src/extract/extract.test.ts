import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { createContext } from '../context.js';
import { InputError } from '../errors.js';
import { localDocument } from '../fetch/local.js';
import { createLogger } from '../log.js';
import type { DocumentFormat, Extracted } from '../records.js';
import { splitFrontMatter } from './front-matter.js';
import { extract } from './index.js';
import { markdownBlocks } from './markdown.js';
import { isNavRow } from './boilerplate.js';

const ctx = createContext(loadConfig({ file: null, env: {} }), { log: createLogger({ level: 'silent' }) });
function run(body: string, format: DocumentFormat, uri = 'test.txt'): Extracted {
  const out = extract(localDocument(body, format, { kind: 'file', uri }, ctx), ctx);
  if (out.kind !== 'ok') throw new Error(out.detail);
  return out.value;
}

describe('front matter', () => {
  const post = `---\nlayout: post\ntitle: "삼성전자, 3분기 영업이익 12조 원"\ndate: 2025-10-30 08:00:00 +0900\ncategories: ["반도체"]\ntags: [삼성전자, HBM]\nauthor: "테크 데스크"\nexcerpt: "메모리 회복"\n---\n\n**실적 요약**\n삼성전자는 3분기 매출 86조 원을 기록했다.\n\n1.  **HBM:** 출하량이 늘었다.\n`;
  it('maps title, date, categories, tags, author and excerpt to metadata', () => {
    const doc = run(post, 'markdown', 'post.md');
    expect(doc).toMatchObject({
      title: '삼성전자, 3분기 영업이익 12조 원',
      publishedAt: '2025-10-29T23:00:00.000Z',
      categories: ['반도체'],
      tags: ['삼성전자', 'HBM'],
      author: '테크 데스크',
      excerpt: '메모리 회복',
    });
    expect(doc.blocks.map((b) => [b.kind, b.text])).toEqual([
      ['heading', '실적 요약'],
      ['paragraph', '삼성전자는 3분기 매출 86조 원을 기록했다.'],
      ['list', '1. HBM: 출하량이 늘었다.'],
    ]);
  });
  it('reads front matter in a .txt file too (the Jekyll export the seeds use)', () => {
    expect(run(post, 'text', 'post.txt').title).toBe('삼성전자, 3분기 영업이익 12조 원');
  });
  it('reports broken front matter with the input and the reason', () => {
    expect(() => splitFrontMatter('---\ntitle: "unclosed\ndate: [\n---\nbody', 'bad.md')).toThrow(/bad\.md: front matter is not valid YAML/);
    expect(() => splitFrontMatter('---\ntitle: x\nbody without a closing fence', 'open.md')).toThrow(/open\.md: front matter opened on line 1 is never closed/);
    try {
      splitFrontMatter('---\n- a\n- b\n---\n', 'list.md');
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).code).toBe('bad_front_matter');
    }
  });
});

describe('markdown blocks', () => {
  it('turns **bold** lines into headings, keeps list numbers, joins wrapped lines without spaces between CJK', () => {
    const blocks = markdownBlocks('**アジア市場の動向**\n日本はどうだろう？\n政府はAI戦略を掲げている。\n\n- first point\n> quoted\n\n---END---\n## Next steps\nThe plan\ncontinues here.');
    expect(blocks).toEqual([
      { kind: 'heading', text: 'アジア市場の動向' },
      { kind: 'paragraph', text: '日本はどうだろう？政府はAI戦略を掲げている。' },
      { kind: 'list', text: 'first point', group: 'list:0' },
      { kind: 'quote', text: 'quoted' },
      { kind: 'paragraph', text: '---END---' },
      { kind: 'heading', text: 'Next steps' },
      { kind: 'paragraph', text: 'The plan continues here.' },
    ]);
  });

  it('marks list items and table rows with the list or table they belong to', () => {
    const blocks = markdownBlocks('## Standings\n\n| Team | W | L |\n|---|---|---|\n| Tigers | 3 | 0 |\n| Giants | 3 | 0 |\n\nMeals:\n\n- oatmeal\n\n- oatmeal\n- rice');
    expect(blocks.filter((b) => b.group === 'table:0').map((b) => b.text)).toEqual(['Team | W | L', 'Tigers | 3 | 0', 'Giants | 3 | 0']);
    expect(blocks.filter((b) => b.group === 'list:1').map((b) => b.text)).toEqual(['oatmeal', 'oatmeal', 'rice']);
  });
});

describe('scraped pages', () => {
  it('finds the title under the masthead and drops chrome with its reason (English)', () => {
    const page = [
      'Skip to main content',
      'Harbour Daily',
      'News  World  Business  Tech  Climate',
      'Samsung and SK hynix lift chip exports to a record in October',
      'By Jane Park',
      'November 1, 2025 · 4 min read',
      'Share this article',
      '',
      'South Korea’s semiconductor exports rose 25% from a year earlier to a record $17.3 billion in October, the trade ministry said on Saturday.',
      '',
      'Advertisement',
      '',
      'Memory chips led the gains as prices for high-bandwidth memory used in AI servers kept rising.',
      '',
      'Related stories',
      '• Samsung profit rebounds',
      '• SK hynix sells out 2026 HBM',
      '',
      '© 2025 Harbour Daily. All rights reserved.',
    ].join('\n');
    const doc = run(page, 'text');
    expect(doc.title).toBe('Samsung and SK hynix lift chip exports to a record in October');
    expect(doc.author).toBe('Jane Park');
    expect(doc.publishedAt).toBe('2025-11-01T00:00:00.000Z');
    expect(doc.blocks.map((b) => b.text)).toEqual([
      'South Korea’s semiconductor exports rose 25% from a year earlier to a record $17.3 billion in October, the trade ministry said on Saturday.',
      'Memory chips led the gains as prices for high-bandwidth memory used in AI servers kept rising.',
    ]);
    expect(doc.dropped.every((d) => d.reason === 'boilerplate')).toBe(true);
    expect(doc.dropped.map((d) => d.detail)).toEqual(['navigation', 'site-name', 'navigation', 'byline', 'dateline', 'share', 'advertisement', 'related', 'related', 'related', 'copyright']);
  });
  it('reads a Korean scrape: site line, byline with KST date and reporter, chrome after the body', () => {
    const page = '반도체 수출 역대 최대…HBM이 견인\n\n 테크데일리 | 산업\n\n입력 2025.11.01 09:30   김민수 기자\n\n산업통상자원부에 따르면 10월 반도체 수출은 전년 대비 25% 늘어난 173억 달러를 기록했다.\n\n저작권자 © 테크데일리 무단전재 및 재배포 금지\n광고\n로딩 중…';
    const doc = run(page, 'text');
    expect(doc).toMatchObject({ title: '반도체 수출 역대 최대…HBM이 견인', siteName: '테크데일리', author: '김민수', publishedAt: '2025-11-01T00:30:00.000Z' });
    expect(doc.blocks).toHaveLength(1);
    expect(doc.dropped.map((d) => d.detail)).toEqual(['site-name', 'byline', 'copyright', 'advertisement', 'loading']);
  });
  it('keeps 【…】 sections as headings and drops an author box with its name as author (Japanese)', () => {
    const page = 'NVIDIAと韓国の提携\n\n - テックサイト - (テック)\n\n韓国政府は最大50,000台のGPUを配備する。\n\n【編集部解説】\n\n今回の発表は大きな意味を持つ。\n\n投稿者アバター\n山田花子\n技術と社会について執筆しています。\n\n読み込み中…\nadvertisements';
    const doc = run(page, 'text');
    expect(doc.siteName).toBe('テックサイト');
    expect(doc.author).toBe('山田花子');
    expect(doc.blocks.map((b) => b.kind)).toEqual(['paragraph', 'heading', 'paragraph']);
    expect(doc.dropped.map((d) => [d.detail, d.text])).toEqual([
      ['site-name', ' - テックサイト - (テック)'.trim()],
      ['author-box', '投稿者アバター'],
      ['author-box', '山田花子'],
      ['author-box', '技術と社会について執筆しています。'],
      ['loading', '読み込み中…'],
      ['advertisement', 'advertisements'],
    ]);
  });
  it('never mistakes prose for a menu row', () => {
    expect(isNavRow('About us  Contact  Careers  Advertise')).toBe(true);
    expect(isNavRow('회사소개 | 기사제보 | 광고문의 | 개인정보처리방침')).toBe(true);
    expect(isNavRow('The ministry said exports rose. Imports fell.  Analysts expect more.')).toBe(false);
  });
});
