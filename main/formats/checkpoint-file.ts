/**
 * The checkpoint file: everything a run needs to continue exactly where it
 * was — the models' weights, both optimizers' moments and step, the random
 * generator's state, the data position and the config. One file per step:
 * 'LSCK', version, header length, a JSON header, then the raw tensors
 * (little-endian, 64-byte aligned) under a SHA-256 the header records.
 * Written to a temporary name, synced and renamed: a checkpoint is either
 * whole or absent.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { StudioError } from '../../preload/contract';
import { modelConfigSchema } from '../engine/models/config-schema';
import { firstIssue } from './schema-issue';
import type { ModelConfig } from '../engine/models/config';
import type { RandomState } from '../engine/random';
import type { DataState } from '../engine/train/trainee';
import { readUserFileSync } from '../files/user-file';

const magic = 'LSCK';
const formatVersion = 1;
const alignment = 64;

export interface CheckpointState {
  readonly config: ModelConfig;
  /** The run's seed: the data order of every epoch derives from it. */
  readonly seed: number;
  readonly step: number;
  readonly random: RandomState;
  readonly data: DataState;
  /** Training time so far, for rates and ETAs across restarts. */
  readonly trainSeconds: number;
  readonly metrics: Readonly<Record<string, number>>;
}

export interface StoredTensor {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32';
  readonly data: Float32Array | Int32Array;
}

interface TensorEntry {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32';
  readonly offset: number;
  readonly bytes: number;
}

interface Header {
  readonly format: typeof formatVersion;
  readonly state: CheckpointState;
  readonly tensors: readonly TensorEntry[];
  readonly dataBytes: number;
  readonly sha256: string;
}

export interface Checkpoint {
  readonly state: CheckpointState;
  readonly tensors: ReadonlyMap<string, StoredTensor>;
}

