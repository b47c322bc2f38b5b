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
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { StudioError } from '../../preload/contract';
import type { ModelConfig } from '../engine/models/config';
import type { RandomState } from '../engine/random';
import type { DataState } from '../engine/train/trainee';

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

/** Reads and checks a checkpoint; anything truncated, altered or malformed is refused with the reason. */
export function readCheckpoint(path: string): Checkpoint {
  let file: Buffer;
  try {
    file = readFileSync(path);
  } catch (error) {
    throw new StudioError('NOT_FOUND', `The checkpoint ${path} cannot be read: ${(error as Error).message}`);
  }
  const refuse = (why: string) => new StudioError('INVALID_ARGUMENT', `${path} is not a usable checkpoint: ${why}`);
  if (file.length < 12 || file.toString('latin1', 0, 4) !== magic) throw refuse('it does not start with the checkpoint signature');
  const version = file.readUInt32LE(4);
  if (version !== formatVersion) throw refuse(`it is format ${version}; this version reads format ${formatVersion}`);
  const headerLength = file.readUInt32LE(8);
  if (12 + headerLength > file.length) throw refuse('it is truncated inside its header');
  let header: Header;
  try {
    header = JSON.parse(file.toString('utf8', 12, 12 + headerLength)) as Header;
  } catch {
    throw refuse('its header is not valid JSON');
  }
  const dataStart = align(12 + headerLength);
  if (file.length !== dataStart + header.dataBytes) {
    throw refuse(`it is ${file.length} bytes, but its header says ${dataStart + header.dataBytes} (truncated or appended to)`);
  }
  const data = file.subarray(dataStart);
  if (createHash('sha256').update(data).digest('hex') !== header.sha256) throw refuse('its weights do not match their checksum (the file is damaged)');
  const tensors = new Map<string, StoredTensor>();
  for (const entry of header.tensors) {
    const elements = entry.shape.reduce((product, size) => product * size, 1);
    if (entry.offset + entry.bytes > data.length || entry.bytes !== elements * 4) throw refuse(`tensor ${entry.name} lies outside the file or has the wrong size`);
    // Copied out: typed arrays need aligned offsets, and the file buffer should not be kept alive.
    const bytes = new Uint8Array(data.subarray(entry.offset, entry.offset + entry.bytes));
    const values = entry.dtype === 'int32' ? new Int32Array(bytes.buffer) : new Float32Array(bytes.buffer);
    tensors.set(entry.name, { name: entry.name, shape: entry.shape, dtype: entry.dtype, data: values });
  }
  return { state: header.state, tensors };
}

function align(bytes: number): number {
  return Math.ceil(bytes / alignment) * alignment;
}
