import { execFileSync } from 'node:child_process';
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
      ['cut-in-header.lsck', bytes.subarray(0, 40), /its header length, \d+ bytes, runs past the end of the file \(40 bytes\)/],
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

  describe('refuses a header that does not describe the file, naming the file and the field', () => {
    const good = join(folder, 'header-good.lsck');
    writeCheckpoint(good, state, tensors);
    type Entry = { name: string; shape: number[]; dtype: string; offset: number; bytes: number };
    type EditableHeader = { state: { config: Record<string, unknown> }; tensors: Entry[]; dataBytes: number };
    /** The good file with its header changed (and re-laid out, so only the change is wrong). */
    const withHeader = (name: string, edit: (header: EditableHeader) => void) => {
      const bytes = readFileSync(good);
      const headerLength = bytes.readUInt32LE(8);
      const header = JSON.parse(bytes.toString('utf8', 12, 12 + headerLength)) as EditableHeader;
      const data = bytes.subarray(Math.ceil((12 + headerLength) / 64) * 64);
      edit(header);
      const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
      const prefix = Buffer.alloc(Math.ceil((12 + headerBytes.length) / 64) * 64);
      prefix.write('LSCK', 0, 'latin1');
      prefix.writeUInt32LE(1, 4);
      prefix.writeUInt32LE(headerBytes.length, 8);
      headerBytes.copy(prefix, 12);
      const path = join(folder, name);
      writeFileSync(path, Buffer.concat([prefix, data]));
      return path;
    };
    const [weights, counter] = ['generator/g_dense/0', 'optimizerG/0'];
    const cases: [string, (header: EditableHeader) => void, string][] = [
      ['negative offset', (header) => void (header.tensors[1]!.offset = -64), `tensor ${counter}: offset -64 is negative`],
      ['overlapping tensors', (header) => void (header.tensors[1]!.offset = 16), `tensor ${counter}: bytes 16 to 20 overlap tensor ${weights}`],
      ['offset past the end', (header) => void (header.tensors[1]!.offset = 128), `tensor ${counter}: bytes 128 to 132 run past the end of the data (128 bytes)`],
      ['negative shape', (header) => void (header.tensors[0]!.shape = [-3, -2]), `tensor ${weights}: shape [-3,-2] must list whole numbers of 0 or more`],
      ['fractional shape', (header) => void (header.tensors[0]!.shape = [1.5, 4]), `tensor ${weights}: shape [1.5,4] must list whole numbers of 0 or more`],
      ['byte count', (header) => void (header.tensors[0]!.bytes = 20), `tensor ${weights}: 20 bytes, but shape [3,2] of float32 takes 24`],
      ['unknown dtype', (header) => void (header.tensors[0]!.dtype = 'float64'), `tensor ${weights}: dtype must be float32 or int32`],
      ['repeated name', (header) => void (header.tensors[1]!.name = weights), `tensor ${weights}: listed twice`],
      ['absurd width', (header) => void (header.state.config['width'] = 1e9), 'state.config.width must be at most 256'],
      ['unknown architecture', (header) => void (header.state.config['architecture'] = 'stylegan'), 'state.config.architecture must be fastgan, dcgan, pix2pix or cyclegan'],
      ['negative data length', (header) => void (header.dataBytes = -64), 'dataBytes must be 0 or more'],
    ];
    for (const [name, edit, field] of cases) {
      it(name, () => {
        const path = withHeader(`${name.replaceAll(' ', '-')}.lsck`, edit);
        expect(() => readCheckpoint(path)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: `${path} is not a usable checkpoint: ${field}` }));
      });
    }

    it('a header length beyond the file', () => {
      const path = join(folder, 'huge-header.lsck');
      const bytes = Buffer.from(readFileSync(good));
      bytes.writeUInt32LE(0xfffffff0, 8);
      writeFileSync(path, bytes);
      expect(() => readCheckpoint(path)).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT', message: `${path} is not a usable checkpoint: its header length, 4294967280 bytes, runs past the end of the file (${bytes.length} bytes)` }),
      );
    });
  });

  it('refuses a device or a FIFO at once instead of reading it forever', () => {
    expect(() => readCheckpoint('/dev/zero')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/\/dev\/zero is a device/) }));
    const fifo = join(folder, 'pipe.lsck');
    execFileSync('mkfifo', [fifo]);
    expect(() => readCheckpoint(fifo)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining(`${fifo} is a pipe (FIFO)`) }));
  }, 10_000);

  it('writes nothing under the real name when a tensor is inconsistent', () => {
    const path = join(folder, 'bad.lsck');
    expect(() => writeCheckpoint(path, state, [{ name: 'x', shape: [4], dtype: 'float32', data: new Float32Array(3) }])).toThrow('shape');
    expect(existsSync(path)).toBe(false);
  });
});
