import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFastGanDecoders } from '../../../../../main/engine/models/fastgan-decoders';
import { buildFastGanDiscriminator, logitSide } from '../../../../../main/engine/models/fastgan-discriminator';
import { buildFastGanGenerator } from '../../../../../main/engine/models/fastgan-generator';
import {
  discriminatorChannels,
  discriminatorSides,
  generatorChannels,
  reconstructionSide,
} from '../../../../../main/engine/models/fastgan-shape';
import { initialiseWeights } from '../../../../../main/engine/models/init';
import { SeededRandom } from '../../../../../main/engine/random';
import { tinyFastGanConfig } from './fastgan-fixtures';
import { useCpuBackend } from './ml-fixtures';

beforeAll(useCpuBackend);

const layerNames = (model: tfl.LayersModel) => model.layers.map((layer) => layer.name);
/** The side of the map a layer reads, from its first input. */
const inputSide = (model: tfl.LayersModel, name: string) => (model.getLayer(name).input as tfl.SymbolicTensor).shape[1];

describe('FastGAN builders', () => {
  for (const resolution of [32, 64, 128]) {
    for (const [channels, classes] of [[1, 0], [3, 4]] as const) {
      it(`map noise to ${resolution}×${resolution}×${channels} images, and images to 5×5 logits, features and reconstructions${classes ? ', conditioned on a label' : ''}`, () => {
        const config = tinyFastGanConfig({ resolution, channels, classes });
        const generator = buildFastGanGenerator(config);
        const discriminator = buildFastGanDiscriminator(config);
        const decoders = buildFastGanDecoders(config);
        const side = reconstructionSide(resolution);
        const before = tf.memory().numTensors;
        tf.tidy(() => {
          const noise = tf.randomNormal([2, 8]);
          const labels = tf.tensor1d([0, 3], 'int32');
          const images = generator.apply(classes ? [noise, labels] : noise, { training: true }) as tf.Tensor;
          expect(images.shape).toEqual([2, resolution, resolution, channels]);
          expect(tf.max(tf.abs(images)).arraySync()).toBeLessThanOrEqual(1);
          const [logits, features8, features16] = discriminator.apply(classes ? [images, labels] : images, { training: true }) as tf.Tensor4D[];
          expect(logits!.shape).toEqual([2, logitSide, logitSide, 1]);
          expect(features8!.shape).toEqual([2, 8, 8, discriminatorChannels(2, 8)]);
          expect(features16!.shape).toEqual([2, 16, 16, discriminatorChannels(2, 16)]);
          expect((decoders.whole.apply(features8!, { training: true }) as tf.Tensor).shape).toEqual([2, side, side, channels]);
          const quadrant = tf.slice(features16!, [0, 8, 0, 0], [-1, 8, 8, -1]);
          expect((decoders.part.apply(quadrant, { training: true }) as tf.Tensor).shape).toEqual([2, side, side, channels]);
        });
        expect(tf.memory().numTensors).toBe(before);
        for (const model of [generator, discriminator, decoders.whole, decoders.part]) model.dispose();
      });
    }
  }

  it('build at 256 and 1024 px, with excitation where the paper has it, and draw every weight from a seed', () => {
    const config = tinyFastGanConfig({ resolution: 256, width: 1, channels: 3 });
    const generator = buildFastGanGenerator(config);
    const discriminator = buildFastGanDiscriminator(config);
    expect(generator.outputs[0]!.shape).toEqual([null, 256, 256, 3]);
    expect(layerNames(generator).filter((name) => /^g_\d+_excite$/.test(name))).toEqual(['g_64_excite', 'g_128_excite', 'g_256_excite']);
    expect([inputSide(generator, 'g_64_excite_conv1'), inputSide(generator, 'g_128_excite_pool'), inputSide(generator, 'g_256_excite_pool')]).toEqual([4, 8, 16]);
    // The stem halves 256 px once; the 16 and 8 px maps are gated by those at 128 and 64.
    expect(layerNames(discriminator).filter((name) => /^d_\d+_excite$/.test(name))).toEqual(['d_16_excite', 'd_8_excite']);
    expect([inputSide(discriminator, 'd_16_excite_pool'), inputSide(discriminator, 'd_8_excite_pool')]).toEqual([128, 64]);
    initialiseWeights(generator, new SeededRandom(1));
    initialiseWeights(discriminator, new SeededRandom(1));
    generator.dispose();
    discriminator.dispose();

    const big = tinyFastGanConfig({ resolution: 1024, width: 1 });
    const bigDiscriminator = buildFastGanDiscriminator(big);
    expect(layerNames(bigDiscriminator).filter((name) => /^d_\d+_(excite|bn|conv)$/.test(name))).toEqual([
      'd_512_conv', 'd_256_conv', 'd_256_bn', 'd_32_excite', 'd_16_excite', 'd_8_excite',
    ]);
    const bigGenerator = buildFastGanGenerator(big);
    expect(layerNames(bigGenerator).filter((name) => /^g_\d+_excite$/.test(name))).toEqual(['g_64_excite', 'g_128_excite', 'g_256_excite', 'g_512_excite', 'g_1024_excite']);
    bigGenerator.dispose();
    bigDiscriminator.dispose();
  });

  it('have the paper’s feature maps per level, truncated, at least one', () => {
    expect([4, 8, 16, 32, 64, 128, 256, 512, 1024].map((side) => generatorChannels(64, side))).toEqual([1024, 512, 256, 128, 128, 64, 32, 16, 8]);
    expect([512, 256, 128, 64, 32, 16, 8].map((side) => discriminatorChannels(64, side))).toEqual([8, 16, 32, 64, 128, 256, 512]);
    expect([generatorChannels(3, 256), generatorChannels(1, 1024), discriminatorChannels(2, 512)]).toEqual([1, 1, 1]);
    expect(discriminatorSides(32)).toEqual({ stem: [16], blocks: [8] });
    expect(discriminatorSides(256)).toEqual({ stem: [128], blocks: [64, 32, 16, 8] });
    expect(discriminatorSides(1024)).toEqual({ stem: [512, 256], blocks: [128, 64, 32, 16, 8] });
    expect([32, 64, 128, 256, 1024].map(reconstructionSide)).toEqual([16, 32, 64, 128, 128]);
  });

  it('name every layer, so checkpoints can map weights by name', () => {
    const generator = buildFastGanGenerator(tinyFastGanConfig({ resolution: 64 }));
    expect(layerNames(generator)).toEqual([
      'g_noise', 'g_init_dense', 'g_init_reshape', 'g_init_bn', 'g_init_glu',
      'g_8_upsample', 'g_8_conv1', 'g_8_bn1', 'g_8_glu1', 'g_8_conv2', 'g_8_bn2', 'g_8_glu2',
      'g_16_upsample', 'g_16_conv', 'g_16_bn', 'g_16_glu',
      'g_32_upsample', 'g_32_conv1', 'g_32_bn1', 'g_32_glu1', 'g_32_conv2', 'g_32_bn2', 'g_32_glu2',
      'g_64_upsample', 'g_64_conv', 'g_64_bn', 'g_64_excite_conv1', 'g_64_glu', 'g_64_excite_conv2', 'g_64_excite',
      'g_output_conv',
    ]);
    const conditional = buildFastGanDiscriminator(tinyFastGanConfig({ classes: 3 }));
    expect(layerNames(conditional).sort()).toEqual([
      'd_16_conv', 'd_16_lrelu', 'd_8_average', 'd_8_direct_bn', 'd_8_direct_conv', 'd_8_direct_lrelu', 'd_8_direct_pool',
      'd_8_main_bn1', 'd_8_main_bn2', 'd_8_main_conv1', 'd_8_main_conv2', 'd_8_main_lrelu1', 'd_8_main_lrelu2',
      'd_class_embedding', 'd_conditional_logits', 'd_image', 'd_label', 'd_label_one_hot',
      'd_logit_bn', 'd_logit_conv1', 'd_logit_conv2', 'd_logit_lrelu', 'd_pool', 'd_projection', 'd_projection_map',
    ]);
    // Building the same model twice keeps the names a checkpoint stores.
    const again = buildFastGanGenerator(tinyFastGanConfig({ resolution: 64 }));
    expect(again.weights.map((weight) => weight.originalName)).toEqual(generator.weights.map((weight) => weight.originalName));
    for (const model of [generator, conditional, again]) model.dispose();
  });

  it('give every pixel of a conditional discriminator’s logit map its class’s projection', () => {
    const config = tinyFastGanConfig({ classes: 2 });
    const discriminator = buildFastGanDiscriminator(config);
    initialiseWeights(discriminator, new SeededRandom(3));
    const [sameImages, otherClass] = tf.tidy(() => {
      const images = tf.randomUniform([2, 32, 32, 1], -1, 1, 'float32', 4);
      const logits = (labels: number[]) => (discriminator.apply([images, tf.tensor1d(labels, 'int32')]) as tf.Tensor[])[0]!;
      // The projection adds one number per image: the difference between two classes is flat over the 5×5 map.
      const difference = tf.sub(logits([0, 0]), logits([1, 1]));
      const largest = (x: tf.Tensor) => tf.max(tf.abs(x)).arraySync() as number;
      return [largest(tf.sub(difference, tf.mean(difference, [1, 2], true))), largest(difference)];
    });
    expect(sameImages).toBeLessThan(1e-6);
    expect(otherClass).toBeGreaterThan(0);
    discriminator.dispose();
  });

  it('refuse configs they cannot build', () => {
    expect(() => buildFastGanGenerator(tinyFastGanConfig({ resolution: 48 }))).toThrow(/resolution/);
    expect(() => buildFastGanDiscriminator(tinyFastGanConfig({ resolution: 16 }))).toThrow(/resolution/);
    expect(() => buildFastGanGenerator(tinyFastGanConfig({ width: 0 }))).toThrow(/width/);
    expect(() => buildFastGanDecoders(tinyFastGanConfig({ channels: 2 as 1 }))).toThrow(/channels/);
  });
});
