/**
 * What the Explore tools pass around: a latent (where it comes from, as the
 * API names it) with a label and, when one is known, an image of it. Pure, so
 * the naming rules are unit-tested.
 */
import type { ExploreModel, LatentImage, LatentSource, SavedLatent } from '../../../preload/contract';

export interface LatentChoice {
  readonly source: LatentSource;
  readonly label: string;
  /** An image of it (an output's URL or a preview's data URL); null until one is rendered. */
  readonly imageUrl: string | null;
}

/**
 * An image a latent tool made. Its output, rather than its seed, is the
 * source: an output remembers its class and any mixing that made it, so the
 * keyframe or parent is exactly the image on screen.
 */
export function choiceOfImage(image: LatentImage): LatentChoice {
  return { source: { kind: 'output', outputId: image.outputId }, label: imageLabel(image), imageUrl: image.url };
}

export function choiceOfSeed(seed: number): LatentChoice {
  return { source: { kind: 'seed', seed }, label: `Seed ${seed}`, imageUrl: null };
}

/** The blended point under the seed map's crosshair, as it is: a latent between seeds. */
export function choiceOfMapPoint(seed: number, x: number, y: number, imageUrl: string | null): LatentChoice {
  return { source: { kind: 'seed-map', seed, x, y }, label: `Map ${seed} at (${x.toFixed(2)}, ${y.toFixed(2)})`, imageUrl };
}

export function choiceOfOutput(outputId: number): LatentChoice {
  return { source: { kind: 'output', outputId }, label: `Output ${outputId}`, imageUrl: null };
}

export function choiceOfSaved(saved: SavedLatent): LatentChoice {
  return { source: { kind: 'saved', latentId: saved.latentId }, label: saved.name, imageUrl: saved.previewUrl };
}

/** "Seed 42" for a sample, "Output 17" for a child of a mix or a projection. */
export function imageLabel(image: LatentImage): string {
  return image.seed === null ? `Output ${image.outputId}` : `Seed ${image.seed}`;
}

/** "Shoes · step 2,000": how the model picker names a checkpoint. */
export function modelLabel(model: ExploreModel): string {
  return `${model.runName} · step ${model.step.toLocaleString('en')}`;
}

/** Whole numbers the API takes as seeds: 0 to 2³² − 1. */
export const maxSeed = 2 ** 32 - 1;

export function isSeed(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= maxSeed;
}
