/**
 * The discriminator's two reconstruction decoders (FastGAN's self-supervision,
 * Liu et al., ICLR 2021): trained to redraw the real image from the
 * discriminator's own features, they make it keep a description of the whole
 * image rather than the few cues that tell real from fake, which is what
 * overfits a small dataset.
 *
 * - 'whole': the 8×8 features → the whole image;
 * - 'part': one 8×8 quadrant of the 16×16 features → that quadrant of the image.
 *
 * Both draw at reconstructionSide (half the image, at most 128 px, as the
 * paper's): per doubling nearest ×2, 3×3 conv, BN, GLU; then a 3×3 conv and
 * tanh. The trainer compares them with the real image scaled down by area
 * averaging, by mean absolute error: the paper's LPIPS perceptual loss needs
 * a pretrained VGG, which an offline studio does not download.
 */
import * as tfl from '@tensorflow/tfjs-layers';
import { link, type Symbolic } from './building';
import type { FastGanConfig } from './config';
import { conv, upBlock } from './fastgan-blocks';
import { checkFastGanConfig, decoderChannels, discriminatorChannels, reconstructionSide } from './fastgan-shape';

export type DecoderKind = 'whole' | 'part';

export interface FastGanDecoders {
  readonly whole: tfl.LayersModel;
  readonly part: tfl.LayersModel;
}

/** Features [batch, 8, 8, c] → images [batch, s, s, channels] in [-1, 1], s = reconstructionSide. */
export function buildFastGanDecoder(config: FastGanConfig, kind: DecoderKind): tfl.LayersModel {
  checkFastGanConfig(config);
  const prefix = `dec_${kind}`;
  // The whole image comes from the 8×8 features, a quadrant from a quarter of the 16×16 ones.
  const inputChannels = discriminatorChannels(config.width, kind === 'whole' ? 8 : 16);
  const features = tfl.input({ shape: [8, 8, inputChannels], name: `${prefix}_features` });
  let x: Symbolic = features;
  for (let side = 16; side <= reconstructionSide(config.resolution); side *= 2) {
    // The paper's nearest resize: the decoders only reconstruct features for the loss; nothing they draw is seen.
    x = upBlock(x, decoderChannels(config.width, side), `${prefix}_${side}`, 1, 'nearest');
  }
  const image = link(conv(`${prefix}_output_conv`, config.channels, 3, { activation: 'tanh' }), x);
  return tfl.model({ inputs: features, outputs: image, name: `decoder_${kind}` });
}

export function buildFastGanDecoders(config: FastGanConfig): FastGanDecoders {
  return { whole: buildFastGanDecoder(config, 'whole'), part: buildFastGanDecoder(config, 'part') };
}
