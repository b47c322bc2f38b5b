import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultDcganConfig, type DcganConfig } from '../../../../../main/engine/models/config';
import { buildDiscriminator, buildGenerator, discriminatorUsesBatchNorm } from '../../../../../main/engine/models/dcgan';
import { initialiseWeights } from '../../../../../main/engine/models/init';
import { SeededRandom } from '../../../../../main/engine/random';
import { tinyConfig, useCpuBackend } from './ml-fixtures';

beforeAll(useCpuBackend);

const fullSize = (resolution: DcganConfig['resolution'], upsample: DcganConfig['upsample'] = 'transposed'): DcganConfig => ({ ...defaultDcganConfig, upsample, resolution, channels: 3, classes: 0 });

describe('DCGAN builders', () => {
  for (const resolution of [32, 64, 128] as const) {
    for (const channels of [1, 3] as const) {
      for (const classes of [0, 5]) {
        it(`map noise to ${resolution}×${resolution}×${channels} images and images to one logit each${classes ? ', conditioned on a label' : ''}`, () => {
          const config = tinyConfig({ resolution, channels, classes, width: 2, latentSize: 8 });
          const generator = buildGenerator(config);
          const discriminator = buildDiscriminator(config);
          const before = tf.memory().numTensors;
          tf.tidy(() => {
            const noise = tf.zeros([2, 8]);
            const labels = tf.tensor1d([0, 4], 'int32');
            const images = generator.apply(classes ? [noise, labels] : noise, { training: true }) as tf.Tensor;
            expect(images.shape).toEqual([2, resolution, resolution, channels]);
            const logits = discriminator.apply(classes ? [images, labels] : images, { training: true }) as tf.Tensor;
            expect(logits.shape).toEqual([2, 1]);
          });
          expect(tf.memory().numTensors).toBe(before);
          generator.dispose();
          discriminator.dispose();
        });
      }
    }
  }

  it('have the parameter counts of Radford et al.’s DCGAN at width 64', () => {
    // Generator at 32 px: dense 128·4·4·256, then 4×4 transposed convolutions 256→128→64→3
    // (bias on the last only); batch norm has 4 numbers per feature map.
    const generator32 = 128 * 4 * 4 * 256 + 4 * 256 + 16 * 256 * 128 + 4 * 128 + 16 * 128 * 64 + 4 * 64 + (16 * 64 * 3 + 3);
    // Discriminator at 32 px: 4×4 convolutions 3→64→128→256 with biases (no batch norm beside
    // minibatch std), then a dense logit over 4·4·(256 + 1 minibatch-std map) features.
    const discriminator32 = 16 * 3 * 64 + 64 + (16 * 64 * 128 + 128) + (16 * 128 * 256 + 256) + (16 * 257 + 1);
    expect([generator32, discriminator32]).toEqual([1_184_515, 662_993]);
    const countParams = (model: { countParams(): number; dispose(): unknown }) => {
      const count = model.countParams();
      model.dispose();
      return count;
    };
    expect(countParams(buildGenerator(fullSize(32)))).toBe(generator32);
    expect(countParams(buildDiscriminator(fullSize(32)))).toBe(discriminator32);
    // At 64 px one more doubling: dense to 4·4·512, transposed convolutions 512→256→128→64→3; the discriminator mirrors it.
    expect(countParams(buildGenerator(fullSize(64)))).toBe(3_808_003);
    expect(countParams(buildDiscriminator(fullSize(64)))).toBe(2_764_753);
    // Resizing instead: 3×3 convolutions with their input and output channels the other way round.
    expect(countParams(buildGenerator(fullSize(32, 'nearest')))).toBe(128 * 4 * 4 * 256 + 4 * 256 + 9 * 256 * 128 + 4 * 128 + 9 * 128 * 64 + 4 * 64 + (9 * 64 * 3 + 3));
  });

  it('upsample by a bilinear resize and a 3×3 convolution by default, which (as nearest does) draws flat features flat where transposed convolutions draw a checkerboard', () => {
    expect(defaultDcganConfig.upsample).toBe('bilinear');
    /** The generator after its first block, fed flat 4×4 features: the output's spread away from the border, and between the means of its four 2×2 phases (a checkerboard). */
    const drawFlat = (upsample: DcganConfig['upsample']) => {
      const generator = buildGenerator(tinyConfig({ upsample, width: 4 }));
      initialiseWeights(generator, new SeededRandom(3));
      const after = generator.layers.slice(generator.layers.findIndex((layer) => layer.name === 'g_up1_conv') - (upsample === 'transposed' ? 0 : 1));
      const result = tf.tidy(() => {
        const image = after.reduce<tf.Tensor>((x, layer) => layer.apply(x) as tf.Tensor, tf.fill([1, 4, 4, 16], 0.5));
        // The central 8×8: a zero-padded border's reach grows by a pixel per bilinear blur as well as per convolution.
        const inside = tf.reshape(tf.slice(image, [0, 12, 12, 0], [1, 8, 8, 1]), [4, 2, 4, 2]);
        const phaseMeans = tf.mean(inside, [0, 2]).dataSync();
        return { spread: tf.sub(tf.max(inside), tf.min(inside)).dataSync()[0]!, phases: Math.max(...phaseMeans) - Math.min(...phaseMeans) };
      });
      generator.dispose();
      return result;
    };
    // At DCGAN's N(0, 0.02) starting weights every difference is small: the checkerboard is ~5e-4 of the ±1 range, flat is exactly flat.
    for (const resize of ['bilinear', 'nearest'] as const) expect(drawFlat(resize).spread).toBeLessThan(1e-7);
    const transposed = drawFlat('transposed');
    expect(transposed.phases).toBeGreaterThan(1e-4);
  });

  it('name every layer, so checkpoints can map weights by name', () => {
    const generator = buildGenerator(tinyConfig());
    expect(generator.layers.map((layer) => layer.name)).toEqual([
      'g_noise', 'g_dense', 'g_reshape', 'g_dense_bn', 'g_dense_relu',
      'g_up1_resize', 'g_up1_conv', 'g_up1_bn', 'g_up1_relu', 'g_up2_resize', 'g_up2_conv', 'g_up2_bn', 'g_up2_relu', 'g_up3_resize', 'g_up3_conv',
    ]);
    const conditional = buildDiscriminator(tinyConfig({ classes: 3 }));
    expect(conditional.layers.map((layer) => layer.name).sort()).toEqual([
      'd_class_embedding', 'd_conditional_logit', 'd_down1_conv', 'd_down1_lrelu', 'd_down2_conv', 'd_down2_lrelu',
      'd_down3_conv', 'd_down3_lrelu', 'd_flatten', 'd_image', 'd_label', 'd_label_one_hot', 'd_logit', 'd_minibatch_std', 'd_projection',
    ]);
    // Building the same model twice keeps the names a checkpoint stores.
    expect(buildGenerator(tinyConfig()).weights.map((weight) => weight.originalName)).toEqual(generator.weights.map((weight) => weight.originalName));
  });

  it('put batch norm in the discriminator only without minibatch std and R1', () => {
    const batchNormLayers = (config: DcganConfig) => buildDiscriminator(config).layers.filter((layer) => layer.getClassName() === 'BatchNormalization').map((layer) => layer.name);
    expect(discriminatorUsesBatchNorm(tinyConfig({ minibatchStd: false, r1Gamma: 0 }))).toBe(true);
    expect(batchNormLayers(tinyConfig({ minibatchStd: false, r1Gamma: 0 }))).toEqual(['d_down2_bn', 'd_down3_bn']);
    expect(batchNormLayers(tinyConfig({ minibatchStd: true, r1Gamma: 0 }))).toEqual([]);
    expect(batchNormLayers(tinyConfig({ minibatchStd: false, r1Gamma: 10 }))).toEqual([]);
  });

  it('refuse configs they cannot build', () => {
    expect(() => buildGenerator(tinyConfig({ resolution: 48 as 32 }))).toThrow(/resolution/);
    expect(() => buildDiscriminator(tinyConfig({ width: 0 }))).toThrow(/width/);
    expect(() => buildGenerator(tinyConfig({ classes: 1.5 }))).toThrow(/classes/);
  });
});
