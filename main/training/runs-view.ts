/** How runs and checkpoints look to the renderer and the CLI. */
import type { Database } from 'better-sqlite3';
import type { CheckpointSummary, ModelKind, RunDetail, RunSummary } from '../../preload/contract';
import { blobUrl } from '../library/repos/asset-urls';
import { checkpointsOf, latestMetrics, latestPreview, metricSeries, planOf, previewAt, type CheckpointRow, type RunRow } from '../library/repos/runs';

/**
 * E[sign(D(real))] above this, averaged over the last steps, means the
 * discriminator has learned the training images by heart (Karras et al. 2020,
 * who aim adaptive augmentation at 0.6). Early in a run D is confidently right
 * about everything, so the warning waits until the run has settled.
 */
const overfittingSignal = 0.6;
const overfittingWindow = 100;
/** Warnings wait until this step: early on every signal looks alarming. */
const warningsFromStep = 500;
/**
 * The diversity score (generated spread ÷ real spread) below which the
 * generator is collapsing onto few modes: below any single real class of
 * Fashion-MNIST (0.53 at the lowest). An untrained generator scores far
 * lower, so this too waits until the run has settled.
 */
const collapsingDiversity = 0.3;
/** RMS pixel distance (0–1) to the nearest training image below which a sample is a copy of it. */
const nearCopy = 0.025;

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
  const [signReal] = metricSeries(db, run.id, ['signReal'], Math.max(0, run.step - overfittingWindow));
  const recentSignReal = signReal && run.step >= warningsFromStep ? signReal.values.reduce((sum, value) => sum + value, 0) / signReal.values.length : null;
  return {
    ...runSummary(db, run),
    config: planOf(run).model,
    seed: planOf(run).seed,
    checkpoints: checkpointsOf(db, run.id).map((checkpoint) => checkpointSummary(db, checkpoint)),
    latest,
    warnings: run.step >= warningsFromStep ? warningsFrom(latest, recentSignReal) : [],
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

function warningsFrom(latest: Readonly<Record<string, number>>, recentSignReal: number | null): string[] {
  const warnings: string[] = [];
  const diversity = latest['diversity'];
  if (diversity !== undefined && diversity < collapsingDiversity) {
    warnings.push(`Mode collapse: the samples are ${Math.round((1 - diversity) * 100)}% less varied than the dataset. Try augmentation, a lower learning rate or an earlier checkpoint.`);
  }
  const nearest = latest['nearestTrainingMin'];
  if (nearest !== undefined && nearest < nearCopy) {
    warnings.push(`Memorisation: a sample is a near copy of a training image (distance ${nearest.toFixed(3)}). Use an earlier checkpoint, or add images and augmentation.`);
  }
  if (recentSignReal !== null && recentSignReal > overfittingSignal) {
    warnings.push(`The discriminator is overfitting (E[sign D(real)] = ${recentSignReal.toFixed(2)} over the last ${overfittingWindow} steps): turn on augmentation or add images.`);
  }
  return warnings;
}
