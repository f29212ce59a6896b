import { parse as parseYaml } from 'yaml';
import { InputError } from '../errors.js';

export interface FrontMatter {
  title: string | null;
  date: string | null;
  author: string | null;
  excerpt: string | null;
  categories: string[];
  tags: string[];
  /** Every other key, as YAML gave it. */
  extra: Record<string, unknown>;
}

/** Whether a body opens with a YAML front-matter fence. */
export const hasFrontMatter = (body: string): boolean => /^\uFEFF?---[ \t]*\r?\n/.test(body);

/**
 * Split YAML front matter (between `---` fences at the top) from the body.
 * A fence that is never closed, YAML that does not parse, or front matter
 * that is not a mapping is an InputError naming the input and the line.
 *
 * @example
 * splitFrontMatter('---\ntitle: A\ntags: [x]\n---\nBody', 'a.md').meta.tags // ['x']
 */
export function splitFrontMatter(body: string, input: string): { meta: FrontMatter; body: string; bodyLine: number } {
  const text = body.replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/);
  let close = -1;
  for (let i = 1; i < lines.length; i++) {
    if (/^(---|\.\.\.)[ \t]*$/.test(lines[i]!)) {
      close = i;
      break;
    }
  }
  if (close < 0) throw new InputError('extract', 'bad_front_matter', `${input}: front matter opened on line 1 is never closed with ---`, { input });
  let data: unknown;
  try {
    data = parseYaml(lines.slice(1, close).join('\n')) ?? {};
  } catch (err) {
    const first = (err as Error).message.split('\n')[0];
    throw new InputError('extract', 'bad_front_matter', `${input}: front matter is not valid YAML (${first})`, { input, cause: err });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new InputError('extract', 'bad_front_matter', `${input}: front matter must be a YAML mapping`, { input });
  const d = data as Record<string, unknown>;
  const { title, date, author, excerpt, categories, tags, ...extra } = d;
  return {
    meta: {
      title: str(title),
      date: date instanceof Date ? date.toISOString() : str(date),
      author: typeof author === 'object' && author && 'name' in author ? str((author as { name: unknown }).name) : str(author),
      excerpt: str(excerpt),
      categories: list(categories),
      tags: list(tags),
      extra,
    },
    body: lines.slice(close + 1).join('\n'),
    bodyLine: close + 2,
  };
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v.trim() || null : typeof v === 'number' ? String(v) : null);

// Jekyll accepts a list or a space-separated string.
function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.map((x) => String(x).trim()).filter(Boolean);
  if (typeof v === 'string') return v.split(/[\s,]+/).filter(Boolean);
  return [];
}
