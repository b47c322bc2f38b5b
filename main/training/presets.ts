/**
 * Quick, Balanced and Quality: how long to train and how big a model, per
 * model family and resolution. Quick shows a result within minutes on a
 * laptop's CPU; Quality is an overnight run. The Train view shows each with a
 * time measured on the active backend.
 *
 * FastGAN's width is its feature maps at 128 px (coarser levels have more:
 * 16× at 4 px); its Quick runs stay narrow enough for a CPU. 512 and 1024 px
 * are for GPU backends only (plan.ts's checkBackendFits).
 *
 * The translation models train one image at a time, as in their papers.
 * Their Quick and Balanced widths stay at 32 so a model translates a 128 px
 * drawing fast enough to follow the pen on a CPU.
 */
import type { BackendName, ModelKind, TrainingPreset } from '../../preload/contract';

export interface PresetSettings {
  readonly steps: number;
  readonly batchSize: number;
  readonly width: number;
}

type ByResolution = Readonly<Record<number, PresetSettings>>;

const translation = (steps: number, width: number): ByResolution => ({
  64: { steps, batchSize: 1, width },
  128: { steps, batchSize: 1, width },
  256: { steps, batchSize: 1, width },
});

const presets: Readonly<Record<ModelKind, Readonly<Record<TrainingPreset, ByResolution>>>> = {
  fastgan: {
    quick: {
      32: { steps: 600, batchSize: 8, width: 8 },
      64: { steps: 1_000, batchSize: 8, width: 8 },
      128: { steps: 1_500, batchSize: 4, width: 8 },
      256: { steps: 2_000, batchSize: 4, width: 4 },
      512: { steps: 5_000, batchSize: 8, width: 16 },
      1024: { steps: 5_000, batchSize: 4, width: 8 },
    },
    balanced: {
      32: { steps: 3_000, batchSize: 16, width: 8 },
      64: { steps: 5_000, batchSize: 16, width: 8 },
      128: { steps: 8_000, batchSize: 8, width: 8 },
      256: { steps: 10_000, batchSize: 8, width: 8 },
      512: { steps: 30_000, batchSize: 8, width: 32 },
      1024: { steps: 30_000, batchSize: 8, width: 16 },
    },
    quality: {
      32: { steps: 20_000, batchSize: 32, width: 16 },
      64: { steps: 30_000, batchSize: 16, width: 32 },
      128: { steps: 40_000, batchSize: 8, width: 32 },
      256: { steps: 50_000, batchSize: 8, width: 32 },
      512: { steps: 50_000, batchSize: 8, width: 64 },
      1024: { steps: 50_000, batchSize: 8, width: 32 },
    },
  },
  dcgan: {
    quick: {
      32: { steps: 1_000, batchSize: 32, width: 32 },
      64: { steps: 1_500, batchSize: 32, width: 32 },
      128: { steps: 2_000, batchSize: 16, width: 24 },
    },
    balanced: {
      32: { steps: 5_000, batchSize: 64, width: 64 },
      64: { steps: 8_000, batchSize: 64, width: 48 },
      128: { steps: 10_000, batchSize: 32, width: 32 },
    },
    quality: {
      32: { steps: 20_000, batchSize: 64, width: 64 },
      64: { steps: 30_000, batchSize: 64, width: 64 },
      128: { steps: 40_000, batchSize: 32, width: 64 },
    },
  },
  pix2pix: { quick: translation(1_000, 32), balanced: translation(5_000, 32), quality: translation(40_000, 64) },
  cyclegan: { quick: translation(1_000, 16), balanced: translation(5_000, 32), quality: translation(40_000, 64) },
};

export const presetNames: readonly TrainingPreset[] = ['quick', 'balanced', 'quality'];

/** The resolutions each family trains at. */
export const resolutionsOf: Readonly<Record<ModelKind, readonly number[]>> = {
  fastgan: [32, 64, 128, 256, 512, 1024],
  dcgan: [32, 64, 128],
  pix2pix: [64, 128, 256],
  cyclegan: [64, 128, 256],
};

/** Above this size only a GPU backend trains in useful time. */
export const largestCpuResolution = 256;
export const gpuBackends: readonly BackendName[] = ['tensorflow-gpu'];

export function presetSettings(model: ModelKind, preset: TrainingPreset, resolution: number): PresetSettings {
  const settings = presets[model][preset][resolution];
  if (!settings) throw new RangeError(`${model} has no ${preset} preset at ${resolution} px`);
  return settings;
}
