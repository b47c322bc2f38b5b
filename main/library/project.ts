/**
 * A project is a folder: library.db (SQLite, WAL) beside blobs/, checkpoints/
 * and cache/. This module makes such folders and recognises them.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { StudioError } from '../../preload/contract';
import { initialiseLibraryDatabase } from './database';

export const libraryFileName = 'library.db';

export interface ProjectFolders {
  readonly root: string;
  readonly library: string;
  readonly blobs: string;
  readonly checkpoints: string;
  readonly cache: string;
}

export function projectFolders(root: string): ProjectFolders {
  return {
    root,
    library: join(root, libraryFileName),
    blobs: join(root, 'blobs'),
    checkpoints: join(root, 'checkpoints'),
    cache: join(root, 'cache'),
  };
}

/** What a create killed part way leaves in a folder: the library under its temporary name, and its journal. */
const creationLeftover = /^library\.db\.\d+\.tmp(-journal|-wal|-shm)?$/;

/** True for a folder that is empty but for what a killed create left: a new project may be made there. */
export function isEmptyProjectFolder(root: string): boolean {
  return readdirSync(root).every((name) => creationLeftover.test(name));
}

/**
 * Makes a new project at `folder`. A folder that does not exist yet is built
 * whole beside it under a temporary name and renamed into place, so a killed
 * create leaves no folder at all or a usable project. An empty folder the
 * person chose gets its library under a temporary name, renamed in last.
 */
export function createProjectFolder(folder: string): ProjectFolders {
  const root = resolve(folder);
  if (existsSync(root)) {
    if (!statSync(root).isDirectory()) throw new StudioError('ALREADY_EXISTS', `${root} is a file, not a folder`);
    if (!isEmptyProjectFolder(root)) throw new StudioError('ALREADY_EXISTS', `${root} is not empty; choose a new or empty folder`);
    for (const leftover of readdirSync(root)) rmSync(join(root, leftover), { force: true });
    const folders = projectFolders(root);
    buildLibrary(folders.library);
    ensureProjectFolders(folders);
    return folders;
  }
  const parent = dirname(root);
  mkdirSync(parent, { recursive: true });
  removeAbandonedCreations(parent, basename(root));
  const staging = join(parent, `.${basename(root)}.creating-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    mkdirSync(staging);
    const staged = projectFolders(staging);
    buildLibrary(staged.library);
    ensureProjectFolders(staged);
    renameSync(staging, root);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if ((error as NodeJS.ErrnoException).code === 'ENOTEMPTY' || (error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new StudioError('ALREADY_EXISTS', `${root} was made by another process meanwhile; open it instead`);
    }
    throw error;
  }
  return projectFolders(root);
}

/** The library is made under a temporary name and renamed: library.db is either whole or absent. */
function buildLibrary(file: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    initialiseLibraryDatabase(temporary);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    rmSync(`${temporary}-journal`, { force: true });
    throw error;
  }
}

/** Staging folders of creates whose process is gone (killed part way): nothing will finish them. */
function removeAbandonedCreations(parent: string, name: string): void {
  const prefix = `.${name}.creating-`;
  for (const entry of readdirSync(parent)) {
    if (!entry.startsWith(prefix)) continue;
    const pid = Number(entry.slice(prefix.length).split('-')[0]);
    if (Number.isSafeInteger(pid) && !isRunning(pid)) rmSync(join(parent, entry), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The folders of an existing project, or a clear error saying why `folder` is not one. */
export function findProjectFolder(folder: string): ProjectFolders {
  const root = resolve(folder);
  if (!existsSync(root)) throw new StudioError('NOT_FOUND', `No folder at ${root}`);
  const folders = projectFolders(root);
  if (!existsSync(folders.library)) throw new StudioError('NOT_A_PROJECT', `${root} is not a Latent Studio project (no ${libraryFileName})`);
  return folders;
}

/** Recreates any missing subfolder: a user may have deleted cache/, which is only a cache. */
export function ensureProjectFolders(folders: ProjectFolders): void {
  for (const folder of [folders.blobs, folders.checkpoints, folders.cache]) mkdirSync(folder, { recursive: true });
}
