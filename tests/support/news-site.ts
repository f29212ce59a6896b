/**
 * A news site on a real local HTTP server, as feed readers meet them: feeds
 * whose items carry only a title (most Japanese and Korean outlets) or a
 * one-line teaser (most English ones), article pages wrapped in site chrome,
 * and the ways item links go wrong (404, a PDF, a private address, a redirect
 * loop, an ftp link, no link, a page that is down for now). Every request is
 * counted, so tests can say what was fetched and when.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Article {
  slug: string;
  lang: 'ja' | 'ko' | 'en';
  title: string;
  /** The teaser a feed gives instead of the article. */
  teaser: string;
  paragraphs: string[];
  /** ISO date on the page, or null: then the feed's date is the article's. */
  published: string | null;
  /** What a test looks for in the stored text: it is only on the page, never in the feed. */
  onlyOnPage: string;
}

export const ARTICLES: Article[] = [
  {
    slug: 'ja-rapidus-2nm',
    lang: 'ja',
    title: 'ラピダス、2ナノ半導体の試作ラインを公開',
    teaser: 'ラピダスは北海道千歳市の工場で試作ラインを報道陣に公開した。',
    paragraphs: [
      'ラピダスは18日、北海道千歳市で建設を進める工場「IIM-1」の試作ラインを報道陣に公開した。回路線幅2ナノメートルの最先端半導体について、2027年の量産開始を目指す。',
      '小池淳義社長は記者会見で「顧客の試作要望はすでに30社を超えた」と述べ、人工知能向けの需要を取り込む考えを示した。',
      '政府はこれまでに総額約1兆7200億円の支援を決めている。量産までにはさらに4兆円規模の資金が必要になるとみられ、民間からの出資をどう集めるかが課題となる。',
      '工場では米IBMとの共同研究で得た製造技術を使い、ウエハーを1枚ずつ処理する「枚葉式」の工程を採用した。',
    ],
    published: '2025-12-18T15:30:00+09:00',
    onlyOnPage: '枚葉式',
  },
  {
    slug: 'ja-toyota-battery',
    lang: 'ja',
    title: 'トヨタ、福岡に電池新工場　約3000億円投資',
    teaser: 'トヨタ自動車は福岡県に車載電池の新工場を建てると発表した。',
    paragraphs: [
      'トヨタ自動車は5日、福岡県苅田町に電気自動車向け電池の新工場を建設すると発表した。投資額は約3000億円で、2028年の稼働を予定する。',
      '新工場では次世代の全固体電池の生産も視野に入れる。年間の生産能力は車両約20万台分を見込む。',
      '九州では半導体工場の進出が相次いでおり、人材の確保が課題になっている。同社は地元の工業高校や高専と連携し、3年間で約1000人を採用する方針だ。',
    ],
    published: null,
    onlyOnPage: '全固体電池',
  },
  {
    slug: 'ko-samsung-pyeongtaek',
    lang: 'ko',
    title: '삼성전자, 평택 5라인 착공…53조 원 투입',
    teaser: '삼성전자가 평택캠퍼스 5라인 공사를 시작했다.',
    paragraphs: [
      '삼성전자는 경기 평택캠퍼스 5라인 착공식을 열고 2028년까지 53조 원을 투입한다고 17일 밝혔다.',
      '새 라인에서는 고대역폭메모리(HBM)와 차세대 D램을 주로 생산할 계획이다. 회사는 인공지능 서버 수요가 내년에도 이어질 것으로 내다봤다.',
      '전영현 부회장은 "메모리 경쟁력을 되찾는 데 모든 역량을 쏟겠다"고 말했다.',
      '업계에서는 이번 투자로 협력업체 일자리 약 3만 개가 새로 생길 것으로 보고 있다.',
    ],
    published: '2025-11-17T10:00:00+09:00',
    onlyOnPage: '협력업체 일자리',
  },
  {
    slug: 'ko-bok-rate',
    lang: 'ko',
    title: '한국은행, 기준금리 연 2.5% 동결',
    teaser: '한국은행이 기준금리를 동결했다.',
    paragraphs: [
      '한국은행 금융통화위원회는 27일 통화정책방향 회의를 열고 기준금리를 연 2.5%로 유지했다.',
      '이창용 총재는 기자간담회에서 "수도권 집값과 가계부채 흐름을 더 지켜볼 필요가 있다"고 설명했다.',
      '한은은 올해 경제성장률 전망치를 0.9%에서 1.0%로 올렸다. 반도체 수출 호조가 성장률을 끌어올린 것으로 분석됐다.',
    ],
    published: null,
    onlyOnPage: '가계부채 흐름',
  },
  {
    slug: 'en-tsmc-arizona',
    lang: 'en',
    title: 'TSMC raises Arizona investment to $165 billion',
    teaser: 'TSMC will add three more fabs in Arizona, the chipmaker said.',
    paragraphs: [
      'Taiwan Semiconductor Manufacturing Co said on Tuesday it would raise its planned investment in Arizona to $165 billion, adding three chip plants, two packaging facilities and a research centre to its site near Phoenix.',
      'Chief executive C.C. Wei said the expansion would create about 40,000 construction jobs over four years and tens of thousands of high-paying roles in advanced manufacturing once the plants are running.',
      'The company expects its second Arizona fab to begin volume production of 3-nanometre chips in 2028, two years earlier than first planned, as demand for artificial intelligence accelerators keeps rising.',
      'Analysts at Bernstein estimate the Arizona plants will cost about 30% more to run than comparable fabs in Taiwan.',
    ],
    published: '2025-03-04T21:00:00Z',
    onlyOnPage: 'Bernstein',
  },
  {
    slug: 'en-nvidia-korea',
    lang: 'en',
    title: 'Nvidia to supply 260,000 GPUs to South Korea',
    teaser: 'Nvidia will supply more than 260,000 GPUs to South Korea...',
    paragraphs: [
      'Nvidia will supply more than 260,000 of its latest graphics processors to the South Korean government and companies including Samsung Electronics, SK Group and Hyundai Motor Group, chief executive Jensen Huang said in Gyeongju on Friday.',
      'The government plans to secure up to 50,000 of the chips for a national AI computing centre, while Samsung will use its share to build what it called an AI factory for chip manufacturing.',
      'Huang spoke at a business summit on the sidelines of the Asia-Pacific Economic Cooperation meeting, where Korean officials described the deal as a turning point for the country’s AI ambitions.',
    ],
    published: null,
    onlyOnPage: 'AI factory for chip manufacturing',
  },
];

