import { describe, expect, it } from 'vitest';
import { checkpointsToDelete } from '../../../../main/training/retention';

const run = (count: number, swd: (n: number) => number | undefined = () => undefined) =>
  Array.from({ length: count }, (_, n) => ({ id: n + 1, step: (n + 1) * 100, score: swd(n + 1) }));

describe('checkpoint retention', () => {
  it('keeps everything while a run is young', () => {
    expect(checkpointsToDelete(run(3))).toEqual([]);
  });

  it('keeps the last three, every fifth and the best, deleting the rest oldest first', () => {
    const kept = (ids: number[], count: number) => run(count).map((c) => c.id).filter((id) => !ids.includes(id));
    const deleted = checkpointsToDelete(run(12, (n) => (n === 7 ? 1.5 : 10 + n)));
    expect(deleted).toEqual([1, 2, 3, 4, 6, 8, 9]);
    expect(kept(deleted, 12)).toEqual([5, 7, 10, 11, 12]);
  });

  it('follows the policy it is given', () => {
    expect(checkpointsToDelete(run(4), { keepLast: 1, keepEvery: 100 })).toEqual([1, 2, 3]);
    expect(checkpointsToDelete(run(4), { keepLast: 1, keepEvery: 1 })).toEqual([]);
  });
});
