/**
 * CycleGAN's generator (Zhu et al. 2017, after Johnson et al. 2016): a 7×7
 * convolution, two stride-2 downsamplings, residual blocks at a quarter of the
 * resolution, two upsamplings back and a 7×7 convolution to the output. It
 * keeps the image's layout and changes its look, which is what unpaired
 * translation (day ↔ night, photo ↔ painting) needs.
 *
 *   reflect 3, conv7×7 width → norm → ReLU
 *   [reflect 1] conv4×4/2 2·width → norm → ReLU, [reflect 1] conv4×4/2 4·width → norm → ReLU
 *   blocks × [reflect 1, conv3×3 → norm → ReLU, reflect 1, conv3×3 → norm] + skip
 *   doubling to 2·width → norm → ReLU, doubling to width → norm → ReLU
 *   reflect 3, conv7×7 → tanh
 *
 * A doubling is a 4×4 stride-2 transposed convolution ('transposed') or a
 * bilinear (the studio's default) or nearest ×2 resize and a 3×3 convolution:
 * no checkerboard (./config.ts). With reflection padding the stride-2 and
 * 3×3 convolutions, like the reference code's stride-1 ones, see the image
 * mirrored past its edge rather than zeros, which leaves no dark frame.
 *
 * One departure from the reference code: it resamples with 4×4 stride-2
 * kernels where that uses 3×3 (with output_padding for the transposed ones).
 * 3×3 stride-2 transposed convolutions sample their input unevenly (a
 * checkerboard bias), and 4×4 is the shape the wasm backend's fast
 * convolution gradients take; the peer benchmark builds the same network.
 */
import * as tfl from '@tensorflow/tfjs-layers';
import { checkWholeNumber, link, normalKernel, type Symbolic } from './building';
import { resizeLayer } from './bilinear-upsample';
import type { BorderPadding, Upsampling } from './config';
import { InstanceNormalization } from './instance-norm';
import { ReflectionPadding2D } from './reflection-pad';

export interface ResnetGeneratorOptions {
  readonly inputChannels: number;
  readonly outputChannels: number;
  readonly width: number;
  readonly residualBlocks: number;
  readonly upsample: Upsampling;
  readonly padding: BorderPadding;
}

/** Images [n, h, w, inputChannels] in [−1, 1] (h, w multiples of 4) → [n, h, w, outputChannels] in [−1, 1]. */
export function buildResnetGenerator({ inputChannels, outputChannels, width, residualBlocks, upsample, padding }: ResnetGeneratorOptions): tfl.LayersModel {
  checkWholeNumber(width, 1, 'ResNet generator width');
  checkWholeNumber(residualBlocks, 1, 'ResNet generator residual blocks');
  const image = tfl.input({ shape: [null, null, inputChannels], name: 'image' });
  const norm = (name: string, x: Symbolic) => link(new InstanceNormalization({ name }), x);
  const relu = (name: string, x: Symbolic) => link(tfl.layers.reLU({ name }), x);
  const reflect = padding === 'reflect';
  const padded = (name: string, x: Symbolic) => (reflect ? link(new ReflectionPadding2D({ padding: 1, name: `${name}_pad` }), x) : x);

  let x = convolution(link(new ReflectionPadding2D({ padding: 3, name: 'in_pad' }), image), 'in_conv', width, 7, false);
  x = relu('in_relu', norm('in_norm', x));
  for (let step = 1; step <= 2; step++) {
    const halving = { filters: width * 2 ** step, kernelSize: 4, strides: 2, useBias: false, kernelInitializer: normalKernel(), name: `down${step}_conv` };
    x = link(tfl.layers.conv2d({ ...halving, padding: reflect ? 'valid' : 'same' }), padded(`down${step}`, x));
    x = relu(`down${step}_relu`, norm(`down${step}_norm`, x));
  }
  for (let block = 1; block <= residualBlocks; block++) {
    const name = `block${block}`;
    let y = convolution(link(new ReflectionPadding2D({ padding: 1, name: `${name}_pad1` }), x), `${name}_conv1`, 4 * width, 3, false);
    y = relu(`${name}_relu`, norm(`${name}_norm1`, y));
    y = convolution(link(new ReflectionPadding2D({ padding: 1, name: `${name}_pad2` }), y), `${name}_conv2`, 4 * width, 3, false);
    x = link(tfl.layers.add({ name: `${name}_skip` }), [x, norm(`${name}_norm2`, y)]);
  }
  for (let step = 1; step <= 2; step++) {
    const doubling = { filters: width * 2 ** (2 - step), useBias: false, kernelInitializer: normalKernel(), name: `up${step}_conv` };
    if (upsample === 'transposed') {
      x = link(tfl.layers.conv2dTranspose({ ...doubling, kernelSize: 4, strides: 2, padding: 'same' }), x);
    } else {
      const resized = link(resizeLayer(upsample, `up${step}_resize`), x);
      x = link(tfl.layers.conv2d({ ...doubling, kernelSize: 3, strides: 1, padding: reflect ? 'valid' : 'same' }), padded(`up${step}`, resized));
    }
    x = relu(`up${step}_relu`, norm(`up${step}_norm`, x));
  }
  x = convolution(link(new ReflectionPadding2D({ padding: 3, name: 'out_pad' }), x), 'out_conv', outputChannels, 7, true);
  return tfl.model({ inputs: image, outputs: link(tfl.layers.activation({ activation: 'tanh', name: 'output' }), x), name: 'resnet_generator' });
}

/** A stride-1 convolution over an already padded input. */
function convolution(x: Symbolic, name: string, filters: number, kernelSize: number, useBias: boolean): Symbolic {
  return link(tfl.layers.conv2d({ filters, kernelSize, strides: 1, padding: 'valid', useBias, kernelInitializer: normalKernel(), name }), x);
}
