/**
 * Reading a file a person named (a CLI argument, an API path): only regular
 * files, never more than a stated size. A device such as /dev/zero or a FIFO
 * would otherwise be read forever or block the process, and a huge file would
 * be read into memory whole before anything looked at it.
 *
 * The file is opened non-blocking (opening a FIFO for reading would wait for
 * a writer) and checked through its descriptor, so what is checked is what
 * is read.
 */
import { constants, closeSync, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { StudioError } from '../../preload/contract';

const openFlags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

export const mebibyte = 1024 * 1024;

/** What a path is, in words, for an error message. */
export function kindOfFile(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isFIFO()) return 'a pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

function formatSize(bytes: number): string {
  return bytes >= mebibyte ? `${(bytes / mebibyte).toFixed(bytes >= 10 * mebibyte ? 0 : 1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** The error for a path that is no regular file; `field` names the argument or file that named it. */
function notRegular(path: string, stats: Stats, field: string | undefined): StudioError {
  return new StudioError('INVALID_ARGUMENT', `${field ? `${field}: ` : ''}${path} is ${kindOfFile(stats)}, not a regular file`);
}

function tooLarge(path: string, size: number, maxBytes: number, field: string | undefined): StudioError {
  return new StudioError('PAYLOAD_TOO_LARGE', `${field ? `${field}: ` : ''}${path} is ${formatSize(size)}; the limit is ${formatSize(maxBytes)}`);
}

function openFailed(path: string, error: unknown, field: string | undefined): StudioError {
  const code = (error as NodeJS.ErrnoException).code;
  const prefix = field ? `${field}: ` : '';
  if (code === 'ENOENT' || code === 'ENOTDIR') return new StudioError('NOT_FOUND', `${prefix}${path} does not exist`);
  if (code === 'EISDIR') return new StudioError('INVALID_ARGUMENT', `${prefix}${path} is a folder, not a regular file`);
  return new StudioError('INVALID_ARGUMENT', `${prefix}${path} cannot be read: ${(error as Error).message}`);
}

/** Reads a regular file of at most `maxBytes`, or throws an error naming it. */
export async function readUserFile(path: string, maxBytes: number, field?: string): Promise<Buffer> {
  let handle: FileHandle;
  try {
    handle = await open(path, openFlags);
  } catch (error) {
    throw openFailed(path, error, field);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw notRegular(path, stats, field);
    if (stats.size > maxBytes) throw tooLarge(path, stats.size, maxBytes, field);
    // One byte more than allowed: a file that grew since fstat is caught too.
    const buffer = Buffer.allocUnsafe(stats.size + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) throw tooLarge(path, length, maxBytes, field);
      if (length === buffer.length) break;
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

/** The synchronous twin of readUserFile, for code that cannot wait. */
export function readUserFileSync(path: string, maxBytes: number, field?: string): Buffer {
  let fd: number;
  try {
    fd = openSync(path, openFlags);
  } catch (error) {
    throw openFailed(path, error, field);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw notRegular(path, stats, field);
    if (stats.size > maxBytes) throw tooLarge(path, stats.size, maxBytes, field);
    const buffer = Buffer.allocUnsafe(stats.size + 1);
    let length = 0;
    for (;;) {
      const bytesRead = readSync(fd, buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) throw tooLarge(path, length, maxBytes, field);
      if (length === buffer.length) break;
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens a regular file for the caller to read in its own way (streaming,
 * hashing): the handle is checked as readUserFile checks it. The caller closes it.
 */
export async function openUserFile(path: string, maxBytes: number, field?: string): Promise<{ handle: FileHandle; size: number }> {
  let handle: FileHandle;
  try {
    handle = await open(path, openFlags);
  } catch (error) {
    throw openFailed(path, error, field);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw notRegular(path, stats, field);
    if (stats.size > maxBytes) throw tooLarge(path, stats.size, maxBytes, field);
    return { handle, size: stats.size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
