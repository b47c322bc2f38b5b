/**
 * The generators a bundle holds, built as they are drawn with: the studio's
 * own builders, except that pix2pix's U-Net is built without its dropout,
 * which acts only while training — the same function at inference, with one
 * custom layer fewer for another runtime to know.
 */
import type * as tfl from '@tensorflow/tfjs-layers';
import { BilinearUpsampling2D } from '../models/bilinear-upsample';
import { drawsFromNoise, type ModelConfig } from '../models/config';
import { buildImageGenerator } from '../models/image-generator';
import { GatedLinearUnit } from '../models/fastgan-glu';
import { InstanceNormalization } from '../models/instance-norm';
import { OneHot } from '../models/one-hot';
import { ReflectionPadding2D } from '../models/reflection-pad';
import { buildTranslationGenerator } from '../models/translation';
import type { BundleNetworkLayout } from './layout';

/** The custom layers layers.js re-creates for a runtime without the studio's code. */
const portableCustomLayers: readonly string[] = [OneHot.className, InstanceNormalization.className, ReflectionPadding2D.className, GatedLinearUnit.className, BilinearUpsampling2D.className];

export function buildBundleNetwork(config: ModelConfig, layout: BundleNetworkLayout): tfl.LayersModel {
  if (drawsFromNoise(config)) return buildImageGenerator(config);
  if (!layout.direction) throw new Error(`${layout.network}: a translation network needs a direction`);
  return buildTranslationGenerator(config.architecture === 'pix2pix' ? { ...config, dropout: 0 } : config, layout.direction);
}

/**
 * Class names of the layers of `model` that stock TF.js lacks. Every layer
 * must be a stock one the builders use or one layers.js provides: any other
 * would make a bundle that no runtime loads, so it is refused here.
 */
export function customLayersOf(model: tfl.LayersModel): string[] {
  const found = new Set<string>();
  for (const layer of model.layers) {
    const className = layer.getClassName();
    if (portableCustomLayers.includes(className)) found.add(className);
    else if (!stockLayers.includes(className)) throw new Error(`${layer.name} is a ${className} layer, which neither stock TF.js nor layers.js provides`);
  }
  return [...found].sort();
}

/** The stock tfjs-layers classes the generators are built from. */
const stockLayers: readonly string[] = ['InputLayer', 'Dense', 'Reshape', 'BatchNormalization', 'ReLU', 'LeakyReLU', 'Conv2D', 'Conv2DTranspose', 'UpSampling2D', 'Concatenate', 'Add', 'Activation',
  // FastGAN's skip-layer excitation: pooling to 4×4 and the channel-wise gate.
  'AveragePooling2D', 'Multiply',
];
