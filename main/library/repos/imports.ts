/**
 * Import bookkeeping: which request, which files are done. A killed import
 * stays 'running' here; running the same request again resumes it, skipping
 * the files already recorded.
 */
import type { Database } from 'better-sqlite3';
import type { ImportProblem } from '../../../preload/contract';

export type ImportStatus = 'running' | 'completed' | 'cancelled' | 'failed';
export type FileOutcome = 'imported' | 'duplicate' | 'problem';

export function findUnfinishedImport(db: Database, datasetId: number, request: string): number | undefined {
  return db
    .prepare("SELECT id FROM imports WHERE dataset_id = ? AND request = ? AND status IN ('running', 'cancelled') ORDER BY id DESC LIMIT 1")
    .pluck()
    .get(datasetId, request) as number | undefined;
}

export function startImport(db: Database, datasetId: number, request: string, now = Date.now()): number {
  return Number(db.prepare("INSERT INTO imports (dataset_id, request, status, created_at) VALUES (?, ?, 'running', ?)").run(datasetId, request, now).lastInsertRowid);
}

export function reopenImport(db: Database, importId: number): void {
  db.prepare("UPDATE imports SET status = 'running', finished_at = NULL WHERE id = ?").run(importId);
}

export function handledSources(db: Database, importId: number): Set<string> {
  return new Set(db.prepare('SELECT source FROM import_files WHERE import_id = ?').pluck().all(importId) as string[]);
}

export function recordFile(db: Database, importId: number, source: string, outcome: FileOutcome, itemId: number | null, problem: ImportProblem | null): void {
  db.prepare('INSERT OR REPLACE INTO import_files (import_id, source, outcome, item_id, detail) VALUES (?, ?, ?, ?, ?)').run(
    importId,
    source,
    outcome,
    itemId,
    problem ? JSON.stringify({ kind: problem.kind, message: problem.message }) : null,
  );
}

export function finishImport(db: Database, importId: number, status: Exclude<ImportStatus, 'running'>, now = Date.now()): void {
  db.prepare('UPDATE imports SET status = ?, finished_at = ? WHERE id = ?').run(status, now, importId);
}

/** The problems the latest import of a dataset recorded, in the order met. */
export function latestProblems(db: Database, datasetId: number, limit: number): ImportProblem[] {
  const rows = db
    .prepare(
      `SELECT source, detail FROM import_files WHERE outcome = 'problem'
       AND import_id = (SELECT max(id) FROM imports WHERE dataset_id = ?) ORDER BY rowid LIMIT ?`,
    )
    .all(datasetId, limit) as { source: string; detail: string }[];
  return rows.map((row) => ({ source: row.source, ...(JSON.parse(row.detail) as Omit<ImportProblem, 'source'>) }));
}
