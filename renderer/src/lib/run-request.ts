/**
 * The start request for the New run form's choices. Only the knobs a person
 * set travel, and only those of the chosen family (main refuses another
 * family's options by name), so the preset and main's defaults decide the
 * rest. Pure, so what travels is tested on its own.
 */
import type { Direction, ModelKind, StartTrainingRequest, TrainingPreset, TrainingResolution, Upsampling } from '../../../preload/contract';
import { translationDefaults } from './model-families';

/** Automatic turns augmentation on for small datasets (under 5,000 images), where it matters most. */
export type AugmentChoice = 'auto' | 'on' | 'off';

/** The form's values: null where a field is empty and follows the preset or main's default. */
export interface RunChoices {
  readonly dataset: string;
  readonly model: ModelKind;
  readonly resolution: TrainingResolution;
  readonly preset: TrainingPreset;
  readonly name: string;
  readonly steps: number | null;
  readonly batchSize: number | null;
  readonly seed: number | null;
  readonly width: number | null;
  /** DCGAN: conditional training, already false where the dataset has too few classes. */
  readonly conditional: boolean;
  readonly augment: AugmentChoice;
  /** Every family; 'nearest' is main's default, so only 'transposed' travels. */
  readonly upsample: Upsampling;
  /** pix2pix and CycleGAN. */
  readonly learningRate: number | null;
  /** pix2pix. */
  readonly direction: Direction;
  readonly l1Weight: number | null;
  /** CycleGAN. */
  readonly residualBlocks: number | null;
  readonly cycleWeight: number | null;
  readonly identityWeight: number | null;
}

export function startRequestOf(choices: RunChoices): StartTrainingRequest {
  const name = choices.name.trim();
  return {
    dataset: choices.dataset,
    model: choices.model,
    resolution: choices.resolution,
    preset: choices.preset,
    ...(name && { name }),
    ...set('steps', choices.steps),
    ...set('batchSize', choices.batchSize),
    ...set('seed', choices.seed),
    ...set('width', choices.width),
    ...(choices.upsample !== 'nearest' && { upsample: choices.upsample }),
    ...familyOptions(choices),
  };
}

function familyOptions(choices: RunChoices): Partial<StartTrainingRequest> {
  switch (choices.model) {
    case 'dcgan':
      return {
        ...(choices.conditional && { conditional: true }),
        ...(choices.augment !== 'auto' && { augment: choices.augment === 'on' }),
      };
    case 'pix2pix':
      return {
        ...set('learningRate', choices.learningRate),
        ...(choices.direction !== translationDefaults.direction && { direction: choices.direction }),
        ...set('l1Weight', choices.l1Weight),
      };
    case 'cyclegan':
      return {
        ...set('learningRate', choices.learningRate),
        ...set('residualBlocks', choices.residualBlocks),
        ...set('cycleWeight', choices.cycleWeight),
        ...set('identityWeight', choices.identityWeight),
      };
  }
}

/** `{ [key]: value }` when the field has a value, else nothing (an empty number field is null). */
function set(key: keyof StartTrainingRequest, value: number | null): Partial<StartTrainingRequest> {
  return value === null ? {} : { [key]: value };
}
