/**
 * Whole lines that are not article text, in ja/ko/en: photo captions and
 * credits, paywall notices, breadcrumb trails, reporter lines, copyright
 * notices. Shared by the HTML extractor (a block that is only such a line)
 * and the plain-text scrape rules (src/extract/boilerplate.ts).
 */

/**
 * A caption or credit line: "Image: …", "Photo by …", "写真：…", "사진=…",
 * "… [사진=연합뉴스]", "… (Getty Images)". Short, and opening (or closing) with the credit.
 */
export const CAPTION_LINE =
  /^[\s(（[【]*(?:images?|photos?|photographs?(?: by)?|picture|pictured|illustration|graphic|video|credit|photo (?:by|credit)|image (?:by|credit|source)|(?:写真|撮影)(?:・文|と文)?|画像|図|イラスト|提供|사진|그래픽|일러스트|영상|자료사진)\s*(?:[:：=|/／]|by\b|提供|】)|^[\s(（]*(?:사진|写真)\s*[=＝:：]|[(（[【](?:photo|image|사진|写真|자료)\s*[:=：＝][^)）\]】]{1,60}[)）\]】]\s*$|[(（/／|]\s*(?:getty images|afp(?: via getty images)?|reuters|ap photo|ap|epa|shutterstock|연합뉴스|뉴시스|共同通信?|時事)\s*[)）]?\s*$/i;

/** A photographer's credit, dropped even where captions are the story: "Photographs by …", "写真・文：…". */
export const CREDIT_LINE = /^(?:photos?|photographs?|images?|pictures?)\s+(?:by\b|:)|^(?:写真|撮影)(?:・文|と文)?\s*[:：]|^사진\s*[:=：]/i;

/** The paywall's own words under a teaser: not the article. */
export const PAYWALL_LINE =
  /^(?:この記事は(?:有料)?会員(?:限定|向け)|(?:この)?記事の続きは|続きを読むには|残り\d[\d,]*文字|有料会員になると|이 기사는 유료|유료\s*회원\s*전용|(?:subscribe|sign in|log in|register) (?:now )?to (?:continue|read)|this (?:article|story|content) is (?:for|available to|exclusive to) (?:paid )?(?:subscribers|members)|already a subscriber\??|you have reached your (?:free )?article limit|to continue reading)/i;

/** "ホーム > 経済 > 記事", "Home › World › Asia", "홈 > 경제": a trail of short crumbs. */
export const BREADCRUMB_LINE = /^(?:ホーム|トップ|top|home|홈|메인|首页)\s*[>＞›»/／]\s*(?:[^>＞›»/／]{1,30}\s*[>＞›»/／]\s*)*[^>＞›»/／]{1,60}$/i;

/** "정민지 기자 minji@…", "山田太郎記者", "reporter@example.com": the reporter's sign-off. */
export const REPORTER_LINE = /^(?:[\p{L}·]{2,10}\s*(?:기자|특파원|記者|通信員)(?:\s*[=(（]?\s*[\w.+-]+@[\w.-]+[)）]?)?|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s*$/u;

/** A copyright or reproduction notice. */
export const COPYRIGHT_LINE = /(?:©|ⓒ|\(c\)\s*\d{4}|copyright\s+(?:©\s*)?\d{4}|all rights reserved|無断(?:転載|複製)|저작권자|무단\s*전재|재배포\s*금지)/i;
