/**
 * Quick, Balanced and Quality: how long to train and how big a model, per
 * resolution. Quick shows a result within minutes on a laptop's CPU; Quality
 * is an overnight run. The Train view shows each with a time measured on the
 * active backend.
 */
import type { TrainingPreset } from '../../preload/contract';

export interface PresetSettings {
  readonly steps: number;
  readonly batchSize: number;
  readonly width: number;
}

const presets: Readonly<Record<TrainingPreset, Readonly<Record<32 | 64 | 128, PresetSettings>>>> = {
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
};

export const presetNames: readonly TrainingPreset[] = ['quick', 'balanced', 'quality'];

export function presetSettings(preset: TrainingPreset, resolution: 32 | 64 | 128): PresetSettings {
  return presets[preset][resolution];
}
