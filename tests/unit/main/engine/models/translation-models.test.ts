import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Upsampling } from '../../../../../main/engine/models/config';
import { initialiseWeights } from '../../../../../main/engine/models/init';
import { InstanceNormalization } from '../../../../../main/engine/models/instance-norm';
import { buildPatchDiscriminator } from '../../../../../main/engine/models/patchgan';
import { ReflectionPadding2D } from '../../../../../main/engine/models/reflection-pad';
import { buildResnetGenerator } from '../../../../../main/engine/models/resnet-generator';
import { SeededDropout } from '../../../../../main/engine/models/seeded-dropout';
import { buildUnetGenerator } from '../../../../../main/engine/models/unet';
import { SeededRandom } from '../../../../../main/engine/random';
import { saveAndLoad, seededNormal, useCpuBackend } from './ml-fixtures';

beforeAll(useCpuBackend);

/** New runs' networks: bilinear ×2 resizing and 3×3 convolutions, reflection at every border. */
const resizing: { upsample: Upsampling; padding: 'reflect' } = { upsample: 'bilinear', padding: 'reflect' };
/** The reference code's: transposed convolutions, zero padding. */
const legacy = { upsample: 'transposed', padding: 'zeros' } as const;

function outputShape(model: tfl.LayersModel, input: number[]): number[] {
  return tf.tidy(() => (model.predict(tf.zeros(input)) as tf.Tensor).shape);
}

function layersOf<T>(model: tfl.LayersModel, kind: new (...args: never[]) => T): T[] {
  return model.layers.filter((layer): layer is tfl.layers.Layer & T => layer instanceof kind);
}

describe('pix2pix U-Net generator', () => {
  it.each([64, 128, 256])('maps %i px images to images of the same size, grey to colour', (resolution) => {
    const unet = buildUnetGenerator({ resolution, inputChannels: 1, outputChannels: 3, width: 2, dropout: 0.5, ...resizing });
    expect(outputShape(unet, [1, resolution, resolution, 1])).toEqual([1, resolution, resolution, 3]);
    unet.dispose();
  });

  it('halves the image down to a 1×1 bottleneck (2×2 when resizing), widening to 8× and keeping dropout in the blocks just outside it', () => {
    // 256 px: 8 blocks of 4×4 stride-2 convolutions, channels width·(1, 2, 4, 8, 8, 8, 8, 8); dropout in blocks 4–6 (the paper's three).
    const unet = buildUnetGenerator({ resolution: 256, inputChannels: 3, outputChannels: 3, width: 4, dropout: 0.5, ...legacy });
    const downs = unet.layers.filter((layer) => /^down\d+_conv$/.test(layer.name));
    expect(downs.map((layer) => (layer.getConfig()['filters'] as number) / 4)).toEqual([1, 2, 4, 8, 8, 8, 8, 8]);
    expect(layersOf(unet, SeededDropout).map((layer) => layer.name)).toEqual(['up6_dropout', 'up5_dropout', 'up4_dropout']);
    expect(buildUnetGenerator({ resolution: 128, inputChannels: 3, outputChannels: 3, width: 4, dropout: 0.5, ...legacy }).layers.filter((l) => l instanceof SeededDropout)).toHaveLength(2);
    expect(buildUnetGenerator({ resolution: 64, inputChannels: 3, outputChannels: 3, width: 4, dropout: 0.5, ...legacy }).layers.filter((l) => l instanceof SeededDropout)).toHaveLength(1);
    // No norm at the outermost and innermost downsampling, whose convolutions keep their bias.
    expect(unet.getLayer('down0_conv').getConfig()['useBias']).toBe(true);
    expect(unet.getLayer('down7_conv').getConfig()['useBias']).toBe(true);
    expect(unet.getLayer('down3_conv').getConfig()['useBias']).toBe(false);
    expect(() => unet.getLayer('down7_norm')).toThrow();
    unet.dispose();
    // Resizing a 1×1 map would give a flat one: the resizing U-Net stops a halving earlier, at 2×2.
    const resized = buildUnetGenerator({ resolution: 256, inputChannels: 3, outputChannels: 3, width: 4, dropout: 0.5, ...resizing });
    expect(resized.layers.filter((layer) => /^down\d+_conv$/.test(layer.name))).toHaveLength(7);
    expect(resized.getLayer('down6_conv').output).toMatchObject({ shape: [null, null, null, 32] });
    expect(outputShape(resized, [1, 256, 256, 3])).toEqual([1, 256, 256, 3]);
    resized.dispose();
  });

  it('is fully convolutional: it also takes images whose sides are multiples of its size', () => {
    const unet = buildUnetGenerator({ resolution: 32, inputChannels: 3, outputChannels: 3, width: 2, dropout: 0, ...resizing });
    expect(outputShape(unet, [2, 96, 64, 3])).toEqual([2, 96, 64, 3]);
    unet.dispose();
  });

  it('refuses sizes that do not halve down to one pixel', () => {
    expect(() => buildUnetGenerator({ resolution: 100, inputChannels: 3, outputChannels: 3, width: 2, dropout: 0, ...resizing })).toThrow(/power of two/);
  });
});

