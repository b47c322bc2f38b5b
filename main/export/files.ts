/**
 * Writing exported files so that a destination only ever holds complete
 * ones: each is written to a hidden temporary name beside its target,
 * flushed, then renamed. File-system failures become errors a person can act
 * on — a full disk, a folder they may not write to, a path that is a file.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { StudioError } from '../../preload/contract';
import { writeNewFileSynced } from '../library/atomic-write';

/** A hidden name in the target's folder, so the rename never crosses disks. */
export function temporaryPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.partial`);
}

/**
 * Makes the folder if needed and proves a file can be created in it, so an
 * unwritable destination fails before any image is encoded.
 */
export function prepareFolder(folder: string): void {
  try {
    makeFolders(folder);
    const probe = join(folder, `.latent-studio-${randomBytes(4).toString('hex')}.probe`);
    closeSync(openSync(probe, 'wx'));
    rmSync(probe, { force: true });
  } catch (error) {
    throw fileError(error, folder, 'folder');
  }
}

/**
 * mkdir -p, one level at a time from the nearest folder that exists: Node's
 * recursive mkdir spins forever where the kernel answers ENOENT for a parent
 * that exists (/proc), where this fails at once.
 */
function makeFolders(folder: string): void {
  const missing: string[] = [];
  let at = folder;
  while (!existsSync(at)) {
    missing.unshift(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  if (!statSync(at).isDirectory()) throw Object.assign(new Error(`${at} is not a folder`), { code: 'ENOTDIR' });
  for (const path of missing) mkdirSync(path);
}

/**
 * Writes `bytes` to `target` through a temporary file. Unless `overwrite`, a
 * file that appeared at `target` since the plan was made is left alone and
 * the write refused.
 */
export function writeCompleteFile(target: string, bytes: Uint8Array, overwrite: boolean): void {
  const temporary = temporaryPathFor(target);
  try {
    writeNewFileSynced(temporary, bytes);
    moveIntoPlace(temporary, target, overwrite);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error instanceof StudioError ? error : fileError(error, target, 'file');
  }
}

/** The last step of every write: the complete file takes its name. */
export function moveIntoPlace(temporary: string, target: string, overwrite: boolean): void {
  if (!overwrite && existsSync(target)) throw new StudioError('ALREADY_EXISTS', `${target} appeared while exporting; it was left as it was`);
  renameSync(temporary, target);
}

/** A file-system error as a StudioError naming the path and what to do. */
export function fileError(error: unknown, path: string, what: 'file' | 'folder'): StudioError {
  if (error instanceof StudioError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const where = what === 'folder' ? path : dirname(path);
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new StudioError('UNAVAILABLE', `The disk holding ${where} is full: ${basename(path)} could not be written (nothing partial was left behind); free some space or choose another destination`, { cause: error });
    case 'EACCES':
    case 'EPERM':
      return new StudioError('FORBIDDEN', `Cannot write to ${where}: permission denied; choose a folder you can write to`, { cause: error });
    case 'EROFS':
      return new StudioError('FORBIDDEN', `Cannot write to ${where}: it is on a read-only disk; choose another destination`, { cause: error });
    case 'ENOTDIR':
    case 'EEXIST':
      return new StudioError('INVALID_ARGUMENT', `Cannot write to ${path}: ${what === 'folder' ? 'it, or a folder above it, is a file' : 'a folder above it is a file'}`, { cause: error });
    case 'ENOENT':
      return new StudioError('INVALID_ARGUMENT', `Cannot write to ${where}: that folder cannot be made there; choose another destination`, { cause: error });
    case 'EISDIR':
      return new StudioError('INVALID_ARGUMENT', `Cannot write ${path}: it is a folder`, { cause: error });
    case 'ENAMETOOLONG':
      return new StudioError('INVALID_ARGUMENT', `Cannot write ${path}: the name is too long for this file system; use a shorter template`, { cause: error });
    default:
      return new StudioError('INTERNAL', `Could not write ${path}: ${(error as Error).message}`, { cause: error });
  }
}
