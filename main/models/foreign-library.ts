/**
 * Another project's library, read only: where a checkpoint from elsewhere
 * came from — its run's name and plan, its dataset and class names — which
 * the checkpoint file itself does not carry. Opened read-only and closed at
 * once, so a studio that has that project open is not disturbed.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { StudioError } from '../../preload/contract';
import { sortedClassNames } from '../datasets/prepared';
import { kindOfFile } from '../files/user-file';
import { libraryFileName } from '../library/project';
import { projectFileOf, relativeProjectPath } from '../library/stored-paths';
import { classCounts } from '../library/repos/datasets';
import type { RunPlan } from '../library/repos/runs';

/** A checkpoint as its own project records it. */
export interface ForeignCheckpoint {
  readonly projectRoot: string;
  readonly projectName: string;
  readonly checkpointId: number;
  /** The file, where it is now (the project may have moved since it was recorded). */
  readonly path: string;
  readonly sha256: string;
  readonly runName: string;
  readonly plan: RunPlan;
  readonly dataset: string | null;
  /** The dataset's class names in training order; empty when it has none, or is gone. */
  readonly classNames: readonly string[];
  readonly metrics: Readonly<Record<string, number>>;
  readonly createdAt: number;
  readonly trainSeconds: number;
}

interface Row {
  readonly id: number;
  readonly path: string;
  readonly sha256: string;
  readonly metrics: string;
  readonly created_at: number;
  readonly run_name: string;
  readonly config: string;
  readonly dataset_id: number | null;
  readonly dataset_name: string | null;
  readonly train_seconds: number;
}

const select = `SELECT c.id, c.path, c.sha256, c.metrics, c.created_at, r.name AS run_name, r.config, r.dataset_id, d.name AS dataset_name, r.train_seconds
  FROM checkpoints c JOIN runs r ON r.id = c.run_id LEFT JOIN datasets d ON d.id = r.dataset_id`;

/** Checkpoint `checkpointId` of the project at `projectRoot`; errors name the field at fault. */
export function foreignCheckpointById(projectRoot: string, checkpointId: number): ForeignCheckpoint {
  const found = withForeignLibrary(projectRoot, (db) => db.prepare(`${select} WHERE c.id = ?`).get(checkpointId) as Row | undefined, true);
  if (!found) throw new StudioError('NOT_FOUND', `checkpointId: the project at ${projectRoot} has no checkpoint ${checkpointId}`);
  return found;
}

/**
 * The record of a checkpoint file inside a project's checkpoints folder
 * (checkpoints/run-N/step-….lsck), found by its SHA-256; null when the file
 * lies elsewhere or its project does not know it.
 */
export function foreignCheckpointOfFile(file: string, sha256: string): ForeignCheckpoint | null {
  const projectRoot = dirname(dirname(dirname(file)));
  if (basename(dirname(dirname(file))) !== 'checkpoints' || !existsSync(join(projectRoot, libraryFileName))) return null;
  try {
    return withForeignLibrary(projectRoot, (db) => db.prepare(`${select} WHERE c.sha256 = ? ORDER BY c.id DESC LIMIT 1`).get(sha256) as Row | undefined, false) ?? null;
  } catch {
    return null; // An unreadable library only costs the names; the checkpoint carries its config.
  }
}

function withForeignLibrary(projectRoot: string, find: (db: Database.Database) => Row | undefined, required: boolean): ForeignCheckpoint | undefined {
  const file = join(projectRoot, libraryFileName);
  let db: Database.Database;
  try {
    // SQLite opens what it is given blocking: a FIFO in the library's place would hang the open.
    const stats = statSync(file);
    if (!stats.isFile()) throw new Error(`${file} is ${kindOfFile(stats)}, not a regular file`);
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new StudioError(required ? 'NOT_A_PROJECT' : 'INTERNAL', `path: cannot read the library of ${projectRoot} (${(error as Error).message})`);
  }
  try {
    const row = find(db);
    if (!row) return undefined;
    const labels = row.dataset_id === null ? [] : classCounts(db, row.dataset_id).map((entry) => entry.label);
    return {
      projectRoot,
      projectName: basename(projectRoot),
      checkpointId: row.id,
      // Inside that project whatever it stored (a relative path, or an absolute one from before projects were portable).
      path: projectFileOf(projectRoot, relativeProjectPath(row.path) ?? row.path),
      sha256: row.sha256,
      runName: row.run_name,
      plan: JSON.parse(row.config) as RunPlan,
      dataset: row.dataset_name,
      classNames: sortedClassNames(labels),
      metrics: JSON.parse(row.metrics) as Record<string, number>,
      createdAt: row.created_at,
      trainSeconds: row.train_seconds,
    };
  } finally {
    db.close();
  }
}
