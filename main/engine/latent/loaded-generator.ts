/**
 * Generators loaded from checkpoints, kept between requests (see
 * RecentModels): dragging across the seed map or scrubbing a timeline asks
 * for an image every few frames.
 *
 * Each is split at the end of its first block (its 4×4 feature maps,
 * models/image-generator's featureLayerOf): truncation works there, in the
 * first space where the latent has passed a nonlinearity, as StyleGAN's works
 * in its mapped W space. Before it the network is linear in z, so pulling
 * features toward their mean would be the same as pulling z toward zero.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { drawsFromNoise, type ImageGanConfig } from '../models/config';
import { buildImageGenerator, featureLayerOf } from '../models/image-generator';
import { readCheckpoint } from '../../formats/checkpoint-file';
import { RecentModels } from '../recent-models';
import { restoreNetwork } from '../train/snapshot';

export interface LoadedGenerator {
  readonly config: ImageGanConfig;
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
    if (!drawsFromNoise(config)) throw new Error(`${checkpointPath} holds a ${config.architecture} model, which translates images rather than drawing from a latent`);
    const generator = buildImageGenerator(config);
    const hasEma = [...checkpoint.tensors.keys()].some((name) => name.startsWith('ema/'));
    restoreNetwork(generator, ema && hasEma ? 'ema' : 'generator', checkpoint.tensors);
    return { config, generator, ...splitAtFeatures(generator, featureLayerOf(config)), meanFeatures: new Map<number, tf.Tensor>() };
  });
}

/**
 * Two models sharing the generator's layers (and so its weights): the graph
 * up to `featureLayer`, and the graph after it traced again from a new input
 * in its place. FastGAN's later maps also take skip connections from earlier
 * ones, so the tail is re-wired node by node rather than as a chain.
 */
function splitAtFeatures(generator: tfl.LayersModel, featureLayer: string): { head: tfl.LayersModel; tail: tfl.LayersModel } {
  const split = generator.getLayer(featureLayer);
  const splitOutput = split.output as tfl.SymbolicTensor;
  const head = tfl.model({ inputs: generator.inputs, outputs: splitOutput, name: 'generator_head' });
  const features = tfl.input({ shape: splitOutput.shape.slice(1) as number[], name: 'g_features' });
  const traced = new Map<tfl.SymbolicTensor, tfl.SymbolicTensor>([[splitOutput, features]]);
  // model.layers is in topological order: every layer's inputs are traced before it.
  for (const layer of generator.layers.slice(generator.layers.indexOf(split) + 1)) {
    // Node 0 is the layer's place in the generator; applying it here adds another.
    const [node] = layer.inboundNodes;
    const inputs = node!.inputTensors.map((input) => {
      const mapped = traced.get(input);
      if (!mapped) throw new Error(`${layer.name} reads ${input.name}, which comes before ${featureLayer}: the generator cannot be split there`);
      return mapped;
    });
    traced.set(node!.outputTensors[0]!, layer.apply(inputs.length === 1 ? inputs[0]! : inputs) as tfl.SymbolicTensor);
  }
  return { head, tail: tfl.model({ inputs: features, outputs: traced.get(generator.outputs[0]!)!, name: 'generator_tail' }) };
}
