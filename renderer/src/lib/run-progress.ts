/** How a pushed trainingProgress event changes what the renderer knows of a run: pure, so it is tested on its own. */
import type { RunStatus, RunSummary, TrainingProgress } from '../../../preload/contract';

/**
 * The status a run has after an event. A preview grid is stored on its own
 * time and its event can arrive after the run has already finished; such an
 * event says "running" but brings only the picture, so it must not make a
 * finished run look as if it were training again.
 */
export function statusAfter(current: RunStatus, progress: Pick<TrainingProgress, 'status' | 'previewUrl'>): RunStatus {
  const settled = current !== 'running' && current !== 'queued';
  if (progress.previewUrl !== null && settled && progress.status === 'running') return current;
  return progress.status;
}

/** The run as the event leaves it: its step, status, total and newest preview. */
export function applyProgress(run: RunSummary, progress: TrainingProgress): RunSummary {
  // A late preview event carries its own (earlier) step: it must not move the bar back.
  const step = progress.previewUrl !== null ? Math.max(run.step, progress.step) : progress.step;
  return {
    ...run,
    status: statusAfter(run.status, progress),
    step,
    totalSteps: progress.totalSteps,
    previewUrl: progress.previewUrl ?? run.previewUrl,
  };
}
