/**
 * The colours a scene may take: a time of day for the sky and light, a season
 * for the land, and a night sky. Few enough that a small model can learn
 * them, varied enough that it must look at the sketch to know what goes where.
 */
import { desaturate, mix, scale, shiftWarmth } from './colour';
import type { SceneRandom } from './scene-random';
import type { Tint } from './scene';

export interface DayMood {
  readonly name: string;
  readonly sky: readonly [string, string, string];
  readonly sun: string;
  readonly glow: string;
  readonly cloud: string;
  readonly cloudShade: string;
  /** How high the sun stands, as a fraction of the sky above the horizon (0 at the horizon). */
  readonly sunAltitude: readonly [number, number];
  /** How much distant land fades into the horizon colour. */
  readonly haze: number;
  /** Warmth the light gives the land: positive reddens, negative cools. */
  readonly warmth: number;
}

export const dayMoods: readonly DayMood[] = [
  { name: 'noon', sky: ['#2f6fcf', '#6aa6e8', '#cfe8f7'], sun: '#fffbe8', glow: '#fff6cc', cloud: '#ffffff', cloudShade: '#c9d6e6', sunAltitude: [0.6, 0.85], haze: 0.45, warmth: 0 },
  { name: 'morning', sky: ['#5d93d6', '#a9c9e8', '#fde3c0'], sun: '#fff1c4', glow: '#ffe6a8', cloud: '#fffaf2', cloudShade: '#d8cfd6', sunAltitude: [0.35, 0.6], haze: 0.5, warmth: 0.04 },
  { name: 'golden hour', sky: ['#4d6fb8', '#d9a98c', '#ffc677'], sun: '#ffe08a', glow: '#ffc26b', cloud: '#ffe7cc', cloudShade: '#c99a8f', sunAltitude: [0.2, 0.4], haze: 0.5, warmth: 0.12 },
  { name: 'sunset', sky: ['#3c3f8f', '#c46b82', '#ff9a5c'], sun: '#ffd27a', glow: '#ff9f5a', cloud: '#ffc3a8', cloudShade: '#9c6a86', sunAltitude: [0.08, 0.25], haze: 0.55, warmth: 0.2 },
  { name: 'hazy', sky: ['#7fa6c4', '#b4cad8', '#e9eef0'], sun: '#fffdf4', glow: '#ffffff', cloud: '#f6f8fa', cloudShade: '#c3ccd6', sunAltitude: [0.45, 0.8], haze: 0.65, warmth: -0.02 },
];

export interface Season {
  readonly name: string;
  readonly mountains: readonly string[];
  readonly hills: readonly string[];
  readonly meadow: string;
  readonly field: string;
  readonly broadleaves: readonly string[];
  readonly pines: readonly string[];
  readonly trunk: string;
}

export const seasons: readonly Season[] = [
  {
    name: 'summer',
    mountains: ['#5f7391', '#6d7a8f', '#58708a'],
    hills: ['#5f9150', '#4f8045', '#6d9c55', '#3f7440'],
    meadow: '#7fae5c',
    field: '#4f8a3c',
    broadleaves: ['#2f6b35', '#3d7a3a', '#4a8a3c'],
    pines: ['#24583a', '#1f4d34'],
    trunk: '#5a4030',
  },
  {
    name: 'autumn',
    mountains: ['#6f6d86', '#7a7288', '#66708a'],
    hills: ['#b0843f', '#9a6a38', '#a8913f', '#7f6a3a'],
    meadow: '#b9a15f',
    field: '#8d6b35',
    broadleaves: ['#c0602a', '#d08a30', '#a8462a', '#c9a13a'],
    pines: ['#2f5a3a', '#34503a'],
    trunk: '#4a3426',
  },
  {
    name: 'spring',
    mountains: ['#6a80a0', '#7489a3', '#62809c'],
    hills: ['#86bf63', '#6fae57', '#98c96c', '#5d9e4e'],
    meadow: '#a3d07a',
    field: '#6aac50',
    broadleaves: ['#5aa050', '#79bd5c', '#e7a3bd', '#f0c6d4'],
    pines: ['#2f6b40', '#2a6038'],
    trunk: '#6a4a36',
  },
];

export const snowColour = '#f4f7fb';

/** Night skies: zenith, middle and horizon. */
export const nightSkies: readonly (readonly [string, string, string])[] = [
  ['#050a1c', '#0f1a3a', '#2a3a62'],
  ['#0a0820', '#1d1840', '#3d3568'],
  ['#03111a', '#0b2634', '#21495a'],
];

export const moonColour = '#f3f0dc';
export const moonGlow = '#b9c6ee';
export const moonMark = '#d6d2bf';

/**
 * The night colour of something lit by day in `day`: darker, greyer and bluer,
 * and (for distant things, `haze` toward 1) sunk into the night horizon.
 */
export function nightOf(day: string, nightHorizon: string, haze: number): string {
  return mix(scale(desaturate(mix(day, '#1a2a55', 0.35), 0.45), 0.32), nightHorizon, haze);
}

/** A land colour as the mood's light and the distance make it by day, with its night counterpart. */
export function landTint(base: string, mood: DayMood, nightHorizon: string, distance: number): Tint {
  const lit = shiftWarmth(base, mood.warmth);
  return {
    day: mix(lit, mood.sky[2], mood.haze * distance),
    night: nightOf(lit, nightHorizon, 0.3 * distance),
  };
}

/** One of a palette's colours, nudged a little so that no two scenes share every shade. */
export function vary(random: SceneRandom, colour: string): string {
  return scale(colour, random.between(0.92, 1.08));
}
