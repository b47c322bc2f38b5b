/**
 * Shared by the model and training tests: the backend they run on, small
 * configs, and ways to look at a model's weights and round-trip it.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { defaultDcganConfig, type DcganConfig } from '../../../../../main/engine/models/config';
import { SeededRandom } from '../../../../../main/engine/random';

/** The plain JavaScript backend: always there, and the same numbers on every machine. */
export async function useCpuBackend(): Promise<void> {
  // Keeps tfjs's "install tfjs-node" hint out of the test output.
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
}

/**
 * A DCGAN small enough for the cpu backend, whose convolution gradients are
 * plain loops: 32 px, one channel, width 4, batch 8.
 */
export function tinyConfig(overrides: Partial<DcganConfig> = {}): DcganConfig {
  return { ...defaultDcganConfig, resolution: 32, channels: 1, classes: 0, width: 4, latentSize: 16, batchSize: 8, ...overrides };
}

/** Every weight's values by its stable name, copied out of the backend. */
export function snapshotWeights(model: tfl.LayersModel): Map<string, Float32Array> {
  return new Map(model.weights.map((weight) => [weight.originalName, Float32Array.from(weight.read().dataSync() as Float32Array)]));
}

/** The names of the weights whose values differ between two snapshots of one model. */
export function changedWeights(before: Map<string, Float32Array>, after: Map<string, Float32Array>): string[] {
  return [...before].filter(([name, values]) => !sameValues(values, after.get(name)!)).map(([name]) => name);
}

export function sameValues(a: Float32Array, b: Float32Array): boolean {
  return a.length === b.length && a.every((value, index) => Object.is(value, b[index]));
}

/** Saves a model to memory and loads it back, as a checkpoint would. */
export async function saveAndLoad(model: tfl.LayersModel): Promise<tfl.LayersModel> {
  let saved: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return tfl.loadLayersModel(tf.io.fromMemory(saved!));
}

/** Seeded N(0, 1) values: a test's inputs are the same on every run. */
export function seededNormal(shape: number[], seed: number): tf.Tensor {
  return tf.tensor(new SeededRandom(seed).fillNormal(new Float32Array(shape.reduce((a, b) => a * b, 1))), shape);
}
