/**
 * The DCGAN family (Radford et al. 2016) at 32, 64 and 128 pixels, optionally
 * class-conditional. Pure builders: a config in, an untrained model out.
 *
 * Every layer has a fixed name ('g_up2_conv', 'd_logit', …) so checkpoints
 * map weights by name: by layer name and position, or by each weight's
 * `originalName` ('g_dense/kernel'), never by its `name`, which tfjs makes
 * unique per process ('g_dense/kernel_1') when a model is built twice, as the
 * EMA copy is.
 *
 * Each layer declares the distribution of its starting weights (DCGAN's
 * N(0, 0.02) kernels, N(1, 0.02) batch-norm scales); initialiseWeights in
 * ./init draws them from the run's SeededRandom, since tfjs ignores seeds.
 */
import * as tfl from '@tensorflow/tfjs-layers';
import type { DcganConfig, Upsampling } from './config';
import { link, normalKernel, type Symbolic } from './building';
import { resizeLayer } from './bilinear-upsample';
import { labelInput, latentInputs } from './latent-inputs';
import { MinibatchStdDev } from './minibatch-std';
import { OneHot } from './one-hot';

// PyTorch's batch-norm settings, as in the DCGAN reference code: Keras's momentum of 0.99
// lets the running statistics that sampling uses lag far behind a fast-changing generator.
const batchNorm = (name: string) =>
  tfl.layers.batchNormalization({
    name,
    momentum: 0.9,
    epsilon: 1e-5,
    gammaInitializer: tfl.initializers.randomNormal({ mean: 1, stddev: 0.02 }),
  });

/** Feature maps at the 4×4 end of both networks: the generator's first and the discriminator's last. */
function widestChannels(config: DcganConfig): number {
  return (config.width * config.resolution) / 8;
}

/** Doubling steps between 4×4 and the output: 3 at 32 px, 4 at 64, 5 at 128. */
function resolutionSteps(config: DcganConfig): number {
  return Math.log2(config.resolution / 4);
}

/**
 * DCGAN puts batch norm in the discriminator, but it mixes the images of a
 * batch: that blurs the per-image spread the minibatch-std feature measures,
 * and makes R1's gradient of each image's score depend on the others. So the
 * discriminator uses it only when neither is on.
 */
export function discriminatorUsesBatchNorm(config: DcganConfig): boolean {
  return !config.minibatchStd && config.r1Gamma === 0;
}

/**
 * z [batch, latentSize] (and, when conditional, int32 labels [batch]) →
 * images [batch, resolution, resolution, channels] in [-1, 1].
 */
export function buildGenerator(config: DcganConfig): tfl.LayersModel {
  checkConfig(config);
  const { inputs, code } = latentInputs(config.latentSize, config.classes);

  const widest = widestChannels(config);
  // "Project and reshape", then normalise per feature map like every later layer.
  let x = link(tfl.layers.dense({ units: 4 * 4 * widest, useBias: false, kernelInitializer: normalKernel(), name: 'g_dense' }), code);
  x = link(tfl.layers.reshape({ targetShape: [4, 4, widest], name: 'g_reshape' }), x);
  x = link(batchNorm('g_dense_bn'), x);
  x = link(tfl.layers.reLU({ name: 'g_dense_relu' }), x);

  const steps = resolutionSteps(config);
  for (let step = 1; step <= steps; step++) {
    const last = step === steps;
    const filters = last ? config.channels : widest / 2 ** step;
    x = doubling(x, config.upsample, `g_up${step}`, filters, last);
    if (!last) {
      x = link(batchNorm(`g_up${step}_bn`), x);
      x = link(tfl.layers.reLU({ name: `g_up${step}_relu` }), x);
    }
  }
  return tfl.model({ inputs, outputs: x, name: 'generator' });
}

/**
 * One doubling of the generator: a 4×4 stride-2 transposed convolution, or a
 * bilinear or nearest ×2 resize ('g_upN_resize') and a 3×3 convolution. The
 * convolution keeps the name g_upN_conv either way; its kernel's shape says
 * which it is, so a checkpoint of one never loads into the other.
 */
