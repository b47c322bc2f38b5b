/** A FastGAN run's config: the preset's size, the person's overrides, and what its image set decides. */
import { StudioError, type StartTrainingRequest } from '../../preload/contract';
import { defaultFastGanConfig, type FastGanConfig } from '../engine/models/config';
import type { DatasetFacts } from './dataset-facts';
import type { PresetSettings } from './presets';

export function fastGanConfigFor(request: StartTrainingRequest, preset: PresetSettings, dataset: DatasetFacts): FastGanConfig {
  if (dataset.kind !== 'images') throw new Error('a FastGAN plan needs an image set');
  if (request.upsample === 'transposed') throw new StudioError('INVALID_ARGUMENT', 'upsample: FastGAN resizes (bilinear or nearest); transposed convolutions are for DCGAN, pix2pix and CycleGAN');
  // DiffAugment is part of the recipe (the paper trains on 100 images with it): on unless asked otherwise.
  const augment = request.augment ?? true;
  return {
    ...defaultFastGanConfig,
    resolution: request.resolution,
    channels: dataset.channels,
    classes: request.conditional ? dataset.classCount : 0,
    width: request.width ?? preset.width,
    upsample: request.upsample ?? defaultFastGanConfig.upsample,
    batchSize: Math.min(request.batchSize ?? preset.batchSize, dataset.itemCount),
    augment: augment ? { translation: true, cutout: true, colour: dataset.channels === 3 } : null,
    emaDecay: request.emaDecay ?? defaultFastGanConfig.emaDecay,
    learningRates: {
      generator: request.learningRateG ?? defaultFastGanConfig.learningRates.generator,
      discriminator: request.learningRateD ?? defaultFastGanConfig.learningRates.discriminator,
    },
  };
}
