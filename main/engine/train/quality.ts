/**
 * The quality metrics a run records every few hundred steps, none of which
 * needs a downloaded network: the sliced Wasserstein distance between
 * generated and real images on Laplacian-pyramid patches (ProGAN), per level
 * and averaged. Generated images come from fixed seeds, so the numbers move
 * only because the model does.
 */
import { generatePixels, latentsForSeeds } from '../latent/generate';
import type { ImageBatch } from '../metrics/image-batch';
import { slicedWassersteinDistance } from '../metrics/sliced-wasserstein';
import type { TrainingContext } from './steps-context';

/** Real images to compare with: an even spread of the training set. */
export type QualityReference = Pick<ImageBatch, 'pixels' | 'count'>;

const generatedCount = 256;
const metricSeedBase = 3_000_000_000;

export function measureQuality(context: TrainingContext, reference: QualityReference): Record<string, number> {
  const { config } = context;
  const seeds = Array.from({ length: generatedCount }, (_, index) => metricSeedBase + index);
  const generated = generatePixels(context.ema ?? context.generator, config, latentsForSeeds(config, seeds));
  const real: ImageBatch = { ...reference, height: config.resolution, width: config.resolution, channels: config.channels };
  const swd = slicedWassersteinDistance(real, generated, { seed: 1 });
  return {
    swd: swd.average,
    ...Object.fromEntries(swd.perLevel.map((level) => [`swd${level.resolution}`, level.swd])),
  };
}
