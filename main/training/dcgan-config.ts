/** A DCGAN run's config: the preset's size, the person's overrides, and what its image set decides. */
import type { StartTrainingRequest } from '../../preload/contract';
import { defaultDcganConfig, type DcganConfig } from '../engine/models/config';
import type { DatasetFacts } from './dataset-facts';
import type { PresetSettings } from './presets';

/** Below this many images, DiffAugment is on unless asked otherwise: small sets overfit without it. */
const augmentBelow = 5_000;

export function dcganConfigFor(request: StartTrainingRequest, preset: PresetSettings, dataset: DatasetFacts): DcganConfig {
  if (dataset.kind !== 'images') throw new Error('a DCGAN plan needs an image set');
  const augment = request.augment ?? dataset.itemCount < augmentBelow;
  return {
    ...defaultDcganConfig,
    resolution: request.resolution as DcganConfig['resolution'],
    channels: dataset.channels,
    classes: request.conditional ? dataset.classCount : 0,
    width: request.width ?? preset.width,
    batchSize: Math.min(request.batchSize ?? preset.batchSize, dataset.itemCount),
    upsample: request.upsample ?? defaultDcganConfig.upsample,
    loss: request.loss ?? defaultDcganConfig.loss,
    augment: augment ? { translation: true, cutout: true, colour: dataset.channels === 3 } : null,
    r1Gamma: request.r1Gamma ?? defaultDcganConfig.r1Gamma,
    emaDecay: request.emaDecay ?? defaultDcganConfig.emaDecay,
    learningRates: {
      generator: request.learningRateG ?? defaultDcganConfig.learningRates.generator,
      discriminator: request.learningRateD ?? defaultDcganConfig.learningRates.discriminator,
    },
  };
}
