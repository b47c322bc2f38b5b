/**
 * What a new default project starts with, so every view works before anything
 * is trained: the generated landscapes and a Fashion-MNIST sample as
 * datasets, the starter models (assets/starter, trained by
 * scripts/train-starter-models.js) as completed runs, and a few outputs.
 * Pure data: seed-starter.ts carries it out.
 */
import type { SceneView } from '../scenes/render-scene';

export interface StarterScenes {
  readonly kind: 'scenes';
  readonly name: string;
  readonly notes: string;
  /** One view: an image dataset; two: a paired dataset, A then B. */
  readonly views: readonly SceneView[];
  readonly size: number;
  readonly count: number;
  /** The first scene's seed: the same scenes the starter model learned from. */
  readonly seed: number;
}

export interface StarterFiles {
  readonly kind: 'files';
  readonly name: string;
  readonly notes: string;
  /** Relative to assets/starter. */
  readonly file: string;
  /** Items it holds once imported whole. */
  readonly count: number;
}

export type StarterDataset = StarterScenes | StarterFiles;

export interface StarterModel {
  /** The bundle's folder under assets/starter. */
  readonly bundle: string;
  readonly runName: string;
}

export const starterDatasets: readonly StarterDataset[] = [
  { kind: 'scenes', name: 'Landscapes', notes: 'Generated landscapes by day (latent-studio scenes), 64 px.', views: ['day'], size: 64, count: 200, seed: 1 },
  { kind: 'scenes', name: 'Sketch to day', notes: 'Line sketches (A) and the same landscapes by day (B), 128 px.', views: ['sketch', 'day'], size: 128, count: 48, seed: 100001 },
  { kind: 'scenes', name: 'Day to night', notes: 'Landscapes by day (A) and the same scenes at night (B), 128 px.', views: ['day', 'night'], size: 128, count: 48, seed: 100001 },
  { kind: 'files', name: 'Fashion-MNIST', notes: 'The first 1,000 Fashion-MNIST training images, labelled (MIT licence, Zalando SE).', file: 'fashion-mnist/train-images-idx3-ubyte.gz', count: 1_000 },
];

export const starterModels = {
  landscapes: { bundle: 'landscapes-dcgan-64', runName: 'Starter landscapes (DCGAN 64 px)' },
  fashion: { bundle: 'fashion-dcgan-32', runName: 'Starter Fashion-MNIST (conditional DCGAN 32 px)' },
  sketchToDay: { bundle: 'sketch-to-day-pix2pix-128', runName: 'Starter sketch to day (pix2pix 128 px)' },
  dayToNight: { bundle: 'day-to-night-pix2pix-128', runName: 'Starter day to night (pix2pix 128 px)' },
} as const satisfies Record<string, StarterModel>;

/** The first outputs: a grid of landscapes, a few garments, and a sketch taken to day and then to night. */
export const starterOutputs = {
  landscapeGrid: { seed: 1, count: 8 },
  fashionGrid: { seed: 1, count: 4 },
  /** The scene whose sketch is translated: not one the model trained on. */
  sketchSeed: 200001,
} as const;