/** Returns the file's size and SHA-256, for the library's record. */
export function writeCheckpoint(path: string, state: CheckpointState, tensors: readonly StoredTensor[]): { size: number; sha256: string } {
  const entries: TensorEntry[] = [];
  let offset = 0;
  for (const tensor of tensors) {
    const bytes = tensor.data.byteLength;
    if (bytes !== tensor.shape.reduce((product, size) => product * size, 1) * 4) throw new Error(`tensor ${tensor.name} has ${bytes} bytes for shape [${tensor.shape}]`);
    entries.push({ name: tensor.name, shape: tensor.shape, dtype: tensor.dtype, offset, bytes });
    offset += align(bytes);
  }
  const data = Buffer.alloc(offset);
  tensors.forEach((tensor, index) => Buffer.from(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength).copy(data, entries[index]!.offset));
  const header: Header = { format: formatVersion, state, tensors: entries, dataBytes: data.length, sha256: createHash('sha256').update(data).digest('hex') };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(align(12 + headerBytes.length));
  prefix.write(magic, 0, 'latin1');
  prefix.writeUInt32LE(formatVersion, 4);
  prefix.writeUInt32LE(headerBytes.length, 8);
  headerBytes.copy(prefix, 12);
  const file = Buffer.concat([prefix, data]);

  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = openSync(temporary, 'wx');
    try {
      for (let written = 0; written < file.length; ) written += writeSync(fd, file, written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  return { size: file.length, sha256: createHash('sha256').update(file).digest('hex') };
}

/**
 * The largest checkpoint read: as much as Node reads into one buffer (the
 * limit readFileSync always set), and far more than the studio's largest model.
 */
export const maxCheckpointBytes = 2 ** 31 - 1;

const wholeNumber = z.int({ error: 'must be a whole number' });
const dataPosition = z.object({ epoch: wholeNumber.min(0, 'must be 0 or more'), index: wholeNumber.min(0, 'must be 0 or more') });
const stateSchema = z.object({
  config: modelConfigSchema,
  seed: wholeNumber.min(0, 'must be 0 or more'),
  step: wholeNumber.min(0, 'must be 0 or more'),
  random: z.tuple([wholeNumber, wholeNumber, wholeNumber, wholeNumber], { error: 'must be four 32-bit words' }),
  data: z.union([dataPosition, z.object({ A: dataPosition, B: dataPosition })], { error: 'must be a data position, or one per domain' }),
  trainSeconds: z.number({ error: 'must be a number' }).nonnegative('must be 0 or more'),
  // A metric that was NaN is stored as null (JSON has no NaN).
  metrics: z.record(z.string(), z.number().nullable(), { error: 'must map names to numbers' }),
});
/** The tensor list is checked by hand (checkTensors), so that each problem names its tensor. */
const headerSchema = z.object({
  format: z.literal(formatVersion, { error: `must be ${formatVersion}` }),
  state: stateSchema,
  tensors: z.array(z.unknown(), { error: 'must be a list of tensors' }),
  dataBytes: wholeNumber.min(0, 'must be 0 or more'),
  sha256: z.string({ error: 'must be a SHA-256 in hex' }).regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex'),
});

/**
 * Reads and checks a checkpoint; anything truncated, altered or malformed is
 * refused with the reason, naming the file and the field. A device, a FIFO or
 * a file past maxCheckpointBytes is refused before it is read.
 */
export function readCheckpoint(path: string): Checkpoint {
  const file = readUserFileSync(path, maxCheckpointBytes);
  const refuse = (why: string) => new StudioError('INVALID_ARGUMENT', `${path} is not a usable checkpoint: ${why}`);
  if (file.length < 12 || file.toString('latin1', 0, 4) !== magic) throw refuse('it does not start with the checkpoint signature');
  const version = file.readUInt32LE(4);
  if (version !== formatVersion) throw refuse(`it is format ${version}; this version reads format ${formatVersion}`);
  const headerLength = file.readUInt32LE(8);
  if (12 + headerLength > file.length) throw refuse(`its header length, ${headerLength} bytes, runs past the end of the file (${file.length} bytes)`);
  let json: unknown;
  try {
    json = JSON.parse(file.toString('utf8', 12, 12 + headerLength));
  } catch {
    throw refuse('its header is not valid JSON');
  }
  const parsed = headerSchema.safeParse(json);
  if (!parsed.success) throw refuse(firstIssue(parsed.error));
  // What was checked, as it was written: the schema's copy would drop fields it does not name.
  const header = json as Header;
  const dataStart = align(12 + headerLength);
  if (file.length !== dataStart + header.dataBytes) {
    throw refuse(`it is ${file.length} bytes, but its header says ${dataStart + header.dataBytes} (truncated or appended to)`);
  }
  const entries = checkTensors(parsed.data.tensors, header.dataBytes, refuse);
  const data = file.subarray(dataStart);
  if (createHash('sha256').update(data).digest('hex') !== header.sha256) throw refuse('its weights do not match their checksum (the file is damaged)');
  const tensors = new Map<string, StoredTensor>();
  for (const entry of entries) {
    // Copied out: typed arrays need aligned offsets, and the file buffer should not be kept alive.
    const bytes = new Uint8Array(data.subarray(entry.offset, entry.offset + entry.bytes));
    const values = entry.dtype === 'int32' ? new Int32Array(bytes.buffer) : new Float32Array(bytes.buffer);
    tensors.set(entry.name, { name: entry.name, shape: entry.shape, dtype: entry.dtype, data: values });
  }
  // The config as the schema reads it: a config from before a choice existed gets the value it was built with.
  return { state: { ...header.state, config: parsed.data.state.config as ModelConfig }, tensors };
}

/**
 * Each tensor of the header must name itself once, have a known dtype and a
 * shape of whole numbers whose bytes it says, and lie inside the data apart
 * from every other: otherwise a negative offset would read from the end of
 * the file, and two tensors could share their bytes.
 */
function checkTensors(listed: readonly unknown[], dataBytes: number, refuse: (why: string) => StudioError): TensorEntry[] {
  const entries: TensorEntry[] = [];
  const names = new Set<string>();
  listed.forEach((value, index) => {
    const { name, shape, dtype, offset, bytes } = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    if (typeof name !== 'string' || name === '') throw refuse(`tensors[${index}].name must be a name`);
    const tensor = `tensor ${name}`;
    if (names.has(name)) throw refuse(`${tensor}: listed twice`);
    names.add(name);
    if (dtype !== 'float32' && dtype !== 'int32') throw refuse(`${tensor}: dtype must be float32 or int32`);
    if (!Array.isArray(shape) || !shape.every((size) => Number.isSafeInteger(size) && (size as number) >= 0)) {
      throw refuse(`${tensor}: shape ${JSON.stringify(shape)} must list whole numbers of 0 or more`);
    }
    if (!Number.isSafeInteger(offset)) throw refuse(`${tensor}: offset ${String(offset)} must be a whole number`);
    if ((offset as number) < 0) throw refuse(`${tensor}: offset ${String(offset)} is negative`);
    if (!Number.isSafeInteger(bytes) || (bytes as number) < 0) throw refuse(`${tensor}: bytes ${String(bytes)} must be a whole number of 0 or more`);
    const expected = (shape as number[]).reduce((product, size) => product * size, 1) * 4;
    if (bytes !== expected) throw refuse(`${tensor}: ${String(bytes)} bytes, but shape [${String(shape)}] of ${dtype} takes ${expected}`);
    const end = (offset as number) + expected;
    if (end > dataBytes) throw refuse(`${tensor}: bytes ${String(offset)} to ${end} run past the end of the data (${dataBytes} bytes)`);
    entries.push({ name, shape: shape as number[], dtype, offset: offset as number, bytes: expected });
  });
  // An empty tensor holds no bytes to share, wherever its offset points.
  const byOffset = entries.filter((entry) => entry.bytes > 0).sort((a, b) => a.offset - b.offset);
  byOffset.forEach((entry, index) => {
    const before = byOffset[index - 1];
    if (before && entry.offset < before.offset + before.bytes) {
      throw refuse(`tensor ${entry.name}: bytes ${entry.offset} to ${entry.offset + entry.bytes} overlap tensor ${before.name}`);
    }
  });
  return entries;
}

function align(bytes: number): number {
  return Math.ceil(bytes / alignment) * alignment;
}
