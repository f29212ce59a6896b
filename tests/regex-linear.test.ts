/**
 * Every regular expression in src/ runs in linear time on any input: no
 * nested or adjacent quantifiers over overlapping classes, which make a
 * backtracking engine exponential or polynomial on a crafted string (a run
 * of 400 KB of digits once pinned a CPU for minutes in a URL-masking regex).
 *
 * The regex literals and the `new RegExp('…')` calls with a constant pattern
 * are collected from the TypeScript source and checked by recheck (its
 * automaton checker where it applies, fuzzing with a fixed seed elsewhere).
 * A check that runs out of recheck's time on a loaded machine is reported as
 * a warning, not a failure: only a proven non-linear pattern fails the test.
 * A pattern built at run time cannot be checked here: each one is listed in
 * DYNAMIC with why it is safe.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { check } from 'recheck';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/fixtures.js';

interface Found {
  file: string;
  line: number;
  source: string;
  flags: string;
}

/**
 * Regexes known not to be linear, each with why it may stay for now. Keyed by
 * file and pattern source (a source ending in … is a prefix). Every entry is
 * a debt: fix the pattern and delete the entry.
 */
const ALLOWED: Record<string, { source: string; why: string }[]> = {
  // --- Owned by other work in flight; listed for the lead to fix after merging. ---
  'src/enrich/figures/find.ts': [
    { source: String.raw`\b(?:https?:\/\/|www\.)[^\s<>"）)]+|[\w.+-]+@[\w-]+\.[\w.]+`, why: 'issue 17 item 1 (figures masking regex), being fixed under issue 14' },
  ],
  'src/enrich/entities/rules.ts': [{ source: String.raw`^[A-Z]+\d+[A-Z0-9]*$|^\d+$`, why: 'src/enrich/entities is being reworked under issue 13; tokens reaching it are capped at 100 characters' }],
  'src/extract/html/content.ts': [
    { source: String.raw`\s*\uE001[\s\uE001]*`, why: 'src/extract/html is being reworked under issue 12' },
    { source: String.raw`^\n+|\s+$`, why: 'src/extract/html is being reworked under issue 12' },
  ],
  'src/extract/html/metadata.ts': [
    { source: String.raw`\s+[|\-–—»·:]\s+|\s*[|｜]\s*|_`, why: 'src/extract/html is being reworked under issue 12 (titles only)' },
    { source: String.raw`^(.*?)\s+[|\-–—»·]\s+([^|\-–—»·]{2,40})$`, why: 'src/extract/html is being reworked under issue 12 (titles only)' },
  ],
  'src/time.ts': [
    // Flagged by the fuzzer only on some runs; parseDate reads metadata date strings.
    { source: String.raw`(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})…`, why: 'dates are being reworked under issue 12; lead to fix after merging' },
    { source: String.raw`(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})…`, why: 'dates are being reworked under issue 12; lead to fix after merging' },
    { source: String.raw`\b(?:(\d{1,2})\s+)?([A-Za-z]{3,9})\.?\s+…`, why: 'dates are being reworked under issue 12; lead to fix after merging' },
  ],
  // --- Bounded by the code around them: the input is short whatever the document. ---
  'src/extract/boilerplate.ts': [
    { source: String.raw`^(related\s+(articles?|stories|posts|news)|more\s+(stories|from\s+.{1,30})|…`, why: 'matchChrome tests only lines of at most 40 characters (rule.maxLength)' },
    { source: String.raw`^(이\s*기사를\s*추천합니다|(좋아요|훈훈해요|슬퍼요|화나요|후속요청)\s*\d+.*|…`, why: 'matchChrome tests only lines of at most 80 characters (rule.maxLength)' },
  ],
  'src/normalise/match-form.ts': [
    {
      // A plain string: the back-references \1 and \3 do not survive String.raw through the test transform.
      source: '(\\*\\*|__)(?=\\S)(.+?)(?<=\\S)\\1|(?<![\\p{L}\\p{N}*])(\\*|_)(?=\\S)(.+?)(?<=\\S)\\3(?![\\p{L}\\p{N}*])',
      why: 'run only on text with at most 64 * or _ (withEmphasisUnwrapped): cost at most 64 × length',
    },
  ],
  // --- Operator input (configuration, queue and metric names), never document text. ---
  'src/queue/metrics.ts': [{ source: String.raw`\{.*$`, why: 'metric names kiji itself writes' }],
  'src/queue/names.ts': [{ source: String.raw`\{[^}]+\}`, why: 'the queue prefix from configuration' }],
  'src/queue/schedules.ts': [{ source: String.raw`^[-.]+|-+$`, why: 'schedule names given on the command line' }],
  'src/store/index.ts': [{ source: String.raw`(\/\/[^:/@]+:)[^@]*@`, why: 'the database URL from configuration (password redaction)' }],
};

