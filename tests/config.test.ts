/**
 * Configuration as a user meets it through the CLI: a misspelt key is an
 * error with the key meant, every problem is listed at once (exit 2), the
 * web reader's environment variables are part of the schema, and the
 * shipped example (config/kiji.example.yaml) names every key with its default.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { configKeys, loadConfig } from '../src/config/load.js';
import { Config } from '../src/config/schema.js';
import { ConfigError } from '../src/errors.js';
import { kiji } from './support/cli.js';
import { ROOT } from './support/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'kiji-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('unknown keys', () => {
  it('are refused with the key meant, every problem at once, exit 2', async () => {
    const cfg = file('typos.yaml', ['stoer:', '  db: /tmp/x.db', 'dedupe:', '  sentenceNaer: 0.8', '  contained: 2', 'queue:', '  prefx: news', 'web:', '  tokn: a-reviewer-token-long-enough', 'colour: blue', ''].join('\n'));
    const r = await kiji(['list', '--config', cfg, '--db', join(dir, 'k.db')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    for (const line of [
      'stoer: unknown key (did you mean store?)',
      'dedupe.sentenceNaer: unknown key (did you mean dedupe.sentenceNear?)',
      'queue.prefx: unknown key (did you mean queue.prefix?)',
      'web.tokn: unknown key (did you mean web.token?)',
      'colour: unknown key',
      'dedupe.contained:',
    ])
      expect(r.stderr).toContain(line);
    expect(r.stderr).not.toContain('colour: unknown key (did you mean');
  });

  it('accepts any key inside maps (feed URLs) and checks what is under a list', () => {
    expect(() => loadConfig({ file: file('maps.yaml', 'fetch:\n  feedTimeZones:\n    https://www.yna.co.kr/rss/news.xml: Asia/Seoul\n'), env: {} })).not.toThrow();
  });
});

describe('the web reader in the schema', () => {
  it('reads KIJI_PORT, KIJI_HOST, KIJI_WEB_HOSTS and KIJI_WEB_TOKEN, and checks them at start', () => {
    const c = loadConfig({ file: null, env: { KIJI_PORT: '9090', KIJI_HOST: '0.0.0.0', KIJI_WEB_HOSTS: 'news.example.org, *.kiji.example', KIJI_WEB_TOKEN: 'a-reviewer-token-long-enough' } });
    expect(c.web).toMatchObject({ port: 9090, host: '0.0.0.0', hosts: ['news.example.org', '*.kiji.example'], token: 'a-reviewer-token-long-enough' });
    let err: unknown;
    try {
      loadConfig({ file: null, env: { KIJI_PORT: 'eighty', KIJI_WEB_TOKEN: 'short' } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems).toEqual([expect.stringContaining('KIJI_PORT: expected a whole number, not "eighty"'), expect.stringContaining('at least 16 characters')]);
  });

  it('stops kiji serve at start on a bad port, exit 2', async () => {
    const r = await kiji(['serve', '--db', join(dir, 'k.db')], { env: { KIJI_PORT: '70000' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('web.port');
  });
});

describe('config/kiji.example.yaml', () => {
  const path = join(ROOT, 'config', 'kiji.example.yaml');

  it('loads, and every value in it is the default', () => {
    expect(loadConfig({ file: path, env: {} })).toEqual(Config.parse({}));
  });

  it('names every key of the schema', () => {
    const example = parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    const has = (p: string) => p.split('.').reduce<unknown>((node, k) => (node && typeof node === 'object' && k in node ? (node as Record<string, unknown>)[k] : undefined), example) !== undefined;
    expect(configKeys(Config).filter((k) => !has(k))).toEqual([]);
  });
});
