/** Training runs, their metrics and their checkpoints. */
import type { Database } from 'better-sqlite3';
import type { MetricSeries, RunStatus } from '../../../preload/contract';

/** What a run was started with; stored as the run's config JSON. */
export interface RunPlan {
  readonly model: Readonly<Record<string, unknown>>;
  readonly seed: number;
  readonly totalSteps: number;
  readonly checkpointEvery: number;
  readonly previewEvery: number;
  readonly metricsEvery: number;
}

export interface RunRow {
  readonly id: number;
  readonly name: string;
  readonly dataset_id: number | null;
  readonly dataset_name: string | null;
  readonly architecture: string;
  readonly config: string;
  readonly status: RunStatus;
  readonly error: string | null;
  readonly step: number;
  readonly created_at: number;
  readonly started_at: number | null;
  readonly finished_at: number | null;
  readonly train_seconds: number;
}

export interface CheckpointRow {
  readonly id: number;
  readonly run_id: number;
  readonly step: number;
  /** Relative to the project folder (see stored-paths.ts). */
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
  readonly metrics: string;
  readonly created_at: number;
  /** Why the file was found damaged, when it was; null for an intact one. */
  readonly damage: string | null;
}

const runSelect = 'SELECT r.*, d.name AS dataset_name FROM runs r LEFT JOIN datasets d ON d.id = r.dataset_id';

export function createRun(db: Database, name: string, datasetId: number, architecture: string, plan: RunPlan, now = Date.now()): number {
  return Number(
    db
      .prepare("INSERT INTO runs (name, dataset_id, architecture, config, status, created_at) VALUES (?, ?, ?, ?, 'queued', ?)")
      .run(name, datasetId, architecture, JSON.stringify(plan), now).lastInsertRowid,
  );
}

export function findRun(db: Database, id: number): RunRow | undefined {
  return db.prepare(`${runSelect} WHERE r.id = ?`).get(id) as RunRow | undefined;
}

export function listRuns(db: Database): RunRow[] {
  return db.prepare(`${runSelect} ORDER BY r.created_at DESC, r.id DESC`).all() as RunRow[];
}

export function planOf(run: RunRow): RunPlan {
  return JSON.parse(run.config) as RunPlan;
}

export function setPlan(db: Database, id: number, plan: RunPlan): void {
  db.prepare('UPDATE runs SET config = ? WHERE id = ?').run(JSON.stringify(plan), id);
}

export function setRunStatus(db: Database, id: number, status: RunStatus, error: string | null = null, now = Date.now()): void {
  const settled = status === 'completed' || status === 'failed' || status === 'stopped' || status === 'paused';
  db.prepare(
    `UPDATE runs SET status = ?, error = ?,
       started_at = CASE WHEN ? = 'running' AND started_at IS NULL THEN ? ELSE started_at END,
       finished_at = CASE WHEN ? THEN ? ELSE NULL END
     WHERE id = ?`,
  ).run(status, error, status, now, settled ? 1 : 0, now, id);
}

export function setRunProgress(db: Database, id: number, step: number, trainSeconds: number): void {
  db.prepare('UPDATE runs SET step = ?, train_seconds = ? WHERE id = ?').run(step, trainSeconds, id);
}

/** Runs a crashed or killed process left running: they can be resumed from their last checkpoint. Only the project's writer calls this. */
export function pauseInterruptedRuns(db: Database): number {
  return db.prepare("UPDATE runs SET status = 'paused', error = 'Interrupted: the app stopped while this run was training' WHERE status IN ('running', 'queued')").run().changes;
}

export function recordMetrics(db: Database, runId: number, values: readonly { name: string; step: number; value: number }[]): void {
  const insert = db.prepare('INSERT OR REPLACE INTO run_metrics (run_id, name, step, value) VALUES (?, ?, ?, ?)');
  for (const { name, step, value } of values) if (Number.isFinite(value)) insert.run(runId, name, step, value);
}

export function metricSeries(db: Database, runId: number, names: readonly string[] | undefined, afterStep = -1): MetricSeries[] {
  const rows = db
    .prepare('SELECT name, step, value FROM run_metrics WHERE run_id = ? AND step > ? ORDER BY name, step')
    .all(runId, afterStep) as { name: string; step: number; value: number }[];
  const series = new Map<string, { steps: number[]; values: number[] }>();
  for (const row of rows) {
    if (names && !names.includes(row.name)) continue;
    const entry = series.get(row.name) ?? { steps: [], values: [] };
    entry.steps.push(row.step);
    entry.values.push(row.value);
    series.set(row.name, entry);
  }
  return [...series].map(([name, { steps, values }]) => ({ name, steps, values }));
}

/** A metric's last `count` points, oldest first: reads the (run, name, step) key backwards, so a long run costs no more. */
export function recentMetric(db: Database, runId: number, name: string, count: number): { step: number; value: number }[] {
  const rows = db.prepare('SELECT step, value FROM run_metrics WHERE run_id = ? AND name = ? ORDER BY step DESC LIMIT ?').all(runId, name, count) as { step: number; value: number }[];
  return rows.reverse();
}

export function latestMetrics(db: Database, runId: number): Record<string, number> {
  const rows = db
    .prepare('SELECT name, value FROM run_metrics m WHERE run_id = ? AND step = (SELECT max(step) FROM run_metrics WHERE run_id = m.run_id AND name = m.name)')
    .all(runId) as { name: string; value: number }[];
  return Object.fromEntries(rows.map((row) => [row.name, row.value]));
}

export function recordCheckpoint(db: Database, checkpoint: Omit<CheckpointRow, 'id' | 'created_at' | 'metrics' | 'damage'> & { metrics: Record<string, number> }, now = Date.now()): number {
  return Number(
    db
      .prepare(
        `INSERT INTO checkpoints (run_id, step, path, size, sha256, metrics, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (run_id, step) DO UPDATE SET path = excluded.path, size = excluded.size, sha256 = excluded.sha256, metrics = excluded.metrics, created_at = excluded.created_at, damage = NULL
         RETURNING id`,
      )
      .pluck()
      .get(checkpoint.run_id, checkpoint.step, checkpoint.path, checkpoint.size, checkpoint.sha256, JSON.stringify(checkpoint.metrics), now) as number,
  );
}

export function checkpointsOf(db: Database, runId: number): CheckpointRow[] {
  return db.prepare('SELECT * FROM checkpoints WHERE run_id = ? ORDER BY step').all(runId) as CheckpointRow[];
}

export function findCheckpoint(db: Database, id: number): CheckpointRow | undefined {
  return db.prepare('SELECT * FROM checkpoints WHERE id = ?').get(id) as CheckpointRow | undefined;
}

export function deleteCheckpoint(db: Database, id: number): void {
  db.prepare('DELETE FROM checkpoints WHERE id = ?').run(id);
}

/** The preview grid made at a step of a run, if one was. */
export function previewAt(db: Database, runId: number, step: number): string | null {
  return (
    (db
      .prepare("SELECT blob_hash FROM outputs WHERE run_id = ? AND kind = 'preview' AND json_extract(provenance, '$.step') = ? ORDER BY id DESC LIMIT 1")
      .pluck()
      .get(runId, step) as string | undefined) ?? null
  );
}

export function latestPreview(db: Database, runId: number): string | null {
  return (db.prepare("SELECT blob_hash FROM outputs WHERE run_id = ? AND kind = 'preview' ORDER BY id DESC LIMIT 1").pluck().get(runId) as string | undefined) ?? null;
}
