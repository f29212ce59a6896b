import { describe, expect, it } from 'vitest';
import { bandKeys, contentHash, decodeSignature, documentShingles, encodeSignature, estimateJaccard, signature } from './minhash.js';
import { canonicalUrl, itemKey } from './url.js';

describe('canonicalUrl', () => {
  it('drops tracking parameters, fragments, AMP and mobile variants, www and trailing slashes', () => {
    const variants = [
      'https://www.koreatimes.example/business/2025/10/nvidia-gpus?utm_source=twitter&utm_medium=social',
      'http://m.koreatimes.example/business/2025/10/nvidia-gpus/?fbclid=IwAR0abc#comments',
      'https://amp.koreatimes.example/business/2025/10/nvidia-gpus/amp/',
      'https://koreatimes.example/business/2025/10/nvidia-gpus.amp.html'.replace('.amp.html', '?outputType=amp'),
      'https://KOREATIMES.example:443/business//2025/10/nvidia-gpus?gclid=x&mc_cid=y',
    ];
    for (const v of variants) expect(canonicalUrl(v)).toBe('https://koreatimes.example/business/2025/10/nvidia-gpus');
  });

  it('keeps parameters that name the article, in a stable order', () => {
    expect(canonicalUrl('https://news.example.co.kr/view.php?no=123&cat=econ&utm_campaign=x')).toBe('https://news.example.co.kr/view.php?cat=econ&no=123');
    expect(canonicalUrl('https://example.jp/articles/2025/0923.amp.html')).toBe('https://example.jp/articles/2025/0923.html');
  });

  it('returns null for what is not a web URL', () => {
    expect(canonicalUrl('fixtures/articles/x/source.txt')).toBeNull();
    expect(canonicalUrl('mailto:desk@example.com')).toBeNull();
    expect(canonicalUrl(null)).toBeNull();
  });

  it('identifies feed items by GUID, link or content as the feed is configured', () => {
    const item = { guid: 'urn:uuid:1', url: 'https://x.example/a?utm_source=rss' };
    expect(itemKey(item, 'guid', 'h')).toBe('guid:urn:uuid:1');
    expect(itemKey(item, 'link', 'h')).toBe('url:https://x.example/a');
    expect(itemKey(item, 'content', 'h')).toBe('hash:h');
    expect(itemKey({ guid: null, url: null }, 'guid', 'h')).toBe('hash:h');
  });
});

describe('MinHash', () => {
  const p = { k: 128, bands: 20, rows: 4, charGram: 5, wordGram: 3 };
  const ko = '엔비디아가 한국 정부와 삼성전자, SK그룹, 현대자동차, 네이버에 최신 GPU 26만 장을 공급한다고 밝혔다. 젠슨 황 CEO는 경주에서 열린 APEC CEO 서밋에서 이를 발표했다.';
  const koEdited = '엔비디아가 한국 정부와 삼성전자, SK그룹, 현대자동차, 네이버에 최신 GPU 26만장을 공급한다고 31일 밝혔다. 젠슨 황 CEO는 경주에서 열린 APEC CEO 서밋에서 이를 발표했다.';
  const other = '반도체 수출이 다시 기록을 갈아치우고 있다. 9월 반도체 수출액은 166억 달러로 전년 같은 달보다 22.0% 늘었다.';

  it('estimates similarity: a light edit is close, another story is far', () => {
    const a = signature(documentShingles(ko, p), p);
    const b = signature(documentShingles(koEdited, p), p);
    const c = signature(documentShingles(other, p), p);
    expect(estimateJaccard(a, a)).toBe(1);
    expect(estimateJaccard(a, b)).toBeGreaterThan(0.6);
    expect(estimateJaccard(a, c)).toBeLessThan(0.1);
    expect(bandKeys(a, p).filter((k, i) => k === bandKeys(b, p)[i]).length).toBeGreaterThan(0);
  });

  it('shingles English by words and Japanese by characters', () => {
    expect(documentShingles('Nvidia will supply GPUs', p)).toEqual(new Set(['nvidia will supply', 'will supply gpus']));
    expect([...documentShingles('NVIDIAは韓国に供給する', p)].every((s) => Array.from(s).length === 5)).toBe(true);
  });

  it('round-trips signatures through text and hashes bodies by letters only', () => {
    const s = signature(documentShingles(ko, p), p);
    expect(decodeSignature(encodeSignature(s))).toEqual(s);
    expect(contentHash('Samsung, grew!')).toBe(contentHash('samsung   grew'));
  });
});
