/**
 * A pix2pix or CycleGAN run's config: the paper's recipe, the preset's width,
 * the person's overrides, and what the dataset decides — grey or colour on
 * each side, and how many examples are held out of training for the
 * held-out metrics and previews.
 */
import { StudioError, type StartTrainingRequest } from '../../preload/contract';
import { defaultCycleGanConfig, defaultPix2pixConfig, type TranslationModelConfig } from '../engine/models/config';
import type { DatasetFacts } from './dataset-facts';
import type { PresetSettings } from './presets';

/** A tenth of the examples, at least one and at most 32, are held out. */
export function heldOutCount(examples: number): number {
  return Math.min(32, Math.max(1, Math.round(examples / 10)));
}

export function translationConfigFor(request: StartTrainingRequest, preset: PresetSettings, dataset: DatasetFacts): TranslationModelConfig {
  if (dataset.kind !== 'domains') throw new Error('a translation plan needs two domains');
  const examples = request.model === 'pix2pix' ? dataset.pairs : Math.min(dataset.countA, dataset.countB);
  const what = request.model === 'pix2pix' ? 'complete pairs' : 'images on its smaller side';
  const batchSize = request.batchSize ?? preset.batchSize;
  const heldOut = heldOutCount(examples);
  if (examples < heldOut + batchSize) {
    throw new StudioError('INVALID_ARGUMENT', `dataset: "${request.dataset}" has ${examples} ${what}; training needs at least ${heldOut + batchSize} (one held out for the metrics, a batch of ${batchSize} to train on)`);
  }
  const shared = {
    resolution: request.resolution,
    channelsA: dataset.channelsA,
    channelsB: dataset.channelsB,
    width: request.width ?? preset.width,
    ...(request.upsample && { upsample: request.upsample }),
    batchSize,
    heldOut,
  };
  if (request.model === 'pix2pix') {
    return {
      ...defaultPix2pixConfig,
      ...shared,
      learningRate: request.learningRate ?? defaultPix2pixConfig.learningRate,
      direction: request.direction ?? defaultPix2pixConfig.direction,
      l1Weight: request.l1Weight ?? defaultPix2pixConfig.l1Weight,
    };
  }
  // The identity loss asks a generator to leave an image of its target side alone: only meaningful when both sides have as many channels.
  const sameChannels = dataset.channelsA === dataset.channelsB;
  if (request.identityWeight && !sameChannels) {
    throw new StudioError('INVALID_ARGUMENT', `identityWeight: "${request.dataset}" has ${dataset.channelsA}-channel A images and ${dataset.channelsB}-channel B images; the identity loss needs both sides alike`);
  }
  return {
    ...defaultCycleGanConfig,
    ...shared,
    learningRate: request.learningRate ?? defaultCycleGanConfig.learningRate,
    // The paper's choice: 6 blocks up to 128 px, 9 at 256 px.
    residualBlocks: request.residualBlocks ?? (request.resolution >= 256 ? 9 : 6),
    cycleWeight: request.cycleWeight ?? defaultCycleGanConfig.cycleWeight,
    identityWeight: sameChannels ? (request.identityWeight ?? defaultCycleGanConfig.identityWeight) : 0,
  };
}
