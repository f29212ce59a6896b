/**
 * robots.txt (RFC 9309): groups by user-agent, Allow/Disallow with `*` and
 * `$`, the longest matching rule wins and Allow wins a tie. Crawl-delay,
 * though not in the RFC, is honoured as a longer per-host interval.
 */

export interface RobotsRules {
  /** May `pathAndQuery` (e.g. `/news/1?x=2`) be fetched? */
  allowed(pathAndQuery: string): boolean;
  /** The group's Crawl-delay in milliseconds, or null. */
  crawlDelayMs: number | null;
}

interface Rule {
  allow: boolean;
  pattern: string;
  match: (path: string) => boolean;
}

export const ALLOW_ALL: RobotsRules = { allowed: () => true, crawlDelayMs: null };
export const DISALLOW_ALL: RobotsRules = { allowed: () => false, crawlDelayMs: null };

/**
 * @example
 * const rules = parseRobots('User-agent: *\nDisallow: /private/', 'kiji/0.1 (+https://…)');
 * rules.allowed('/private/a') // false
 */
export function parseRobots(text: string, userAgent: string): RobotsRules {
  const token = (userAgent.split(/[\/\s]/)[0] ?? '').toLowerCase();
  type Group = { agents: string[]; rules: Rule[]; delay: number | null };
  const groups: Group[] = [];
  let current: Group | null = null;
  let lastWasAgent = false;
  for (const rawLine of text.split(/\r\n|\r|\n/)) {
    // Scanned, not matched with /#.*$/ or /^(…)\s*:\s*(.*)$/: both are quadratic on a hostile line.
    const hash = rawLine.indexOf('#');
    const line = (hash >= 0 ? rawLine.slice(0, hash) : rawLine).trim();
    const colon = line.indexOf(':');
    if (colon < 1) continue;
    const field = line.slice(0, colon).trim().toLowerCase();
    if (!/^[a-z-]+$/.test(field)) continue;
    const value = line.slice(colon + 1).trim();
    if (field === 'user-agent') {
      if (!current || !lastWasAgent) groups.push((current = { agents: [], rules: [], delay: null }));
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!current) continue;
    if (field === 'allow' || field === 'disallow') {
      // An empty Disallow allows everything; it adds no rule.
      if (value === '') continue;
      current.rules.push({ allow: field === 'allow', pattern: value, match: wildcardMatcher(value) });
    } else if (field === 'crawl-delay') {
      const n = Number(value);
      if (Number.isFinite(n) && n >= 0) current.delay = n * 1000;
    }
  }
  const mine = groups.filter((g) => g.agents.some((a) => a !== '*' && token !== '' && (token === a || token.startsWith(a) || a.startsWith(token))));
  const chosen = mine.length > 0 ? mine : groups.filter((g) => g.agents.includes('*'));
  const rules = chosen.flatMap((g) => g.rules);
  const delays = chosen.map((g) => g.delay).filter((d): d is number => d !== null);
  return {
    crawlDelayMs: delays.length > 0 ? Math.max(...delays) : null,
    allowed(pathAndQuery: string) {
      let best: Rule | null = null;
      for (const r of rules) {
        if (!r.match(pathAndQuery)) continue;
        if (!best || r.pattern.length > best.pattern.length || (r.pattern.length === best.pattern.length && r.allow)) best = r;
      }
      return best === null || best.allow;
    },
  };
}

/**
 * A robots.txt path pattern (`*` any run, a final `$` the end) as a matcher.
 * Not a RegExp: a pattern with many `*` would become `.*a.*a.*a…`, which
 * backtracks polynomially on a long path. Greedy leftmost matching of the
 * literal pieces in turn decides the same question in one pass.
 */
function wildcardMatcher(pattern: string): (path: string) => boolean {
  const anchored = pattern.endsWith('$');
  const parts = (anchored ? pattern.slice(0, -1) : pattern).split('*').map(encodePath);
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

/** Rules may be written with raw UTF-8 or percent-encoding; URLs arrive percent-encoded. */
function encodePath(s: string): string {
  try {
    return encodeURI(decodeURI(s));
  } catch {
    return s;
  }
}