/** The feeds' dates, one per article, so an undated page takes its feed's. */
export const FEED_DATES: Record<string, string> = {
  'ja-rapidus-2nm': 'Thu, 18 Dec 2025 16:00:00 +0900',
  'ja-toyota-battery': 'Fri, 05 Dec 2025 13:00:00 +0900',
  'ko-samsung-pyeongtaek': 'Mon, 17 Nov 2025 10:30:00 +0900',
  'ko-bok-rate': 'Thu, 27 Nov 2025 11:00:00 +0900',
  'en-tsmc-arizona': 'Tue, 04 Mar 2025 21:30:00 GMT',
  'en-nvidia-korea': 'Fri, 31 Oct 2025 08:00:00 GMT',
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An article page as a news site serves it: navigation, a byline, related links and a footer around the story. */
export function articlePage(a: Article): string {
  const site = { ja: 'テック日報', ko: '한빛경제', en: 'Pacific Wire' }[a.lang];
  const nav = { ja: 'ホーム ニュース 経済 テクノロジー', ko: '홈 뉴스 경제 산업', en: 'Home World Business Technology' }[a.lang];
  const related = { ja: '関連記事', ko: '관련 기사', en: 'Related stories' }[a.lang];
  return `<!doctype html><html lang="${a.lang}"><head><meta charset="utf-8"><title>${esc(a.title)} | ${site}</title>
<meta property="og:site_name" content="${site}">${a.published ? `<meta property="article:published_time" content="${a.published}">` : ''}</head>
<body><header><nav>${nav}</nav></header>
<main><article><h1>${esc(a.title)}</h1>${a.published ? `<time datetime="${a.published}">${a.published.slice(0, 10)}</time>` : ''}
${a.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}
</article>
<aside><h2>${related}</h2><ul><li><a href="/articles/other-1">${esc(a.title.slice(0, 8))}…</a></li><li><a href="/articles/other-2">…</a></li></ul></aside></main>
<footer>© 2025 ${site}</footer></body></html>`;
}

export type FeedItem = { guid: string; title: string; link: string | null; description: string | null; pubDate: string };

export function rss(title: string, lang: string, items: FeedItem[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${esc(title)}</title><link>http://news.test/</link><language>${lang}</language><description>${esc(title)}</description>${items
    .map(
      (i) =>
        `<item><guid isPermaLink="false">${esc(i.guid)}</guid><title>${esc(i.title)}</title>${i.link === null ? '' : `<link>${esc(i.link)}</link>`}<pubDate>${i.pubDate}</pubDate>${i.description === null ? '' : `<description>${esc(i.description)}</description>`}</item>`,
    )
    .join('')}</channel></rss>`;
}

export interface NewsSite {
  base: string;
  /** Every request: path and when (ms since the server started), with its conditional header. */
  hits: { path: string; at: number; inm: string | undefined; headers: IncomingHttpHeaders }[];
  /** Feed of the six articles as title-only items. */
  titleOnlyUrl: string;
  /** Feed of the six articles as teasers. */
  teaserUrl: string;
  /** Feed whose items fail in every way an item can. */
  brokenUrl: string;
  /** Make `/articles/flaky` answer 503 (true) or serve its page (false). */
  setFlaky(down: boolean): void;
  /** Serve an extra feed at `path`. */
  addFeed(path: string, body: string): void;
  /** Serve an extra page at `path`. */
  addPage(path: string, html: string): void;
  close(): Promise<void>;
}

/** Items of `ARTICLES` as a feed: title only, or with their teaser. */
export function feedItems(base: string, withTeaser: boolean): FeedItem[] {
  return ARTICLES.map((a) => ({ guid: a.slug, title: a.title, link: `${base}/articles/${a.slug}`, description: withTeaser ? a.teaser : null, pubDate: FEED_DATES[a.slug]! }));
}

/**
 * @example
 * const site = await startNewsSite();
 * await kiji(['ingest', site.titleOnlyUrl, '--db', db], { env: { KIJI_FETCH_ALLOW: '127.0.0.1' } });
 */
export async function startNewsSite(): Promise<NewsSite> {
  const started = performance.now();
  const hits: NewsSite['hits'] = [];
  const feeds = new Map<string, string>();
  const pages = new Map<string, string>();
  let flakyDown = true;
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.push({ path, at: performance.now() - started, inm: req.headers['if-none-match'] as string | undefined, headers: req.headers });
    if (path === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private/\n');
    const feed = feeds.get(path);
    if (feed !== undefined) {
      const etag = `"${feed.length}"`;
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
      return void res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(feed);
    }
    const page = pages.get(path);
    if (page !== undefined) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    if (path === '/articles/flaky') {
      if (flakyDown) return void res.writeHead(503, { 'content-type': 'text/plain' }).end('down for maintenance');
      return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage(FLAKY));
    }
    if (path === '/files/report.pdf') return void res.writeHead(200, { 'content-type': 'application/pdf' }).end(Buffer.from('%PDF-1.7\n\x00\x01\x02\x03binary\x00\x00\x00stream\x00'));
    if (path === '/loop/a') return void res.writeHead(302, { location: '/loop/b' }).end();
    if (path === '/loop/b') return void res.writeHead(302, { location: '/loop/a' }).end();
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const a of [...ARTICLES]) pages.set(`/articles/${a.slug}`, articlePage(a));
  feeds.set('/feeds/title-only.xml', rss('テック日報・한빛경제・Pacific Wire 速報', 'ja', feedItems(base, false)));
  feeds.set('/feeds/teasers.xml', rss('Pacific Wire Asia', 'en', feedItems(base, true)));
  const day = 'Mon, 01 Dec 2025 09:00:00 +0900';
  feeds.set(
    '/feeds/broken.xml',
    rss('壊れたリンクの速報', 'ja', [
      { guid: 'gone', title: '削除された記事', link: `${base}/articles/gone`, description: null, pubDate: day },
      { guid: 'pdf', title: '決算短信（PDF）', link: `${base}/files/report.pdf`, description: null, pubDate: day },
      { guid: 'private', title: '社内向けのお知らせ', link: 'http://10.1.2.3/notice', description: null, pubDate: day },
      { guid: 'loop', title: '転送を繰り返すページ', link: `${base}/loop/a`, description: null, pubDate: day },
      { guid: 'ftp', title: 'FTP の資料', link: 'ftp://files.news.test/report.txt', description: null, pubDate: day },
      { guid: 'nolink', title: 'リンクのない速報', link: null, description: null, pubDate: day },
      { guid: 'robots', title: 'ロボット禁止のページ', link: `${base}/private/memo`, description: null, pubDate: day },
      { guid: 'flaky', title: FLAKY.title, link: `${base}/articles/flaky`, description: null, pubDate: day },
    ]),
  );
  return {
    base,
    hits,
    titleOnlyUrl: `${base}/feeds/title-only.xml`,
    teaserUrl: `${base}/feeds/teasers.xml`,
    brokenUrl: `${base}/feeds/broken.xml`,
    setFlaky: (down) => void (flakyDown = down),
    addFeed: (path, body) => void feeds.set(path, body),
    addPage: (path, html) => void pages.set(path, html),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** The page behind the broken feed's one item that is down now and up later. */
export const FLAKY: Article = {
  slug: 'flaky',
  lang: 'ja',
  title: '日銀、政策金利を0.75％に引き上げ',
  teaser: '日本銀行は金融政策決定会合で利上げを決めた。',
  paragraphs: [
    '日本銀行は19日の金融政策決定会合で、政策金利を0.5％から0.75％に引き上げることを決めた。利上げは1月以来となる。',
    '植田和男総裁は会見で「賃金と物価がともに上がる好循環が続いている」と述べた。',
  ],
  published: '2025-12-19T14:00:00+09:00',
  onlyOnPage: '好循環',
};
