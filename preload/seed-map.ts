/**
 * The seed map's seeds, shared by the main process (which draws the map) and
 * the renderer (which offers the seed under a point): an endless plane with a
 * seed at every integer point (i, j), derived from the map's own seed by a
 * hash, so that neighbouring points are unrelated.
 */
export function seedAt(seed: number, i: number, j: number): number {
  let hash = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b);
  hash = Math.imul(hash ^ (i | 0) ^ (hash >>> 15), 0xc2b2ae35);
  hash = Math.imul(hash ^ Math.imul(j | 0, 0x27d4eb2f) ^ (hash >>> 13), 0x165667b1);
  return (hash ^ (hash >>> 16)) >>> 0;
}
