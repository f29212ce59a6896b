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
  re: RegExp;
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
    const line = rawLine.replace(/#.*$/, '').trim();
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const field = m[1]!.toLowerCase();
    const value = m[2]!.trim();
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
      current.rules.push({ allow: field === 'allow', pattern: value, re: patternToRegExp(value) });
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
        if (!r.re.test(pathAndQuery)) continue;
        if (!best || r.pattern.length > best.pattern.length || (r.pattern.length === best.pattern.length && r.allow)) best = r;
      }
      return best === null || best.allow;
    },
  };
}

function patternToRegExp(pattern: string): RegExp {
  const anchored = pattern.endsWith('$');
  const body = (anchored ? pattern.slice(0, -1) : pattern)
    .split('*')
    .map((part) => encodePath(part).replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`);
}

/** Rules may be written with raw UTF-8 or percent-encoding; URLs arrive percent-encoded. */
function encodePath(s: string): string {
  try {
    return encodeURI(decodeURI(s));
  } catch {
    return s;
  }
}