function doubling(x: Symbolic, upsample: Upsampling, name: string, filters: number, last: boolean): Symbolic {
  // Batch norm's shift makes a bias redundant; the output layer has none, so it keeps one.
  const convolution = { filters, padding: 'same' as const, useBias: last, activation: last ? ('tanh' as const) : ('linear' as const), kernelInitializer: normalKernel(), name: `${name}_conv` };
  if (upsample === 'transposed') return link(tfl.layers.conv2dTranspose({ ...convolution, kernelSize: 4, strides: 2 }), x);
  const resized = link(resizeLayer(upsample, `${name}_resize`), x);
  return link(tfl.layers.conv2d({ ...convolution, kernelSize: 3, strides: 1 }), resized);
}

/**
 * Images [batch, resolution, resolution, channels] (and, when conditional,
 * int32 labels [batch]) → one logit per image [batch, 1], no sigmoid: the
 * losses work on logits.
 */
export function buildDiscriminator(config: DcganConfig): tfl.LayersModel {
  checkConfig(config);
  const image = tfl.input({ shape: [config.resolution, config.resolution, config.channels], name: 'd_image' });
  const useBatchNorm = discriminatorUsesBatchNorm(config);

  let x: Symbolic = image;
  const steps = resolutionSteps(config);
  for (let step = 1; step <= steps; step++) {
    // As in DCGAN, never on the first layer: normalising the input images would discard their colour statistics.
    const normalise = useBatchNorm && step > 1;
    const downsample = tfl.layers.conv2d({
      filters: config.width * 2 ** (step - 1),
      kernelSize: 4,
      strides: 2,
      padding: 'same',
      useBias: !normalise,
      kernelInitializer: normalKernel(),
      name: `d_down${step}_conv`,
    });
    x = link(downsample, x);
    if (normalise) x = link(batchNorm(`d_down${step}_bn`), x);
    x = link(tfl.layers.leakyReLU({ alpha: 0.2, name: `d_down${step}_lrelu` }), x);
  }
  if (config.minibatchStd) x = link(new MinibatchStdDev({ name: 'd_minibatch_std' }), x);
  const features = link(tfl.layers.flatten({ name: 'd_flatten' }), x);
  let logit = link(tfl.layers.dense({ units: 1, kernelInitializer: normalKernel(), name: 'd_logit' }), features);

  if (config.classes === 0) return tfl.model({ inputs: image, outputs: logit, name: 'discriminator' });

  // Projection discriminator (Miyato and Koyama 2018): logit += <embed(label), features>,
  // i.e. each class adds its own direction to the logit's weights; drawn like them, N(0, 0.02).
  const label = labelInput('d_label');
  const oneHot = link(new OneHot({ depth: config.classes, name: 'd_label_one_hot' }), label);
  const featureCount = features.shape[1]!;
  const classDirection = link(
    tfl.layers.dense({ units: featureCount, useBias: false, kernelInitializer: normalKernel(), name: 'd_class_embedding' }),
    oneHot,
  );
  const projection = link(tfl.layers.dot({ axes: 1, name: 'd_projection' }), [classDirection, features]);
  logit = link(tfl.layers.add({ name: 'd_conditional_logit' }), [logit, projection]);
  return tfl.model({ inputs: [image, label], outputs: logit, name: 'discriminator' });
}

function checkConfig(config: DcganConfig): void {
  if (![32, 64, 128].includes(config.resolution)) throw new Error(`DCGAN resolution must be 32, 64 or 128, not ${config.resolution}`);
  if (config.channels !== 1 && config.channels !== 3) throw new Error(`DCGAN channels must be 1 or 3, not ${config.channels}`);
  for (const [name, value, least] of [
    ['width', config.width, 1],
    ['latentSize', config.latentSize, 1],
    ['classes', config.classes, 0],
  ] as const) {
    if (!Number.isInteger(value) || value < least) throw new Error(`DCGAN ${name} must be a whole number ≥ ${least}, not ${value}`);
  }
}
