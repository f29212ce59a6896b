/**
 * The linear rewrites of regexes that tests/regex-linear.test.ts flagged give
 * what the old regexes gave: each is compared with the regex it replaced on
 * random strings over the characters that regex cares about, then run on a
 * hostile input that made the old regex rescan the text from every position.
 * The old regexes live here only: tests/ is not scanned by the linear check.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTableRule } from '../src/extract/markdown.js';
import { BREADCRUMB_LINE, CAPTION_LINE, REPORTER_LINE } from '../src/extract/lines.js';
import { countCodeWords, countCssDeclarations, countCssRules } from '../src/extract/sanity.js';
import { bylineDate } from '../src/extract/html/dates.js';
import { siteFirst, splitTitle, trimEndSeparators, withoutQueryOrFragment } from '../src/extract/html/metadata.js';
import { withoutPath } from '../src/queue/config.js';
import { lastWords } from '../src/enrich/entities/boundaries.js';
import { isFullArticle } from '../src/fetch/feed/poll.js';
import { writtenDecimals } from '../src/digest/figures.js';
import { replaceScriptAndStyle, replaceTags } from '../src/strip-tags.js';

const over = (chars: string, maxLength = 80) => fc.string({ unit: fc.constantFrom(...[...chars]), maxLength });
const same = <T>(arb: fc.Arbitrary<string>, now: (s: string) => T, before: (s: string) => T, numRuns = 3000) =>
  fc.assert(
    fc.property(arb, (s) => {
      expect(now(s)).toEqual(before(s));
    }),
    { numRuns },
  );
// Words the regexes look for, mixed into the random text so matches are common.
const withWords = (chars: string, words: string[], maxLength = 12) =>
  fc.array(fc.oneof(fc.constantFrom(...words), over(chars, 4)), { maxLength }).map((parts) => parts.join(''));

describe('the linear rewrites match what the old regexes matched', () => {
  it('isTableRule', () => {
    const old = /^\s{0,3}\|?(\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*\|?\s*$/;
    same(withWords(' |-:\tx', ['---', '|', ' | ', ':---:', '----|'], 10), isTableRule, (s) => old.test(s), 5000);
  });

  it('BREADCRUMB_LINE', () => {
    const old = /^(?:ホーム|トップ|top|home|홈|메인|首页)\s*[>＞›»/／]\s*(?:[^>＞›»/／]{1,30}\s*[>＞›»/／]\s*)*[^>＞›»/／]{1,60}$/i;
    const crumb = fc.oneof(over('ab \t', 40), fc.constant(''), fc.constant(' '), over('a', 65));
    const line = fc
      .tuple(fc.constantFrom('Home', 'ホーム', 'top', 'x'), over(' ', 2), fc.array(fc.tuple(fc.constantFrom('>', '›', '/', '／'), crumb), { minLength: 1, maxLength: 5 }))
      .map(([home, sp, rest]) => home + sp + rest.map(([sep, c]) => sep + c).join(''));
    same(line, (s) => BREADCRUMB_LINE.test(s), (s) => old.test(s));
  });

  it('CAPTION_LINE', () => {
    const old =
      /^[\s(（[【]*(?:images?|photos?|photographs?(?: by)?|picture|pictured|illustration|graphic|video|credit|photo (?:by|credit)|image (?:by|credit|source)|(?:写真|撮影)(?:・文|と文)?|画像|図|イラスト|提供|사진|그래픽|일러스트|영상|자료사진)\s*(?:[:：=|/／]|by\b|提供|】)|^[\s(（]*(?:사진|写真)\s*[=＝:：]|[(（[【](?:photo|image|사진|写真|자료)\s*[:=：＝][^)）\]】]{1,60}[)）\]】]\s*$|[(（/／|]\s*(?:getty images|afp(?: via getty images)?|reuters|ap photo|ap|epa|shutterstock|연합뉴스|뉴시스|共同通信?|時事)\s*[)）]?\s*$/i;
    const words = ['[사진=', '(Photo: ', '(写真＝', ']', ')', '】', 'Getty Images', ' AP', '(', '|', 'Photo by', '사진=', '写真：', 'x'.repeat(30)];
    same(withWords(' ax=:)(', words, 10), (s) => CAPTION_LINE.test(s), (s) => old.test(s), 6000);
  });

  it('REPORTER_LINE', () => {
    const old = /^(?:[\p{L}·]{2,10}\s*(?:기자|특파원|記者|通信員)(?:\s*[=(（]?\s*[\w.+-]+@[\w.-]+[)）]?)?|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s*$/u;
    same(withWords(' a.@=(', ['정민지', ' 기자', 'minji@ex.com', ')', ' = ', '記者'], 6), (s) => REPORTER_LINE.test(s), (s) => old.test(s));
  });

  it('the CSS counts', () => {
    const decl = /[\w-]+\s*:\s*[^;{}]{1,60};/g;
    const rule = /[.#@]?[\w-]+[^{};]{0,60}\{[^{}]{0,300}\}/g;
    const css = withWords('a-: ;{}.#@ \n', ['color', ': red;', '{', '}', '.a ', 'x'.repeat(59), ' '.repeat(61)], 14);
    same(css, countCssDeclarations, (s) => s.match(decl)?.length ?? 0, 5000);
    same(css, countCssRules, (s) => s.match(rule)?.length ?? 0, 5000);
  });

  it('countCodeWords', () => {
    const old =
      /\bfunction\s*\*?\s*[\w$]*\s*\(|=>|\b(?:var|const|let)\s+[\w$]+\s*=|\breturn\b[^.!?。]{0,40}[;}]|\bwindow\.|\bdocument\.(?:get|query|create|write)|\bthis\.[\w$]+\s*[=(]|\.push\(|!function|\btypeof\b|\bundefined\b|\bnew\s+[A-Z]\w*\(|\bimport\s*\(|\brequire\(|\bmodule\.exports\b|__webpack|\bJSON\.parse\(|===|!==|&&|\|\|/g;
    const words = ['function', '$function', ' * ', 'foo', '(', 'typeof', 'return ', ';', '===', '=>', 'var ', ' = ', 'this.', '!function', 'new A', '&&', 'x'.repeat(41)];
    same(withWords(' a$(=!*;.', words, 12), countCodeWords, (s) => s.match(old)?.length ?? 0, 8000);
  });

  it('regexes rewritten in place (the copies here are the ones in src/)', () => {
    const execOf = (re: RegExp) => (s: string) => {
      const m = re.exec(s);
      return m ? [m.index, ...m] : null;
    };
    const pairs: [RegExp, RegExp, fc.Arbitrary<string>][] = [
      // src/extract/html/dates.ts, readDate
      [/\b([A-Z]{2,4})\s*\)?\s*$/, /\b([A-Z]{2,4})\s*(?:\)\s*)?$/, withWords(' )a', ['JST', 'ET', 'KST', ')'], 6)],
      // src/extract/html/dates.ts, PUBLISHED_INSIDE
      [
        /(?:^|\s)(?:입력|기사\s*입력|등록|송고|公開日?|配信日?|掲載日?|published|posted)\s*[:：]?\s*(?=(?:19|20)\d{2}|[A-Z][a-z]{2,8}\.?\s+\d)/i,
        /(?:^|\s)(?:입력|기사\s*입력|등록|송고|公開日?|配信日?|掲載日?|published|posted)\s*(?:[:：]\s*)?(?=(?:19|20)\d{2}|[A-Z][a-z]{2,8}\.?\s+\d)/i,
        withWords(' :1', ['입력', 'Published', '2019', 'Nov. 18', '：'], 6),
      ],
      // src/enrich/entities/boundaries.ts, NUMBERISH
      [
        /^[\p{N}\s,.+\-–~%％$€¥£₩/:]*[\p{N}][\p{N}\s,.+\-–~%％$€¥£₩/:]*\p{L}{0,4}$/u,
        /^[\s,.+\-–~%％$€¥£₩/:]*[\p{N}][\p{N}\s,.+\-–~%％$€¥£₩/:]*\p{L}{0,4}$/u,
        over('1٣Ⅻ ,.$%a억'),
      ],
    ];
    for (const [old, now, arb] of pairs) same(arb, execOf(now), execOf(old));
    // src/extract/html/dates.ts: the text before the first "Updated" marker, as datelineOf trims it.
    const cut = (rest: string) => {
      const at = rest.search(/[|｜]|\b(?:updated|modified)\b|수정|업데이트|更新/i);
      return (at < 0 ? rest : rest.slice(0, at)).replace(/[()（）[\]]/g, ' ').trim();
    };
    const split = (rest: string) => rest.split(/\s*(?:[|｜]|\b(?:updated|modified)\b|수정|업데이트|更新)\s*/i)[0]!.replace(/[()（）[\]]/g, ' ').trim();
    same(withWords(' |(a', ['Updated', 'updated', '수정', '2019', ' | '], 8), cut, split);
  });

  it('bylineDate (on a line with single spaces, as datelineOf gives it)', () => {
    const a = /(?:^|[|｜·•,]\s*)((?:19|20)\d{2}[年년./-]\s*\d{1,2}[月월./-]\s*\d{1,2}[日일.]?.*|[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s*(?:19|20)\d{2}.*)$/;
    const b = /(?:^|\s)((?:19|20)\d{2}\s*[年년]\s*\d{1,2}\s*[月월]\s*\d{1,2}\s*[日일].{0,20})$/;
    const line = withWords(' |,x1', ['2019', '年', '11', '月', '18', '日', '2019.11.18', 'November 18, 2019', '| ', 'x'.repeat(15)], 10).map((s) => s.replace(/\s+/g, ' ').trim());
    same(line, bylineDate, (s) => (a.exec(s) ?? b.exec(s))?.[1] ?? null, 5000);
  });

  it('the title separators (on a trimmed title)', () => {
    const old = /\s+[|\-–—»·:•]\s+|\s*[|｜‖]\s*|\s+::\s+|\s*[_＿]\s*(?=[^_＿]+$)|\s*[-–—]\s*(?=[^\s-–—]+$)/g;
    const before = (t: string) => {
      const out: { text: string; start: number; end: number }[] = [];
      let at = 0;
      for (const m of t.matchAll(old)) {
        out.push({ text: t.slice(at, m.index), start: at, end: m.index + m[0].length });
        at = m.index + m[0].length;
      }
      out.push({ text: t.slice(at), start: at, end: t.length });
      return out.filter((p) => p.text.trim() !== '');
    };
    same(over(' a|-_:–｜', 30).map((s) => s.trim()), splitTitle, before, 6000);
    const ends = /[\s|\-–—»·:•｜‖_＿]+$/;
    same(over(' a|-_:–｜\n', 20), trimEndSeparators, (s) => s.replace(ends, ''));
  });

  it('siteFirst', () => {
    const old = /^([^|\-–—»·]{2,40})\s+[|\-–—»·]\s+(.*)$/;
    const title = withWords(' a|-\n', ['The Paper', ' | ', ' - ', 'y'.repeat(38), '  '], 8);
    same(title, siteFirst, (s) => {
      const r = old.exec(s);
      return r ? { site: r[1]!, rest: r[2]! } : null;
    }, 5000);
  });

  it('the URL cuts', () => {
    same(over('a/?#\n\r:', 30), withoutQueryOrFragment, (s) => s.replace(/[?#].*$/, ''));
    same(over('a/\n:,', 30), withoutPath, (s) => s.replace(/\/.*$/, ''));
  });

  it('lastWords', () => {
    const old = /((?:[\p{L}.-]+ ){1,4})$/u;
    same(withWords(' a.-,\u00e9', ['Minister ', 'Interior ', '𝐀𝐁 ', '  ', 'U.S. '], 8), lastWords, (s) => old.exec(s)?.[1] ?? null, 5000);
  });

  it('the "cut short" ending of a feed body (through isFullArticle, on its collapsed text)', () => {
    const old = /(\.\.\.|…|\[(…|\.\.\.)\]|read (the )?(full|more)[^.]{0,40}|continue reading[^.]{0,40}|続きを読む|全文を読む|もっと見る|더\s?보기|기사\s?전문|전문\s?보기)\s*\W{0,3}\s*$/i;
    const body = withWords(' a.>!', ['Read more', 'read the full', 'Continue reading', '...', '…', '[…]', '더 보기', 'x'.repeat(20), ' → '], 10).map((s) => s.replace(/\s+/g, ' ').trim());
    // A minChars of 0: the article is full unless it is empty or ends cut short.
    same(body, (s) => isFullArticle(s, 0), (s) => !!s && !old.test(s), 5000);
  });

  it('writtenDecimals', () => {
    for (const [word, abbrev] of [['million', 'm|mn|mln'], ['billion', 'b|bn'], ['trillion', 'tn|trn']] as const) {
      const old = new RegExp(`(\\d)(?:\\.(\\d+))?\\s?(?:${word}|${abbrev})(?![A-Za-z])`, 'i');
      const text = withWords(' 1.x', ['53', '.0', ' million', 'M', 'mn', 'mln', 'Bn', 'b', 'trn', 'tn', 'trillion', 'billion', 'x'], 8);
      same(text, (s) => writtenDecimals(s, word), (s) => {
        const m = old.exec(s);
        return m ? (m[2]?.length ?? 0) : null;
      }, 3000);
    }
  });

  it('the tag strippers', () => {
    const html = withWords('a<>/ \n', ['<script>', '</script>', '<SCRIPT src=x>', '<style>', '</STYLE>', '<scripts>', '<p>', '</p>', '<', '>'], 14);
    same(html, (s) => replaceScriptAndStyle(s, ' '), (s) => s.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' '), 5000);
    same(html, (s) => replaceTags(s, ' '), (s) => s.replace(/<[^>]*>/g, ' '), 5000);
    same(html, (s) => replaceTags(s, ' ', true), (s) => s.replace(/<[^>]+>/g, ' '), 5000);
  });
});

describe('the rewrites on hostile input', () => {
  const n = 200_000;
  it('strip 200k unclosed tags in one pass', () => {
    expect(replaceScriptAndStyle('<script'.repeat(n), ' ')).toBe('<script'.repeat(n));
    expect(replaceScriptAndStyle('<style>'.repeat(n) + '</style>', ' ')).toBe(' ');
    expect(replaceTags('<'.repeat(n) + 'x', ' ')).toBe('<'.repeat(n) + 'x');
    expect(replaceTags('<>'.repeat(n), ' ', true)).toBe('<>'.repeat(n));
  });

  it('read long lines of the characters the old regexes rescanned', () => {
    expect(CAPTION_LINE.test('x' + '(写真＝写'.repeat(n))).toBe(false);
    expect(BREADCRUMB_LINE.test('Home > ' + 'a > '.repeat(n) + '>')).toBe(false);
    expect(isTableRule('|' + ' '.repeat(n) + 'x')).toBe(false);
    expect(countCssDeclarations('-:'.repeat(n) + ';')).toBe(1);
    expect(countCssRules('#-'.repeat(n) + '}')).toBe(0);
    expect(splitTitle('_' + '\t'.repeat(n) + '_').length).toBe(1);
    expect(siteFirst('\t' + '\n\t\t\t'.repeat(n))).toBeNull();
    expect(withoutQueryOrFragment('?'.repeat(n) + '\n')).toBe('?'.repeat(n) + '\n');
    expect(lastWords('a'.repeat(n) + ' x')).toBeNull();
    expect(countCodeWords('function$'.repeat(n / 10) + '\x00function(')).toBe(1);
    expect(isFullArticle('read more. '.repeat(n / 10) + 'The end.', 1)).toBe(true);
    expect(isFullArticle('read more '.repeat(n / 10) + 'x', 1)).toBe(false);
  });
});
