import { describe, expect, it } from 'vitest';
import { seedVector } from '../../../../main/engine/latent/seed-latent';
import { crossover, latentArithmetic, mutate } from '../../../../main/latent/space/breeding';
import { decodeVector, encodeVector } from '../../../../main/latent/space/code';
import { ease } from '../../../../main/latent/space/easing';
import { pathFrames, pointOnPath, type LatentPath } from '../../../../main/latent/space/path';
import { seedAt } from '../../../../preload/seed-map';
import { seedMapPoint } from '../../../../main/latent/space/seed-map';
import { lerp, norm, slerp } from '../../../../main/latent/space/vectors';

const size = 128;
const code = (seed: number, cls: number | null = null) => ({ vector: seedVector(seed, size), class: cls });
const onSphere = (vector: Float32Array, radius: number) => vector.map((value) => (value * radius) / norm(vector));

describe('latent vectors', () => {
  it('slerp keeps latents of equal norm on their sphere all the way, where lerp cuts inside it', () => {
    const radius = Math.sqrt(size);
    const from = onSphere(seedVector(1, size), radius);
    const to = onSphere(seedVector(2, size), radius);
    for (const t of [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1]) expect(norm(slerp(from, to, t))).toBeCloseTo(radius, 3);
    // Two random directions are nearly orthogonal: the straight midpoint is about 1/√2 of the radius.
    expect(norm(lerp(from, to, 0.5)) / radius).toBeLessThan(0.8);
  });

  it('slerp starts and ends at its keyframes and moves the norm linearly between unequal ones', () => {
    const from = seedVector(3, size);
    const to = onSphere(seedVector(4, size), 2 * norm(from));
    expect(Array.from(slerp(from, to, 0))).toEqual(Array.from(from).map((value) => expect.closeTo(value, 5)));
    expect(Array.from(slerp(from, to, 1))).toEqual(Array.from(to).map((value) => expect.closeTo(value, 5)));
    expect(norm(slerp(from, to, 0.5))).toBeCloseTo(1.5 * norm(from), 3);
  });

  it('round-trips a vector through its provenance text exactly', () => {
    const vector = seedVector(9, size);
    expect(decodeVector(encodeVector(vector))).toEqual(vector);
  });
});

describe('interpolation paths', () => {
  const path = (loop: boolean, easing: LatentPath['easing'] = 'linear'): LatentPath => ({ keyframes: [code(1), code(2), code(3)], mode: 'spherical', easing, loop });

  it('passes through every keyframe, and a loop returns to the first', () => {
    expect(pointOnPath(path(false), 0).vector).toEqual(code(1).vector);
    expect(Array.from(pointOnPath(path(false), 0.5).vector)).toEqual(Array.from(code(2).vector).map((value) => expect.closeTo(value, 5)));
    expect(Array.from(pointOnPath(path(false), 1).vector)).toEqual(Array.from(code(3).vector).map((value) => expect.closeTo(value, 5)));
    expect(Array.from(pointOnPath(path(true), 1).vector)).toEqual(Array.from(code(1).vector).map((value) => expect.closeTo(value, 5)));
  });

  it('a looping animation does not show its first frame twice; an open one ends on its last keyframe', () => {
    const looped = pathFrames(path(true), 12);
    expect(looped).toHaveLength(12);
    expect(norm(looped[11]!.vector.map((value, index) => value - code(1).vector[index]!))).toBeGreaterThan(0.1);
    const open = pathFrames(path(false), 12);
    expect(Array.from(open[11]!.vector)).toEqual(Array.from(code(3).vector).map((value) => expect.closeTo(value, 5)));
  });

  it('easing slows into and out of keyframes: frames bunch up near them', () => {
    const frames = pathFrames({ ...path(false, 'ease-in-out'), keyframes: [code(1), code(2)] }, 11);
    const step = (index: number) => norm(frames[index + 1]!.vector.map((value, at) => value - frames[index]!.vector[at]!));
    expect(step(0)).toBeLessThan(step(5) / 3);
    expect(step(9)).toBeLessThan(step(5) / 3);
    expect([ease('ease-in', 0), ease('ease-out', 1), ease('ease-in-out', 0.5)]).toEqual([0, 1, expect.closeTo(0.5, 10)]);
  });

  it('switches class at a segment midpoint rather than blending it', () => {
    const classed: LatentPath = { keyframes: [code(1, 2), code(2, 7)], mode: 'linear', easing: 'linear', loop: false };
    expect([0.2, 0.49, 0.51, 0.9].map((at) => pointOnPath(classed, at).class)).toEqual([2, 2, 7, 7]);
  });
});

