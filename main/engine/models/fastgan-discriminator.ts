/**
 * FastGAN's discriminator (Liu et al., ICLR 2021) at 32 to 1024 px,
 * optionally a projection discriminator for a class-conditional model.
 *
 * The stem halves the image with 4×4 stride-2 convolutions and LeakyReLU 0.2
 * until it is at most 256 px (batch norm on all but the first, as the
 * paper's 1024 px stem); then a DownBlockComp per halving down to 8×8: a main
 * path (4×4 stride-2 conv, BN, LReLU, 3×3 conv, BN, LReLU) and a direct path
 * (2×2 average pool, 1×1 conv, BN, LReLU), averaged. The maps at 32, 16 and 8
 * px are gated by skip-layer excitation from the map 8× larger when the
 * network has it (from 128 px images on). The logits: 1×1 conv, BN, LReLU
 * and a 4×4 valid conv on the 8×8 map, a 5×5 map of logits per image that
 * the hinge loss averages.
 *
 * The model outputs [logits, features8, features16]: the trainer crops one
 * quadrant of the 16×16 features itself (the quadrant changes every step)
 * and feeds them and the 8×8 features to the reconstruction decoders
 * (./fastgan-decoders), which are models of their own. So the discriminator
 * stays one plain graph with no quadrant input, the decoders run only where
 * the step reconstructs (real images in the discriminator's step), and only
 * the one quadrant decoded costs anything.
 *
 * Departures from the paper: its second discriminator on a 128 px copy of
 * the image, with its own decoder, is left out (the generator's 128 px
 * output with it); and at 256 px its stem is a stride-1 3×3 convolution
 * followed by a DownBlockComp at full size, where this one halves at once, as
 * the paper's 512 px stem does — a quarter of the work at the largest side.
 */
import * as tfl from '@tensorflow/tfjs-layers';
import { link, normalKernel, type Symbolic } from './building';
import type { FastGanConfig } from './config';
import { batchNorm, conv, skipLayerExcitation } from './fastgan-blocks';
import { checkFastGanConfig, discriminatorChannels, discriminatorExcitationSource, discriminatorSides, logitHeadChannels } from './fastgan-shape';
import { labelInput } from './latent-inputs';
import { OneHot } from './one-hot';

/** The side of the logit map: a 4×4 valid convolution on 8×8. */
export const logitSide = 5;

const leakyReLU = (name: string) => tfl.layers.leakyReLU({ alpha: 0.2, name });

/**
 * Images [batch, r, r, channels] (and, when conditional, int32 labels
 * [batch, 1]) → [logits [batch, 5, 5, 1], features [batch, 8, 8, c8],
 * features [batch, 16, 16, c16]]; the logits have no sigmoid.
 */
export function buildFastGanDiscriminator(config: FastGanConfig): tfl.LayersModel {
  checkFastGanConfig(config);
  const image = tfl.input({ shape: [config.resolution, config.resolution, config.channels], name: 'd_image' });
  const { stem, blocks } = discriminatorSides(config.resolution);
  const mapsBySide = new Map<number, Symbolic>();

  let x: Symbolic = image;
  stem.forEach((side, index) => {
    x = link(conv(`d_${side}_conv`, discriminatorChannels(config.width, side), 4, { strides: 2 }), x);
    // Never on the first layer: normalising the images themselves would discard their colour statistics.
    if (index > 0) x = link(batchNorm(`d_${side}_bn`), x);
    x = link(leakyReLU(`d_${side}_lrelu`), x);
    mapsBySide.set(side, x);
  });
  for (const side of blocks) {
    x = downBlock(x, discriminatorChannels(config.width, side), `d_${side}`);
    const source = discriminatorExcitationSource(config.resolution, side);
    if (source !== null) x = skipLayerExcitation(mapsBySide.get(source)!, x, `d_${side}_excite`);
    mapsBySide.set(side, x);
  }
  const features8 = x;
  const features16 = mapsBySide.get(16)!;

  let logits = link(conv('d_logit_conv1', logitHeadChannels(config.width), 1), features8);
  logits = link(batchNorm('d_logit_bn'), logits);
  logits = link(leakyReLU('d_logit_lrelu'), logits);
  logits = link(conv('d_logit_conv2', 1, 4, { padding: 'valid' }), logits);

  if (config.classes === 0) return tfl.model({ inputs: image, outputs: [logits, features8, features16], name: 'discriminator' });

  // Projection discriminator (Miyato and Koyama 2018), as in ./dcgan.ts: each class adds
  // <embed(label), pooled features> to every logit of the map; drawn like the kernels, N(0, 0.02).
  const label = labelInput('d_label');
  const oneHot = link(new OneHot({ depth: config.classes, name: 'd_label_one_hot' }), label);
  const pooled = link(tfl.layers.globalAveragePooling2d({ name: 'd_pool' }), features8);
  const classDirection = link(
    tfl.layers.dense({ units: pooled.shape[1]!, useBias: false, kernelInitializer: normalKernel(), name: 'd_class_embedding' }),
    oneHot,
  );
  let projection = link(tfl.layers.dot({ axes: 1, name: 'd_projection' }), [classDirection, pooled]);
  projection = link(tfl.layers.reshape({ targetShape: [1, 1, 1], name: 'd_projection_map' }), projection);
  logits = link(tfl.layers.add({ name: 'd_conditional_logits' }), [logits, projection]);
  return tfl.model({ inputs: [image, label], outputs: [logits, features8, features16], name: 'discriminator' });
}

/** The paper's DownBlockComp: halves the side through a main and a direct path, averaged. */
function downBlock(input: Symbolic, channels: number, prefix: string): Symbolic {
  let main = link(conv(`${prefix}_main_conv1`, channels, 4, { strides: 2 }), input);
  main = link(batchNorm(`${prefix}_main_bn1`), main);
  main = link(leakyReLU(`${prefix}_main_lrelu1`), main);
  main = link(conv(`${prefix}_main_conv2`, channels, 3), main);
  main = link(batchNorm(`${prefix}_main_bn2`), main);
  main = link(leakyReLU(`${prefix}_main_lrelu2`), main);

  let direct = link(tfl.layers.averagePooling2d({ poolSize: 2, strides: 2, padding: 'valid', name: `${prefix}_direct_pool` }), input);
  direct = link(conv(`${prefix}_direct_conv`, channels, 1), direct);
  direct = link(batchNorm(`${prefix}_direct_bn`), direct);
  direct = link(leakyReLU(`${prefix}_direct_lrelu`), direct);
  return link(tfl.layers.average({ name: `${prefix}_average` }), [main, direct]);
}
