/** Translation generators loaded from checkpoints, kept between requests (see RecentModels): live translation asks every few frames. */
import type * as tfl from '@tensorflow/tfjs-layers';
import { drawsFromNoise, type Direction, type TranslationModelConfig } from '../models/config';
import { buildTranslationGenerator, generatorName } from '../models/translation';
import { RecentModels } from '../recent-models';
import { readCheckpoint } from '../../formats/checkpoint-file';
import { restoreNetwork } from '../train/snapshot';

export interface LoadedTranslator {
  readonly config: TranslationModelConfig;
  readonly direction: Direction;
  readonly generator: tfl.LayersModel;
}

/** The three most recent stay loaded (a CycleGAN's two directions are two). */
const recent = new RecentModels<LoadedTranslator>(3, (old) => old.generator.dispose());

export function loadTranslator(checkpointPath: string, direction: Direction): LoadedTranslator {
  return recent.get(`${direction}\n${checkpointPath}`, () => {
    const checkpoint = readCheckpoint(checkpointPath);
    const config = checkpoint.state.config;
    if (drawsFromNoise(config)) throw new Error(`${checkpointPath} holds a ${config.architecture === 'dcgan' ? 'DCGAN' : 'FastGAN'}, which draws from noise rather than translating images`);
    const generator = buildTranslationGenerator(config, direction);
    try {
      restoreNetwork(generator, generatorName(config, direction), checkpoint.tensors);
    } catch (error) {
      generator.dispose();
      throw error;
    }
    return { config, direction, generator };
  });
}
