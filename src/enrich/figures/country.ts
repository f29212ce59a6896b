/*
 * The country an outlet publishes from, for reading currency words several
 * countries share ($ on an Australian site is the Australian dollar): the
 * country-code top-level domain of its URL (also under .com.au, .co.nz …),
 * else a short list of national outlets on generic domains.
 */

// Outlets on .com/.net that are plainly national; only countries whose currency words are shared are worth listing.
const KNOWN_HOSTS: Record<string, string> = {
  'scmp.com': 'HK', 'thestandard.com.hk': 'HK', 'straitstimes.com': 'SG', 'channelnewsasia.com': 'SG', 'businesstimes.com.sg': 'SG',
  'taipeitimes.com': 'TW', 'focustaiwan.tw': 'TW', 'theglobeandmail.com': 'CA', 'thestar.com': 'CA', 'nationalpost.com': 'CA',
  'smh.com.au': 'AU', 'afr.com': 'AU', 'theaustralian.com.au': 'AU', 'nzherald.co.nz': 'NZ', 'stuff.co.nz': 'NZ',
  'rappler.com': 'PH', 'inquirer.net': 'PH', 'philstar.com': 'PH', 'thehindu.com': 'IN', 'indiatimes.com': 'IN', 'hindustantimes.com': 'IN',
  'livemint.com': 'IN', 'dawn.com': 'PK', 'mexiconewsdaily.com': 'MX', 'eluniversal.com.mx': 'MX', 'ahram.org.eg': 'EG',
};

// Country-code domains that are used as generic ones (.io, .ai, .tv, .co, .me) say nothing about the outlet.
const GENERIC_CC = new Set(['io', 'ai', 'tv', 'co', 'me', 'fm', 'ly', 'gg', 'to', 'cc', 'ws', 'la', 'am', 'app', 'dev']);

/**
 * @example
 * outletCountry('https://www.abc.net.au/news/…') // 'AU'
 * outletCountry('https://www.scmp.com/business') // 'HK'
 * outletCountry('https://www.reuters.com/')      // null
 */
export function outletCountry(url: string | null | undefined): string | null {
  if (!url) return null;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return null;
  }
  for (const [known, cc] of Object.entries(KNOWN_HOSTS)) if (host === known || host.endsWith(`.${known}`)) return cc;
  const tld = host.split('.').pop() ?? '';
  if (tld.length !== 2 || GENERIC_CC.has(tld)) return null;
  return tld === 'uk' ? 'GB' : tld.toUpperCase();
}
