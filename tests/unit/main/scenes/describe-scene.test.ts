import { describe, expect, it } from 'vitest';
import { describeScene, maxSceneSeed } from '../../../../main/scenes/describe-scene';
import { brightness } from '../../../../main/scenes/colour';

const seeds = Array.from({ length: 300 }, (_, index) => index);
const scenes = seeds.map(describeScene);

describe('describeScene', () => {
  it('gives the same scene for the same seed and a different one for another seed', () => {
    expect(describeScene(42)).toEqual(describeScene(42));
    expect(JSON.stringify(describeScene(42))).toBe(JSON.stringify(describeScene(42)));
    const distinct = new Set(scenes.map((scene) => JSON.stringify({ ...scene, seed: 0 })));
    expect(distinct.size).toBe(scenes.length);
  });

  it('refuses seeds the generator cannot tell apart', () => {
    expect(() => describeScene(-1)).toThrow(/seed must be a whole number/);
    expect(() => describeScene(1.5)).toThrow(/seed must be a whole number/);
    expect(() => describeScene(maxSceneSeed + 1)).toThrow(/seed must be a whole number/);
    expect(describeScene(maxSceneSeed).seed).toBe(maxSceneSeed);
  });

  it('varies the composition: water and meadows, mountains and hills, banks, trees of both kinds, clouds or none', () => {
    const share = (test: (scene: (typeof scenes)[number]) => boolean) => scenes.filter(test).length / scenes.length;
    expect(share((scene) => scene.ground.kind === 'water')).toBeGreaterThan(0.55);
    expect(share((scene) => scene.ground.kind === 'meadow')).toBeGreaterThan(0.15);
    expect(share((scene) => scene.ridges.some((ridge) => ridge.kind === 'mountains'))).toBeGreaterThan(0.5);
    expect(share((scene) => scene.ridges.every((ridge) => ridge.kind === 'hills'))).toBeGreaterThan(0.1);
    expect(share((scene) => scene.ridges.some((ridge) => ridge.snow !== null))).toBeGreaterThan(0.15);
    expect(share((scene) => scene.foreground !== null)).toBeGreaterThan(0.5);
    expect(share((scene) => scene.foreground === null)).toBeGreaterThan(0.1);
    expect(share((scene) => scene.clouds.length === 0)).toBeGreaterThan(0.05);
    expect(share((scene) => scene.clouds.length >= 2)).toBeGreaterThan(0.3);
    const trees = scenes.flatMap((scene) => scene.trees);
    expect(new Set(trees.map((tree) => tree.kind))).toEqual(new Set(['pine', 'round']));
    expect(new Set(trees.map((tree) => tree.stand))).toEqual(new Set(['horizon', 'ground', 'foreground']));
    expect(new Set(scenes.map((scene) => scene.sky.day[2])).size).toBeGreaterThanOrEqual(5);
    expect(new Set(scenes.map((scene) => scene.sky.night[2])).size).toBeGreaterThanOrEqual(3);
  });

  it('keeps everything where it belongs: land above the horizon, the light in the sky, trees in the picture', () => {
    for (const scene of scenes) {
      expect(scene.horizon).toBeGreaterThan(0.5);
      expect(scene.horizon).toBeLessThan(0.75);
      expect(scene.light.y - scene.light.radius).toBeGreaterThan(0);
      expect(scene.light.y).toBeLessThan(scene.horizon);
      for (const ridge of scene.ridges) {
        for (const [x, y] of ridge.contour) {
          expect(x).toBeGreaterThan(-0.05);
          expect(x).toBeLessThan(1.05);
          expect(y).toBeGreaterThan(0);
          expect(y).toBeLessThan(scene.horizon);
        }
      }
      // The near land never covers the water line, so the sketch always shows it.
      for (const [, y] of scene.foreground?.contour ?? []) expect(y).toBeGreaterThan(scene.horizon);
      for (const tree of scene.trees) {
        expect(tree.y).toBeGreaterThanOrEqual(scene.horizon);
        expect(tree.y).toBeLessThan(1.02);
        expect(tree.height).toBeGreaterThan(0);
      }
      expect(scene.ripples.length > 0).toBe(scene.ground.kind === 'water');
      for (const star of scene.stars) expect(star.y).toBeLessThan(scene.horizon);
    }
  });

  it('makes the night darker than the day, colour by colour', () => {
    for (const scene of scenes.slice(0, 50)) {
      expect(brightness(scene.sky.night[1])).toBeLessThan(brightness(scene.sky.day[1]));
      for (const ridge of scene.ridges) expect(brightness(ridge.colour.night)).toBeLessThan(brightness(ridge.colour.day));
      expect(brightness(scene.ground.colour.night)).toBeLessThan(brightness(scene.ground.colour.day));
    }
  });
});
