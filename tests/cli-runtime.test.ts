/**
 * Everything a run needs is built at start: a broken gazetteer (or any other
 * configuration problem) is reported before the first document is read, by
 * every command that runs the pipeline, with exit 2 and one message listing
 * the problems.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kiji } from './support/cli.js';
import { ROOT } from './support/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'kiji-runtime-'));
const broken = join(dir, 'entities.yaml');
writeFileSync(broken, 'entities:\n  - name: NVIDIA\n    type: COMPANY\n    aliases: [エヌビディア, 엔비디아\n');
const config = join(dir, 'kiji.yaml');
writeFileSync(config, `enrich:\n  entitiesFile: ${broken}\n`);
const ROW = JSON.stringify({ id: 'ko', text: '삼성전자는 올해 반도체 공장에 53조 원을 투자한다고 밝혔다.' }) + '\n';

describe('a broken gazetteer is reported at start', () => {
  it('kiji analyze --jsonl: exit 2 before any row, naming the file', async () => {
    const r = await kiji(['analyze', '--jsonl', '--config', config], { stdin: ROW });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('enrich.entitiesFile');
    expect(r.stderr).toContain(broken);
  });

  it('kiji ingest: exit 2, nothing stored and nothing recorded as a failed article', async () => {
    const db = join(dir, 'ingest.db');
    const r = await kiji(['ingest', join(ROOT, 'fixtures', 'articles', 'ko-nvidia-apec-gpu'), '--db', db, '--config', config]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('enrich.entitiesFile');
    const list = await kiji(['list', '--format', 'json', '--db', db]);
    expect(existsSync(db) ? JSON.parse(list.stdout) : []).toEqual([]);
  });

  it('kiji worker: the process exits 2 at start instead of failing its first job', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'kiji.js'), 'worker', '--config', config, '--db', join(dir, 'worker.db')], {
      cwd: ROOT,
      env: { ...process.env, KIJI_LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('enrich.entitiesFile');
  }, 70_000);
});
