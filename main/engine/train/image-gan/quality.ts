/**
 * The quality metrics a run records every few hundred steps, none of which
 * needs a downloaded network: the sliced Wasserstein distance between
 * generated and real images on Laplacian-pyramid patches (ProGAN), per level
 * and averaged; a spectral artefact score, for the checkerboards and blur SWD
 * misses; a diversity score against mode collapse, and for a conditional
 * model the same within each class; and the distance to the nearest training
 * image, against memorisation. Generated images come from fixed seeds, so the
 * numbers move only because the model does.
 */
import type * as tfl from '@tensorflow/tfjs-layers';
import { generatePixels, predictWith, latentsForSeeds } from '../../latent/generate';
import { measureClassDiversity } from '../../metrics/class-diversity';
import { measureDiversity } from '../../metrics/diversity';
import type { ImageBatch } from '../../metrics/image-batch';
import { MemorisationCheck } from '../../metrics/memorisation';
import { slicedWassersteinDistance } from '../../metrics/sliced-wasserstein';
import { compareSpectra, spectralProfile, type SpectralProfile } from '../../metrics/spectral-artefacts';
import type { ImageGanConfig } from '../../models/config';
import type { BatchSource } from '../data';

const generatedCount = 256;
const realCount = 512;
/** Real images of each class that a conditional model's per-class diversity compares with (2,016 pairs). */
const realPerClass = 64;
/** Enough training images to catch copies, within about 50 MB at 64 px. */
const memorisationBytes = 50 * 2 ** 20;
const metricSeedBase = 3_000_000_000;

/** What generated images are compared with, read from the dataset once per run. */
export interface QualityReference {
  readonly real: ImageBatch;
  /** The real sample's spectrum, computed once: only the generated side changes. */
  readonly realSpectrum: SpectralProfile;
  /** Index = class; empty for an unconditional model. */
  readonly realByClass: readonly (ImageBatch | null)[];
  readonly memorisation: MemorisationCheck;
}

export function qualityReference(data: BatchSource, config: ImageGanConfig): QualityReference {
  const shape = { height: config.resolution, width: config.resolution, channels: config.channels };
  const trainingCount = Math.max(realCount, Math.floor(memorisationBytes / (shape.height * shape.width * shape.channels)));
  const real = { ...data.sample(realCount), ...shape };
  return {
    real,
    realSpectrum: spectralProfile(real, 'the real images'),
    realByClass: data.sampleEachClass(realPerClass, config.classes).map((images) => images && { ...images, ...shape }),
    memorisation: new MemorisationCheck({ ...data.sample(trainingCount), ...shape }),
  };
}

/** The metrics of `generator` (a run's moving average, where it keeps one) on fixed seeds. */
export async function measureQuality(generator: tfl.LayersModel, config: ImageGanConfig, reference: QualityReference): Promise<Record<string, number>> {
  const seeds = Array.from({ length: generatedCount }, (_, index) => metricSeedBase + index);
  const latents = latentsForSeeds(config, seeds);
  const generated = await generatePixels(predictWith(generator), config, latents);
  return qualityMetrics(generated, latents.labels, reference);
}

/** The metrics of generated images (with their classes, for a conditional model) against the reference, by the names runs record. */
export function qualityMetrics(generated: ImageBatch, labels: Int32Array | null, reference: QualityReference): Record<string, number> {
  const swd = slicedWassersteinDistance(reference.real, generated, { seed: 1 });
  const spectral = compareSpectra(spectralProfile(generated, 'the generated images'), reference.realSpectrum);
  const copies = reference.memorisation.measure(generated);
  return {
    swd: swd.average,
    ...Object.fromEntries(swd.perLevel.map((level) => [`swd${level.resolution}`, level.swd])),
    spectral: spectral.score,
    spectralHarmonic: spectral.harmonic,
    diversity: measureDiversity(generated, reference.real, { seed: 1 }).score,
    ...(labels && classDiversityMetrics(generated, labels, reference.realByClass)),
    nearestTrainingMedian: copies.median,
    nearestTrainingMin: copies.min,
  };
}

/** `diversityMin` and `diversityClass<k>` for each class that had enough images to measure. */
function classDiversityMetrics(generated: ImageBatch, labels: Int32Array, realByClass: readonly (ImageBatch | null)[]): Record<string, number> {
  const { perClass, min } = measureClassDiversity(generated, labels, realByClass, { seed: 1 });
  const measured = perClass.flatMap((score, label) => (score === null ? [] : [[`diversityClass${label}`, score] as const]));
  return { ...(min !== null && { diversityMin: min }), ...Object.fromEntries(measured) };
}
