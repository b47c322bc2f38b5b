/**
 * Records an imported model: a completed run with no dataset in this project
 * and its one checkpoint, in one transaction. The checkpoint file is renamed
 * from its staging name into the run's folder last, inside the transaction:
 * if the rename fails nothing is recorded, and if recording fails the file
 * is taken back out.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { ModelArchitecture } from '../../preload/contract';
import type { Library } from '../library/library';
import { recordCheckpoint, recordMetrics, type RunPlan } from '../library/repos/runs';

/** Where an imported run came from, kept in its plan beside the training settings. */
export interface ImportOrigin {
  readonly from: 'bundle' | 'checkpoint';
  readonly path: string;
  readonly project: string | null;
  readonly runName: string;
  readonly dataset: string | null;
  readonly checkpointSha256: string;
  /** FastGAN and DCGAN: the class names the model was trained with. */
  readonly classNames: readonly string[];
  readonly importedAt: number;
}

export interface ImportedPlan extends RunPlan {
  readonly imported: ImportOrigin;
}

export interface ImportedRun {
  readonly name: string;
  readonly architecture: ModelArchitecture;
  readonly plan: ImportedPlan;
  readonly step: number;
  readonly trainSeconds: number;
  readonly metrics: Readonly<Record<string, number>>;
  /** The finished checkpoint file under its staging name in the checkpoints folder. */
  readonly staged: { readonly path: string; readonly size: number; readonly sha256: string };
}

export function recordImportedRun(library: Library, run: ImportedRun, now = Date.now()): { runId: number; checkpointId: number } {
  const placed: { path: string | null } = { path: null };
  try {
    return library.db.transaction(() => {
      const runId = insertCompletedRun(library.db, run, now);
      const folder = join(library.folders.checkpoints, `run-${runId}`);
      const path = join(folder, `step-${String(run.step).padStart(8, '0')}.lsck`);
      const checkpointId = recordCheckpoint(library.db, { run_id: runId, step: run.step, path: library.storedPathOf(path), size: run.staged.size, sha256: run.staged.sha256, metrics: { ...run.metrics } }, now);
      recordMetrics(library.db, runId, Object.entries(run.metrics).map(([name, value]) => ({ name, step: run.step, value })));
      mkdirSync(folder, { recursive: true });
      renameSync(run.staged.path, path);
      placed.path = path;
      return { runId, checkpointId };
    })();
  } catch (error) {
    if (placed.path !== null && existsSync(placed.path)) rmSync(placed.path, { force: true });
    throw error;
  }
}

function insertCompletedRun(db: Database, run: ImportedRun, now: number): number {
  return Number(
    db
      .prepare(
        `INSERT INTO runs (name, dataset_id, architecture, config, status, step, created_at, started_at, finished_at, train_seconds)
         VALUES (?, NULL, ?, ?, 'completed', ?, ?, ?, ?, ?)`,
      )
      .run(run.name, run.architecture, JSON.stringify(run.plan), run.step, now, now, now, run.trainSeconds).lastInsertRowid,
  );
}
