import { basename } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { ProjectSummary } from '../../preload/contract';
import { BlobStore } from './blobs';
import { openLibraryDatabase, openLibraryDatabaseForReading } from './database';
import { ensureProjectFolders, findProjectFolder, type ProjectFolders } from './project';
import { lockProject } from './project-lock';
import { recoverProject } from './recover-project';
import { projectFileOf, storedPathOf } from './stored-paths';

/**
 * How a process opens a project: to write (it takes the project's lock, and
 * only then repairs what a crash left), or only to read (no lock, a read-only
 * connection, nothing on disk changes: a second process can look while the
 * app trains).
 */
export type LibraryAccess = { readonly mode: 'write'; readonly command: string } | { readonly mode: 'read' };

export const defaultAccess: LibraryAccess = { mode: 'write', command: 'latent-studio' };

/** An open project: its database, its blob store and its folders. */
export interface Library {
  readonly summary: ProjectSummary;
  readonly folders: ProjectFolders;
  readonly db: Database;
  readonly blobs: BlobStore;
  readonly readOnly: boolean;
  /** The file a path stored in the library names (stored paths are relative to the project). */
  fileOf(stored: string): string;
  /** How the library stores a path to `file`, which must be inside the project. */
  storedPathOf(file: string): string;
  close(): void;
}

export function openLibrary(folder: string, access: LibraryAccess = defaultAccess): Library {
  const folders = findProjectFolder(folder);
  if (access.mode === 'read') return libraryOf(folders, openLibraryDatabaseForReading(folders.library), true, () => {});
  const lock = lockProject(folders.root, access.command);
  let db: Database;
  try {
    db = openLibraryDatabase(folders.library);
  } catch (error) {
    lock.release();
    throw error;
  }
  const library = libraryOf(folders, db, false, () => lock.release());
  try {
    ensureProjectFolders(folders);
    recoverProject(library);
  } catch (error) {
    library.close();
    throw error;
  }
  return library;
}

function libraryOf(folders: ProjectFolders, db: Database, readOnly: boolean, release: () => void): Library {
  return {
    summary: { name: basename(folders.root), path: folders.root },
    folders,
    db,
    blobs: new BlobStore(folders.blobs, folders.cache),
    readOnly,
    fileOf: (stored) => projectFileOf(folders.root, stored),
    storedPathOf: (file) => storedPathOf(folders.root, file),
    close: () => {
      db.close();
      release();
    },
  };
}
