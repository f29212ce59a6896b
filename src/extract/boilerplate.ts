/**
 * Site chrome that scrapes of news pages carry along, in Japanese, Korean and
 * English. Each rule names what it catches; `extract` reports every removal
 * in `dropped` with reason `boilerplate` and this name as the detail.
 *
 * Rules match whole lines and only short ones: a sentence that merely
 * mentions "advertising" is content.
 */
import { CAPTION_LINE, type LineTest, PAYWALL_LINE } from './lines.js';

export interface ChromeRule {
  name: string;
  pattern: LineTest;
  /** Longest line (in characters) the rule may remove. */
  maxLength: number;
  /** What else goes with the line: the rest of its block (author box, related list). */
  takesBlock?: boolean;
}

export const CHROME_RULES: readonly ChromeRule[] = [
  { name: 'loading', pattern: /^(読み込み中|読込中|ロード中|loading|로딩\s*중|불러오는\s*중)\s*[.…。・]*$/i, maxLength: 20 },
  { name: 'advertisement', pattern: /^(advertisements?|advertising|ad|ads|sponsored(\s+content)?|広告|スポンサーリンク|スポンサードリンク|PR|광고|AD\s*\d*)$/i, maxLength: 30, takesBlock: true },
  {
    name: 'share',
    pattern: /^((share|tweet|post|email|print|copy\s*link|gift|facebook|twitter|x|line|linkedin|reddit|whatsapp|pocket|はてブ|はてなブックマーク|シェア(する)?|ツイート|ポスト|印刷|공유(하기)?|카카오톡|카카오스토리|페이스북|트위터|엑스|밴드|네이버\s*블로그|인쇄|스크랩|URL\s*복사|링크\s*복사|링크복사)(\s*\([^)]{1,10}\))?(\s*(this|the)?\s*(article|story|page)?)?[\s|/・,:]*){1,10}$/i,
    maxLength: 80,
  },
  { name: 'newsletter', pattern: /^(sign\s*up|subscribe|get\s+our\s+newsletter|newsletter|ニュースレター|メルマガ|メールマガジン|뉴스레터|구독(하기)?|기자\s*구독).{0,60}$/i, maxLength: 90, takesBlock: true },
  {
    name: 'copyright',
    pattern: /(©|\(c\)\s*\d{4}|copyright\s+(©\s*)?\d{4}|all rights reserved|無断(転載|複製)|저작권자|무단\s*전재|재배포\s*금지)/i,
    maxLength: 160,
  },
  { name: 'cookie-notice', pattern: /(we use cookies|this (site|website) uses cookies|cookie (policy|settings)|クッキー|Cookie(を|の)|쿠키)/i, maxLength: 240 },
  { name: 'breadcrumb', pattern: /^(home|ホーム|トップ|홈)\s*[>›»/]/i, maxLength: 120 },
  { name: 'comments', pattern: /^(comments?|コメント(する|を書く)?|댓글(\s*쓰기)?|leave a (comment|reply))(\s*[(（]\d+[)）])?$/i, maxLength: 30, takesBlock: true },
  { name: 'related', pattern: /^(related\s+(articles?|stories|posts|news)|more\s+(stories|from\s+.{1,30})|read\s+more|recommended|most\s+(read|popular)|関連記事|関連ニュース|おすすめ記事|人気記事|あわせて読みたい|관련\s*기사|관련\s*뉴스|많이\s*본\s*뉴스|인기\s*기사|추천\s*기사)\s*[:：]?$/i, maxLength: 40, takesBlock: true },
  { name: 'author-box', pattern: /^(投稿者アバター|投稿者|著者(プロフィール|について|情報)?|この記事を書いた人|執筆者|about\s+the\s+author|author\s+(bio|profile)|written\s+by|기자\s*(프로필|소개|정보)|글쓴이)\s*[:：]?$/i, maxLength: 30, takesBlock: true },
  { name: 'navigation', pattern: /^(menu|メニュー|메뉴|skip to (main )?content|本文へ(スキップ)?|본문\s*바로가기|back to top|ページトップへ|맨\s*위로)$/i, maxLength: 40 },
  { name: 'reactions', pattern: /^(이\s*기사를\s*추천합니다|(좋아요|훈훈해요|슬퍼요|화나요|후속요청)\s*\d+.*|いいね[!！]?\s*\d*|was this (article )?helpful\??|listen to this article.*|この記事を(シェア|評価)する?|A\s+A\s+A\b.*|가\s+가\b.*)$/i, maxLength: 80 },
  { name: 'imprint', pattern: /(발행인|편집인|등록번호|사업자\s*등록|청소년보호책임자|대표전화|発行人|編集長|運営会社|registered (office|in england)|company number)/i, maxLength: 200 },
  { name: 'tag-list', pattern: /^(tags?|タグ|태그)\s*[:：]\s*\S/i, maxLength: 200 },
  // A photo caption or credit on a line of its own: "Image: …", "Photo by …", "写真：…", "사진=…", "(Getty Images)".
  { name: 'caption', pattern: CAPTION_LINE, maxLength: 200 },
  { name: 'paywall', pattern: PAYWALL_LINE, maxLength: 200 },
];

const NAV_ROW: ChromeRule = { name: 'navigation', pattern: /$^/, maxLength: 400 };

/** The chrome rule a line matches, if any. */
export function matchChrome(line: string): ChromeRule | null {
  const t = line.trim();
  for (const rule of CHROME_RULES) if (t.length <= rule.maxLength && rule.pattern.test(t)) return rule;
  return isNavRow(t) ? NAV_ROW : null;
}

/**
 * A menu or footer row: three or more short items set apart by runs of
 * spaces or by pipes ("Markets  Business  Tech", "회사소개 | 기사제보 | 광고문의"),
 * none of them a sentence. Prose never looks like this.
 */
export function isNavRow(t: string): boolean {
  if (t.length > 400) return false;
  const items = t.split(/\s{2,}|\s*[|｜]\s*/).filter(Boolean);
  if (items.length < 3) return false;
  return items.every((i) => i.length <= 40 && !/[。.!?！？]$/.test(i));
}
