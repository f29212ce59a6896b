/**
 * robots.txt (RFC 9309). A group is one or more `user-agent` lines and the
 * rules after them; the crawler obeys the groups whose user-agent names its
 * product token exactly (case-insensitively: `kiji` in `kiji/0.1 (+…)`), all
 * of them merged, and the `*` groups only when none names it — a group for
 * `kijibot` or `k` is someone else's. Among the rules that match a path the
 * longest wins, and Allow wins a tie; `*` matches any run of characters and a
 * final `$` anchors the end. `/robots.txt` itself is always allowed.
 * Crawl-delay, though not in the RFC, is honoured as a longer per-host
 * interval. Like Google's parser, a few common misspellings of the keys are
 * read as meant, and a missing colon is tolerated.
 */

export interface RobotsRules {
  /** May `pathAndQuery` (e.g. `/news/1?x=2`) be fetched? */
  allowed(pathAndQuery: string): boolean;
  /** The group's Crawl-delay in milliseconds, or null. */
  crawlDelayMs: number | null;
}

interface Rule {
  allow: boolean;
  /** The pattern in its percent-encoded form: its length in octets ranks the match. */
  pattern: string;
  match: (path: string) => boolean;
}

export const ALLOW_ALL: RobotsRules = { allowed: () => true, crawlDelayMs: null };
export const DISALLOW_ALL: RobotsRules = { allowed: () => false, crawlDelayMs: null };

/** Keys as written in the wild, mapped onto the four kiji reads. */
const KEYS: Record<string, 'user-agent' | 'allow' | 'disallow' | 'crawl-delay'> = {
  'user-agent': 'user-agent',
  useragent: 'user-agent',
  'user agent': 'user-agent',
  allow: 'allow',
  disallow: 'disallow',
  dissallow: 'disallow',
  dissalow: 'disallow',
  disalow: 'disallow',
  diasllow: 'disallow',
  disallaw: 'disallow',
  'crawl-delay': 'crawl-delay',
};

/**
 * The product token a robots.txt group must name: the leading letters,
 * `-` and `_` of a User-Agent (RFC 9309 §2.2.1).
 *
 * @example
 * productToken('kiji/0.1 (+https://github.com/kiji-news/kiji)') // 'kiji'
 */
export function productToken(userAgent: string): string {
  return (/^[A-Za-z_-]+/.exec(userAgent.trim())?.[0] ?? '').toLowerCase();
}

/**
 * @example
 * const rules = parseRobots('User-agent: *\nDisallow: /private/', 'kiji/0.1 (+https://…)');
 * rules.allowed('/private/a') // false
 */
export function parseRobots(text: string, userAgent: string): RobotsRules {
  const token = productToken(userAgent);
  type Group = { agents: string[]; rules: Rule[]; delay: number | null };
  const groups: Group[] = [];
  let current: Group | null = null;
  // Consecutive user-agent lines share one group; the first rule after them closes the list.
  let collectingAgents = false;
  for (const rawLine of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const kv = keyValue(rawLine);
    if (!kv) continue;
    const key = KEYS[kv.key];
    const value = kv.value;
    if (!key) continue; // sitemap and other records belong to no group and end none
    if (key === 'user-agent') {
      if (!current || !collectingAgents) groups.push((current = { agents: [], rules: [], delay: null }));
      // `kiji/1.0` in a group names the product `kiji`; `*` is everyone else.
      current.agents.push(value === '*' ? '*' : productToken(value));
      collectingAgents = true;
      continue;
    }
    collectingAgents = false;
    // Rules before any user-agent line belong to no group.
    if (!current) continue;
    if (key === 'crawl-delay') {
      const n = Number(value);
      if (Number.isFinite(n) && n >= 0) current.delay = n * 1000;
      continue;
    }
    // An empty Disallow allows everything; it adds no rule.
    if (value === '') continue;
    const pattern = encodePath(value);
    current.rules.push({ allow: key === 'allow', pattern, match: wildcardMatcher(pattern) });
  }
  const mine = token ? groups.filter((g) => g.agents.includes(token)) : [];
  const chosen = mine.length > 0 ? mine : groups.filter((g) => g.agents.includes('*'));
  const rules = chosen.flatMap((g) => g.rules);
  const delays = chosen.map((g) => g.delay).filter((d): d is number => d !== null);
  return {
    crawlDelayMs: delays.length > 0 ? Math.max(...delays) : null,
    allowed(pathAndQuery: string) {
      const path = encodePath(pathAndQuery.startsWith('/') ? pathAndQuery : `/${pathAndQuery}`);
      if (path === '/robots.txt') return true;
      let best: Rule | null = null;
      for (const r of rules) {
        if (!r.match(path)) continue;
        if (!best || r.pattern.length > best.pattern.length || (r.pattern.length === best.pattern.length && r.allow && !best.allow)) best = r;
      }
      return best === null || best.allow;
    },
  };
}