/** `new RegExp(expr)` with a pattern built at run time, by file and line text, with why it is linear. */
const DYNAMIC: Record<string, { contains: string; why: string }[]> = {
  'src/digest/build.ts': [{ contains: 'new RegExp(`\\\\b${term.replace(/[^a-z0-9]/g, \'\')}`', why: 'a word boundary before a literal of [a-z0-9] only' }],
  'src/digest/conflicts.ts': [{ contains: "new RegExp(src, 'gi')", why: 'an alternation of escaped literal keywords (\\b before them in English): no quantifier, so one attempt per position' }],
  'src/enrich/figures/dates.ts': [
    { contains: '\\\\b(${MONTH})\\\\.?\\\\s+(\\\\d{1,2})(?:st|nd|rd|th)?,?\\\\s+(\\\\d{4})', why: 'constant month names; src/enrich/figures is issue 14\'s: lead to review' },
    { contains: '(?<!\\\\d)(\\\\d{1,2})(?:st|nd|rd|th)?\\\\s+(${MONTH})', why: 'constant month names; lead to review' },
    { contains: '\\\\b(${MONTH})\\\\.?,?\\\\s+(\\\\d{4})(?!\\\\d)', why: 'constant month names; lead to review' },
    { contains: '\\\\b(${MONTH})\\\\.?\\\\s+(\\\\d{1,2})(?:st|nd|rd|th)?(?![', why: 'constant month names; lead to review' },
  ],
};

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

function collect(): { regexes: Found[]; dynamic: { file: string; line: number; text: string }[] } {
  const regexes: Found[] = [];
  const dynamic: { file: string; line: number; text: string }[] = [];
  for (const path of sourceFiles(join(ROOT, 'src'))) {
    const file = relative(ROOT, path);
    const sf = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart()).line + 1;
    const visit = (n: ts.Node): void => {
      if (ts.isRegularExpressionLiteral(n)) {
        const slash = n.text.lastIndexOf('/');
        regexes.push({ file, line: lineOf(n), source: n.text.slice(1, slash), flags: n.text.slice(slash + 1) });
      } else if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && ts.isIdentifier(n.expression) && n.expression.text === 'RegExp') {
        const [pattern, flags] = n.arguments ?? [];
        const constant = (a: ts.Node | undefined) => a !== undefined && (ts.isStringLiteral(a) || ts.isNoSubstitutionTemplateLiteral(a));
        if (constant(pattern) && (flags === undefined || constant(flags))) {
          regexes.push({ file, line: lineOf(n), source: (pattern as ts.StringLiteral).text, flags: flags ? (flags as ts.StringLiteral).text : '' });
        } else dynamic.push({ file, line: lineOf(n), text: n.getText() });
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return { regexes, dynamic };
}

// A fixed seed for the fuzzer; recheck's own time limits stay (without them the run takes over ten minutes).
const PARAMS = { randomSeed: 17 } as const;

describe('regular expressions in src/', () => {
  const { regexes, dynamic } = collect();

  it('are all found (the collector sees literals and constant new RegExp calls)', () => {
    expect(regexes.length).toBeGreaterThan(300);
    expect(regexes.some((r) => r.file === 'src/html-escape.ts' && r.source === "[&<>\"'`]")).toBe(true);
  });

  it('run in linear time, or are on the commented allow-list', async () => {
    const bySource = new Map<string, Found[]>();
    for (const r of regexes) {
      const key = `/${r.source}/${r.flags}`;
      bySource.set(key, [...(bySource.get(key) ?? []), r]);
    }
    const problems: string[] = [];
    const used = new Set<string>();
    for (const [key, sites] of bySource) {
      const { source, flags } = sites[0]!;
      const d = await check(source, flags, PARAMS);
      if (d.status === 'safe') continue;
      if (d.status === 'unknown' && d.error.kind === 'timeout') {
        console.warn(`regex check timed out (machine busy?): ${sites[0]!.file}:${sites[0]!.line} ${key}`);
        continue;
      }
      const why = d.status === 'vulnerable' ? d.complexity.summary : `not checkable (${d.error.kind})`;
      for (const site of sites) {
        const allowed = ALLOWED[site.file]?.find((a) => a.source === source || (a.source.endsWith('…') && source.startsWith(a.source.slice(0, -1))));
        if (allowed) used.add(`${site.file} ${source}`);
        else problems.push(`${site.file}:${site.line} ${key} — ${why}`);
      }
    }
    const stale = Object.entries(ALLOWED).flatMap(([file, list]) => list.filter((a) => !used.has(`${file} ${a.source}`)).map((a) => `${file} /${a.source}/`));
    // A fixed pattern leaves its entry behind: say so, without failing someone else's branch for it.
    if (stale.length) console.warn(`regex allow-list entries that no longer match a non-linear regex (delete them):\n${stale.join('\n')}`);
    expect(problems, `non-linear regexes (fix them; see tests/regex-linear.test.ts):\n${problems.join('\n')}`).toEqual([]);
  }, 600_000);

  it('built at run time are each listed with why they are linear', () => {
    const unlisted = dynamic.filter((d) => !(DYNAMIC[d.file] ?? []).some((e) => d.text.includes(e.contains)));
    expect(unlisted.map((d) => `${d.file}:${d.line} ${d.text.slice(0, 120)}`)).toEqual([]);
  });
});
