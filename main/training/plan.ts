/**
 * Turns a start request into what a run is: the model's config (preset,
 * then the person's overrides) and the schedule. Everything lands in the
 * run's row, so the run can be resumed or repeated exactly.
 */
import type { StartTrainingRequest } from '../../preload/contract';
import { defaultDcganConfig, type DcganConfig } from '../engine/models/config';
import type { RunPlan } from '../library/repos/runs';
import { presetSettings } from './presets';

export interface DatasetFacts {
  readonly channels: 1 | 3;
  readonly classCount: number;
  readonly itemCount: number;
}

export function planRun(request: StartTrainingRequest, dataset: DatasetFacts, randomSeed: () => number): { config: DcganConfig; plan: RunPlan } {
  const preset = presetSettings(request.preset ?? 'balanced', request.resolution);
  const steps = request.steps ?? preset.steps;
  const augment = request.augment ?? dataset.itemCount < 5_000;
  const config: DcganConfig = {
    ...defaultDcganConfig,
    resolution: request.resolution,
    channels: dataset.channels,
    classes: request.conditional ? dataset.classCount : 0,
    width: request.width ?? preset.width,
    batchSize: Math.min(request.batchSize ?? preset.batchSize, dataset.itemCount),
    loss: request.loss ?? defaultDcganConfig.loss,
    augment: augment ? { translation: true, cutout: true, colour: dataset.channels === 3 } : null,
    r1Gamma: request.r1Gamma ?? defaultDcganConfig.r1Gamma,
    emaDecay: request.emaDecay ?? defaultDcganConfig.emaDecay,
    learningRates: {
      generator: request.learningRateG ?? defaultDcganConfig.learningRates.generator,
      discriminator: request.learningRateD ?? defaultDcganConfig.learningRates.discriminator,
    },
  };
  // About 20 previews and 10 checkpoints a run, unless asked otherwise; a
  // checkpoint falls on a preview step, so the timeline shows each one's grid.
  const previewEvery = request.previewEvery ?? Math.max(10, roundTo(steps / 20));
  const everyFewPreviews = previewEvery * Math.max(1, Math.round(roundTo(steps / 10) / previewEvery));
  const plan: RunPlan = {
    model: config as unknown as Record<string, unknown>,
    seed: request.seed ?? randomSeed(),
    totalSteps: steps,
    previewEvery,
    checkpointEvery: request.checkpointEvery ?? everyFewPreviews,
    metricsEvery: request.metricsEvery ?? everyFewPreviews,
  };
  return { config, plan };
}

/** 1, 2 or 5 times a power of ten: schedules a person can read. */
function roundTo(value: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(1, value)));
  return [1, 2, 5, 10].map((factor) => factor * power).find((nice) => nice >= value * 0.75) ?? 10 * power;
}
