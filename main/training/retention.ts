/**
 * Which checkpoints a run keeps: the last few (to resume and to step back
 * a little), the best by the family's quality metric (lower is better: a
 * FastGAN's or DCGAN's sliced Wasserstein distance, pix2pix's held-out L1, CycleGAN's
 * cycle error), and one in every few along the way (to compare how the model
 * grew). The rest are deleted as new ones arrive, so a long run does not fill
 * the disk.
 */
import type { Architecture } from '../engine/models/config';

/** The metric a family's best checkpoint is chosen by: each is lower for better models. */
export function qualityMetricOf(architecture: Architecture): string {
  switch (architecture) {
    case 'fastgan':
    case 'dcgan':
      return 'swd';
    case 'pix2pix':
      return 'heldOutL1';
    case 'cyclegan':
      return 'cycleError';
  }
}

export interface RetentionPolicy {
  readonly keepLast: number;
  /** Keep every checkpoint whose position in the run is a multiple of this (1 keeps all). */
  readonly keepEvery: number;
}

export const defaultRetention: RetentionPolicy = { keepLast: 3, keepEvery: 5 };

export interface RetainedCheckpoint {
  readonly id: number;
  readonly step: number;
  /** The quality metric at this checkpoint, lower is better; absent where unmeasured. */
  readonly score?: number | undefined;
}

/** The ids to delete, oldest first. */
export function checkpointsToDelete(checkpoints: readonly RetainedCheckpoint[], policy: RetentionPolicy = defaultRetention): number[] {
  const ordered = [...checkpoints].sort((a, b) => a.step - b.step);
  const keep = new Set(ordered.slice(-policy.keepLast).map((checkpoint) => checkpoint.id));
  ordered.forEach((checkpoint, position) => {
    if ((position + 1) % policy.keepEvery === 0) keep.add(checkpoint.id);
  });
  const measured = ordered.filter((checkpoint) => checkpoint.score !== undefined && Number.isFinite(checkpoint.score));
  const best = measured.reduce<RetainedCheckpoint | null>((winner, checkpoint) => (!winner || checkpoint.score! < winner.score! ? checkpoint : winner), null);
  if (best) keep.add(best.id);
  return ordered.filter((checkpoint) => !keep.has(checkpoint.id)).map((checkpoint) => checkpoint.id);
}
