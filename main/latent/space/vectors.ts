/** Arithmetic on latent vectors: the operations interpolation, seed maps and mixing are built from. */

export function norm(vector: Float32Array): number {
  let sum = 0;
  for (const value of vector) sum += value * value;
  return Math.sqrt(sum);
}

export function lerp(from: Float32Array, to: Float32Array, t: number): Float32Array {
  return from.map((value, index) => value + (to[index]! - value) * t);
}

/**
 * Spherical interpolation. Normal latents live near a sphere (their norm
 * concentrates around √size); a straight line between two of them cuts through
 * the sphere's inside, where the generator saw nothing in training, so
 * midpoints look washed out. Slerp turns the direction along the great circle
 * and moves the norm linearly, so two latents of equal norm keep it all the way.
 */
export function slerp(from: Float32Array, to: Float32Array, t: number): Float32Array {
  const fromNorm = norm(from);
  const toNorm = norm(to);
  if (fromNorm === 0 || toNorm === 0) return lerp(from, to, t);
  let dot = 0;
  for (let index = 0; index < from.length; index++) dot += from[index]! * to[index]!;
  const angle = Math.acos(Math.min(1, Math.max(-1, dot / (fromNorm * toNorm))));
  const scale = fromNorm + (toNorm - fromNorm) * t;
  // Nearly parallel: the sine below vanishes, and the two directions are one anyway.
  if (angle < 1e-6) return rescale(lerp(from, to, t), scale);
  const fromWeight = Math.sin((1 - t) * angle) / Math.sin(angle) / fromNorm;
  const toWeight = Math.sin(t * angle) / Math.sin(angle) / toNorm;
  return from.map((value, index) => scale * (fromWeight * value + toWeight * to[index]!));
}

/**
 * A weighted blend that stays on the shell: averaging latents shrinks the
 * result toward the origin (where images turn bland), so the sum is scaled
 * back to the weighted mean of their norms.
 */
export function blendOnShell(vectors: readonly Float32Array[], weights: readonly number[]): Float32Array {
  const size = vectors[0]!.length;
  const sum = new Float32Array(size);
  let targetNorm = 0;
  vectors.forEach((vector, which) => {
    const weight = weights[which]!;
    targetNorm += weight * norm(vector);
    for (let index = 0; index < size; index++) sum[index]! += weight * vector[index]!;
  });
  return rescale(sum, targetNorm);
}

function rescale(vector: Float32Array, length: number): Float32Array {
  const current = norm(vector);
  return current === 0 ? vector : vector.map((value) => (value * length) / current);
}
