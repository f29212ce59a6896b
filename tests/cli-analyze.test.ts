import { execFile } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, ftruncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/records.js';
import { kiji } from './support/cli.js';
import { ROOT } from './support/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'kiji-analyze-'));
const file = (name: string, content: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const SEED_JA = 'fixtures/articles/ja-innovatopia-nvidia-korea-gpus/source.txt';

describe('kiji analyze', () => {
  it('prints a valid Analysis of the scraped Japanese seed: title, chrome dropped, offsets into text', async () => {
    const r = await kiji(['analyze', SEED_JA]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const a = Analysis.parse(JSON.parse(r.stdout));
    expect(a.lang).toBe('ja');
    expect(a.title).toBe('NVIDIA×韓国、史上最大規模のAI投資|Samsung・SK・Hyundaiが描く「インテリジェンス輸出国」の未来');
    expect(a.source).toEqual({ kind: 'file', uri: SEED_JA });
    const chrome = a.dropped.filter((d) => d.reason === 'boilerplate').map((d) => d.text);
    expect(chrome).toEqual(expect.arrayContaining(['読み込み中…', 'advertisements', '投稿者アバター', 'Satsuki']));
    expect(a.text).not.toContain('読み込み中');
    for (const p of a.paragraphs) expect(a.text.slice(p.start, p.end)).toBe(p.text);
    expect(a.tokens.count).toBeGreaterThan(1000);
  });

  it('gives the same id for the same content, whatever the file name', async () => {
    const body = '# 반도체 수출 역대 최대\n\n10월 반도체 수출이 전년 대비 25% 늘어난 173억 달러를 기록했다. 메모리 가격 상승이 수출을 이끌었다.\n';
    const a = JSON.parse((await kiji(['analyze', file('one.md', body)])).stdout);
    const b = JSON.parse((await kiji(['analyze', file('two.md', body)])).stdout);
    expect(a.lang).toBe('ko');
    expect(a.id).toBe(b.id);
  });

  it('reads standard input with --lang as the body, all of it: no line becomes the title', async () => {
    const r = await kiji(['analyze', '-', '--lang', 'en'], { stdin: 'Chip exports hit a record\n\nSouth Korea exported $17.3 billion of chips in October, up 25% from a year earlier.' });
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(a).toMatchObject({ lang: 'en', source: { kind: 'stdin', uri: '-' }, title: '' });
    expect(a.paragraphs.map((p: { text: string }) => p.text)).toEqual(['Chip exports hit a record', 'South Korea exported $17.3 billion of chips in October, up 25% from a year earlier.']);
    expect(a.figures.map((f: { text: string }) => f.text)).toEqual(expect.arrayContaining(['$17.3 billion', '25%']));
  });

  it('reads one sentence on standard input in each language as a whole article', async () => {
    for (const [lang, text, figure] of [
      ['ja', 'トヨタ自動車は5日、新工場に約3000億円を投じると発表した。', '約3000億円'],
      ['ko', '삼성전자는 올해 반도체 공장에 53조 원을 투자한다고 밝혔다.', '53조 원'],
      ['en', 'Samsung will invest $3 billion in chip plants, the company said on Monday.', '$3 billion'],
    ] as const) {
      const r = await kiji(['analyze', '-'], { stdin: text });
      expect(r.code, r.stderr).toBe(0);
      const a = JSON.parse(r.stdout);
      expect(a).toMatchObject({ lang, text, title: '' });
      expect(a.figures.map((f: { text: string }) => f.text)).toContain(figure);
    }
  });

  describe('bad input: one line naming the input and the reason, non-zero exit', () => {
    const cases: [string, () => string, RegExp, number][] = [
      ['a missing file', () => join(dir, 'nope.txt'), /nope\.txt: no such file/, 1],
      ['an empty file', () => file('empty.txt', ''), /empty\.txt: empty file/, 1],
      ['white space only', () => file('blank.md', ' \n\n \t\n'), /blank\.md: only white space/, 1],
      ['a binary file', () => file('image.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])), /image\.txt: binary file \(PNG\)/, 1],
      ['NUL bytes', () => file('nul.txt', Buffer.from('abc\0def')), /nul\.txt: contains NUL bytes/, 1],
      ['Shift_JIS without a declaration', () => file('sjis.txt', Buffer.from([0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea, 0x82, 0xcc, 0x95, 0xb6, 0x8f, 0xcd])), /sjis\.txt: not valid UTF-8 and no charset declared/, 1],
      ['broken front matter', () => file('broken.md', '---\ntitle: "韓国\ntags: [a, b\n---\n本文です。'), /broken\.md: front matter is not valid YAML/, 1],
      ['a folder', () => dir, /not a regular file/, 1],
      ['French text', () => file('fr.txt', "Accord entre la Corée et BlackRock\n\nLe gouvernement sud-coréen et le gestionnaire d'actifs ont signé un protocole d'accord pour des centres de données alimentés par des énergies renouvelables."), /fr\.txt: not Japanese, Korean or English: French \(fr\); .* \(skipped: unsupported-language\)/, 3],
      ['Chinese text', () => file('zh.txt', '英伟达向韩国供应图形处理器\n\n英伟达将向韩国政府和企业供应超过二十六万块图形处理器，用于建设人工智能工厂。'), /zh\.txt: not Japanese, Korean or English: Chinese \(zh-Hans\)/, 3],
    ];
    for (const [what, make, message, code] of cases) {
      it(what, async () => {
        const r = await kiji(['analyze', make()]);
        expect(r.code).toBe(code);
        expect(r.stdout).toBe('');
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr).toMatch(message);
      });
    }
    it('a 50 MB file', async () => {
      const p = join(dir, 'huge.txt');
      const fd = openSync(p, 'w');
      ftruncateSync(fd, 50 * 1024 * 1024);
      closeSync(fd);
      const r = await kiji(['analyze', p]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/huge\.txt: 50\.0 MB is over the 10\.0 MB limit/);
    });
    it('an unknown language flag', async () => {
      const r = await kiji(['analyze', SEED_JA, '--lang', 'fr']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--lang must be ja, ko or en/);
    });
  });

  describe('real pages: the language gate and dates (fixtures/pages)', () => {
    it('a German page that declares lang=en exits 3, naming German, and prints nothing', async () => {
      const r = await kiji(['analyze', 'fixtures/pages/de-engine-review/source.html']);
      expect(r.code).toBe(3);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/de-engine-review\/source\.html: not Japanese, Korean or English: German \(de\); text \(\d+ nats for de\); declared en \(html\) \(skipped: unsupported-language\)/);
    });
    it('Russian, Traditional Chinese and Portuguese pages exit 3 with the language found', async () => {
      for (const [slug, found] of [['ru-moscow-metro', 'Russian \\(ru\\)'], ['zh-tw-taipei-mrt', 'Chinese \\(zh-Hant\\)'], ['pt-saopaulo-metro', 'Portuguese \\(pt\\)']]) {
        const r = await kiji(['analyze', `fixtures/pages/${slug}/source.html`]);
        expect(r.code).toBe(3);
        expect(r.stderr).toMatch(new RegExp(found!));
      }
    });
    it('a Japanese page with a zone-less <time> on a .co.jp address gives the right UTC instant', async () => {
      // The page's <link rel=canonical> names the .co.jp outlet, so 13:05 is read in JST.
      const r = await kiji(['analyze', 'fixtures/pages/ja-trivia-breadcrumb/source.html']);
      expect(r.code).toBe(0);
      const a = Analysis.parse(JSON.parse(r.stdout));
      expect(a.lang).toBe('ja');
      expect(a.publishedAt).toBe('2023-07-28T04:05:00.000Z');
      expect(a.title).toBe('日銀、大規模緩和の修正を決定 長期金利の上限を柔軟化');
      expect(a.text).not.toMatch(/今日は何の日|ホーム/);
    });
    it('a Korean page dated only by its 입력 line is read in KST; an undated page stays undated', async () => {
      const ko = Analysis.parse(JSON.parse((await kiji(['analyze', 'fixtures/pages/ko-caption-dateline/source.html'])).stdout));
      expect(ko.publishedAt).toBe('2024-03-27T05:22:00.000Z');
      expect(ko.dropped.find((d) => d.detail === 'caption')?.text).toContain('[사진=연합뉴스]');
      const undated = Analysis.parse(JSON.parse((await kiji(['analyze', 'fixtures/pages/en-undated-blog/source.html'])).stdout));
      expect(undated.publishedAt).toBeNull();
    });
    it('a page whose only text is a script bundle is rejected by the sanity check (exit 3, not-an-article)', async () => {
      const r = await kiji(['analyze', 'fixtures/pages/en-app-shell/source.html']);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/sanity: .*code.* \(skipped: not-an-article\)/);
    });
  });

  it('--jsonl: one line out per line in, in order, with inputId; bad lines give an error record and the run goes on', async () => {
    const lines = [
      JSON.stringify({ id: 'ko-1', text: '반도체 수출 역대 최대\n\n10월 반도체 수출이 173억 달러를 기록했다.' }),
      'not json',
      JSON.stringify({ id: 'en-1', html: '<html><head><title>Chip exports</title></head><body><article><h1>Chip exports hit a record</h1><p>South Korea exported $17.3 billion of chips in October, up 25% from a year earlier, the trade ministry said.</p></article></body></html>' }),
      JSON.stringify({ id: 'both', text: 'a', path: 'b' }),
      JSON.stringify({ id: 7, path: SEED_JA }),
      JSON.stringify({ id: 'missing', path: '/no/such/file.md' }),
      JSON.stringify({ id: 'fm', text: '---\ntitle: "Chip exports hit a record"\ntags: [chips]\n---\n\nSouth Korea exported $17.3 billion of chips in October, up 25% from a year earlier.' }),
    ];
    const r = await kiji(['analyze', '--jsonl'], { stdin: lines.join('\n') + '\n' });
    expect(r.code).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => o.inputId)).toEqual(['ko-1', null, 'en-1', 'both', 7, 'missing', 'fm']);
    expect(out[0]).toMatchObject({ lang: 'ko' });
    expect(out[1].error).toMatchObject({ code: 'bad_request', message: expect.stringMatching(/line 2: not valid JSON/) });
    expect(out[2]).toMatchObject({ lang: 'en' });
    expect(out[3].error.message).toMatch(/exactly one of text, html, path or url/);
    expect(out[4]).toMatchObject({ lang: 'ja' });
    expect(out[5].error).toMatchObject({ code: 'not_found' });
    expect(out[6]).toMatchObject({ lang: 'en', title: 'Chip exports hit a record', tags: ['chips'] });
  });

  it('--jsonl: a one-sentence text row in each language is a whole article, its lead kept, its title the one given', async () => {
    const rows = [
      { id: 'ja', text: 'トヨタ自動車は5日、愛知県の新工場に約3000億円を投じると発表した。', entity: 'トヨタ自動車', figure: '約3000億円' },
      { id: 'ko', text: '삼성전자는 올해 평택 반도체 공장에 53조 원을 투자한다고 밝혔다.', entity: '삼성전자', figure: '53조 원' },
      { id: 'en', text: 'Samsung Electronics will invest $3 billion in chip plants in Texas, the company said on Monday.', entity: 'Samsung', figure: '$3 billion' },
    ];
    const titled = { id: 'titled', title: 'Chip exports hit a record', text: 'South Korea exported $17.3 billion of chips in October.\nThat is up 25% from a year earlier, the trade ministry said.' };
    const r = await kiji(['analyze', '--jsonl'], { stdin: [...rows.map(({ id, text }) => ({ id, text })), titled].map((l) => JSON.stringify(l)).join('\n') + '\n' });
    expect(r.code).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    for (const [i, row] of rows.entries()) {
      expect(out[i], JSON.stringify(out[i]?.error)).toMatchObject({ inputId: row.id, lang: row.id, text: row.text, title: '' });
      expect(out[i].entities.flatMap((e: { surface: string[] }) => e.surface).join(' ')).toContain(row.entity);
      expect(out[i].figures.map((f: { text: string }) => f.text)).toContain(row.figure);
    }
    expect(out[3]).toMatchObject({ inputId: 'titled', title: 'Chip exports hit a record' });
    expect(out[3].paragraphs).toHaveLength(2);
    expect(out[3].text).toContain('$17.3 billion');
  });

  it('--jsonl: url beside path or html is the page address (canonical URL, base for links)', async () => {
    const page = file('hub.html', '<html lang="en"><head><title>BlackRock plans AI hub</title></head><body><article><h1>BlackRock plans AI hub in Korea</h1><p>BlackRock said on Tuesday it would build an AI data-centre hub in South Korea with SK Group, investing about $3 billion over five years. <a href="/markets/korea">More on Korea</a></p><p>The hub will sit near Ulsan and draw on power from nearby plants, the firm said in a statement.</p></article></body></html>');
    const html = '<html lang="ko"><body><article><h1>삼성전자, 53조 원 투자</h1><p>삼성전자는 올해 평택 반도체 공장에 53조 원을 투자한다고 밝혔다. 회사는 인공지능 서버용 메모리 수요가 늘고 있다고 설명했다.</p></article></body></html>';
    const r = await kiji(['analyze', '--jsonl'], {
      stdin: [
        { id: 'path', path: page, url: 'https://news.example.com/2025/11/04/blackrock-ai-hub?utm_source=rss' },
        { id: 'html', html, url: 'https://news.example.co.kr/view/5531' },
        { id: 'bad-url', html, url: 'ftp://news.example.co.kr/view/5531' },
      ].map((l) => JSON.stringify(l)).join('\n') + '\n',
    });
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out[0], JSON.stringify(out[0].error)).toMatchObject({ inputId: 'path', url: 'https://news.example.com/2025/11/04/blackrock-ai-hub?utm_source=rss', source: { kind: 'file' }, lang: 'en' });
    expect(out[1], JSON.stringify(out[1].error)).toMatchObject({ inputId: 'html', url: 'https://news.example.co.kr/view/5531', source: { kind: 'url', uri: 'https://news.example.co.kr/view/5531' }, lang: 'ko' });
    expect(out[2].error).toMatchObject({ code: 'bad_request', message: expect.stringMatching(/url.*http/) });
  });

  it('runs as the installed bin', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'bin', 'kiji.js'), 'analyze', SEED_JA], { cwd: ROOT, env: { ...process.env, KIJI_LOG_LEVEL: 'silent' } });
    expect(JSON.parse(stdout).lang).toBe('ja');
  });
});
