import { describe, expect, it } from 'vitest';
import { escapeHtml, safeHref, textToHtml } from './html-escape.js';

describe('html escaping', () => {
  it('escapes markup, quotes and backticks in any language', () => {
    expect(escapeHtml('<script>alert("韓国")</script>')).toBe('&lt;script&gt;alert(&quot;韓国&quot;)&lt;/script&gt;');
    expect(escapeHtml("삼성 & SK's `x`")).toBe('삼성 &amp; SK&#39;s &#96;x&#96;');
  });
  it('lets only absolute http(s) URLs become links', () => {
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,<b>x</b>')).toBeNull();
    expect(safeHref('/relative/path')).toBeNull();
    expect(safeHref(' https://example.com/記事?id=1 ')).toBe('https://example.com/%E8%A8%98%E4%BA%8B?id=1');
  });
  it('turns blank-line paragraphs into escaped <p> elements', () => {
    expect(textToHtml('NVIDIA <GPU>\n\nSamsung & SK')).toBe('<p>NVIDIA &lt;GPU&gt;</p>\n<p>Samsung &amp; SK</p>');
  });
});
