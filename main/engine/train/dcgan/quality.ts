/**
 * The quality metrics a run records every few hundred steps, none of which
 * needs a downloaded network: the sliced Wasserstein distance between
 * generated and real images on Laplacian-pyramid patches (ProGAN), per level
 * and averaged; a diversity score against mode collapse; and the distance to
 * the nearest training image, against memorisation. Generated images come
 * from fixed seeds, so the numbers move only because the model does.
 */
import { generatePixels, predictWith, latentsForSeeds } from '../../latent/generate';
import { measureDiversity } from '../../metrics/diversity';
import type { ImageBatch } from '../../metrics/image-batch';
import { MemorisationCheck } from '../../metrics/memorisation';
import { slicedWassersteinDistance } from '../../metrics/sliced-wasserstein';
import type { DcganConfig } from '../../models/config';
import type { BatchSource } from '../data';
import type { DcganContext } from './context';

const generatedCount = 256;
const realCount = 512;
/** Enough training images to catch copies, within about 50 MB at 64 px. */
const memorisationBytes = 50 * 2 ** 20;
const metricSeedBase = 3_000_000_000;

/** What generated images are compared with, read from the dataset once per run. */
export interface QualityReference {
  readonly real: ImageBatch;
  readonly memorisation: MemorisationCheck;
}

export function qualityReference(data: BatchSource, config: DcganConfig): QualityReference {
  const shape = { height: config.resolution, width: config.resolution, channels: config.channels };
  const trainingCount = Math.max(realCount, Math.floor(memorisationBytes / (shape.height * shape.width * shape.channels)));
  return {
    real: { ...data.sample(realCount), ...shape },
    memorisation: new MemorisationCheck({ ...data.sample(trainingCount), ...shape }),
  };
}

export async function measureQuality(context: DcganContext, reference: QualityReference): Promise<Record<string, number>> {
  const { config } = context;
  const seeds = Array.from({ length: generatedCount }, (_, index) => metricSeedBase + index);
  const generated = await generatePixels(predictWith(context.ema ?? context.generator), config, latentsForSeeds(config, seeds));
  const swd = slicedWassersteinDistance(reference.real, generated, { seed: 1 });
  const copies = reference.memorisation.measure(generated);
  return {
    swd: swd.average,
    ...Object.fromEntries(swd.perLevel.map((level) => [`swd${level.resolution}`, level.swd])),
    diversity: measureDiversity(generated, reference.real, { seed: 1 }).score,
    nearestTrainingMedian: copies.median,
    nearestTrainingMin: copies.min,
  };
}
