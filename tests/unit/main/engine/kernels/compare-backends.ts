/**
 * The kernel tests run the wasm backend, with the project's kernels installed,
 * against the plain JavaScript backend, whose kernels are the reference.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { expect } from 'vitest';
import { registerWasmTrainingKernels } from '../../../../../main/engine/kernels/register';

export async function useWasmWithTrainingKernels(): Promise<void> {
  // Keeps tfjs's "install tfjs-node" hint out of the test output.
  tf.env().set('PROD', true);
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
}

/** Runs `compute` with `backend` active and returns its values; the active backend is restored. */
export async function valuesOn(backend: 'cpu' | 'wasm', compute: () => tf.Tensor): Promise<Float32Array> {
  const previous = tf.getBackend();
  await tf.setBackend(backend);
  try {
    const result = compute();
    const values = (await result.data()) as Float32Array;
    result.dispose();
    return values;
  } finally {
    await tf.setBackend(previous);
  }
}

/** Seeded standard-normal values, so that a failure reproduces. */
export function normalValues(shape: number[], seed: number): Float32Array {
  const values = tf.tidy(() => tf.randomNormal(shape, 0, 1, 'float32', seed).dataSync());
  return values as Float32Array;
}

/**
 * Float32 sums taken in another order differ in the last bits, so the two
 * backends must agree to within `relative` of the largest reference value.
 */
export function expectClose(actual: Float32Array, expected: Float32Array, what: string, relative = 1e-5): void {
  expect(actual.length, `${what}: size`).toBe(expected.length);
  let largest = 0;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    largest = Math.max(largest, Math.abs(expected[i]!));
    worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
  }
  expect(largest, `${what}: the reference is all zeros, which proves nothing`).toBeGreaterThan(0);
  expect(worst / largest, `${what}: worst difference ${worst} against values up to ${largest}`).toBeLessThanOrEqual(relative);
}

/** The tensors and backend buffers alive now, to check that a kernel leaves none behind. */
export function liveCounts(): { tensors: number; buffers: number } {
  return { tensors: tf.memory().numTensors, buffers: tf.backend().numDataIds() };
}
