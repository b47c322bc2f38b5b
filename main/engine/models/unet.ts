/**
 * pix2pix's generator (Isola et al. 2017): a U-Net that halves the image
 * down to 1×1 with 4×4 stride-2 convolutions and doubles it back with
 * transposed ones, each decoder block joined to the encoder block of its size
 * by a skip connection, so fine detail (a sketch's lines) reaches the output
 * directly while the bottleneck carries the layout.
 *
 * Block i of n = log2(resolution), as the reference code's
 * UnetSkipConnectionBlock nests them, unrolled:
 *
 *   down_i = [LeakyReLU 0.2 unless i = 0] conv4×4/2 → width·min(2^i, 8) [instance norm unless first or innermost]
 *   up_i   = ReLU → convT4×4/2 (input: down_i alone at the innermost, else down_i ‖ up_(i+1))
 *            → [instance norm, and dropout in blocks 4 … n − 2] | tanh at i = 0
 *
 * A convolution followed by instance norm has no bias (the norm removes it).
 */
import * as tfl from '@tensorflow/tfjs-layers';
import { checkPowerOfTwo, checkWholeNumber, link, normalKernel, type Symbolic } from './building';
import { InstanceNormalization } from './instance-norm';
import { SeededDropout } from './seeded-dropout';

export interface UnetOptions {
  readonly resolution: number;
  readonly inputChannels: number;
  readonly outputChannels: number;
  readonly width: number;
  /** The training-time dropout rate of the decoder's innermost 8×-width blocks. */
  readonly dropout: number;
}

/** The first block with dropout: the reference code's num_downs − 5 blocks just outside the innermost. */
const firstDropoutBlock = 4;

/** Images [n, r, r, inputChannels] in [−1, 1] → [n, r, r, outputChannels] in [−1, 1]; fully convolutional at multiples of r. */
export function buildUnetGenerator(options: UnetOptions): tfl.LayersModel {
  const { resolution, inputChannels, outputChannels, width, dropout } = options;
  checkPowerOfTwo(resolution, 4, 'U-Net');
  checkWholeNumber(width, 1, 'U-Net width');
  const blocks = Math.log2(resolution);
  const channels = (block: number) => width * Math.min(2 ** block, 8);
  const innermost = blocks - 1;

  const image = tfl.input({ shape: [null, null, inputChannels], name: 'image' });
  const downs: Symbolic[] = [];
  let x: Symbolic = image;
  for (let block = 0; block < blocks; block++) {
    const normalised = block > 0 && block < innermost;
    if (block > 0) x = link(tfl.layers.leakyReLU({ alpha: 0.2, name: `down${block}_lrelu` }), x);
    x = link(convolution(`down${block}_conv`, channels(block), !normalised, false), x);
    if (normalised) x = link(new InstanceNormalization({ name: `down${block}_norm` }), x);
    downs.push(x);
  }

  for (let block = innermost; block >= 0; block--) {
    const input = block === innermost ? downs[block]! : link(tfl.layers.concatenate({ name: `skip${block}` }), [downs[block]!, x]);
    const outermost = block === 0;
    x = link(tfl.layers.reLU({ name: `up${block}_relu` }), input);
    x = link(convolution(`up${block}_conv`, outermost ? outputChannels : channels(block - 1), outermost, true), x);
    if (outermost) {
      x = link(tfl.layers.activation({ activation: 'tanh', name: 'output' }), x);
    } else {
      x = link(new InstanceNormalization({ name: `up${block}_norm` }), x);
      if (block >= firstDropoutBlock && block < innermost && dropout > 0) x = link(new SeededDropout({ rate: dropout, name: `up${block}_dropout` }), x);
    }
  }
  return tfl.model({ inputs: image, outputs: x, name: 'unet' });
}

function convolution(name: string, filters: number, useBias: boolean, transposed: boolean): tfl.layers.Layer {
  const args = { filters, kernelSize: 4, strides: 2, padding: 'same' as const, useBias, kernelInitializer: normalKernel(), name };
  return transposed ? tfl.layers.conv2dTranspose(args) : tfl.layers.conv2d(args);
}
