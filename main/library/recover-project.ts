/**
 * What the writer of a project repairs when it opens it: the traces a killed
 * process can leave. Only the lock holder runs this, so nothing it removes
 * can belong to a write still under way.
 *
 * - Temporary files (every atomic write's `.*.tmp`, uploads' `.part`, a
 *   library being made) are swept, and upload batches abandoned a day ago.
 * - A checkpoint the engine finished but the library never recorded (the
 *   process died between the two) is recorded, so resume starts from it.
 * - Runs left 'running' or 'queued' are paused: they resume from their last
 *   checkpoint.
 */
import { readdirSync, rmSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import type { Library } from './library';
import { libraryFileName } from './project';
import { pauseInterruptedRuns } from './repos/runs';
import { recordUnrecordedCheckpoints } from './unrecorded-checkpoints';

export function recoverProject(library: Library): void {
  sweepTemporaryFiles(library.folders.root);
  removeStaleUploads(join(library.folders.cache, 'uploads'));
  recordUnrecordedCheckpoints(library);
  pauseInterruptedRuns(library.db);
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

/** `.name.tmp` (atomic writes), `name.<hex>.part` (uploads), and library.db.<pid>.tmp with its journal (a killed create). */
const temporaryName = new RegExp(`^(\\..+\\.tmp|.+\\.[0-9a-f]{12}\\.part|${libraryFileName.replace('.', '\\.')}\\.\\d+\\.tmp(-journal|-wal|-shm)?)$`);

/** Deep enough for cache/thumbs/ab/x, cache/uploads/batch/x and checkpoints/run-1/x. */
const sweepDepth = 4;

function sweepTemporaryFiles(folder: string, depth = 0): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (depth + 1 < sweepDepth) sweepTemporaryFiles(path, depth + 1);
    } else if (entry.isFile() && temporaryName.test(entry.name)) {
      rmSync(path, { force: true });
    }
  }
}
