/**
 * The 70×70 PatchGAN discriminator (Isola et al. 2017) that pix2pix and
 * CycleGAN share: instead of one verdict per image it gives a logit for every
 * 70×70 patch, so it judges texture and local structure, and it works at any
 * image size.
 *
 *   conv4×4/2 width → LeakyReLU
 *   conv4×4/2 2·width → norm → LeakyReLU
 *   conv4×4/2 4·width → norm → LeakyReLU
 *   pad 1, conv4×4/1 8·width → norm → LeakyReLU
 *   pad 1, conv4×4/1 1          (logits, no sigmoid: the losses take logits)
 *
 * Three stride-2 layers and two stride-1 ones with 4×4 kernels see 70×70
 * input pixels per output. pix2pix feeds it the input and the (real or
 * translated) output side by side as channels; CycleGAN one domain's images.
 */
import * as tfl from '@tensorflow/tfjs-layers';
import { checkWholeNumber, link, normalKernel, type Symbolic } from './building';
import { InstanceNormalization } from './instance-norm';

export interface PatchGanOptions {
  readonly inputChannels: number;
  readonly width: number;
}

/** Images [n, h, w, inputChannels] → patch logits [n, h/8 − 2, w/8 − 2, 1]. */
export function buildPatchDiscriminator({ inputChannels, width }: PatchGanOptions): tfl.LayersModel {
  checkWholeNumber(width, 1, 'PatchGAN width');
  checkWholeNumber(inputChannels, 1, 'PatchGAN input channels');
  const image = tfl.input({ shape: [null, null, inputChannels], name: 'image' });
  let x: Symbolic = image;
  const layers = [
    { filters: width, strides: 2, normalised: false },
    { filters: 2 * width, strides: 2, normalised: true },
    { filters: 4 * width, strides: 2, normalised: true },
    { filters: 8 * width, strides: 1, normalised: true },
  ];
  layers.forEach(({ filters, strides, normalised }, index) => {
    x = convolution(x, `layer${index + 1}`, filters, strides, !normalised);
    if (normalised) x = link(new InstanceNormalization({ name: `layer${index + 1}_norm` }), x);
    x = link(tfl.layers.leakyReLU({ alpha: 0.2, name: `layer${index + 1}_lrelu` }), x);
  });
  x = convolution(x, 'logits', 1, 1, true);
  return tfl.model({ inputs: image, outputs: x, name: 'patchgan' });
}

/**
 * Stride 2 is 'same' padding (one pixel each side for these even sizes); stride 1
 * pads one pixel and convolves 'valid', as the reference's padding=1 does.
 */
function convolution(x: Symbolic, name: string, filters: number, strides: number, useBias: boolean): Symbolic {
  let input = x;
  if (strides === 1) input = link(tfl.layers.zeroPadding2d({ padding: 1, name: `${name}_pad` }), input);
  return link(
    tfl.layers.conv2d({ filters, kernelSize: 4, strides, padding: strides === 1 ? 'valid' : 'same', useBias, kernelInitializer: normalKernel(), name: `${name}_conv` }),
    input,
  );
}