describe('translation generators at the image border and in flat areas', () => {
  const unet = (network: typeof resizing | typeof legacy) => buildUnetGenerator({ resolution: 32, inputChannels: 3, outputChannels: 3, width: 2, dropout: 0, ...network });
  const resnet = (network: typeof resizing | typeof legacy) => buildResnetGenerator({ inputChannels: 3, outputChannels: 3, width: 2, residualBlocks: 1, ...network });

  /**
   * An image of vertical stripes (each column its own colour, every row the
   * same) in: a network that treats its border like its inside draws every
   * row alike too, to the top and bottom edges. Returns how far the output's
   * rows stray from its first row; a frame or a grid makes them differ.
   */
  function rowsStray(model: tfl.LayersModel, seed: number): number {
    initialiseWeights(model, new SeededRandom(seed));
    return tf.tidy(() => {
      const stripes = tf.tile(seededNormal([1, 1, 64, 3], seed), [1, 64, 1, 1]);
      const output = model.predict(stripes) as tf.Tensor4D;
      const firstRow = tf.slice(output, [0, 0, 0, 0], [1, 1, 64, 3]);
      return tf.max(tf.abs(tf.sub(output, firstRow))).dataSync()[0]!;
    });
  }

  it.each([['U-Net', unet], ['ResNet', resnet]] as const)('%s: resizing with reflection draws every row of a striped image alike, to the edge; the legacy network does not', (_, build) => {
    for (const seed of [1, 2]) {
      const clean = build(resizing);
      expect(rowsStray(clean, seed)).toBeLessThan(1e-4);
      clean.dispose();
      const old = build(legacy);
      expect(rowsStray(old, seed)).toBeGreaterThan(1e-2);
      old.dispose();
    }
  });

  it('upsample by resizing then a 3×3 convolution, or by the transposed convolution, under the same layer names', () => {
    for (const build of [unet, resnet]) {
      const clean = build(resizing);
      const classes = clean.layers.map((layer) => layer.getClassName());
      expect(classes).not.toContain('Conv2DTranspose');
      expect(classes.filter((name) => name === 'BilinearUpsampling2D').length).toBeGreaterThanOrEqual(2);
      expect(build({ ...resizing, upsample: 'nearest' }).layers.filter((layer) => layer.getClassName() === 'UpSampling2D').length).toBeGreaterThanOrEqual(2);
      expect(clean.getLayer('up1_conv').getConfig()['kernelSize']).toEqual([3, 3]);
      const old = build(legacy);
      expect(old.getLayer('up1_conv').getClassName()).toBe('Conv2DTranspose');
      expect(old.layers.map((layer) => layer.getClassName())).not.toContain('UpSampling2D');
      tf.dispose([clean, old].flatMap((model) => model.weights.map((weight) => weight.read())));
    }
  });
});

describe('70×70 PatchGAN discriminator', () => {
  it.each([
    [256, 30],
    [128, 14],
    [64, 6],
  ])('gives one logit per patch of a %i px image: %i×%i', (size, patches) => {
    const patchgan = buildPatchDiscriminator({ inputChannels: 6, width: 2 });
    expect(outputShape(patchgan, [2, size, size, 6])).toEqual([2, patches, patches, 1]);
    patchgan.dispose();
  });

  it('sees 70×70 pixels per logit', () => {
    // Receptive field of 4×4 kernels with strides 2, 2, 2, 1, 1: 1 + 3·(1 + 1 + 2·(1 + 2·(1 + 2))) = 70.
    const strides = [2, 2, 2, 1, 1];
    let field = 1;
    for (const stride of [...strides].reverse()) field = (field - 1) * stride + 4;
    expect(field).toBe(70);
    const patchgan = buildPatchDiscriminator({ inputChannels: 3, width: 2 });
    const convs = patchgan.layers.filter((layer) => layer.name.endsWith('_conv'));
    expect(convs.map((layer) => [layer.getConfig()['kernelSize'], layer.getConfig()['strides']])).toEqual(strides.map((stride) => [[4, 4], [stride, stride]]));
    patchgan.dispose();
  });
});

describe('CycleGAN ResNet generator', () => {
  it.each([6, 9])('keeps the image size through two downsamplings, %i residual blocks and two upsamplings', (blocks) => {
    const generator = buildResnetGenerator({ inputChannels: 3, outputChannels: 1, width: 2, residualBlocks: blocks, ...resizing });
    expect(outputShape(generator, [1, 64, 48, 3])).toEqual([1, 64, 48, 1]);
    expect(generator.layers.filter((layer) => layer.name.endsWith('_skip'))).toHaveLength(blocks);
    // Before the 7×7 convolutions and each residual convolution, and before the two halvings and two doublings.
    expect(layersOf(generator, ReflectionPadding2D).length).toBe(2 * blocks + 2 + 4);
    generator.dispose();
  });
});

