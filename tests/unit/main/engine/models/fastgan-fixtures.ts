/** Small FastGAN configs for the model and training tests, and the backend the training tests run on. */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../../../../../main/engine/kernels/register';
import type { FastGanConfig } from '../../../../../main/engine/models/config';

/**
 * The wasm backend with the studio's training kernels, one thread: the cpu
 * backend's 3×3 convolution gradients are per-element JavaScript loops, about
 * 20× slower on FastGAN's networks, where DCGAN's fewer, strided ones are bearable.
 */
export async function useWasmBackend(): Promise<void> {
  // Keeps tfjs's "install tfjs-node" hint out of the test output.
  tf.env().set('PROD', true);
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
}

/** 32 px, one channel, width 2, batch 2, the paper's recipe otherwise. */
export function tinyFastGanConfig(overrides: Partial<FastGanConfig> = {}): FastGanConfig {
  return {
    architecture: 'fastgan',
    resolution: 32,
    channels: 1,
    latentSize: 8,
    width: 2,
    classes: 0,
    upsample: 'bilinear',
    augment: { translation: true, cutout: true, colour: true },
    reconstructionWeight: 1,
    emaDecay: 0.999,
    learningRates: { generator: 0.0002, discriminator: 0.0002 },
    betas: [0.5, 0.999],
    batchSize: 2,
    ...overrides,
  };
}
