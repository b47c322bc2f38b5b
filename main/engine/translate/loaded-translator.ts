/**
 * Translation generators loaded from checkpoints, kept between requests:
 * live translation while drawing asks for an image every few frames, and
 * rebuilding the model from its file each time would cost more than the
 * translation. The three most recent stay loaded (a CycleGAN's two
 * directions are two entries).
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Direction, TranslationModelConfig } from '../models/config';
import { buildTranslationGenerator, generatorName } from '../models/translation';
import { readCheckpoint } from '../train/checkpoint-file';
import { restoreNetwork } from '../train/snapshot';

export interface LoadedTranslator {
  readonly config: TranslationModelConfig;
  readonly direction: Direction;
  readonly generator: tfl.LayersModel;
}

const kept = 3;
const loaded = new Map<string, LoadedTranslator>();

export function loadTranslator(checkpointPath: string, direction: Direction): LoadedTranslator {
  // The backend is part of the key: tensors of one backend cannot be used on another.
  const key = `${tf.getBackend()}\n${direction}\n${checkpointPath}`;
  const found = loaded.get(key);
  if (found) {
    loaded.delete(key);
    loaded.set(key, found);
    return found;
  }
  const checkpoint = readCheckpoint(checkpointPath);
  const config = checkpoint.state.config;
  if (config.architecture === 'dcgan') throw new Error(`${checkpointPath} holds a DCGAN, which draws from noise rather than translating images`);
  const generator = buildTranslationGenerator(config, direction);
  try {
    restoreNetwork(generator, generatorName(config, direction), checkpoint.tensors);
  } catch (error) {
    generator.dispose();
    throw error;
  }
  const entry = { config, direction, generator };
  loaded.set(key, entry);
  for (const [oldKey, old] of loaded) {
    if (loaded.size <= kept) break;
    loaded.delete(oldKey);
    old.generator.dispose();
  }
  return entry;
}
