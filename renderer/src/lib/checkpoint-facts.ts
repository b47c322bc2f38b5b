/**
 * What the checkpoint timeline says about each checkpoint, per family: the
 * quality metrics measured at its step, which one is the best so far (by the
 * metric main keeps the best checkpoint by, main/training/retention.ts), and
 * where a translation checkpoint can be used. Pure, so it is tested alone.
 */
import type { CheckpointSummary, ModelKind } from '../../../preload/contract';
import { formatMetric } from './training-format';

export interface CheckpointFact {
  readonly label: string;
  readonly value: string;
  /** What the number means, for a tooltip. */
  readonly title: string;
}

interface FactSpec {
  readonly metric: string;
  readonly label: string;
  readonly unit?: string;
  readonly title: string;
}

const swd: FactSpec = { metric: 'swd', label: 'SWD', title: 'Sliced Wasserstein distance: lower is closer to the dataset' };

const factsByModel: Readonly<Record<ModelKind, readonly FactSpec[]>> = {
  fastgan: [swd],
  dcgan: [swd],
  pix2pix: [
    { metric: 'heldOutL1', label: 'L1', title: 'Held-out L1: the mean difference from the targets, lower is better' },
    { metric: 'heldOutPsnr', label: 'PSNR', unit: 'dB', title: 'Held-out PSNR: higher is closer to the targets' },
    { metric: 'heldOutSsim', label: 'SSIM', title: 'Held-out SSIM: structural similarity to the targets, 1 at best' },
  ],
  cyclegan: [
    { metric: 'cycleError', label: 'Cycle error', title: 'Held-out cycle error: how far an image is from its round trip, lower is better' },
    { metric: 'cycleErrorA', label: 'A→B→A', title: 'Held-out cycle error from side A' },
    { metric: 'cycleErrorB', label: 'B→A→B', title: 'Held-out cycle error from side B' },
  ],
};

/** The metric each family's best checkpoint is chosen by, as main chooses it: lower is better for each. */
export const qualityMetricOf: Readonly<Record<ModelKind, string>> = { fastgan: 'swd', dcgan: 'swd', pix2pix: 'heldOutL1', cyclegan: 'cycleError' };

/** What "best" means, for the mark's tooltip. */
export const bestMeaning: Readonly<Record<ModelKind, string>> = {
  fastgan: "The lowest SWD of this run's checkpoints",
  dcgan: "The lowest SWD of this run's checkpoints",
  pix2pix: "The lowest held-out L1 of this run's checkpoints",
  cyclegan: "The lowest held-out cycle error of this run's checkpoints",
};

/** The measured metrics of a checkpoint, in the family's order; unmeasured ones are left out. */
export function checkpointFacts(model: ModelKind, metrics: Readonly<Record<string, number>>): CheckpointFact[] {
  return factsByModel[model].flatMap(({ metric, label, unit, title }) => {
    const value = metrics[metric];
    return value === undefined ? [] : [{ label, value: unit ? `${formatMetric(value)} ${unit}` : formatMetric(value), title }];
  });
}

/** The checkpoint with the lowest quality metric, or null while none is measured (or there is only one to choose from). */
export function bestCheckpointId(model: ModelKind, checkpoints: readonly CheckpointSummary[]): number | null {
  const metric = qualityMetricOf[model];
  const measured = checkpoints.filter((checkpoint) => Number.isFinite(checkpoint.metrics[metric]));
  if (measured.length < 2) return null;
  return measured.reduce((best, checkpoint) => (checkpoint.metrics[metric]! < best.metrics[metric]! ? checkpoint : best)).id;
}

export interface CheckpointLink {
  readonly label: string;
  readonly href: string;
}

/** Where a translation checkpoint is used: Translate for both families, Style for CycleGAN's looks too; FastGAN and DCGAN ones are sampled in place. */
export function checkpointLinks(model: ModelKind, checkpointId: number): CheckpointLink[] {
  const link = (view: string, label: string) => ({ label, href: `#/${view}?checkpoint=${checkpointId}` });
  switch (model) {
    case 'fastgan':
    case 'dcgan':
      return [];
    case 'pix2pix':
      return [link('translate', 'Translate')];
    case 'cyclegan':
      return [link('translate', 'Translate'), link('style', 'Style')];
  }
}
