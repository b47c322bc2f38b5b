import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels } from '../../../../../main/engine/kernels/register';
import { enableWasmThreads } from '../../../../../main/engine/kernels/threads';
import { defaultDcganConfig, defaultFastGanConfig, type DcganConfig, type FastGanConfig, type ModelConfig } from '../../../../../main/engine/models/config';
import type { TrainEvent, TrainParams } from '../../../../../main/engine/protocol';
import { readCheckpoint } from '../../../../../main/formats/checkpoint-file';
import { train } from '../../../../../main/engine/train/loop';
import { fashionMnistCache } from '../../../../fixtures/fashion-mnist';

/** Small enough to train a few steps in seconds, with every feature that carries state switched on. */
const config: DcganConfig = {
  ...defaultDcganConfig,
  resolution: 32,
  channels: 1,
  classes: 10,
  latentSize: 16,
  width: 4,
  batchSize: 8,
  r1Gamma: 1,
  emaDecay: 0.9,
  augment: { translation: true, cutout: true, colour: true },
};
/** FastGAN's own state besides: two decoders on the discriminator's optimizer, and the quadrant each step draws. */
const fastgan: FastGanConfig = { ...defaultFastGanConfig, resolution: 32, channels: 1, classes: 10, latentSize: 16, width: 4, batchSize: 8, emaDecay: 0.9 };

describe('true resume', () => {
  let cache: string;
  beforeAll(async () => {
    cache = await fashionMnistCache(mkdtempSync(join(tmpdir(), 'studio-resume-data-')), 40);
    // As in the engine: threaded wasm, so the equivalence holds for the build users train on.
    expect(await enableWasmThreads()).toMatchObject({ threads: expect.any(Number) });
    registerWasmTrainingKernels();
  });

  const run = async (config: ModelConfig, folder: string, totalSteps: number, resumeFrom: string | null) => {
    const events: TrainEvent[] = [];
    const params: TrainParams = {
      backend: null,
      config,
      seed: 1234,
      totalSteps,
      data: { kind: 'images', cache },
      checkpointDir: join(folder, 'checkpoints'),
      previewDir: join(folder, 'previews'),
      resumeFrom,
      checkpointEvery: 1000,
      previewEvery: 1000,
      metricsEvery: 1000,
    };
    const result = await train(params, (event) => events.push(event), () => false);
    const last = events.filter((event) => event.type === 'checkpoint').at(-1)!;
    return { result, checkpoint: last.type === 'checkpoint' ? last.path : '' };
  };

  // N + M steps in one go must equal N steps, stop, resume, M steps — with a
  // batch boundary crossing an epoch (40 images, batches of 8) in between.
  // 3×3 convolution gradients are slow loops on the cpu backend: there a DCGAN of transposed convolutions stands in; wasm, where runs train, takes both families' defaults.
  const cases = [['DCGAN', { ...config, upsample: 'transposed' }, 'cpu'], ['DCGAN', config, 'wasm'], ['FastGAN', fastgan, 'wasm']] as const;
  for (const [family, model, backend] of cases) {
    it(`continues a ${family} bit for bit on the ${backend} backend`, async () => {
      await tf.setBackend(backend);
      const base = mkdtempSync(join(tmpdir(), `studio-resume-${family}-${backend}-`));
      const straight = await run(model, join(base, 'straight'), 7, null);
      const first = await run(model, join(base, 'split'), 4, null);
      const resumed = await run(model, join(base, 'split'), 7, first.checkpoint);
      expect([straight.result.step, first.result.step, resumed.result.step]).toEqual([7, 4, 7]);

      const a = readCheckpoint(straight.checkpoint);
      const b = readCheckpoint(resumed.checkpoint);
      expect(b.state.random).toEqual(a.state.random);
      expect(b.state.data).toEqual(a.state.data);
      expect([...b.tensors.keys()]).toEqual([...a.tensors.keys()]);
      const differing = [...a.tensors].filter(([name, tensor]) => {
        const other = b.tensors.get(name)!;
        return Buffer.compare(Buffer.from(tensor.data.buffer), Buffer.from(other.data.buffer)) !== 0;
      });
      expect(differing.map(([name]) => name)).toEqual([]);
      // And training did change the weights: the comparison is not between two untouched models.
      const initial = readCheckpoint(first.checkpoint).tensors.get(`generator/${family === 'DCGAN' ? 'g_dense' : 'g_init_dense'}/0`)!.data;
      expect(Array.from(a.tensors.get(`generator/${family === 'DCGAN' ? 'g_dense' : 'g_init_dense'}/0`)!.data)).not.toEqual(Array.from(initial));
    }, 120_000);
  }
});
