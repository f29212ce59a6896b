/**
 * Whole lines that are not article text, in ja/ko/en: photo captions and
 * credits, paywall notices, breadcrumb trails, reporter lines, copyright
 * notices. Shared by the HTML extractor (a block that is only such a line)
 * and the plain-text scrape rules (src/extract/boilerplate.ts).
 */

/** What the line tests below share: a RegExp, or a small scanner where a regex would backtrack. */
export interface LineTest {
  test(line: string): boolean;
}

// The caption forms that open the line: anchored, so linear as a regex.
const CAPTION_OPENING =
  /^[\s(（[【]*(?:images?|photos?|photographs?(?: by)?|picture|pictured|illustration|graphic|video|credit|photo (?:by|credit)|image (?:by|credit|source)|(?:写真|撮影)(?:・文|と文)?|画像|図|イラスト|提供|사진|그래픽|일러스트|영상|자료사진)\s*(?:[:：=|/／]|by\b|提供|】)|^[\s(（]*(?:사진|写真)\s*[=＝:：]/i;
// "… (Getty Images)", "… / AP": the agency closes the line. `(?:[)）]\s*)?` rather than `[)）]?\s*`, so two runs of \s* never meet.
const CAPTION_AGENCY = /[(（/／|]\s*(?:getty images|afp(?: via getty images)?|reuters|ap photo|ap|epa|shutterstock|연합뉴스|뉴시스|共同通信?|時事)\s*(?:[)）]\s*)?$/i;
// The opening of "[사진=연합뉴스]", tested on the few characters before its `=`.
const CAPTION_BRACKET_OPEN = /[(（[【](?:photo|image|사진|写真|자료)$/i;
const CLOSE_BRACKETS = ')）]】';
const EQUALS = ':=：＝';
const isSpace = (c: string) => c.trim() === '';

/**
 * "… [사진=연합뉴스]" at the end of the line: what
 * /[(（[【](?:photo|image|사진|写真|자료)\s*[:=：＝][^)）\]】]{1,60}[)）\]】]\s*$/i matches, read back
 * from the closing bracket, so a line of many "(写真＝" costs one pass instead of 60 steps at each.
 */
function bracketCreditAtEnd(line: string): boolean {
  const close = line.trimEnd().length - 1;
  if (close < 0 || !CLOSE_BRACKETS.includes(line[close]!)) return false;
  // k: where the credit text starts (1 to 60 characters before the closing bracket, none of them a closing bracket).
  for (let k = close - 1; k >= 1 && k >= close - 60; k--) {
    if (CLOSE_BRACKETS.includes(line[k]!)) return false;
    if (!EQUALS.includes(line[k - 1]!)) continue;
    let w = k - 1;
    while (w > 0 && isSpace(line[w - 1]!)) w--;
    if (CAPTION_BRACKET_OPEN.test(line.slice(Math.max(0, w - 6), w))) return true;
  }
  return false;
}

/**
 * A caption or credit line: "Image: …", "Photo by …", "写真：…", "사진=…",
 * "… [사진=연합뉴스]", "… (Getty Images)". Short, and opening (or closing) with the credit.
 *
 * @example
 * CAPTION_LINE.test('서울 도심의 모습 [사진=연합뉴스]') // true
 */
export const CAPTION_LINE: LineTest = {
  test: (line) => CAPTION_OPENING.test(line) || CAPTION_AGENCY.test(line) || bracketCreditAtEnd(line),
};

/** A photographer's credit, dropped even where captions are the story: "Photographs by …", "写真・文：…". */
export const CREDIT_LINE = /^(?:photos?|photographs?|images?|pictures?)\s+(?:by\b|:)|^(?:写真|撮影)(?:・文|と文)?\s*[:：]|^사진\s*[:=：]/i;

/** The paywall's own words under a teaser: not the article. */
export const PAYWALL_LINE =
  /^(?:この記事は(?:有料)?会員(?:限定|向け)|(?:この)?記事の続きは|続きを読むには|残り\d[\d,]*文字|有料会員になると|이 기사는 유료|유료\s*회원\s*전용|(?:subscribe|sign in|log in|register) (?:now )?to (?:continue|read)|this (?:article|story|content) is (?:for|available to|exclusive to) (?:paid )?(?:subscribers|members)|already a subscriber\??|you have reached your (?:free )?article limit|to continue reading)/i;

const CRUMB_HOME = /^(?:ホーム|トップ|top|home|홈|메인|首页)\s*[>＞›»/／]/i;
const CRUMB_SEPARATOR = /[>＞›»/／]/;

/**
 * "ホーム > 経済 > 記事", "Home › World › Asia", "홈 > 경제": a trail of short crumbs.
 * The same lines as /^(?:ホーム|…)\s*[>＞›»/／]\s*(?:[^>＞›»/／]{1,30}\s*[>＞›»/／]\s*)*[^>＞›»/／]{1,60}$/i,
 * checked crumb by crumb: as one regex, a crumb's spaces could go to either side of it, which backtracks exponentially.
 *
 * @example
 * BREADCRUMB_LINE.test('Home › World › Asia') // true
 */
export const BREADCRUMB_LINE: LineTest = {
  test(line) {
    const home = CRUMB_HOME.exec(line);
    if (!home) return false;
    const crumbs = line.slice(home[0].length).split(CRUMB_SEPARATOR);
    const last = crumbs.pop()!;
    // A crumb is 1 to 30 characters between its spaces (or spaces only); the last one up to 60 after its leading spaces.
    return crumbs.every((c) => c.length > 0 && c.trim().length <= 30) && last.length > 0 && last.trimStart().length <= 60;
  },
};

/** "정민지 기자 minji@…", "山田太郎記者", "reporter@example.com": the reporter's sign-off. */
export const REPORTER_LINE = /^(?:[\p{L}·]{2,10}\s*(?:기자|특파원|記者|通信員)(?:\s*(?:[=(（]\s*)?[\w.+-]+@[\w.-]+[)）]?)?|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s*$/u;

/** A copyright or reproduction notice. */
export const COPYRIGHT_LINE = /(?:©|ⓒ|\(c\)\s*\d{4}|copyright\s+(?:©\s*)?\d{4}|all rights reserved|無断(?:転載|複製)|저작권자|무단\s*전재|재배포\s*금지)/i;
