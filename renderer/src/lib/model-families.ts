/**
 * The four model families as the Train view offers them: their names, what
 * each does in a line, the resolutions each trains at, which dataset kinds
 * suit each, and main's defaults for the knobs the form shows as
 * placeholders. Pure, so it is tested on its own; the numbers mirror main's
 * (main/training/presets.ts, main/engine/models/config.ts), which refuses
 * anything else.
 */
import type { BackendName, DatasetKind, Direction, ModelKind, TrainingResolution } from '../../../preload/contract';
import type { NoiseModelKind } from '../../../preload/model-kinds';

/** FastGAN first: it is the family an image set gets unless the person picks another. */
export const modelKinds: readonly ModelKind[] = ['fastgan', 'dcgan', 'pix2pix', 'cyclegan'];

export const modelLabels: Readonly<Record<ModelKind, string>> = { fastgan: 'FastGAN', dcgan: 'DCGAN', pix2pix: 'pix2pix', cyclegan: 'CycleGAN' };

export const modelExplanations: Readonly<Record<ModelKind, string>> = {
  fastgan: 'Makes new images from noise; learns from a set of images, even a few hundred. A modern small-data GAN (2021), and the one to start with.',
  dcgan: 'Makes new images from noise; learns from a set of images. The classic GAN (2015): simpler, plainer images, up to 128 px.',
  pix2pix: 'Translates paired images, A → B (a sketch into its picture); learns from a paired set.',
  cyclegan: 'Learns two unpaired domains (day and night, photos and paintings) and translates both ways.',
};

/** Every resolution main trains each family at, on some backend. */
export const resolutionsOf: Readonly<Record<ModelKind, readonly TrainingResolution[]>> = {
  fastgan: [32, 64, 128, 256, 512, 1024],
  dcgan: [32, 64, 128],
  pix2pix: [64, 128, 256],
  cyclegan: [64, 128, 256],
};

/** Sizes whose steps take too long on a CPU to finish a run: offered only where the engine computes on a GPU. */
const gpuOnlyResolutions: readonly TrainingResolution[] = [512, 1024];

/** The backends that compute on a graphics card. */
const gpuBackends: readonly BackendName[] = ['tensorflow-gpu'];

/** Whether the engine computes on a GPU; null (still probing backends) is not one yet. */
export function isGpuBackend(backend: BackendName | null): boolean {
  return backend !== null && gpuBackends.includes(backend);
}

/** The resolutions the form offers a family on the active backend. */
export function offeredResolutions(model: ModelKind, backend: BackendName | null): readonly TrainingResolution[] {
  const gpu = isGpuBackend(backend);
  return resolutionsOf[model].filter((size) => gpu || !gpuOnlyResolutions.includes(size));
}

/** The resolution to keep out of those offered: the same one where it is offered, else the nearest that is. */
export function resolutionFor(offered: readonly TrainingResolution[], current: TrainingResolution): TrainingResolution {
  if (offered.includes(current)) return current;
  return offered.reduce((nearest, size) => (Math.abs(size - current) < Math.abs(nearest - current) ? size : nearest));
}

/** Which families learn from a kind of dataset: CycleGAN ignores the pairing of a paired set, so it takes either. */
const kindsOf: Readonly<Record<ModelKind, readonly DatasetKind[]>> = {
  fastgan: ['images'],
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
      return 'fastgan';
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

/**
 * What Automatic augmentation does, per family that learns from an image set:
 * FastGAN's recipe always has DiffAugment; DCGAN turns it on for small sets
 * (main/training/dcgan-config.ts), where it matters most.
 */
export const automaticAugment: Readonly<Record<NoiseModelKind, string>> = {
  fastgan: 'Automatic: on, as FastGAN’s recipe has it',
  dcgan: 'Automatic: on for under 5,000 images',
};

/** How to read a family's preview grid: FastGAN's and DCGAN's are plain samples; the translation grids have a column each for what goes in and what comes out. */
export const previewLegends: Readonly<Record<ModelKind, string | null>> = {
  fastgan: null,
  dcgan: null,
  pix2pix: 'Held-out pairs: input | output | target',
  cyclegan: 'Held-out images, A rows then B: original | translated | back again',
};
