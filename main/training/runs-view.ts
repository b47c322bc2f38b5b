/** How runs and checkpoints look to the renderer and the CLI. */
import type { Database } from 'better-sqlite3';
import type { CheckpointSummary, ModelKind, RunDetail, RunSummary } from '../../preload/contract';
import { blobUrl } from '../library/repos/asset-urls';
import { checkpointsOf, latestMetrics, latestPreview, planOf, previewAt, type CheckpointRow, type RunRow } from '../library/repos/runs';
import { runWarnings } from './run-warnings';

export function runSummary(db: Database, run: RunRow): RunSummary {
  const plan = planOf(run);
  const preview = latestPreview(db, run.id);
  return {
    id: run.id,
    name: run.name,
    dataset: run.dataset_name,
    imported: 'imported' in plan,
    model: run.architecture as ModelKind,
    resolution: Number(plan.model['resolution']),
    status: run.status,
    step: run.step,
    totalSteps: plan.totalSteps,
    createdAt: run.created_at,
    trainSeconds: run.train_seconds,
    error: run.error,
    previewUrl: preview ? blobUrl(preview) : null,
  };
}

export function runDetail(db: Database, run: RunRow): RunDetail {
  const latest = latestMetrics(db, run.id);
  return {
    ...runSummary(db, run),
    config: planOf(run).model,
    seed: planOf(run).seed,
    checkpoints: checkpointsOf(db, run.id).map((checkpoint) => checkpointSummary(db, checkpoint)),
    latest,
    warnings: runWarnings(db, run, latest),
  };
}

export function checkpointSummary(db: Database, checkpoint: CheckpointRow): CheckpointSummary {
  const preview = previewAt(db, checkpoint.run_id, checkpoint.step);
  return {
    id: checkpoint.id,
    runId: checkpoint.run_id,
    step: checkpoint.step,
    sizeBytes: checkpoint.size,
    sha256: checkpoint.sha256,
    metrics: JSON.parse(checkpoint.metrics) as Record<string, number>,
    createdAt: checkpoint.created_at,
    previewUrl: preview ? blobUrl(preview) : null,
    damage: checkpoint.damage,
  };
}
