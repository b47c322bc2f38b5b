/**
 * A project is a folder: library.db (SQLite, WAL) beside blobs/, checkpoints/
 * and cache/. This module makes such folders and recognises them.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
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

/**
 * The library is built under a temporary name and renamed into place, so a
 * killed create never leaves a half-made library.db.
 */
export function createProjectFolder(folder: string): ProjectFolders {
  const root = resolve(folder);
  if (existsSync(root)) {
    if (!statSync(root).isDirectory()) throw new StudioError('ALREADY_EXISTS', `${root} is a file, not a folder`);
    if (readdirSync(root).length > 0) throw new StudioError('ALREADY_EXISTS', `${root} is not empty; choose a new or empty folder`);
  }
  const folders = projectFolders(root);
  mkdirSync(root, { recursive: true });
  const temporary = `${folders.library}.${process.pid}.tmp`;
  try {
    initialiseLibraryDatabase(temporary);
    renameSync(temporary, folders.library);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  ensureProjectFolders(folders);
  return folders;
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