/**
 * `key: value`, or `key value` when the colon was forgotten, with the comment
 * cut off; the key lower-cased with its inner spaces kept (`user agent`).
 * Scanned rather than matched: `/#.*$/` and `^(…)\s*:\s*(.*)$` backtrack
 * quadratically on a long hostile line.
 */
function keyValue(rawLine: string): { key: string; value: string } | null {
  const hash = rawLine.indexOf('#');
  const line = (hash >= 0 ? rawLine.slice(0, hash) : rawLine).trim();
  if (!line) return null;
  const colon = line.indexOf(':');
  let key: string;
  let value: string;
  if (colon > 0) {
    key = line.slice(0, colon).trim();
    value = line.slice(colon + 1).trim();
  } else {
    const space = line.search(/\s/);
    if (space <= 0) return null;
    key = line.slice(0, space);
    value = line.slice(space + 1).trim();
  }
  if (!/^[A-Za-z][A-Za-z -]*$/.test(key)) return null;
  return { key: key.toLowerCase().replace(/\s+/g, ' '), value };
}

/**
 * A path pattern (`*` any run, a final `$` the end), already percent-encoded,
 * as a matcher. Not a RegExp: a pattern with many `*` would become
 * `.*a.*a.*a…`, which backtracks polynomially on a long path; matching the
 * literal pieces leftmost in turn decides the same question in one pass.
 */
function wildcardMatcher(pattern: string): (path: string) => boolean {
  const anchored = pattern.endsWith('$');
  const parts = (anchored ? pattern.slice(0, -1) : pattern).split('*');
  return (path) => {
    const first = parts[0]!;
    if (!path.startsWith(first)) return false;
    if (parts.length === 1) return !anchored || path.length === first.length;
    let at = first.length;
    for (let k = 1; k < parts.length - 1; k++) {
      const found = path.indexOf(parts[k]!, at);
      if (found < 0) return false;
      at = found + parts[k]!.length;
    }
    const last = parts[parts.length - 1]!;
    // Unanchored, the last piece may sit anywhere after; anchored, it must end the path.
    if (!anchored) return path.indexOf(last, at) >= 0;
    return path.length - last.length >= at && path.endsWith(last);
  };
}

/**
 * Rules and paths compared in one form: raw UTF-8 percent-encoded, escapes
 * in upper case (`%e3` is `%E3`), and `%2F`-style escapes of unreserved
 * characters decoded, as RFC 3986 makes them the same resource.
 */
function encodePath(s: string): string {
  let out: string;
  try {
    out = encodeURI(decodeURI(s));
  } catch {
    out = s;
  }
  return out.replace(/%[0-9a-f]{2}/gi, (e) => {
    const c = String.fromCharCode(parseInt(e.slice(1), 16));
    return /[A-Za-z0-9\-._~]/.test(c) ? c : e.toUpperCase();
  });
}
