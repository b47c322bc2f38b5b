/**
 * The seed map: an endless plane with a seed at every integer point (see
 * preload/seed-map.ts). A fractional point blends the latents of its four
 * nearest seeds bilinearly, so dragging across the plane morphs smoothly from
 * one seed's image into the next.
 */
import { seedAt } from '../../../preload/seed-map';
import type { LatentCode } from './code';
import { seedClass, seedVector } from '../../engine/latent/seed-latent';
import { blendOnShell } from './vectors';

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
