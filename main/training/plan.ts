/**
 * Turns a start request into what a run is: the model's config (preset,
 * then the person's overrides, then what the dataset decides) and the
 * schedule. Everything lands in the run's row, so the run can be resumed or
 * repeated exactly.
 */
import { StudioError, type BackendName, type ModelKind, type StartTrainingRequest } from '../../preload/contract';
import type { ModelConfig } from '../engine/models/config';
import type { RunPlan } from '../library/repos/runs';
import type { DatasetFacts } from './dataset-facts';
import { dcganConfigFor } from './dcgan-config';
import { fastGanConfigFor } from './fastgan-config';
import { gpuBackends, largestCpuResolution, presetSettings, resolutionsOf, type PresetSettings } from './presets';
import { translationConfigFor } from './translation-config';

/** Options that mean something to one family only: given to another, they are a mistake worth naming. */
const optionsOf: Readonly<Record<ModelKind, readonly (keyof StartTrainingRequest)[]>> = {
  fastgan: ['conditional', 'augment', 'emaDecay', 'learningRateG', 'learningRateD', 'upsample'],
  dcgan: ['conditional', 'loss', 'augment', 'r1Gamma', 'emaDecay', 'learningRateG', 'learningRateD', 'upsample'],
  pix2pix: ['learningRate', 'direction', 'l1Weight', 'upsample'],
  cyclegan: ['learningRate', 'residualBlocks', 'cycleWeight', 'identityWeight', 'upsample'],
};

const modelNames: Readonly<Record<ModelKind, string>> = { fastgan: 'FastGAN', dcgan: 'DCGAN', pix2pix: 'pix2pix', cyclegan: 'CycleGAN' };

export function planRun(request: StartTrainingRequest, dataset: DatasetFacts, randomSeed: () => number): { config: ModelConfig; plan: RunPlan } {
  checkOptions(request);
  const preset = presetSettings(request.model, request.preset ?? 'balanced', request.resolution);
  const steps = request.steps ?? preset.steps;
  const config = configFor(request, preset, dataset);
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

function configFor(request: StartTrainingRequest, preset: PresetSettings, dataset: DatasetFacts): ModelConfig {
  switch (request.model) {
    case 'fastgan':
      return fastGanConfigFor(request, preset, dataset);
    case 'dcgan':
      return dcganConfigFor(request, preset, dataset);
    default:
      return translationConfigFor(request, preset, dataset);
  }
}

/**
 * 512 and 1024 px FastGANs take hours a step on a CPU; they are offered
 * where a GPU backend is active (`backend`, null before one is chosen).
 */
export function checkBackendFits(request: StartTrainingRequest, backend: BackendName | null): void {
  if (request.resolution <= largestCpuResolution || (backend !== null && gpuBackends.includes(backend))) return;
  throw new StudioError('INVALID_ARGUMENT', `resolution: ${request.resolution} px needs a GPU backend (${gpuBackends.join(' or ')}); on ${backend ?? 'this machine'} train at ${largestCpuResolution} px or less`);
}

/** The name a run gets unless it is given one: "<dataset> · pix2pix 128 px". */
export function defaultRunName(request: StartTrainingRequest): string {
  return `${request.dataset} · ${modelNames[request.model]} ${request.resolution} px`;
}

function checkOptions(request: StartTrainingRequest): void {
  const allowed = resolutionsOf[request.model];
  if (!allowed.includes(request.resolution)) {
    throw new StudioError('INVALID_ARGUMENT', `resolution: ${modelNames[request.model]} trains at ${allowed.join(', ')} px, not ${request.resolution}`);
  }
  for (const [model, options] of Object.entries(optionsOf) as [ModelKind, readonly (keyof StartTrainingRequest)[]][]) {
    if (model === request.model) continue;
    const misplaced = options.find((option) => request[option] !== undefined && !optionsOf[request.model].includes(option));
    if (misplaced) throw new StudioError('INVALID_ARGUMENT', `${misplaced}: applies to ${modelNames[model]} runs, not ${modelNames[request.model]}`);
  }
}

/** 1, 2 or 5 times a power of ten: schedules a person can read. */
function roundTo(value: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(1, value)));
  return [1, 2, 5, 10].map((factor) => factor * power).find((nice) => nice >= value * 0.75) ?? 10 * power;
}
