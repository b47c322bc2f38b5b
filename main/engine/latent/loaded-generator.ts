/**
 * Generators loaded from checkpoints, kept between requests (see
 * RecentModels): dragging across the seed map or scrubbing a timeline asks
 * for an image every few frames.
 *
 * Each is split at the end of its first block ('g_dense_relu', 4×4 feature
 * maps): truncation works there, in the first space where the latent has
 * passed a nonlinearity, as StyleGAN's works in its mapped W space. Before it
 * the network is linear in z, so pulling features toward their mean would be
 * the same as pulling z toward zero.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { DcganConfig } from '../models/config';
import { buildGenerator } from '../models/dcgan';
import { readCheckpoint } from '../../formats/checkpoint-file';
import { RecentModels } from '../recent-models';
import { restoreNetwork } from '../train/snapshot';

export const featureLayerName = 'g_dense_relu';

export interface LoadedGenerator {
  readonly config: DcganConfig;
  readonly generator: tfl.LayersModel;
  /** z (and the class) → the first block's feature maps. */
  readonly head: tfl.LayersModel;
  /** First-block feature maps → images in [-1, 1]. */
  readonly tail: tfl.LayersModel;
  /** The mean first-block features, by class (-1 for an unconditional model), once estimated. */
  readonly meanFeatures: Map<number, tf.Tensor>;
}

/** The two most recent stay loaded. */
const recent = new RecentModels<LoadedGenerator>(2, (old) => {
  tf.dispose([...old.meanFeatures.values()]);
  old.generator.dispose();
});

/** The checkpoint's generator, or its moving average when `ema` and the checkpoint has one. */
export function loadGenerator(checkpointPath: string, ema: boolean): LoadedGenerator {
  return recent.get(`${ema}\n${checkpointPath}`, () => {
    const checkpoint = readCheckpoint(checkpointPath);
    const config = checkpoint.state.config;
    if (config.architecture !== 'dcgan') throw new Error(`${checkpointPath} holds a ${config.architecture} model, which translates images rather than drawing from a latent`);
    const generator = buildGenerator(config);
    const hasEma = [...checkpoint.tensors.keys()].some((name) => name.startsWith('ema/'));
    restoreNetwork(generator, ema && hasEma ? 'ema' : 'generator', checkpoint.tensors);
    return { config, generator, ...splitAtFeatures(generator), meanFeatures: new Map<number, tf.Tensor>() };
  });
}

/** Two models sharing the generator's layers (and so its weights). */
function splitAtFeatures(generator: tfl.LayersModel): { head: tfl.LayersModel; tail: tfl.LayersModel } {
  const split = generator.getLayer(featureLayerName);
  const head = tfl.model({ inputs: generator.inputs, outputs: split.output as tfl.SymbolicTensor, name: 'generator_head' });
  const features = tfl.input({ shape: (split.output as tfl.SymbolicTensor).shape.slice(1) as number[], name: 'g_features' });
  // After the first block the generator is a plain chain of layers.
  const after = generator.layers.slice(generator.layers.indexOf(split) + 1);
  const images = after.reduce<tfl.SymbolicTensor>((input, layer) => layer.apply(input) as tfl.SymbolicTensor, features);
  return { head, tail: tfl.model({ inputs: features, outputs: images, name: 'generator_tail' }) };
}
