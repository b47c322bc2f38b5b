import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { layersScript } from '../../../../../main/engine/bundle/layers-script';
import { customLayersOf } from '../../../../../main/engine/bundle/networks';
import { buildFastGanGenerator } from '../../../../../main/engine/models/fastgan-generator';
import { GatedLinearUnit } from '../../../../../main/engine/models/fastgan-glu';
import { initialiseWeights } from '../../../../../main/engine/models/init';
import { SeededRandom } from '../../../../../main/engine/random';
import { runFresh } from '../../models/harness';
import { tinyFastGanConfig } from './fastgan-fixtures';
import { saveAndLoad, seededNormal, useCpuBackend } from './ml-fixtures';

beforeAll(useCpuBackend);

/**
 * A conditional 64 px generator with seeded weights: GLU, one-hot, upsampling
 * and excitation all in one model. Its kernels are scaled up from the
 * starting N(0, 0.02), whose images are a flat grey that would hide an error.
 */
function seededGenerator(): tfl.LayersModel {
  const generator = buildFastGanGenerator(tinyFastGanConfig({ resolution: 64, channels: 3, classes: 3 }));
  initialiseWeights(generator, new SeededRandom(7));
  tf.tidy(() => {
    for (const weight of generator.weights) {
      if (weight.originalName.endsWith('/kernel')) weight.write(tf.mul(weight.read(), 3));
      // Batch norm as after training, when it scales small activations up.
      if (weight.originalName.endsWith('/moving_variance')) weight.write(tf.fill(weight.shape as number[], 0.1));
    }
  });
  return generator;
}

/** 8-bit pixels, as the studio and load-bundle.mjs quantise an image. */
function pixelsOf(images: tf.Tensor): number[] {
  return tf.tidy(() => Array.from(tf.cast(tf.clipByValue(tf.round(tf.mul(tf.add(images, 1), 127.5)), 0, 255), 'int32').dataSync()));
}

describe('GatedLinearUnit', () => {
  it('lets the first half of the feature maps through by the sigmoid of the second', () => {
    const layer = new GatedLinearUnit();
    const [output, expected] = tf.tidy(() => {
      const x = seededNormal([2, 3, 3, 4], 1);
      const [a, b] = tf.split(x, 2, -1);
      return [layer.apply(x) as tf.Tensor, tf.mul(a!, tf.div(1, tf.add(1, tf.exp(tf.neg(b!)))))];
    });
    expect(output.shape).toEqual([2, 3, 3, 2]);
    const [got, want] = [output.dataSync(), expected.dataSync()];
    got.forEach((value, index) => expect(value).toBeCloseTo(want[index]!, 6));
    tf.dispose([output, expected]);
  });

  it('refuses an odd number of channels', () => {
    const input = tfl.input({ shape: [4, 4, 3] });
    expect(() => new GatedLinearUnit({ name: 'odd' }).apply(input)).toThrow(/even number of channels/);
  });

  it('survives a save/load round trip inside a generator', async () => {
    const generator = seededGenerator();
    const loaded = await saveAndLoad(generator);
    expect(loaded.layers.filter((layer) => layer instanceof GatedLinearUnit).length).toBe(generator.layers.filter((layer) => layer instanceof GatedLinearUnit).length);
    const [before, after] = tf.tidy(() => {
      const inputs = [seededNormal([2, 8], 2), tf.tensor2d([[0], [2]], [2, 1], 'int32')];
      return [generator.predict(inputs) as tf.Tensor, loaded.predict(inputs) as tf.Tensor].map((images) => Array.from(images.dataSync()));
    });
    expect(after).toEqual(before);
    generator.dispose();
    loaded.dispose();
  });

  it('loads through a bundle’s layers.js in a runtime without the studio, and draws the same pixels', async () => {
    const generator = seededGenerator();
    expect(customLayersOf(generator)).toEqual(['BilinearUpsampling2D', 'GatedLinearUnit', 'OneHot']);
    let artifacts!: tf.io.ModelArtifacts;
    await generator.save(
      tf.io.withSaveHandler(async (saved) => {
        artifacts = saved;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const folder = mkdtempSync(join(tmpdir(), 'fastgan-bundle-'));
    writeFileSync(join(folder, 'model.json'), JSON.stringify({ modelTopology: artifacts.modelTopology, weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }] }));
    writeFileSync(join(folder, 'weights.bin'), new Uint8Array(artifacts.weightData as ArrayBuffer));
    writeFileSync(join(folder, 'layers.js'), layersScript);

    const noise = Array.from(seededNormal([2, 8], 3).dataSync());
    const labels = [1, 2];
    const fresh = await runFresh(folder, 'model.json', { noise, count: 2, latentSize: 8, labels });
    const studio = tf.tidy(() => pixelsOf(generator.predict([tf.tensor2d(noise, [2, 8]), tf.tensor2d(labels, [2, 1], 'int32')]) as tf.Tensor));
    expect(fresh.layers).toContain('GatedLinearUnit');
    expect(fresh.shape).toEqual([2, 64, 64, 3]);
    expect(new Set(studio).size).toBeGreaterThan(100);
    expect(fresh.pixels).toEqual(studio);
    generator.dispose();
  });
});
