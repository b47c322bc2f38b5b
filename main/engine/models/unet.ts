/**
 * pix2pix's generator (Isola et al. 2017): a U-Net that halves the image
 * down to 1×1 with 4×4 stride-2 convolutions and doubles it back, each
 * decoder block joined to the encoder block of its size by a skip connection,
 * so fine detail (a sketch's lines) reaches the output directly while the
 * bottleneck carries the layout.
 *
 * Block i of n = log2(resolution) (transposed), as the reference code's
 * UnetSkipConnectionBlock nests them, unrolled:
 *
 *   down_i = [LeakyReLU 0.2 unless i = 0] conv4×4/2 → width·min(2^i, 8) [instance norm unless first or innermost]
 *   up_i   = ReLU → doubling (input: down_i alone at the innermost, else down_i ‖ up_(i+1))
 *            → [instance norm, and dropout in blocks 4 … n − 2] | tanh at i = 0
 *
 * The doubling is the reference code's 4×4 stride-2 transposed convolution,
 * or a bilinear (the studio's default) or nearest ×2 resize and a 3×3 convolution, which
 * draws no checkerboard (./config.ts, Upsampling). Resized, a 1×1 bottleneck
 * would come back as a flat 2×2 map that instance norm erases, so a resizing
 * U-Net halves down to 2×2 (n = log2(resolution) − 1 blocks) and its
 * bottleneck keeps a layout. With reflection padding
 * every convolution sees the image mirrored past its edge instead of zeros,
 * so no dark frame is drawn around the output.
 *
 * A convolution followed by instance norm has no bias (the norm removes it).
 */
import * as tfl from '@tensorflow/tfjs-layers';
import { checkPowerOfTwo, checkWholeNumber, link, normalKernel, type Symbolic } from './building';
import { resizeLayer } from './bilinear-upsample';
import type { BorderPadding, Upsampling } from './config';
import { InstanceNormalization } from './instance-norm';
import { ReflectionPadding2D } from './reflection-pad';
import { SeededDropout } from './seeded-dropout';

export interface UnetOptions {
  readonly resolution: number;
  readonly inputChannels: number;
  readonly outputChannels: number;
  readonly width: number;
  /** The training-time dropout rate of the decoder's innermost 8×-width blocks. */
  readonly dropout: number;
  readonly upsample: Upsampling;
  readonly padding: BorderPadding;
}

/** The first block with dropout: the reference code's num_downs − 5 blocks just outside the innermost. */
const firstDropoutBlock = 4;

/** Images [n, r, r, inputChannels] in [−1, 1] → [n, r, r, outputChannels] in [−1, 1]; fully convolutional at multiples of r. */
export function buildUnetGenerator(options: UnetOptions): tfl.LayersModel {
  const { resolution, inputChannels, outputChannels, width, dropout } = options;
  checkPowerOfTwo(resolution, 4, 'U-Net');
  checkWholeNumber(width, 1, 'U-Net width');
  // A 1×1 map resized is flat, and instance norm would erase it: resizing U-Nets halve down to 2×2.
  const blocks = Math.log2(resolution) - (options.upsample === 'transposed' ? 0 : 1);
  const channels = (block: number) => width * Math.min(2 ** block, 8);
  const innermost = blocks - 1;
  const layers = new UnetLayers(options);

  const image = tfl.input({ shape: [null, null, inputChannels], name: 'image' });
  const downs: Symbolic[] = [];
  let x: Symbolic = image;
  for (let block = 0; block < blocks; block++) {
    const normalised = block > 0 && block < innermost;
    if (block > 0) x = link(tfl.layers.leakyReLU({ alpha: 0.2, name: `down${block}_lrelu` }), x);
    x = layers.halve(x, `down${block}`, channels(block), !normalised);
    if (normalised) x = link(new InstanceNormalization({ name: `down${block}_norm` }), x);
    downs.push(x);
  }

  for (let block = innermost; block >= 0; block--) {
    const input = block === innermost ? downs[block]! : link(tfl.layers.concatenate({ name: `skip${block}` }), [downs[block]!, x]);
    const outermost = block === 0;
    const normalised = !outermost;
    x = link(tfl.layers.reLU({ name: `up${block}_relu` }), input);
    x = layers.double(x, `up${block}`, outermost ? outputChannels : channels(block - 1), !normalised);
    if (outermost) {
      x = link(tfl.layers.activation({ activation: 'tanh', name: 'output' }), x);
    } else {
      if (normalised) x = link(new InstanceNormalization({ name: `up${block}_norm` }), x);
      if (block >= firstDropoutBlock && block < innermost && dropout > 0) x = link(new SeededDropout({ rate: dropout, name: `up${block}_dropout` }), x);
    }
  }
  return tfl.model({ inputs: image, outputs: x, name: 'unet' });
}

/**
 * The U-Net's resampling layers, named `${block}_conv` (and `_pad`, `_resize`)
 * whichever form they take, so a checkpoint's weights map by name; the kernel
 * shapes differ between forms, so one never loads into the other.
 */
class UnetLayers {
  constructor(private readonly options: UnetOptions) {}

  /** A 4×4 stride-2 convolution; 'same' zero padding is one pixel each side here, as is the reflected border. */
  halve(x: Symbolic, name: string, filters: number, useBias: boolean): Symbolic {
    const reflect = this.options.padding === 'reflect';
    const input = reflect ? link(new ReflectionPadding2D({ padding: 1, name: `${name}_pad` }), x) : x;
    return link(tfl.layers.conv2d({ filters, kernelSize: 4, strides: 2, padding: reflect ? 'valid' : 'same', useBias, kernelInitializer: normalKernel(), name: `${name}_conv` }), input);
  }

  double(x: Symbolic, name: string, filters: number, useBias: boolean): Symbolic {
    const kernel = { filters, useBias, kernelInitializer: normalKernel(), name: `${name}_conv` };
    if (this.options.upsample === 'transposed') return link(tfl.layers.conv2dTranspose({ ...kernel, kernelSize: 4, strides: 2, padding: 'same' }), x);
    const reflect = this.options.padding === 'reflect';
    let resized = link(resizeLayer(this.options.upsample, `${name}_resize`), x);
    if (reflect) resized = link(new ReflectionPadding2D({ padding: 1, name: `${name}_pad` }), resized);
    return link(tfl.layers.conv2d({ ...kernel, kernelSize: 3, strides: 1, padding: reflect ? 'valid' : 'same' }), resized);
  }
}
