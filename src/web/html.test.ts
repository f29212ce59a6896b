import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escape, html, join, path, query, safeHref, SafeHtml } from './html.js';

describe('html templates', () => {
  it('escapes every interpolated string, in text and in attributes', () => {
    const title = `"><script>alert('x')</script>`;
    const out = html`<p title="${title}">${'<img src=x onerror=alert(1)>'}</p>`.value;
    expect(out).toBe('<p title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;">&lt;img src=x onerror=alert(1)&gt;</p>');
  });

  it('inserts fragments it made itself as they are, joins arrays and drops empty values', () => {
    const items = ['韓国', '한국', 'Korea'].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}</ul>${null}${undefined}${false}${0}`.value).toBe('<ul><li>韓国</li><li>한국</li><li>Korea</li></ul>0');
    expect(join([html`<b>a</b>`, '<c>'], ' · ').value).toBe('<b>a</b> · &lt;c&gt;');
  });

  it('never lets a string through unescaped, whatever it holds', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const e = html`${s}`.value;
        expect(e).not.toMatch(/[<>"'`]/);
        expect(html`<span title="${s}">${s}</span>`.value).toBe(`<span title="${e}">${e}</span>`);
        // Nothing is lost: the escaped text reads back as the original.
        const back = e.replace(/&(lt|gt|quot|#39|#96|amp);/g, (_, n: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", '#96': '`', amp: '&' })[n]!);
        expect(back).toBe(s);
      }),
    );
  });

  it('only http(s) URLs become links', () => {
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref(' JaVaScRiPt:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,<script>alert(1)</script>')).toBeNull();
    expect(safeHref('vbscript:msgbox')).toBeNull();
    expect(safeHref('/relative/path')).toBeNull();
    expect(safeHref('https://www.yna.co.kr/view/AKR2025?x=1&y=2')).toBe('https://www.yna.co.kr/view/AKR2025?x=1&y=2');
    expect(safeHref('https://innovatopia.jp/ai/記事')).toBe('https://innovatopia.jp/ai/%E8%A8%98%E4%BA%8B');
  });

  it('encodes path segments and builds query strings from set values only', () => {
    expect(path('articles', '../../etc/passwd')).toBe('/articles/..%2F..%2Fetc%2Fpasswd');
    expect(query({ from: '2025-10-01', lang: null, topic: '', source: '聯合ニュース' })).toBe('?from=2025-10-01&source=%E8%81%AF%E5%90%88%E3%83%8B%E3%83%A5%E3%83%BC%E3%82%B9');
    expect(escape('`')).toBe('&#96;');
    expect(new SafeHtml('<b>').toString()).toBe('<b>');
  });
});
