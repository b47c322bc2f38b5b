import type { ViewId } from './views';

/** One stop of the guided tour: the view it shows, what the view is for, and the one thing to try there first. */
export interface TourStep {
  readonly view: ViewId;
  readonly title: string;
  readonly purpose: string;
  readonly tryFirst: string;
}

/** One step per view, in the rail's order, so Next walks down the rail. */
export const tourSteps: readonly TourStep[] = [
  {
    view: 'library',
    title: 'Your project',
    purpose: 'A project is one folder: it keeps your datasets, training runs, checkpoints and every output with the settings that made it.',
    tryFirst: 'Carry on in the project that is open, or create a new one for your own work.',
  },
  {
    view: 'datasets',
    title: 'Bring in images',
    purpose: 'Collections of images to train on: single sets, or pairs such as sketch and picture, day and night.',
    tryFirst: 'Make a dataset and drop a folder of images on it.',
  },
  {
    view: 'train',
    title: 'Train a model',
    purpose: 'Train a GAN on a dataset and watch its samples and losses as it learns; pause and resume whenever you like.',
    tryFirst: 'Press New run, pick a dataset and a preset, and start it.',
  },
  {
    view: 'explore',
    title: 'Walk latent space',
    purpose: "Walk a trained model's latent space: grids by seed, interpolations, mixes and animations.",
    tryFirst: 'Generate a grid, then click images to make an interpolation.',
  },
  {
    view: 'translate',
    title: 'Translate images',
    purpose: 'Turn one kind of image into another with pix2pix or CycleGAN: a sketch into a landscape, a day into a night.',
    tryFirst: 'Draw on the canvas: the model translates as you draw.',
  },
  {
    view: 'style',
    title: 'Restyle photos',
    purpose: 'Give your own photos a trained look, with a strength that blends the original back in.',
    tryFirst: 'Open a photo, choose a style and move the strength slider.',
  },
  {
    view: 'gallery',
    title: 'Everything you made',
    purpose: 'Everything you make lands here, with what made it: rate, tag, compare and collect.',
    tryFirst: 'Rate a selection with the keys 0–5, then drag it onto a collection.',
  },
  {
    view: 'export',
    title: 'Take it with you',
    purpose: 'Finished images, animations, sheets and models, written where you choose.',
    tryFirst: 'Export a selection with its settings inside the file.',
  },
];

/** The step that shows `view`; the tour follows the rail, so every view has one. */
export function tourStepIndexOf(view: ViewId): number {
  return tourSteps.findIndex((step) => step.view === view);
}

/** "3 of 8": the counter the callout shows for the step at `index`. */
export function tourCounter(index: number): string {
  return `${index + 1} of ${tourSteps.length}`;
}

export type TourCommand = 'next' | 'back' | 'skip';

/**
 * What a key pressed inside the callout asks the tour to do. Enter on one of
 * the callout's buttons is that button's own click, so it is left alone.
 */
export function tourKeyCommand(key: string, onButton: boolean): TourCommand | null {
  if (key === 'ArrowRight' || (key === 'Enter' && !onButton)) return 'next';
  if (key === 'ArrowLeft') return 'back';
  if (key === 'Escape') return 'skip';
  return null;
}

/** Where a command leads from the step at `index`: another step, or the end of the tour (Next on the last step, or Skip). */
export function tourTarget(index: number, command: TourCommand): { step: number } | { end: 'finished' | 'skipped' } {
  if (command === 'skip') return { end: 'skipped' };
  if (command === 'back') return { step: Math.max(0, index - 1) };
  return index + 1 < tourSteps.length ? { step: index + 1 } : { end: 'finished' };
}

