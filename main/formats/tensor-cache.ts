/**
 * The tensor cache: a prepared dataset as one file the engine reads quickly.
 *
 *   'LSTC' | uint32 LE version | uint32 LE header length | UTF-8 JSON header
 *   | zero padding to a 64-byte boundary | uint8 pixels, NHWC, example after example
 *
 * Every example has the same size, so example i is one positioned read at
 * dataOffset + i × exampleBytes: the engine never loads the whole file, and
 * the 64-byte alignment lets it view the pixels without copying.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { StudioError } from '../../preload/contract';

export const tensorCacheMagic = 'LSTC';
export const tensorCacheVersion = 1;
const preambleBytes = 12;
const dataAlignment = 64;
/** Writes are gathered into chunks this size: few system calls, little memory. */
const writeChunkBytes = 1 << 20;

/** For unpaired datasets (day ↔ night): which domain each example belongs to. */
export interface TensorCacheDomains {
  readonly names: readonly string[];
  /** An index into `names` for each example. */
  readonly ofExample: readonly number[];
}

export interface TensorCacheHeader {
  readonly count: number;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  /** A class index (into classNames) or null for each example; null when the dataset is unlabelled. */
  readonly labels: readonly (number | null)[] | null;
  readonly classNames: readonly string[];
  readonly domains?: TensorCacheDomains;
  /** What the cache was made from; see cacheFingerprint in prepare. */
  readonly fingerprint: string;
}

/** Adds one example (height × width × channels bytes); await each call. */
export type ExampleWriter = (example: Uint8Array) => Promise<void>;
export type TensorCacheSource = Iterable<Uint8Array> | AsyncIterable<Uint8Array> | ((write: ExampleWriter) => Promise<void>);

export function exampleBytesOf(header: Pick<TensorCacheHeader, 'height' | 'width' | 'channels'>): number {
  return header.height * header.width * header.channels;
}

/**
 * Streams the examples into `path`. The file is written under a temporary
 * name in the same folder, synced and renamed, so a killed process never
 * leaves a half-written cache under the real name.
 */
export async function writeTensorCache(path: string, header: TensorCacheHeader, source: TensorCacheSource): Promise<void> {
  checkHeader(header, `The tensor cache header for ${path}`);
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const dataOffset = dataOffsetFor(headerBytes.length);
  const preamble = Buffer.alloc(dataOffset);
  preamble.write(tensorCacheMagic, 0, 'ascii');
  preamble.writeUInt32LE(tensorCacheVersion, 4);
  preamble.writeUInt32LE(headerBytes.length, 8);
  headerBytes.copy(preamble, preambleBytes);

  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const file = await open(temporary, 'wx');
  // Serialised, so a caller that forgets to await cannot interleave examples.
  let queue = Promise.resolve();
  try {
    const exampleBytes = exampleBytesOf(header);
    const chunk = Buffer.alloc(Math.max(writeChunkBytes, exampleBytes));
    let filled = 0;
    let written = 0;
    // A write may take fewer bytes than offered; keep going until all are down.
    const writeAll = async (bytes: Uint8Array, length: number) => {
      for (let done = 0; done < length; ) done += (await file.write(bytes, done, length - done)).bytesWritten;
    };
    const flush = async () => {
      await writeAll(chunk, filled);
      filled = 0;
    };
    const append = async (example: Uint8Array) => {
      if (example.length !== exampleBytes) {
        throw new StudioError('INVALID_ARGUMENT', `An example for ${path} has ${example.length} bytes; a ${header.width}×${header.height}×${header.channels} example has ${exampleBytes}`);
      }
      if (written === header.count) throw new StudioError('INVALID_ARGUMENT', `More examples than the ${header.count} the header of ${path} promises`);
      if (filled + exampleBytes > chunk.length) await flush();
      chunk.set(example, filled);
      filled += exampleBytes;
      written += 1;
    };
    const write: ExampleWriter = (example) => (queue = queue.then(() => append(example)));

    await writeAll(preamble, preamble.length);
    if (typeof source === 'function') await source(write);
    else for await (const example of source) await write(example);
    await queue;
    if (written !== header.count) throw new StudioError('INVALID_ARGUMENT', `${written} examples were written to ${path}, but its header promises ${header.count}`);
    await flush();
    await file.sync();
    await file.close();
    await rename(temporary, path);
  } catch (error) {
    await queue.catch(() => undefined);
    await file.close().catch(() => undefined);
    await rm(temporary, { force: true });
    throw error;
  }
  await syncFolder(dirname(path));
}

