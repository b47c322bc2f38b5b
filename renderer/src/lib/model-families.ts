/**
 * The three model families as the Train view offers them: their names, what
 * each does in a line, the resolutions each trains at, which dataset kinds
 * suit each, and main's defaults for the knobs the form shows as
 * placeholders. Pure, so it is tested on its own; the numbers mirror main's
 * (main/training/presets.ts, main/engine/models/config.ts), which refuses
 * anything else.
 */
import type { DatasetKind, Direction, ModelKind, TrainingResolution } from '../../../preload/contract';

export const modelKinds: readonly ModelKind[] = ['dcgan', 'pix2pix', 'cyclegan'];

export const modelLabels: Readonly<Record<ModelKind, string>> = { dcgan: 'DCGAN', pix2pix: 'pix2pix', cyclegan: 'CycleGAN' };

export const modelExplanations: Readonly<Record<ModelKind, string>> = {
  dcgan: 'Makes new images from noise; learns from a set of images.',
  pix2pix: 'Translates paired images, A → B (a sketch into its picture); learns from a paired set.',
  cyclegan: 'Learns two unpaired domains (day and night, photos and paintings) and translates both ways.',
};

export const resolutionsOf: Readonly<Record<ModelKind, readonly TrainingResolution[]>> = {
  dcgan: [32, 64, 128],
  pix2pix: [64, 128, 256],
  cyclegan: [64, 128, 256],
};

/** The resolution to keep when the model changes: the same one where the family trains at it, else the nearest it does. */
export function resolutionFor(model: ModelKind, current: TrainingResolution): TrainingResolution {
  const allowed = resolutionsOf[model];
  if (allowed.includes(current)) return current;
  return allowed.reduce((nearest, size) => (Math.abs(size - current) < Math.abs(nearest - current) ? size : nearest));
}

/** Which families learn from a kind of dataset: CycleGAN ignores the pairing of a paired set, so it takes either. */
const kindsOf: Readonly<Record<ModelKind, readonly DatasetKind[]>> = {
  dcgan: ['images'],
  pix2pix: ['paired'],
  cyclegan: ['unpaired', 'paired'],
};

export function suits(model: ModelKind, kind: DatasetKind): boolean {
  return kindsOf[model].includes(kind);
}

/** The family a dataset most likely means: what the form switches to when a dataset the current model cannot learn from is picked. */
export function modelForKind(kind: DatasetKind): ModelKind {
  switch (kind) {
    case 'images':
      return 'dcgan';
    case 'paired':
      return 'pix2pix';
    case 'unpaired':
      return 'cyclegan';
  }
}

/** The name main gives a run that is not given one (main/training/plan.ts): "Fashion · DCGAN 32 px". */
export function defaultRunName(dataset: string, model: ModelKind, resolution: TrainingResolution): string {
  return `${dataset} · ${modelLabels[model]} ${resolution} px`;
}

/** The papers' recipes, as main's default configs have them. */
export const translationDefaults = {
  learningRate: 0.0002,
  direction: 'AtoB' as Direction,
  l1Weight: 100,
  cycleWeight: 10,
  identityWeight: 0.5,
} as const;

/** CycleGAN's residual blocks per generator unless set: 6 up to 128 px, 9 at 256 px, as in the paper. */
export function defaultResidualBlocks(resolution: TrainingResolution): number {
  return resolution >= 256 ? 9 : 6;
}

export const directionLabels: Readonly<Record<Direction, string>> = { AtoB: 'A → B', BtoA: 'B → A' };

/** How to read a family's preview grid: DCGAN's is plain samples; the translation grids have a column each for what goes in and what comes out. */
export const previewLegends: Readonly<Record<ModelKind, string | null>> = {
  dcgan: null,
  pix2pix: 'Held-out pairs: input | output | target',
  cyclegan: 'Held-out images, A rows then B: original | translated | back again',
};
