/**
 * URL canonicalisation: one address per article however it was linked.
 * Tracking parameters, fragments, AMP and mobile variants, default ports,
 * `www.`, the scheme and trailing slashes do not make a different article.
 */

// Parameters that only say who sent the reader (exact names, lower case).
const TRACKING = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'msclkid', 'yclid', 'igshid', 'mc_cid', 'mc_eid', 'mkt_tok', '_ga', '_gl', '_hsenc', '_hsmi',
  'ref', 'ref_src', 'ref_url', 'referrer', 'src', 'source', 'cmpid', 'cmp', 'campaign', 'ocid', 'ncid', 'spm', 'scid', 's_cid', 'sr_share',
  'share', 'smid', 'smtyp', 'feature', 'rss', 'from', 'via', 'outputtype', 'amp', 'output', 'utm', 'ito', 'wt.mc_id', 'cid', 'xtor', 'guccounter',
]);
const TRACKING_PREFIX = /^(utm_|pk_|mtm_|hsa_|at_|__twitter|oly_|vero_|trk_|itm_)/;
const MOBILE_HOST = /^(m|mobile|amp|www|mw)\./;

/**
 * The canonical form of an article URL, or null when `url` is not an http(s) URL.
 *
 * @example
 * canonicalUrl('http://m.example.com/news/123/amp/?utm_source=x&id=7#top') // 'https://example.com/news/123?id=7'
 */
export function canonicalUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  let host = u.hostname.toLowerCase().replace(/\.$/, '');
  while (MOBILE_HOST.test(host) && host.split('.').length > 2) host = host.replace(MOBILE_HOST, '');
  let path = u.pathname
    .replace(/\/+/g, '/')
    .replace(/\/amp(\/|$)/i, '/')
    .replace(/\.amp(\.html?)$/i, '$1')
    .replace(/\/index\.(html?|php)$/i, '/');
  // Slash runs are already one slash: drop a trailing one by hand (/\/+$/ is quadratic on a long run).
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  const params = [...u.searchParams.entries()]
    .filter(([k]) => !TRACKING.has(k.toLowerCase()) && !TRACKING_PREFIX.test(k.toLowerCase()))
    .sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a.localeCompare(b)));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  return `https://${host}${path === '/' ? '' : path}${query}`;
}

/** How a feed's items are told apart: by GUID, by link, or by content when a feed's GUIDs are unstable. */
export type GuidPolicy = 'guid' | 'link' | 'content';

/**
 * The identity of a feed item under its feed's policy. Feeds that mint a
 * new GUID on every fetch (or reuse one for every item) are set to `link`
 * or `content` in config; `content` uses the body hash.
 *
 * @example
 * itemKey({ guid: 'tag:x,2025:1', url: 'https://x.com/a?utm_source=rss' }, 'link', 'abc') // 'url:https://x.com/a'
 */
export function itemKey(item: { guid: string | null; url: string | null }, policy: GuidPolicy, contentHash: string): string {
  if (policy === 'guid' && item.guid) return `guid:${item.guid.trim()}`;
  const url = canonicalUrl(item.url);
  if (policy !== 'content' && url) return `url:${url}`;
  return `hash:${contentHash}`;
}
