import { describe, expect, it } from 'vitest';
import { InputError, KijiError, toErrorRecord, withStage } from './errors.js';

describe('withStage', () => {
  it('names the stage an unexpected error came from, keeping the original as its cause', async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'canonical')");
    const err = await withStage('enrich', () => {
      throw bug;
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KijiError);
    expect(toErrorRecord(err, 'ingest')).toEqual({ stage: 'enrich', code: 'internal', message: "enrich: Cannot read properties of undefined (reading 'canonical')", retryable: false });
    expect((err as Error).cause).toBe(bug);
  });

  it("keeps a kiji error's own stage and code", async () => {
    const err = await withStage('normalise', async () => {
      throw new InputError('extract', 'bad_front_matter', 'a.md: front matter is not YAML');
    }).catch((e: unknown) => e);
    expect(toErrorRecord(err, 'ingest')).toMatchObject({ stage: 'extract', code: 'bad_front_matter' });
  });

  it('passes results through', async () => {
    expect(await withStage('tokenize', () => 42)).toBe(42);
  });
});
