import { describe, expect, it } from 'vitest';
import { ConfigError, InputError, KijiError, toErrorRecord, withStage } from '../errors.js';
import { FetchError, isFetchError } from '../fetch/http/errors.js';
import { fromWire, toWire } from './remote-error.js';

/** Through a real structured clone, as postMessage sends it. */
const across = (err: unknown) => fromWire(structuredClone(toWire(err)));

describe('errors across the thread boundary', () => {
  it('a stage error comes back with its name, stage, code, retryable flag and message as thrown', () => {
    const sent = new InputError('extract', 'bad_front_matter', 'a.md: front matter is not valid YAML', { input: 'a.md' });
    const got = across(sent);
    expect(got).toBeInstanceOf(KijiError);
    expect(got.name).toBe('InputError');
    expect(toErrorRecord(got, 'cli')).toEqual(toErrorRecord(sent, 'cli'));
    expect((got as KijiError).input).toBe('a.md');
  });

  it('a configuration problem found in a thread is a ConfigError again (the usage error, exit 2)', () => {
    const sent = new ConfigError(['enrich.entitiesFile: bad.yaml: entities.0.type: must be one of PERSON, ORG, PLACE']);
    const got = across(sent);
    expect(got).toBeInstanceOf(ConfigError);
    expect(got.message).toBe(sent.message);
    expect((got as ConfigError).problems).toEqual(sent.problems);
  });

  it('a fetch error keeps what the queue decides retries by: retryable, retryAfterMs, status, matched by name', () => {
    const sent = new FetchError('rate_limited', '429 too many requests', { retryAfterMs: 30_000, status: 429 });
    const got = across(sent) as KijiError & { retryAfterMs: number; status: number };
    expect(isFetchError(got)).toBe(true);
    expect(got.retryable).toBe(sent.retryable);
    expect(got.retryAfterMs).toBe(30_000);
    expect(got.status).toBe(429);
    expect(got.toJSON()).toEqual(sent.toJSON());
  });

  it('a library error wrapped by its stage, and anything else thrown, read as they would in one thread', async () => {
    const wrapped = await withStage('enrich', () => {
      throw new TypeError("Cannot read properties of undefined (reading 'surface')");
    }).catch((e: unknown) => e);
    expect(toErrorRecord(across(wrapped), 'cli')).toEqual(toErrorRecord(wrapped, 'cli'));
    const plain = new RangeError('Maximum call stack size exceeded');
    expect(toErrorRecord(across(plain), 'ingest')).toEqual(toErrorRecord(plain, 'ingest'));
  });
});
