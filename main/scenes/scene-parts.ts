/** The smaller things in a scene: the sun or moon, clouds, stars, ripples and trees. */
import { mix, scale } from './colour';
import { contourAt } from './contours';
import { moonColour, moonGlow, nightOf, vary, type DayMood, type Season } from './palettes';
import type { SceneRandom } from './scene-random';
import type { Cloud, Point, Ripple, SkyLight, Star, Tree } from './scene';

export function skyLight(random: SceneRandom, mood: DayMood, horizon: number): SkyLight {
  const radius = random.between(0.04, 0.068);
  const altitude = random.between(mood.sunAltitude[0], mood.sunAltitude[1]);
  return {
    x: random.between(0.12, 0.88),
    y: Math.max(radius + 0.04, horizon * (1 - altitude)),
    radius,
    colour: { day: mood.sun, night: moonColour },
    glow: { day: mood.glow, night: moonGlow },
    moonMarks: Array.from({ length: random.integer(2, 3) }, () => ({
      dx: random.between(-0.4, 0.4),
      dy: random.between(-0.4, 0.4),
      radius: random.between(0.12, 0.24),
    })),
  };
}

export function clouds(random: SceneRandom, mood: DayMood, nightSky: readonly [string, string, string], horizon: number): Cloud[] {
  const count = random.pick([0, 1, 1, 2, 2, 3, 4]);
  const night = mix(nightSky[1], '#8089ab', 0.4);
  return Array.from({ length: count }, () => {
    const halfWidth = random.between(0.07, 0.16);
    const baseHeight = halfWidth * random.between(0.3, 0.42);
    const puffs = Array.from({ length: random.integer(2, 4) }, () => {
      const dx = random.between(-0.65, 0.65) * halfWidth;
      const radius = halfWidth * (0.32 + 0.3 * (1 - Math.abs(dx) / halfWidth)) * random.between(0.85, 1.15);
      return { dx, dy: -radius - random.between(0, 0.3) * baseHeight, radius };
    });
    return {
      x: random.between(0.02, 0.98),
      baseY: random.between(0.12, Math.max(0.16, horizon * 0.62)),
      puffs,
      halfWidth,
      baseHeight,
      colour: { day: vary(random, mood.cloud), night },
      shade: { day: mood.cloudShade, night: scale(night, 0.72) },
    };
  });
}

export function stars(random: SceneRandom, horizon: number): Star[] {
  return Array.from({ length: random.integer(30, 70) }, () => ({
    x: random.between(0, 1),
    y: random.between(0, horizon - 0.03),
    radius: random.between(0.002, 0.006),
    brightness: random.between(0.35, 1),
  }));
}

/** Ripples scattered over the water, longer near the viewer, and glints gathered under the light. */
export function ripples(random: SceneRandom, horizon: number, light: SkyLight): Ripple[] {
  const depth = 1 - horizon;
  const scattered = Array.from({ length: random.integer(7, 13) }, (): Ripple => {
    const nearness = random.between(0.06, 0.95);
    return { x: random.between(0.03, 0.97), y: horizon + depth * nearness, length: 0.03 + 0.09 * nearness, glint: false };
  });
  const glints = Array.from({ length: random.integer(6, 10) }, (): Ripple => {
    const nearness = random.between(0.02, 0.6);
    return { x: light.x + random.between(-1, 1) * (0.015 + 0.06 * nearness), y: horizon + depth * nearness, length: 0.012 + 0.05 * nearness, glint: true };
  });
  return [...scattered, ...glints];
}

interface TreeStyle {
  readonly season: Season;
  readonly nightHorizon: string;
  /** Chance that a tree is a pine rather than a broadleaf. */
  readonly pineShare: number;
}

function tree(random: SceneRandom, style: TreeStyle, at: Point, height: number, stand: Tree['stand'], haze: number): Tree {
  const kind = random.chance(style.pineShare) ? 'pine' : 'round';
  const leaves = vary(random, random.pick(kind === 'pine' ? style.season.pines : style.season.broadleaves));
  return {
    kind,
    x: at[0],
    y: at[1],
    height,
    spread: kind === 'pine' ? random.between(0.38, 0.55) : random.between(0.6, 0.85),
    leaves: { day: mix(leaves, '#9fb4c8', haze), night: nightOf(leaves, style.nightHorizon, haze * 0.6) },
    trunk: { day: mix(style.season.trunk, '#9fb4c8', haze), night: nightOf(style.season.trunk, style.nightHorizon, haze * 0.6) },
    stand,
  };
}

/** A row of small trees on the far shore or the far edge of the meadow. */
export function horizonTrees(random: SceneRandom, style: TreeStyle, horizon: number): Tree[] {
  const centre = random.between(0.1, 0.9);
  const width = random.between(0.08, 0.3);
  return Array.from({ length: random.integer(3, 9) }, () =>
    tree(random, style, [centre + random.between(-width, width), horizon + 0.003], random.between(0.022, 0.05), 'horizon', 0.35),
  ).sort((a, b) => a.x - b.x);
}

/** Trees across the meadow between the horizon and `nearest`, larger as they come closer. */
export function groundTrees(random: SceneRandom, style: TreeStyle, horizon: number, nearest: number): Tree[] {
  return Array.from({ length: random.integer(0, 5) }, () => {
    const y = random.between(horizon + 0.02, nearest);
    const nearness = (y - horizon) / (1 - horizon);
    return tree(random, style, [random.between(0.03, 0.97), y], 0.05 + 0.3 * nearness * random.between(0.8, 1.2), 'ground', 0.25 * (1 - nearness));
  }).sort((a, b) => a.y - b.y);
}

/** Large trees on the near bank or field, standing on its contour where it is within the picture. */
export function foregroundTrees(random: SceneRandom, style: TreeStyle, contour: readonly Point[], count: number): Tree[] {
  const standable = contour.filter(([x, y]) => y < 0.96 && x > 0.02 && x < 0.98);
  if (standable.length === 0) return [];
  return Array.from({ length: count }, () => {
    const x = random.between(standable[0]![0], standable.at(-1)![0]);
    return tree(random, style, [x, contourAt(contour, x) + 0.01], random.between(0.16, 0.34), 'foreground', 0);
  }).sort((a, b) => a.y - b.y);
}
