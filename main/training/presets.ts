/**
 * Quick, Balanced and Quality: how long to train and how big a model, per
 * model family and resolution. Quick shows a result within minutes on a
 * laptop's CPU; Quality is an overnight run. The Train view shows each with a
 * time measured on the active backend.
 *
 * The translation models train one image at a time, as in their papers.
 * Their Quick and Balanced widths stay at 32 so a model translates a 128 px
 * drawing fast enough to follow the pen on a CPU.
 */
import type { ModelKind, TrainingPreset } from '../../preload/contract';

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
  dcgan: [32, 64, 128],
  pix2pix: [64, 128, 256],
  cyclegan: [64, 128, 256],
};

export function presetSettings(model: ModelKind, preset: TrainingPreset, resolution: number): PresetSettings {
  const settings = presets[model][preset][resolution];
  if (!settings) throw new RangeError(`${model} has no ${preset} preset at ${resolution} px`);
  return settings;
}
