/**
 * A FastGAN's training step: the shared image-GAN step (../image-gan/step)
 * with FastGAN's discriminator step, which also reconstructs one quadrant,
 * drawn from the run's generator after the augmentations, so a resumed run
 * takes exactly the steps it would have.
 */
import type { SeededRandom } from '../../random';
import type { Batch } from '../data';
import { imageGanStep } from '../image-gan/step';
import type { FastGanContext } from './context';
import type { Quadrant } from './reconstruction';
import { discriminatorStep, generatorStep, type FastGanDiscriminatorStepResult, type FastGanGeneratorStepResult } from './steps';

/** A type, not an interface, so that it is also a Record<string, number>, what the loop's trainees return. */
export type FastGanStepResult = FastGanDiscriminatorStepResult & FastGanGeneratorStepResult;

/** Takes ownership of the batch's tensors; `step` counts the steps taken before this one. */
export function trainStep(context: FastGanContext, batch: Batch, random: SeededRandom, step: number): FastGanStepResult {
  return imageGanStep(
    context,
    batch,
    random,
    step,
    ({ images, labels, noise, fakeLabels, augmentReal, augmentFake }) => {
      // One quadrant for the whole batch, as the paper draws it.
      const quadrant = random.below(4) as Quadrant;
      return discriminatorStep(context, images, labels, noise, fakeLabels, augmentReal, augmentFake, quadrant);
    },
    (noise, labels, augment) => generatorStep(context, noise, labels, augment),
  );
}
