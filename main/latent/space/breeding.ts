/** Mixing latents: arithmetic, crossover of two parents, and mutation. */
import { SeededRandom } from '../../engine/random';
import type { LatentCode } from './code';

/** a − b + c: c moved by whatever separates a from b (say, "smiling" minus "neutral"). The class is c's. */
export function latentArithmetic(a: LatentCode, b: LatentCode, c: LatentCode): LatentCode {
  return { vector: c.vector.map((value, index) => value + a.vector[index]! - b.vector[index]!), class: c.class };
}

/** Uniform crossover: each dimension from one parent or the other, by a coin drawn from the seed. */
export function crossover(first: LatentCode, second: LatentCode, children: number, seed: number): LatentCode[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: children }, () => {
    const vector = first.vector.map((value, index) => (random.uniform() < 0.5 ? value : second.vector[index]!));
    return { vector, class: random.uniform() < 0.5 ? first.class : second.class };
  });
}

/**
 * Children near a parent: the parent rotated toward fresh noise by
 * strength × 90°. A rotation of normal draws is still normal draws, so a
 * child is as typical a latent as its parent at every strength; 0 is the
 * parent, 1 a new random latent.
 */
export function mutate(parent: LatentCode, strength: number, children: number, seed: number): LatentCode[] {
  const random = new SeededRandom(seed);
  const angle = (strength * Math.PI) / 2;
  return Array.from({ length: children }, () => {
    const noise = random.fillNormal(new Float32Array(parent.vector.length));
    return { vector: parent.vector.map((value, index) => Math.cos(angle) * value + Math.sin(angle) * noise[index]!), class: parent.class };
  });
}
