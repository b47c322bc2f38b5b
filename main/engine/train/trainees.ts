/** The trainee for a run's model family, over the prepared data the run names. */
import { drawsFromNoise, type ModelConfig } from '../models/config';
import type { TrainingData } from '../protocol';
import type { SeededRandom } from '../random';
import { createCycleGanTrainee } from './cyclegan/trainee';
import { createImageGanTrainee } from './image-gan/trainee';
import { createPix2pixTrainee } from './pix2pix/trainee';
import type { DataState, Trainee } from './trainee';

/** Builds the models (drawing their starting weights from `random`) and opens the data at `position`. */
export function createTrainee(config: ModelConfig, data: TrainingData, seed: number, random: SeededRandom, position: DataState | undefined): Trainee {
  const single = position && 'epoch' in position ? position : undefined;
  const perDomain = position && 'A' in position ? position : undefined;
  if (drawsFromNoise(config)) {
    if (data.kind !== 'images') throw new Error(`a ${config.architecture === 'dcgan' ? 'DCGAN' : 'FastGAN'} trains on one image set`);
    return createImageGanTrainee(config, data.cache, seed, random, single);
  }
  if (data.kind !== 'domains') throw new Error(`${config.architecture} trains on two image domains, A and B`);
  return config.architecture === 'pix2pix'
    ? createPix2pixTrainee(config, data, seed, random, single)
    : createCycleGanTrainee(config, data, seed, random, perDomain);
}
