/** Numbers and words the Train view shows: pure, so they are tested on their own. */
import { formatDuration } from '../../../preload/format';
import type { PresetEstimate, RunStatus, RunSummary, TrainingPreset } from '../../../preload/contract';
import { scaledSecondsPerStep } from '../../../preload/step-time';

export const statusLabels: Readonly<Record<RunStatus, string>> = {
  queued: 'Queued',
  running: 'Training',
  paused: 'Paused',
  stopped: 'Stopped',
  completed: 'Completed',
  failed: 'Failed',
};

export const presetLabels: Readonly<Record<TrainingPreset, string>> = {
  quick: 'Quick',
  balanced: 'Balanced',
  quality: 'Quality',
};

/** What a run learned from, as its list entry and header say it. */
export function runSource(run: Pick<RunSummary, 'dataset' | 'imported'>): string {
  return run.dataset ?? (run.imported ? 'imported model' : 'dataset deleted');
}

/** A run the engine has or will have: it can be paused or stopped. */
export function isActive(status: RunStatus): boolean {
  return status === 'running' || status === 'queued';
}

/** "1,200 / 5,000". */
export function formatSteps(step: number, total: number): string {
  return `${step.toLocaleString('en')} / ${total.toLocaleString('en')}`;
}

/** "118 images/s", "4.2 images/s": whole numbers once there are enough of them. */
export function formatRate(imagesPerSecond: number): string {
  return `${imagesPerSecond < 10 ? imagesPerSecond.toFixed(1) : Math.round(imagesPerSecond).toLocaleString('en')} images/s`;
}

/** "2 min 5 s left", or "finishing" when the engine expects no more time. */
export function formatEta(etaSeconds: number): string {
  return etaSeconds < 0.5 ? 'finishing' : `${formatDuration(etaSeconds)} left`;
}

/** A metric's value with three significant digits at most: 1,094 · 0.123 · 1.25e-5. */
export function formatMetric(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const size = Math.abs(value);
  if (size !== 0 && (size < 1e-3 || size >= 1e6)) return value.toExponential(2);
  if (size >= 100) return Math.round(value).toLocaleString('en');
  return String(Number(value.toPrecision(3)));
}

/** "about 12 min": an estimate is a guess, said as one, no finer than it can be. */
export function formatEstimate(seconds: number): string {
  if (seconds < 1) return 'under a second';
  if (seconds < 60) return `about ${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min`;
  return `about ${formatDuration(minutes * 60)}`;
}

/**
 * The time a run will take when its steps, batch size or width differ from
 * the preset's: a step's time grows about in proportion to the images in it,
 * and with the square of the width (a convolution's work is its input maps
 * times its output maps).
 */
export function scaledEstimate(estimate: PresetEstimate, steps: number, batchSize: number, width: number = estimate.width): number {
  return scaledSecondsPerStep(estimate, batchSize, width) * steps;
}

/** The fraction of a run done, 0..1, for bars. */
export function fractionDone(step: number, total: number): number {
  return total > 0 ? Math.min(1, Math.max(0, step / total)) : 0;
}

/** A random seed for the sampler, in the range a person can type and read. */
export function randomSeed(random: () => number = Math.random): number {
  return Math.floor(random() * 1_000_000);
}
