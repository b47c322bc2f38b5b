import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Writes `bytes` to `target` so that `target` is either absent, or complete:
 * a temporary file in the same folder, flushed to disk, then renamed over.
 */
export function writeFileAtomically(target: string, bytes: Uint8Array): void {
  const temporary = join(dirname(target), `.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeNewFileSynced(temporary, bytes);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Writes `bytes` to a new file at `path` (refusing one that exists) and flushes it to disk: the first half of every atomic write. */
export function writeNewFileSynced(path: string, bytes: Uint8Array): void {
  const fd = openSync(path, 'wx');
  try {
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
