import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDcganConfig, type DcganConfig } from '../../../../main/engine/models/config';
import { readCheckpoint, writeCheckpoint, type CheckpointState } from '../../../../main/formats/checkpoint-file';

const config: DcganConfig = { ...defaultDcganConfig, resolution: 32, channels: 1, classes: 0 };
const state: CheckpointState = { config, seed: 5, step: 120, random: [1, 2, 3, 4], data: { epoch: 2, index: 64 }, trainSeconds: 12.5, metrics: { swd: 42 } };
const tensors = [
  { name: 'generator/g_dense/0', shape: [3, 2], dtype: 'float32' as const, data: Float32Array.from([1.5, -2, 3.25, 0, 2 ** -100, -0]) },
  { name: 'optimizerG/0', shape: [], dtype: 'int32' as const, data: Int32Array.from([120]) },
];

describe('checkpoint files', () => {
  const folder = mkdtempSync(join(tmpdir(), 'studio-checkpoint-'));

  it('round-trips state and tensors bit for bit, leaving no temporary file', () => {
    const path = join(folder, 'step-120.lsck');
    const { size, sha256 } = writeCheckpoint(path, state, tensors);
    expect(size).toBe(readFileSync(path).length);
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    const checkpoint = readCheckpoint(path);
    expect(checkpoint.state).toEqual(state);
    const weights = checkpoint.tensors.get('generator/g_dense/0')!;
    expect([weights.shape, Array.from(weights.data)]).toEqual([[3, 2], [1.5, -2, 3.25, 0, 2 ** -100, -0]]);
    expect(Object.is(weights.data[5], -0)).toBe(true);
    expect(checkpoint.tensors.get('optimizerG/0')!.data).toBeInstanceOf(Int32Array);
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses truncated, altered and foreign files with the reason, naming the file', () => {
    const path = join(folder, 'good.lsck');
    writeCheckpoint(path, state, tensors);
    const bytes = readFileSync(path);
    const cases: [string, Buffer, RegExp][] = [
      ['truncated.lsck', bytes.subarray(0, bytes.length - 10), /truncated or appended/],
      ['cut-in-header.lsck', bytes.subarray(0, 40), /truncated inside its header/],
      ['altered.lsck', Buffer.concat([bytes.subarray(0, bytes.length - 1), Buffer.from([bytes.at(-1)! ^ 1])]), /checksum/],
      ['foreign.lsck', Buffer.from('PK\u0003\u0004 this is a zip, not a checkpoint'), /signature/],
      ['empty.lsck', Buffer.alloc(0), /signature/],
    ];
    for (const [name, content, reason] of cases) {
      const damaged = join(folder, name);
      writeFileSync(damaged, content);
      expect(() => readCheckpoint(damaged)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(reason) }));
      expect(() => readCheckpoint(damaged)).toThrow(damaged);
    }
    expect(() => readCheckpoint(join(folder, 'missing.lsck'))).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('writes nothing under the real name when a tensor is inconsistent', () => {
    const path = join(folder, 'bad.lsck');
    expect(() => writeCheckpoint(path, state, [{ name: 'x', shape: [4], dtype: 'float32', data: new Float32Array(3) }])).toThrow('shape');
    expect(existsSync(path)).toBe(false);
  });
});