/** Reads and checks the header, and that the file holds exactly the pixels it promises. */
export function readTensorCacheHeader(path: string): TensorCacheHeader {
  const fd = openCache(path);
  try {
    return readLayout(fd, path).header;
  } finally {
    closeSync(fd);
  }
}

/** An open cache: the header and positioned reads of single examples or batches. */
export interface TensorCacheReader {
  readonly path: string;
  readonly header: TensorCacheHeader;
  readonly exampleBytes: number;
  /** Example `index` as height × width × channels bytes; into `target` when given. */
  readExample(index: number, target?: Uint8Array): Uint8Array;
  /** The examples at `indices`, one after another, in the order given. */
  readBatch(indices: readonly number[], target?: Uint8Array): Uint8Array;
  close(): void;
}

export function openTensorCache(path: string): TensorCacheReader {
  const fd = openCache(path);
  let layout: { header: TensorCacheHeader; dataOffset: number };
  try {
    layout = readLayout(fd, path);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  const { header, dataOffset } = layout;
  const exampleBytes = exampleBytesOf(header);
  let isOpen = true;

  const readInto = (index: number, target: Uint8Array, targetOffset: number) => {
    if (!isOpen) throw new StudioError('INVALID_ARGUMENT', `The tensor cache ${path} is closed`);
    if (!Number.isInteger(index) || index < 0 || index >= header.count) {
      throw new StudioError('INVALID_ARGUMENT', `Example ${index} is outside the tensor cache ${path}, which holds ${header.count}`);
    }
    readExactly(fd, path, target, targetOffset, exampleBytes, dataOffset + index * exampleBytes);
  };

  return {
    path,
    header,
    exampleBytes,
    readExample(index, target = new Uint8Array(exampleBytes)) {
      checkTargetSize(target, exampleBytes, path);
      readInto(index, target, 0);
      return target;
    },
    readBatch(indices, target = new Uint8Array(indices.length * exampleBytes)) {
      checkTargetSize(target, indices.length * exampleBytes, path);
      indices.forEach((index, slot) => readInto(index, target, slot * exampleBytes));
      return target;
    },
    close() {
      if (isOpen) closeSync(fd);
      isOpen = false;
    },
  };
}

function dataOffsetFor(headerLength: number): number {
  return Math.ceil((preambleBytes + headerLength) / dataAlignment) * dataAlignment;
}

function openCache(path: string): number {
  try {
    return openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new StudioError('NOT_FOUND', `No tensor cache at ${path}`);
    throw error;
  }
}

function readLayout(fd: number, path: string): { header: TensorCacheHeader; dataOffset: number } {
  const fileBytes = fstatSync(fd).size;
  const malformed = (why: string) => new StudioError('INVALID_ARGUMENT', `${path} is not a usable tensor cache: ${why}. Prepare the dataset again.`);
  if (fileBytes < preambleBytes) throw malformed(`it is ${fileBytes} bytes long, too short for a header`);
  const preamble = Buffer.alloc(preambleBytes);
  readExactly(fd, path, preamble, 0, preambleBytes, 0);
  if (preamble.toString('latin1', 0, 4) !== tensorCacheMagic) throw malformed(`it does not start with '${tensorCacheMagic}'`);
  const version = preamble.readUInt32LE(4);
  if (version !== tensorCacheVersion) throw malformed(`it is format version ${version}; this version of Latent Studio reads version ${tensorCacheVersion}`);
  const headerLength = preamble.readUInt32LE(8);
  if (preambleBytes + headerLength > fileBytes) throw malformed(`it is truncated inside its header (${fileBytes} bytes)`);

  const headerBytes = Buffer.alloc(headerLength);
  readExactly(fd, path, headerBytes, 0, headerLength, preambleBytes);
  let header: unknown;
  try {
    header = JSON.parse(headerBytes.toString('utf8'));
  } catch {
    throw malformed('its header is not valid JSON');
  }
  checkHeader(header, `The header of the tensor cache ${path}`);
  const dataOffset = dataOffsetFor(headerLength);
  const expectedBytes = dataOffset + header.count * exampleBytesOf(header);
  if (fileBytes < expectedBytes) throw malformed(`it is truncated: ${fileBytes} bytes where ${header.count} examples need ${expectedBytes}`);
  if (fileBytes > expectedBytes) throw malformed(`it is ${fileBytes} bytes where ${header.count} examples need ${expectedBytes}`);
  return { header, dataOffset };
}

/** A file cut short after it was opened reads short; that must not pass as zeros. */
function readExactly(fd: number, path: string, target: Uint8Array, targetOffset: number, length: number, position: number): void {
  let done = 0;
  while (done < length) {
    const read = readSync(fd, target, targetOffset + done, length - done, position + done);
    if (read === 0) throw new StudioError('INVALID_ARGUMENT', `The tensor cache ${path} ended early at byte ${position + done}; prepare the dataset again`);
    done += read;
  }
}

function checkTargetSize(target: Uint8Array, bytes: number, path: string): void {
  if (target.length !== bytes) throw new StudioError('INVALID_ARGUMENT', `A buffer of ${target.length} bytes cannot hold ${bytes} bytes read from ${path}`);
}

function checkHeader(value: unknown, what: string): asserts value is TensorCacheHeader {
  const wrong = (why: string) => new StudioError('INVALID_ARGUMENT', `${what} is malformed: ${why}`);
  if (typeof value !== 'object' || value === null) throw wrong('it is not an object');
  const { count, height, width, channels, labels, classNames, domains, fingerprint } = value as Partial<Record<keyof TensorCacheHeader, unknown>>;
  if (!isWholeNumber(count)) throw wrong('count must be a whole number');
  for (const [name, size] of [['height', height], ['width', width], ['channels', channels]] as const) {
    if (!isWholeNumber(size) || size === 0) throw wrong(`${name} must be a positive whole number`);
  }
  if (!Array.isArray(classNames) || !classNames.every((name) => typeof name === 'string')) throw wrong('classNames must be a list of names');
  if (labels !== null) {
    if (!Array.isArray(labels) || labels.length !== count) throw wrong(`labels must be null or a list of ${count} entries`);
    if (!labels.every((label) => label === null || (isWholeNumber(label) && label < classNames.length))) {
      throw wrong(`every label must be null or a class index below ${classNames.length}`);
    }
  }
  if (domains !== undefined) {
    const { names, ofExample } = (domains ?? {}) as Partial<Record<keyof TensorCacheDomains, unknown>>;
    if (!Array.isArray(names) || !names.every((name) => typeof name === 'string')) throw wrong('domains.names must be a list of names');
    if (!Array.isArray(ofExample) || ofExample.length !== count || !ofExample.every((domain) => isWholeNumber(domain) && domain < names.length)) {
      throw wrong(`domains.ofExample must hold a domain index for each of the ${count} examples`);
    }
  }
  if (typeof fingerprint !== 'string') throw wrong('fingerprint must be a string');
}

function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Makes the rename durable; folders cannot be opened for syncing on Windows, where NTFS journals the rename itself. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort: the cache is complete under its real name either way.
  }
}
