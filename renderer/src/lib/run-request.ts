/**
 * The start request for the New run form's choices. Only the knobs a person
 * set travel, and only those of the chosen family (main refuses another
 * family's options by name), so the preset and main's defaults decide the
 * rest. Pure, so what travels is tested on its own.
 */
import type { Direction, ModelKind, StartTrainingRequest, TrainingPreset, TrainingResolution, Upsampling } from '../../../preload/contract';
import { translationDefaults } from './model-families';

/** Automatic leaves augmentation to the family's recipe (model-families' automaticAugment says what it is). */
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
  /** FastGAN and DCGAN: conditional training, already false where the dataset has too few classes. */
  readonly conditional: boolean;
  /** FastGAN and DCGAN. */
  readonly augment: AugmentChoice;
  /** Every family ('transposed' not for FastGAN). */
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
    ...familyOptions(choices),
  };
}

function familyOptions(choices: RunChoices): Partial<StartTrainingRequest> {
  switch (choices.model) {
    case 'fastgan':
      // FastGAN resizes (bilinear or nearest): a 'transposed' left from another family falls back to the default.
      return { ...imageSetOptions(choices), ...(choices.upsample === 'nearest' && { upsample: 'nearest' }) };
    case 'dcgan':
      return { ...imageSetOptions(choices), ...upsampleOption(choices) };
    case 'pix2pix':
      return {
        ...upsampleOption(choices),
        ...set('learningRate', choices.learningRate),
        ...(choices.direction !== translationDefaults.direction && { direction: choices.direction }),
        ...set('l1Weight', choices.l1Weight),
      };
    case 'cyclegan':
      return {
        ...upsampleOption(choices),
        ...set('learningRate', choices.learningRate),
        ...set('residualBlocks', choices.residualBlocks),
        ...set('cycleWeight', choices.cycleWeight),
        ...set('identityWeight', choices.identityWeight),
      };
  }
}

/** The families that learn from an image set: conditional training and augmentation. */
function imageSetOptions(choices: RunChoices): Partial<StartTrainingRequest> {
  return {
    ...(choices.conditional && { conditional: true }),
    ...(choices.augment !== 'auto' && { augment: choices.augment === 'on' }),
  };
}

/** 'bilinear' is main's default, so only the others travel. */
function upsampleOption(choices: RunChoices): Partial<StartTrainingRequest> {
  return choices.upsample === 'bilinear' ? {} : { upsample: choices.upsample };
}

/** `{ [key]: value }` when the field has a value, else nothing (an empty number field is null). */
function set(key: keyof StartTrainingRequest, value: number | null): Partial<StartTrainingRequest> {
  return value === null ? {} : { [key]: value };
}
