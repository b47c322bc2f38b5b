/** The engine's tensor requests: train, sample and estimate, each on the chosen backend. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { ensureBackend } from '../backends';
import { generatePixels, latentsForSeeds } from '../latent/generate';
import type { GanConfig } from '../models/config';
import { buildGenerator } from '../models/dcgan';
import type { EngineRequest, SampleParams } from '../protocol';
import { readCheckpoint } from './checkpoint-file';
import { train } from './loop';
import { restoreNetwork } from './snapshot';
import { timeSteps } from './timing';

type TensorRequest = Extract<EngineRequest, { type: 'train' | 'sample' | 'estimate' }>;

export async function handleTraining(request: TensorRequest, progress: (value: unknown) => void, shouldStop: () => boolean): Promise<unknown> {
  await ensureBackend(request.params.backend);
  switch (request.type) {
    case 'train':
      return train(request.params, progress, shouldStop);
    case 'sample':
      return sample(request.params);
    case 'estimate':
      return { secondsPerStep: await timeSteps(request.params.config) };
  }
}

/** Image i is seed + i, from the checkpoint's generator or its moving average. */
async function sample(params: SampleParams): Promise<{ files: string[] }> {
  const checkpoint = readCheckpoint(params.checkpoint);
  const config: GanConfig = checkpoint.state.config;
  const generator = buildGenerator(config);
  try {
    const hasEma = [...checkpoint.tensors.keys()].some((name) => name.startsWith('ema/'));
    restoreNetwork(generator, params.ema && hasEma ? 'ema' : 'generator', checkpoint.tensors);
    const seeds = Array.from({ length: params.count }, (_, index) => params.seed + index);
    const images = generatePixels(generator, config, latentsForSeeds(config, seeds));
    mkdirSync(params.outDir, { recursive: true });
    const imageBytes = images.height * images.width * images.channels;
    const files: string[] = [];
    for (let index = 0; index < images.count; index++) {
      const file = join(params.outDir, `image-${String(index).padStart(4, '0')}.png`);
      await sharp(images.pixels.subarray(index * imageBytes, (index + 1) * imageBytes), {
        raw: { width: images.width, height: images.height, channels: images.channels as 1 | 3 },
      })
        .png()
        .toFile(file);
      files.push(file);
    }
    return { files };
  } finally {
    generator.dispose();
  }
}