describe('the translation layers', () => {
  it('instance norm brings every feature map of every image to zero mean and unit variance', () => {
    const layer = new InstanceNormalization();
    const x = tf.add(tf.mul(seededNormal([3, 5, 7, 4], 1), 3), 10);
    const y = layer.apply(x) as tf.Tensor;
    const { mean, variance } = tf.moments(y, [1, 2]);
    expect(Math.max(...Array.from(tf.abs(mean).dataSync()))).toBeLessThan(1e-5);
    for (const value of variance.dataSync()) expect(value).toBeCloseTo(1, 3);
    tf.dispose([x, y, mean, variance]);
  });

  it('reflection padding mirrors the edges without repeating them, and its gradient folds the mirrored pixels back', () => {
    const x = tf.tensor4d([1, 2, 3, 4, 5, 6], [1, 2, 3, 1]);
    const padded = new ReflectionPadding2D({ padding: 1 }).apply(x) as tf.Tensor;
    expect(padded.shape).toEqual([1, 4, 5, 1]);
    // Rows 4 5 6 | 1 2 3 | 4 5 6 | 1 2 3, each mirrored left and right.
    expect(Array.from(padded.dataSync())).toEqual([5, 4, 5, 6, 5, 2, 1, 2, 3, 2, 5, 4, 5, 6, 5, 2, 1, 2, 3, 2]);
    // d(sum of the padded image)/dx counts how often each pixel appears in it: a middle column three times a row.
    const counts = tf.grad((input: tf.Tensor) => tf.sum(new ReflectionPadding2D({ padding: 1 }).apply(input) as tf.Tensor))(x);
    expect(Array.from(counts.dataSync())).toEqual([2, 6, 2, 2, 6, 2]);
    // And against a weighted sum, position by position.
    const weights = seededNormal([1, 6, 7, 2], 4);
    const image = seededNormal([1, 4, 5, 2], 5);
    const gradient = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(new ReflectionPadding2D({ padding: 1 }).apply(input) as tf.Tensor, weights)))(image);
    const expected = new Float32Array(4 * 5 * 2);
    const reflect = (i: number, n: number) => (i < 0 ? -i : i >= n ? 2 * n - 2 - i : i);
    const w = weights.dataSync();
    for (let py = 0; py < 6; py++) for (let px = 0; px < 7; px++) for (let c = 0; c < 2; c++) expected[(reflect(py - 1, 4) * 5 + reflect(px - 1, 5)) * 2 + c]! += w[(py * 7 + px) * 2 + c]!;
    Array.from(gradient.dataSync()).forEach((value, index) => expect(value).toBeCloseTo(expected[index]!, 5));
    tf.dispose([x, padded, counts, weights, image, gradient]);
  });

  it('dropout draws its masks from the run’s random source while training and does nothing at inference', () => {
    const input = tfl.input({ shape: [64] });
    const model = tfl.model({ inputs: input, outputs: new SeededDropout({ rate: 0.5, name: 'drop' }).apply(input) as tfl.SymbolicTensor });
    const ones = tf.ones([2, 64]);
    expect(Array.from((model.predict(ones) as tf.Tensor).dataSync()).every((value) => value === 1)).toBe(true);
    expect(() => model.apply(ones, { training: true })).toThrow(/without a seeded random source/);
    const masks = [1, 1, 2].map((seed) => {
      (model.getLayer('drop') as SeededDropout).random = new SeededRandom(seed);
      return Array.from((model.apply(ones, { training: true }) as tf.Tensor).dataSync());
    });
    expect(masks[0]).toEqual(masks[1]);
    expect(masks[0]).not.toEqual(masks[2]);
    expect(new Set(masks[0])).toEqual(new Set([0, 2]));
    tf.dispose(ones);
  });

  it('every translation network survives a save/load round trip with its custom layers and predictions', async () => {
    const networks = [
      buildUnetGenerator({ resolution: 32, inputChannels: 1, outputChannels: 3, width: 2, dropout: 0.5, ...resizing }),
      buildResnetGenerator({ inputChannels: 3, outputChannels: 3, width: 2, residualBlocks: 2, ...resizing }),
      buildPatchDiscriminator({ inputChannels: 4, width: 2 }),
    ];
    for (const [index, network] of networks.entries()) {
      initialiseWeights(network, new SeededRandom(10 + index));
      const loaded = await saveAndLoad(network);
      expect(loaded.layers.map((layer) => layer.getClassName())).toEqual(network.layers.map((layer) => layer.getClassName()));
      const input = seededNormal([1, 32, 32, network.inputs[0]!.shape[3]!], 20 + index);
      const [expected, actual] = [network, loaded].map((model) => tf.tidy(() => Array.from((model.predict(input) as tf.Tensor).dataSync())));
      expect(actual).toEqual(expected);
      tf.dispose(input);
    }
  });
});
