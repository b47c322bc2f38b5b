/**
 * The engine writes a checkpoint file, then the main process records it; a
 * process killed between the two leaves a whole checkpoint the library does
 * not know, and resume would start from an older one (or from step 0). On
 * open, such a file is checked and recorded. A file older than the run's
 * newest recorded checkpoint is one retention retired and a crash kept from
 * deleting: it is removed.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readCheckpoint } from '../formats/checkpoint-file';
import type { Library } from './library';
import { checkpointsOf, findRun, recordCheckpoint, setRunProgress } from './repos/runs';

const runFolder = /^run-(\d+)$/;
const checkpointFile = /^step-(\d+)\.lsck$/;

export function recordUnrecordedCheckpoints(library: Library): void {
  for (const folder of listNames(library.folders.checkpoints)) {
    const runId = Number(runFolder.exec(folder)?.[1]);
    const run = Number.isSafeInteger(runId) ? findRun(library.db, runId) : undefined;
    if (!run) continue;
    const known = checkpointsOf(library.db, run.id);
    const knownPaths = new Set(known.map((row) => row.path));
    const newestStep = Math.max(-1, ...known.map((row) => row.step));
    const unknown = listNames(join(library.folders.checkpoints, folder))
      .filter((name) => checkpointFile.test(name))
      .map((name) => ({ file: join(library.folders.checkpoints, folder, name), step: Number(checkpointFile.exec(name)![1]) }))
      .filter(({ file }) => !knownPaths.has(library.storedPathOf(file)))
      .sort((a, b) => a.step - b.step);
    for (const { file, step } of unknown) {
      if (step <= newestStep || !recordIfIntact(library, run.id, run.step, file, step)) rmSync(file, { force: true });
    }
  }
}

/** Records the checkpoint at `file` when it reads back whole and is the step its name says; false otherwise. */
function recordIfIntact(library: Library, runId: number, runStep: number, file: string, step: number): boolean {
  let state;
  try {
    state = readCheckpoint(file).state;
  } catch {
    return false;
  }
  if (state.step !== step) return false;
  const bytes = readFileSync(file);
  library.db.transaction(() => {
    recordCheckpoint(library.db, { run_id: runId, step: state.step, path: library.storedPathOf(file), size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), metrics: { ...state.metrics } });
    if (state.step > runStep) setRunProgress(library.db, runId, state.step, state.trainSeconds);
  })();
  return true;
}

function listNames(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}
