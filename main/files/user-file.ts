/**
 * Reading a file a person named (a CLI argument, an API path, a file found in
 * a folder they chose): only regular files, never more than a stated size. A
 * device such as /dev/zero or a FIFO would otherwise be read forever or block
 * the process, and a huge file would be read into memory whole before
 * anything looked at it.
 *
 * The file is opened non-blocking (opening a FIFO for reading would wait for
 * a writer) and checked through its descriptor, so what is checked is what
 * is read.
 */
import { close, constants, closeSync, fstat, fstatSync, open as openDescriptor, openSync, readSync, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { promisify } from 'node:util';
import { StudioError, type ErrorCode, type ImportProblemKind } from '../../preload/contract';

const openFlags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

export const mebibyte = 1024 * 1024;

/**
 * The largest image file any reader takes. Decoding stops at 80 megapixels,
 * and an uncompressed 80-megapixel RGB image (TIFF, BMP) is 240 MB: anything
 * past this could not be decoded anyway.
 */
export const maxImageFileBytes = 256 * mebibyte;

/**
 * An error about one named file, with what is wrong with it kept apart from
 * its path, so that an import can list it as a problem under the name it
 * shows, of the kind the import's report uses.
 */
export class FileError extends StudioError {
  readonly path: string;
  /** The rest of the sentence after the path: "is a device, not a regular file". */
  readonly detail: string;
  /** What an import reports this as. */
  readonly problem: ImportProblemKind;

  constructor(code: ErrorCode, path: string, detail: string, problem: ImportProblemKind, field?: string) {
    super(code, `${field ? `${field}: ` : ''}${path} ${detail}`);
    this.path = path;
    this.detail = detail;
    this.problem = problem;
  }
}

/** What a path is, in words, for an error message. */
export function kindOfFile(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isFIFO()) return 'a pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

export function formatSize(bytes: number): string {
  return bytes >= mebibyte ? `${(bytes / mebibyte).toFixed(bytes >= 10 * mebibyte ? 0 : 1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** Throws unless the descriptor's file is a regular one within the limit; `field` names the argument or file that named it. */
function checkStats(path: string, stats: Stats, maxBytes: number, field: string | undefined): void {
  if (!stats.isFile()) throw new FileError('INVALID_ARGUMENT', path, `is ${kindOfFile(stats)}, not a regular file`, 'unreadable', field);
  if (stats.size > maxBytes) throw tooLarge(path, stats.size, maxBytes, field);
}

function tooLarge(path: string, size: number, maxBytes: number, field: string | undefined): FileError {
  return new FileError('PAYLOAD_TOO_LARGE', path, `is ${formatSize(size)}; the limit is ${formatSize(maxBytes)}`, 'too-large', field);
}

function openFailed(path: string, error: unknown, field: string | undefined): FileError {
  const code = (error as NodeJS.ErrnoException).code;
  // Worded as the tools said it before they shared this reader ("image: … is not a file"), then why.
  if (code === 'ENOENT' || code === 'ENOTDIR') return new FileError('NOT_FOUND', path, 'is not a file: it does not exist', 'unreadable', field);
  if (code === 'EISDIR') return new FileError('INVALID_ARGUMENT', path, 'is a folder, not a regular file', 'unreadable', field);
  return new FileError('INVALID_ARGUMENT', path, `cannot be read: ${(error as Error).message}`, 'unreadable', field);
}

/** Reads a regular file of at most `maxBytes`, or throws a FileError naming it. */
export async function readUserFile(path: string, maxBytes: number, field?: string): Promise<Buffer> {
  const { handle, size } = await openUserFile(path, maxBytes, field);
  try {
    // One byte more than allowed: a file that grew since fstat is caught too.
    const buffer = Buffer.allocUnsafe(size + 1);
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
    checkStats(path, stats, maxBytes, field);
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
    checkStats(path, stats, maxBytes, field);
    return { handle, size: stats.size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/**
 * openUserFile for a library that takes a plain descriptor and closes it
 * itself (yauzl): a FileHandle would close it a second time.
 */
export async function openUserFileDescriptor(path: string, maxBytes: number, field?: string): Promise<{ fd: number; size: number }> {
  let fd: number;
  try {
    fd = await promisify(openDescriptor)(path, openFlags);
  } catch (error) {
    throw openFailed(path, error, field);
  }
  try {
    const stats = await promisify(fstat)(fd);
    checkStats(path, stats, maxBytes, field);
    return { fd, size: stats.size };
  } catch (error) {
    await promisify(close)(fd);
    throw error;
  }
}
