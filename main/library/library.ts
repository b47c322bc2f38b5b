import { basename } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { ProjectSummary } from '../../preload/contract';
import { BlobStore } from './blobs';
import { openLibraryDatabase } from './database';
import { ensureProjectFolders, findProjectFolder, type ProjectFolders } from './project';

/** An open project: its database, its blob store and its folders. The main process is the only writer. */
export interface Library {
  readonly summary: ProjectSummary;
  readonly folders: ProjectFolders;
  readonly db: Database;
  readonly blobs: BlobStore;
  close(): void;
}

export function openLibrary(folder: string): Library {
  const folders = findProjectFolder(folder);
  const db = openLibraryDatabase(folders.library);
  ensureProjectFolders(folders);
  return {
    summary: { name: basename(folders.root), path: folders.root },
    folders,
    db,
    blobs: new BlobStore(folders.blobs, folders.cache),
    close: () => db.close(),
  };
}
