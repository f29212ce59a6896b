import { describe, expect, it } from 'vitest';
import { inOrder } from './in-order.js';

describe('inOrder', () => {
  it('takes results in input order though later items finish first, with at most `window` started ahead', async () => {
    const gates = new Map<number, () => void>();
    let started = 0;
    let taken = 0;
    let mostAhead = 0;
    const taking: number[] = [];
    const run = inOrder(
      [0, 1, 2, 3, 4, 5, 6],
      3,
      (i) => {
        started++;
        mostAhead = Math.max(mostAhead, started - taken);
        return new Promise<number>((resolve) => gates.set(i, () => resolve(i * 10)));
      },
      (r) => {
        taken++;
        taking.push(r);
      },
    );
    // Finish them last to first, as fast threads overtaking a slow one would.
    for (let round = 0; round < 20 && taking.length < 7; round++) {
      await new Promise((r) => setImmediate(r));
      for (const i of [...gates.keys()].sort((a, b) => b - a)) {
        gates.get(i)!();
        gates.delete(i);
      }
    }
    await run;
    expect(taking).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(mostAhead).toBeLessThanOrEqual(3);
  });

  it('with a window of 1 is a plain loop: each item starts after the one before is taken', async () => {
    const log: string[] = [];
    await inOrder([1, 2, 3], 1, async (i) => (log.push(`start ${i}`), i), (r) => void log.push(`take ${r}`));
    expect(log).toEqual(['start 1', 'take 1', 'start 2', 'take 2', 'start 3', 'take 3']);
  });

  it('a rejection stops the run when its turn comes, after the items before it are taken', async () => {
    const taken: number[] = [];
    await expect(inOrder([1, 2, 3], 3, (i) => (i === 2 ? Promise.reject(new Error('store down')) : Promise.resolve(i)), (r) => void taken.push(r))).rejects.toThrow('store down');
    expect(taken).toEqual([1]);
  });
});
