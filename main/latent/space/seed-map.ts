/**
 * The seed map: an endless plane with a seed at every integer point, derived
 * from the map's own seed. A fractional point blends the latents of its four
 * nearest seeds bilinearly, so dragging across the plane morphs smoothly from
 * one seed's image into the next.
 */
import type { LatentCode } from './code';
import { seedClass, seedVector } from '../../engine/latent/seed-latent';
import { blendOnShell } from './vectors';

/** A 32-bit seed for grid point (i, j) of map `seed`: a hash, so neighbouring points are unrelated. */
export function seedAt(seed: number, i: number, j: number): number {
  let hash = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b);
  hash = Math.imul(hash ^ (i | 0) ^ (hash >>> 15), 0xc2b2ae35);
  hash = Math.imul(hash ^ Math.imul(j | 0, 0x27d4eb2f) ^ (hash >>> 13), 0x165667b1);
  return (hash ^ (hash >>> 16)) >>> 0;
}

export function seedMapPoint(seed: number, x: number, y: number, latentSize: number, classes: number): LatentCode {
  const left = Math.floor(x);
  const top = Math.floor(y);
  const fx = x - left;
  const fy = y - top;
  const corners = [
    { i: left, j: top, weight: (1 - fx) * (1 - fy) },
    { i: left + 1, j: top, weight: fx * (1 - fy) },
    { i: left, j: top + 1, weight: (1 - fx) * fy },
    { i: left + 1, j: top + 1, weight: fx * fy },
  ].filter((corner) => corner.weight > 0);
  const seeds = corners.map((corner) => seedAt(seed, corner.i, corner.j));
  const vector = blendOnShell(
    seeds.map((cornerSeed) => seedVector(cornerSeed, latentSize)),
    corners.map((corner) => corner.weight),
  );
  // The class of the nearest seed: classes do not blend.
  const nearest = corners.reduce((best, corner, index) => (corner.weight > corners[best]!.weight ? index : best), 0);
  return { vector, class: seedClass(seeds[nearest]!, classes) };
}
