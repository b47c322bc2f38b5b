/**
 * FastGAN's generator (Liu et al., ICLR 2021) at 32 to 1024 px, optionally
 * class-conditional. A pure builder: a config in, an untrained model out.
 *
 * z → a bias-free dense "project" to 4×4 (the paper's 4×4 transposed
 * convolution of a 1×1 map is the same linear map), batch norm, GLU; then one
 * up block per doubling (./fastgan-blocks: a bilinear or nearest ×2 resize and 3×3 convolutions,
 * two at 8, 32, 128 and 512 px, one elsewhere); every map from 64 px on is
 * gated by skip-layer excitation from the map 16× smaller (the paper stops
 * at 512; here 64 gates 1024 too, one rule for all); a 3×3 convolution and
 * tanh make the image at every size (the paper's 256 and 512 px outputs lack
 * the tanh; the studio's images are in [-1, 1]).
 *
 * Left out of the paper: noise injection, so that a seed always draws the
 * same image, as Explore and the previews need; and the second, 128 px output
 * that fed its small discriminator, which is left out too.
 *
 * Layer names are fixed ('g_init_dense', 'g_64_conv', 'g_64_excite', …) so
 * checkpoints map weights by name (see ./dcgan.ts on originalName).
 */
import * as tfl from '@tensorflow/tfjs-layers';
import { link, normalKernel, type Symbolic } from './building';
import type { FastGanConfig } from './config';
import { batchNorm, conv, skipLayerExcitation, upBlock } from './fastgan-blocks';
import { GatedLinearUnit } from './fastgan-glu';
import { checkFastGanConfig, generatorChannels, generatorExcitationSource, generatorLevels, usesTwoConvolutions } from './fastgan-shape';
import { latentInputs } from './latent-inputs';

/**
 * z [batch, latentSize] (and, when conditional, int32 labels [batch, 1]) →
 * images [batch, resolution, resolution, channels] in [-1, 1].
 */
export function buildFastGanGenerator(config: FastGanConfig): tfl.LayersModel {
  checkFastGanConfig(config);
  const { inputs, code } = latentInputs(config.latentSize, config.classes);

  const initial = generatorChannels(config.width, 4);
  let x = link(tfl.layers.dense({ units: 4 * 4 * 2 * initial, useBias: false, kernelInitializer: normalKernel(), name: 'g_init_dense' }), code);
  x = link(tfl.layers.reshape({ targetShape: [4, 4, 2 * initial], name: 'g_init_reshape' }), x);
  x = link(batchNorm('g_init_bn'), x);
  x = link(new GatedLinearUnit({ name: 'g_init_glu' }), x);

  const mapsBySide = new Map<number, Symbolic>([[4, x]]);
  for (const side of generatorLevels(config.resolution)) {
    x = upBlock(x, generatorChannels(config.width, side), `g_${side}`, usesTwoConvolutions(side) ? 2 : 1, config.upsample);
    const source = generatorExcitationSource(side);
    if (source !== null) x = skipLayerExcitation(mapsBySide.get(source)!, x, `g_${side}_excite`);
    mapsBySide.set(side, x);
  }
  const image = link(conv('g_output_conv', config.channels, 3, { activation: 'tanh' }), x);
  return tfl.model({ inputs, outputs: image, name: 'generator' });
}
