import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../../main/engine/random';

describe('seeded randomness', () => {
  it('gives the same sequence for the same seed and a different one for another', () => {
    const draw = (seed: number) => Array.from({ length: 8 }, ((random) => () => random.nextUint32())(new SeededRandom(seed)));
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('continues exactly from a saved state', () => {
    const random = new SeededRandom(42);
    for (let n = 0; n < 1000; n++) random.normal();
    const saved = random.state;
    const expected = Array.from({ length: 20 }, () => random.normal());
    expect(Array.from({ length: 20 }, ((copy) => () => copy.normal())(SeededRandom.fromState(saved)))).toEqual(expected);
  });

  it('draws normals with mean 0 and variance 1, uniforms in [0, 1), and true permutations', () => {
    const random = new SeededRandom(3);
    const values = random.fillNormal(new Float32Array(100_000));
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1)).toBeLessThan(0.02);
    for (let n = 0; n < 1000; n++) {
      const u = random.uniform();
      expect(u >= 0 && u < 1).toBe(true);
    }
    expect([...random.permutation(50)].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, n) => n));
  });

  it('refuses an all-zero state, which would only ever give zeros', () => {
    expect(() => SeededRandom.fromState([0, 0, 0, 0])).toThrow('not all zero');
  });
});
