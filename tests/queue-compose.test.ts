/**
 * docker-compose.yml cannot be run here (no Docker engine), so check what
 * can be checked: it parses, has the services the README promises, the
 * worker can be scaled (no fixed name or host port), and every kiji command
 * it runs exists and accepts the options it is given.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { commandNames } from '../src/cli/main.js';
import { parseOptions, type CommandName } from '../src/cli/options.js';
import { parseCommandLine } from '../src/cli/quick.js';
import { ROOT } from './support/fixtures.js';

interface Service {
  image?: string;
  command?: string[];
  container_name?: string;
  ports?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
}

const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, Service> };

/** The `kiji …` invocations inside a service's command (also inside `sh -c "… && …"`). */
function kijiCalls(s: Service): string[][] {
  const cmd = s.command ?? [];
  const line = cmd[0] === 'sh' ? cmd[2]! : cmd.join(' ');
  return line
    .split('&&')
    .map((part) => part.trim().replace(/^exec\s+/, '').split(/\s+/))
    .filter((w) => w[0] === 'node' && w[1] === 'bin/kiji.js')
    .map((w) => w.slice(2));
}

describe('docker-compose.yml', () => {
  it('declares redis, postgres, scheduler, a scalable worker and web', () => {
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['redis', 'postgres', 'scheduler', 'worker', 'web']));
    const worker = compose.services.worker!;
    expect(worker.container_name).toBeUndefined();
    expect(worker.ports).toBeUndefined();
    expect(worker.depends_on).toMatchObject({ redis: { condition: 'service_healthy' }, postgres: { condition: 'service_healthy' } });
    expect(worker.environment).toMatchObject({ REDIS_URL: 'redis://redis:6379', KIJI_DB: expect.stringMatching(/^postgres:\/\/.*@postgres:5432\//) });
    expect(compose.services.web!.ports).toEqual(['8080:8080']);
  });

  it('runs only kiji commands that exist, with options they accept', async () => {
    const names = commandNames();
    const calls = Object.values(compose.services).flatMap(kijiCalls);
    expect(calls.map((c) => c[0]).sort()).toEqual(['schedule', 'serve', 'worker', 'worker']);
    for (const [name, ...args] of calls) {
      expect(names).toContain(name);
      // The same parsing `kiji` does: the registry's options, then the command's zod schema.
      const parsed = parseCommandLine([name!, ...args]);
      expect(parsed.kind, `${name} ${args.join(' ')}`).toBe('run');
      if (parsed.kind !== 'run') continue;
      expect(await parseOptions(name as CommandName, parsed)).toMatchObject({ ok: true });
    }
    // The scheduler syncs the feeds file that ships with the repository.
    expect(kijiCalls(compose.services.scheduler!)[0]).toEqual(['schedule', 'sync', 'config/feeds.yaml']);
  });
});
