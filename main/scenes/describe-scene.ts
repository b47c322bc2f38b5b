/**
 * `describeScene(seed)`: the landscape a seed names, as data. Everything is
 * drawn from one seeded generator in a fixed order, so the same seed gives the
 * same scene on every machine, at every size.
 */
import { mix, scale } from './colour';
import { bankContour, fieldContour, hillContour, mountainContour, snowLine } from './contours';
import { dayMoods, landTint, nightSkies, seasons, snowColour, vary, type DayMood, type Season } from './palettes';
import { clouds, foregroundTrees, groundTrees, horizonTrees, ripples, skyLight, stars } from './scene-parts';
import { SceneRandom } from './scene-random';
import type { Foreground, Ground, Ridge, Scene, Sky, Tree } from './scene';

/** Seeds are 32-bit: the generator's seed is one word, and larger numbers would repeat smaller ones. */
export const maxSceneSeed = 0xffffffff;

export function describeScene(seed: number): Scene {
  if (!Number.isInteger(seed) || seed < 0 || seed > maxSceneSeed) throw new RangeError(`seed must be a whole number from 0 to ${maxSceneSeed}, got ${seed}`);
  const random = new SceneRandom(seed);
  const mood = random.pick(dayMoods);
  const season = random.pick(seasons);
  const nightSky = random.pick(nightSkies);
  const horizon = random.between(0.56, 0.72);
  const water = random.chance(0.7);
  const treeStyle = { season, nightHorizon: nightSky[2], pineShare: random.between(0, 1) };

  const sky: Sky = { day: [vary(random, mood.sky[0]), vary(random, mood.sky[1]), mood.sky[2]], night: nightSky };
  const light = skyLight(random, mood, horizon);
  const cloudList = clouds(random, mood, nightSky, horizon);
  const ridgeList = ridges(random, mood, season, nightSky[2], horizon);
  const onHorizon = random.chance(water ? 0.5 : 0.6) ? horizonTrees(random, treeStyle, horizon) : [];

  let foreground: Foreground | null = null;
  let nearTrees: Tree[] = [];
  if (water ? random.chance(0.7) : random.chance(0.8)) {
    const contour = water
      ? bankContour(random, random.pick(['left', 'right'] as const), random.between(0.76, 0.88), random.between(0.28, 0.55))
      : fieldContour(random, random.between(0.8, 0.9));
    const tint = landTint(vary(random, season.field), mood, nightSky[2], 0);
    foreground = { contour, colour: tint, nearColour: { day: scale(tint.day, 0.82), night: scale(tint.night, 0.8) } };
    nearTrees = foregroundTrees(random, treeStyle, contour, random.integer(water ? 1 : 0, 3));
  }
  const meadowTrees = water ? [] : groundTrees(random, treeStyle, horizon, foreground ? Math.min(...foreground.contour.map(([, y]) => y)) - 0.02 : 0.95);

  return {
    seed,
    horizon,
    sky,
    light,
    clouds: cloudList,
    ridges: ridgeList,
    ground: water ? waterGround(mood, nightSky) : meadowGround(random, mood, season, nightSky[2]),
    ripples: water ? ripples(random, horizon, light) : [],
    foreground,
    trees: [...onHorizon, ...meadowTrees, ...nearTrees],
    stars: stars(random, horizon),
  };
}

/** Two to four ranges, far to near: the far ones taller, hazier and more often mountains. */
function ridges(random: SceneRandom, mood: DayMood, season: Season, nightHorizon: string, horizon: number): Ridge[] {
  const count = random.integer(2, 4);
  const tallest = horizon * random.between(0.4, 0.72);
  return Array.from({ length: count }, (_, index): Ridge => {
    const distance = count === 1 ? 0 : 1 - index / (count - 1);
    const kind = index === 0 ? (random.chance(0.75) ? 'mountains' : 'hills') : index < count - 1 && random.chance(0.3) ? 'mountains' : 'hills';
    const height = tallest * (1 - 0.7 * (index / count)) * random.between(0.85, 1.05) * (kind === 'hills' ? 0.6 : 1);
    const contour = kind === 'mountains' ? mountainContour(random, horizon, height) : hillContour(random, horizon, height);
    const base = vary(random, random.pick(kind === 'mountains' ? season.mountains : season.hills));
    const colour = landTint(base, mood, nightHorizon, 0.15 + 0.85 * distance);
    const snowy = kind === 'mountains' && index <= 1 && height > 0.18 && random.chance(0.55);
    return {
      kind,
      contour,
      colour,
      snow: snowy ? { line: snowLine(random, horizon - height * random.between(0.6, 0.78), height * 0.08), colour: { day: mix(snowColour, mood.sky[2], 0.25 * distance), night: mix(colour.night, '#c4cce6', 0.3) } } : null,
    };
  });
}

function waterGround(mood: DayMood, nightSky: readonly [string, string, string]): Ground {
  const day = mix(mood.sky[1], '#1d5470', 0.5);
  const night = mix(nightSky[2], '#02060f', 0.45);
  return { kind: 'water', colour: { day, night }, nearColour: { day: scale(day, 0.7), night: scale(night, 0.55) } };
}

function meadowGround(random: SceneRandom, mood: DayMood, season: Season, nightHorizon: string): Ground {
  return {
    kind: 'meadow',
    colour: landTint(vary(random, season.meadow), mood, nightHorizon, 0.35),
    nearColour: landTint(season.meadow, mood, nightHorizon, 0),
  };
}
