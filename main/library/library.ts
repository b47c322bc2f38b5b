import { readdirSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
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
  removeStaleUploads(join(folders.cache, 'uploads'));
  return {
    summary: { name: basename(folders.root), path: folders.root },
    folders,
    db,
    blobs: new BlobStore(folders.blobs, folders.cache),
    close: () => db.close(),
  };
}

/** Upload batches a day old were abandoned (a cancelled upload, a failed import): nothing reads them any more. */
const staleUploadMs = 24 * 60 * 60 * 1000;

function removeStaleUploads(folder: string, now = Date.now()): void {
  let batches: string[];
  try {
    batches = readdirSync(folder);
  } catch {
    return; // No uploads yet.
  }
  for (const batch of batches) {
    const path = join(folder, batch);
    if (now - statSync(path).mtimeMs > staleUploadMs) rmSync(path, { recursive: true, force: true });
  }
}
