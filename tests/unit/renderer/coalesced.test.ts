import { describe, expect, it } from 'vitest';
import { coalesced } from '../../../renderer/src/lib/coalesced';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('coalesced', () => {
  it('folds calls made during a read into one more read, and settles every caller after it', async () => {
    const gates = [deferred(), deferred()];
    let reads = 0;
    const read = coalesced(async () => {
      await gates[reads++]!.promise;
    });
    const first = read();
    const second = read();
    const third = read();
    expect(reads).toBe(1);
    gates[0]!.resolve();
    await Promise.resolve();
    await Promise.resolve();
    expect(reads).toBe(2);
    let settled = false;
    void third.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    gates[1]!.resolve();
    await Promise.all([first, second, third]);
    expect(reads).toBe(2);
  });

  it('starts afresh once idle, and keeps working after a failed read', async () => {
    let reads = 0;
    const read = coalesced(async () => {
      reads += 1;
      if (reads === 1) throw new Error('down');
    });
    await expect(read()).rejects.toThrow('down');
    await read();
    expect(reads).toBe(2);
  });
});