describe('seed map', () => {
  it('holds a fixed, distinct seed at every integer point', () => {
    const seeds = new Set<number>();
    for (let i = -5; i <= 5; i++) for (let j = -5; j <= 5; j++) seeds.add(seedAt(42, i, j));
    expect(seeds.size).toBe(121);
    expect(seedAt(42, 3, -2)).toBe(seedAt(42, 3, -2));
    expect(seedAt(43, 3, -2)).not.toBe(seedAt(42, 3, -2));
  });

  it('is exactly the seed latent at integer points and a blend on the shell between them', () => {
    expect(seedMapPoint(42, 2, 3, size, 0).vector).toEqual(seedVector(seedAt(42, 2, 3), size));
    const middle = seedMapPoint(42, 2.5, 3.5, size, 0).vector;
    const corners = [seedAt(42, 2, 3), seedAt(42, 3, 3), seedAt(42, 2, 4), seedAt(42, 3, 4)].map((seed) => norm(seedVector(seed, size)));
    expect(norm(middle)).toBeCloseTo(corners.reduce((sum, value) => sum + value / 4, 0), 3);
    // Moving a little moves the latent a little: dragging morphs rather than jumps.
    const near = seedMapPoint(42, 2.51, 3.5, size, 0).vector;
    expect(norm(near.map((value, index) => value - middle[index]!))).toBeLessThan(0.05 * norm(middle));
  });
});

describe('breeding', () => {
  it('a − a + c is c', () => {
    expect(latentArithmetic(code(1), code(1), code(3, 4))).toEqual(code(3, 4));
  });

  it('crossover takes every number from one parent or the other, about half from each, repeatably', () => {
    const [first, second] = [code(1), code(2)];
    const children = crossover(first, second, 4, 7);
    for (const child of children) {
      const fromFirst = child.vector.filter((value, index) => value === first.vector[index]).length;
      const fromSecond = child.vector.filter((value, index) => value === second.vector[index]).length;
      expect(fromFirst + fromSecond).toBe(size);
      expect(fromFirst).toBeGreaterThan(size * 0.3);
      expect(fromFirst).toBeLessThan(size * 0.7);
    }
    expect(crossover(first, second, 4, 7)).toEqual(children);
  });

  it('mutation strength runs from the parent itself to an unrelated latent of typical size', () => {
    const parent = code(5);
    expect(mutate(parent, 0, 1, 1)[0]!.vector).toEqual(parent.vector);
    const distance = (strength: number) => norm(mutate(parent, strength, 1, 1)[0]!.vector.map((value, index) => value - parent.vector[index]!));
    expect(distance(0.1)).toBeLessThan(distance(0.5));
    expect(distance(0.5)).toBeLessThan(distance(1));
    // A rotation of normal draws: a child at full strength has the norm of a fresh latent (≈ √size).
    expect(norm(mutate(parent, 1, 1, 1)[0]!.vector) / Math.sqrt(size)).toBeGreaterThan(0.8);
    expect(norm(mutate(parent, 1, 1, 1)[0]!.vector) / Math.sqrt(size)).toBeLessThan(1.2);
  });
});
