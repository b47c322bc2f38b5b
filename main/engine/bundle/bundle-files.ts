/**
 * Reading the files of a model bundle, which someone else made. The names
 * come from bundle.json and model.json, so each must be a relative path that
 * stays in the bundle (no `..`, nothing absolute); what it leads to, through
 * any links, must lie inside the bundle's real folder; and it is read through
 * main/files/user-file.ts, so a device or a FIFO is refused before it is
 * read, and nothing past a size limit is read. Otherwise a model.json linked
 * to /etc/passwd would be read, and its text quoted back in an error.
 * Shared by the main process (bundle.json) and the engine (model.json, weights).
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, join, win32 } from 'node:path';
import { StudioError } from '../../../preload/contract';
import { isInsideFolder } from '../../files/inside-folder';
import { mebibyte, readUserFile, readUserFileSync } from '../../files/user-file';

/** bundle.json and model.json: a generator's topology is tens of kilobytes. */
export const maxBundleJsonBytes = 16 * mebibyte;

/** A weights file: as much as Node reads into one buffer, more than the studio's largest generator. */
export const maxWeightsFileBytes = 2 ** 31 - 1;

/** Whether `name` (as a manifest writes it) is a relative path that stays inside the bundle's folder. */
export function staysInsideBundle(name: string): boolean {
  return name !== '' && !name.includes('\0') && !isAbsolute(name) && !win32.isAbsolute(name) && !name.split(/[\\/]/).includes('..');
}

/**
 * The real path of the bundle's file `name`, which must exist and lie inside
 * the bundle's real folder; `namedBy` is the file that names it, for the error.
 */
export function containedPath(folder: string, name: string, namedBy: string): string {
  if (!staysInsideBundle(name)) throw refused(`${namedBy}: names ${name}, which lies outside the bundle`);
  let real: string;
  let realFolder: string;
  try {
    realFolder = realpathSync(folder);
    real = realpathSync(join(folder, name));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw refused(`${name}: missing from the bundle${name === namedBy ? '' : ` (${namedBy} names it)`}`);
    throw refused(`${name}: cannot be read (${(error as Error).message})`);
  }
  if (real === realFolder || !isInsideFolder(real, realFolder)) {
    throw refused(`${name}: leads outside the bundle (to ${real}); a bundle's files must lie inside its folder`);
  }
  return real;
}

/** The bundle's file `name`, a regular file inside it of at most `maxBytes`. */
export function readBundleFileSync(folder: string, name: string, namedBy: string, maxBytes: number): Buffer {
  return readUserFileSync(containedPath(folder, name, namedBy), maxBytes, name);
}

/** The asynchronous twin of readBundleFileSync, for the main process. */
export function readBundleFile(folder: string, name: string, namedBy: string, maxBytes: number): Promise<Buffer> {
  return readUserFile(containedPath(folder, name, namedBy), maxBytes, name);
}

/**
 * A bundle's JSON file, parsed. A syntax error is reported by position, never
 * by quoting the text: an error message is shown and logged, and is no place
 * for what a file holds.
 */
export function parseBundleJson(bytes: Buffer, name: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch (error) {
    const position = /at position (\d+)/.exec((error as Error).message)?.[1];
    throw refused(`${name}: is not valid JSON${position === undefined ? '' : ` (at character ${position})`}`);
  }
}

function refused(message: string): StudioError {
  return new StudioError('INVALID_ARGUMENT', message);
}
