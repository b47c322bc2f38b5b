import { describe, expect, it } from 'vitest';
import { mapInOrder } from '../../../../main/jobs/ordered-map';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('mapInOrder', () => {
  it('overlaps work but consumes in input order', async () => {
    let running = 0;
    let peak = 0;
    const consumed: number[] = [];
    await mapInOrder(
      [30, 5, 20, 1, 10],
      3,
      async (ms) => {
        running++;
        peak = Math.max(peak, running);
        await sleep(ms);
        running--;
        return ms;
      },
      (ms) => {
        consumed.push(ms);
      },
    );
    expect(consumed).toEqual([30, 5, 20, 1, 10]);
    expect(peak).toBe(3);
  });

  it('stops taking inputs when aborted, finishing what was started', async () => {
    const controller = new AbortController();
    const consumed: number[] = [];
    async function* inputs() {
      for (let n = 0; n < 100; n++) yield n;
    }
    await mapInOrder(inputs(), 2, async (n) => n, (n) => {
      consumed.push(n);
      if (n === 4) controller.abort();
    }, controller.signal);
    expect(consumed.slice(0, 5)).toEqual([0, 1, 2, 3, 4]);
    expect(consumed.length).toBeLessThanOrEqual(7);
  });

  it('rejects with the first failing work in order', async () => {
    await expect(mapInOrder([1, 2, 3], 2, async (n) => {
      if (n === 2) throw new Error('two failed');
      return n;
    }, () => {})).rejects.toThrow('two failed');
  });
});
