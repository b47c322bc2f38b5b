/** A DCGAN's training step: the shared image-GAN step (../image-gan/step) with DCGAN's discriminator and generator steps. */
import type { SeededRandom } from '../../random';
import type { Batch } from '../data';
import { imageGanStep } from '../image-gan/step';
import type { DcganContext } from './context';
import { discriminatorStep, generatorStep } from './steps';

/** Takes ownership of the batch's tensors; `step` counts the steps taken before this one. */
export function trainStep(context: DcganContext, batch: Batch, random: SeededRandom, step: number): Record<string, number> {
  return imageGanStep(
    context,
    batch,
    random,
    step,
    ({ images, labels, noise, fakeLabels, augmentReal, augmentFake }) => {
      const { lossD, dReal, dFake, signReal, r1 } = discriminatorStep(context, images, labels, noise, fakeLabels, augmentReal, augmentFake);
      return { lossD, dReal, dFake, signReal, r1 };
    },
    (noise, labels, augment) => generatorStep(context, noise, labels, augment),
  );
}
