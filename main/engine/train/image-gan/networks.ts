/** What a FastGAN or DCGAN run trains, behind one face: its checkpointed state, its one-step trainer and the generator it samples with. */
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ImageGanConfig } from '../../models/config';
import type { SeededRandom } from '../../random';
import type { Batch } from '../data';
import type { TrainingState } from '../snapshot';
import { createDcganContext, dcganState, disposeDcganContext } from '../dcgan/context';
import { trainStep as dcganStep } from '../dcgan/train-step';
import { createFastGanContext, disposeFastGanContext, fastGanState } from '../fastgan/context';
import { trainStep as fastGanStep } from '../fastgan/train-step';

export interface ImageGanNetworks {
  readonly state: TrainingState;
  /** The moving average where the run keeps one (it draws cleaner images), else the generator. */
  readonly sampler: tfl.LayersModel;
  /** Takes ownership of the batch's tensors; `step` counts the steps taken before this one. */
  step(batch: Batch, random: SeededRandom, step: number): Record<string, number>;
  dispose(): void;
}

/** Builds the family's models, drawing their starting weights from `random`. */
export function imageGanNetworks(config: ImageGanConfig, random: SeededRandom): ImageGanNetworks {
  if (config.architecture === 'dcgan') {
    const context = createDcganContext(config, random);
    return { state: dcganState(context), sampler: context.ema ?? context.generator, step: (batch, r, step) => dcganStep(context, batch, r, step), dispose: () => disposeDcganContext(context) };
  }
  const context = createFastGanContext(config, random);
  return { state: fastGanState(context), sampler: context.ema ?? context.generator, step: (batch, r, step) => fastGanStep(context, batch, r, step), dispose: () => disposeFastGanContext(context) };
}
