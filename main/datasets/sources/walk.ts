/**
 * Lists the files under a folder chosen for import, in the same order on
 * every run and every platform, with the class each belongs to: the name of
 * its top-level subfolder, the layout of most labelled image collections
 * (`dogs/…`, `cats/…`). Every file is listed whatever its name says; the
 * decoder judges content.
 */
import { constants, type Stats } from 'node:fs';
import { access, readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { StudioError } from '../../../preload/contract';
import { kindOfFile } from '../../files/user-file';
import { importProblem, type ImportProblem } from '../problems';
import { isSkippedName } from './skipped-names';

export interface WalkEntry {
  readonly path: string;
  /** From the chosen folder, with '/' separators on every platform. */
  readonly relativePath: string;
  /** The first-level subfolder's name, or null for files directly in the chosen folder. */
  readonly classLabel: string | null;
}

interface Folder {
  readonly path: string;
  readonly relativePath: string;
  readonly classLabel: string | null;
  /** Real paths of this folder and the folders above it: a link back to one of them is a loop. */
  readonly ancestors: ReadonlySet<string>;
}

export async function* walkImages(root: string): AsyncGenerator<WalkEntry | ImportProblem> {
  const rootPath = resolve(root);
  const rootStats = await stat(rootPath).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new StudioError('NOT_FOUND', `Nothing to import at ${rootPath}: it does not exist`);
    throw new StudioError('INVALID_ARGUMENT', `Cannot read ${rootPath}: ${error.message}`);
  });
  if (rootStats.isDirectory()) {
    yield* folderEntries({ path: rootPath, relativePath: '', classLabel: null, ancestors: new Set([await realpath(rootPath)]) });
  } else {
    yield await fileEntry(rootPath, basename(rootPath), null, rootStats);
  }
}

async function* folderEntries(folder: Folder): AsyncGenerator<WalkEntry | ImportProblem> {
  let names: string[];
  try {
    names = await readdir(folder.path);
  } catch (error) {
    yield unreadable(folder.relativePath || basename(folder.path), error);
    return;
  }
  // Code-unit order, not the locale's: the same dataset must list identically on every machine.
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const atTop = folder.relativePath === '';
  for (const name of names) {
    if (isSkippedName(name)) continue;
    const path = join(folder.path, name);
    const relativePath = atTop ? name : `${folder.relativePath}/${name}`;
    let stats: Stats;
    let real: string | null;
    try {
      // stat, not lstat: links to files and folders are followed like the things they point to.
      stats = await stat(path);
      real = stats.isDirectory() ? await realpath(path) : null;
    } catch (error) {
      yield unreadable(relativePath, error);
      continue;
    }
    if (real === null) {
      yield await fileEntry(path, relativePath, atTop ? null : folder.classLabel, stats);
    } else if (folder.ancestors.has(real)) {
      yield loop(relativePath);
    } else {
      const classLabel = atTop ? name : folder.classLabel;
      yield* folderEntries({ path, relativePath, classLabel, ancestors: new Set([...folder.ancestors, real]) });
    }
  }
}

/** Pipes and devices could block a read forever, so only plain files that can be opened are listed. */
async function fileEntry(path: string, relativePath: string, classLabel: string | null, stats: Stats): Promise<WalkEntry | ImportProblem> {
  if (!stats.isFile()) return importProblem(relativePath, 'unreadable', `is ${kindOfFile(stats)}, not a regular file; it was skipped.`);
  try {
    await access(path, constants.R_OK);
  } catch (error) {
    return unreadable(relativePath, error);
  }
  return { path, relativePath, classLabel };
}

function loop(relativePath: string): ImportProblem {
  return importProblem(relativePath, 'symlink-loop', 'is a symbolic link that leads back to itself or a folder above it; it was not followed.');
}

function unreadable(relativePath: string, error: unknown): ImportProblem {
  const { code, message } = error as NodeJS.ErrnoException;
  // A link that points at itself, directly or through others, never reaches a file.
  if (code === 'ELOOP') return loop(relativePath);
  const reason =
    code === 'ENOENT' ? 'it is a link to something that no longer exists'
    : code === 'EACCES' || code === 'EPERM' ? 'permission was denied'
    : message;
  return importProblem(relativePath, 'unreadable', `could not be read: ${reason}.`);
}
