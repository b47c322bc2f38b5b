import { execFile } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { enableWasmThreads } from '../../../../../main/engine/kernels/threads';
import { expectClose, normalValues, useWasmWithTrainingKernels, valuesOn } from './compare-backends';

const repoRoot = join(import.meta.dirname, '../../../../..');
const threadsModule = join(repoRoot, 'main/engine/kernels/threads.ts');

/** Runs `body` in a fresh Node process, where the wasm backend has not started yet, and returns what it prints. */
async function inFreshProcess(body: string, env: Record<string, string> = {}): Promise<unknown> {
  const script = `
    import * as tf from '@tensorflow/tfjs-core';
    import { enableWasmThreads } from ${JSON.stringify(threadsModule)};
    tf.env().set('PROD', true);
    ${body}
  `;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--eval', script], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
  });
  return JSON.parse(stdout);
}

/** Convolutions on wasm, checked against the cpu backend: the backend computes right however it started. */
async function expectWasmConvolutionsCorrect(): Promise<void> {
  const images = (): tf.Tensor4D => tf.tensor4d(normalValues([4, 16, 16, 32], 1), [4, 16, 16, 32]);
  const filter = (): tf.Tensor4D => tf.tensor4d(normalValues([4, 4, 32, 16], 2), [4, 4, 32, 16]);
  const convolution = () => tf.tidy(() => tf.conv2d(images(), filter(), 2, 'same'));
  const transposed = () => tf.tidy(() => tf.conv2dTranspose(tf.conv2d(images(), filter(), 2, 'same'), filter(), [4, 16, 16, 32], 2, 'same'));
  expectClose(await valuesOn('wasm', convolution), await valuesOn('cpu', convolution), 'conv2d');
  expectClose(await valuesOn('wasm', transposed), await valuesOn('cpu', transposed), 'conv2dTranspose');
}

describe('enableWasmThreads', () => {
  it('starts the threaded SIMD build with a thread per logical core, up to eight', async () => {
    const outcome = await enableWasmThreads();
    await useWasmWithTrainingKernels();
    if (availableParallelism() < 2) {
      expect(outcome).toEqual({ reason: expect.stringMatching(/one logical core/) });
    } else {
      expect(outcome).toEqual({ threads: Math.min(availableParallelism(), 8) });
      expect(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')).toBe(true);
    }
    await expectWasmConvolutionsCorrect();
  });

  it('gives the first answer again when called twice', async () => {
    expect(await enableWasmThreads()).toEqual(await enableWasmThreads());
  });

  it('says why, and changes nothing, once the wasm backend has started', async () => {
    const answer = await inFreshProcess(`
      await import('@tensorflow/tfjs-backend-wasm');
      await tf.setBackend('wasm');
      const outcome = await enableWasmThreads();
      const sum = tf.sum(tf.tensor1d([1, 2, 3])).dataSync()[0];
      console.log(JSON.stringify({ outcome, backend: tf.getBackend(), sum }));
    `);
    expect(answer).toEqual({ outcome: { reason: expect.stringMatching(/already started/) }, backend: 'wasm', sum: 6 });
  });

  it('leaves the single-threaded build working, and says why, when the worker script cannot be written', async () => {
    const answer = await inFreshProcess(
      `
      const outcome = await enableWasmThreads();
      const started = await tf.setBackend('wasm');
      const threaded = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
      const sum = tf.sum(tf.tensor1d([1, 2, 3])).dataSync()[0];
      console.log(JSON.stringify({ outcome, started, threaded, sum }));
    `,
      // A temporary folder inside a file, where nothing can be made (tsx, told not to cache, does not try).
      { TMPDIR: join(repoRoot, 'package.json', 'tmp'), TSX_DISABLE_CACHE: '1' },
    );
    expect(answer).toEqual({ outcome: { reason: expect.stringMatching(/could not prepare/) }, started: true, threaded: false, sum: 6 });
  });
});
