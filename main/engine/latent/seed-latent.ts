/**
 * The latent of a seed, defined once for every process: the first draws of
 * SeededRandom(seed). Training previews, grids and every Explore tool agree
 * on it, so a seed names the same image everywhere.
 */
import { SeededRandom } from '../random';

export function seedVector(seed: number, latentSize: number): Float32Array {
  return new SeededRandom(seed).fillNormal(new Float32Array(latentSize));
}

/** A seed's own class, unless one is asked for: seeds spread over the classes. */
export function seedClass(seed: number, classes: number, chosen?: number): number | null {
  if (classes === 0) return null;
  return chosen ?? seed % classes;
}
