/**
 * A landscape as pure data: everything the day, night and sketch renderings
 * draw, and nothing about how. Because all three read the same description,
 * an outline in the sketch lies exactly where the day and night images change
 * colour, which is what a paired dataset needs.
 *
 * Coordinates are fractions of the image: x of its width, y of its height
 * (0 at the top). Sizes of round things (sun, moon, cloud puffs, trees) are
 * fractions of the height, so they stay round in a wide image.
 */

/** A colour for each time of day, as #rrggbb. */
export interface Tint {
  readonly day: string;
  readonly night: string;
}

export type TimeOfDay = 'day' | 'night';

export type Point = readonly [x: number, y: number];

export interface Sky {
  /** Zenith to horizon, three stops each. */
  readonly day: readonly [string, string, string];
  readonly night: readonly [string, string, string];
}

/** The sun by day and the moon by night, in the same place and size. */
export interface SkyLight {
  readonly x: number;
  readonly y: number;
  readonly radius: number;
  readonly colour: Tint;
  /** The halo around it, drawn fading to transparent. */
  readonly glow: Tint;
  /** Darker patches on the moon, offsets and radii in units of its radius. */
  readonly moonMarks: readonly Puff[];
}

/** A circle placed by an offset from its owner's anchor, offset and radius in units of the image height. */
export interface Puff {
  readonly dx: number;
  readonly dy: number;
  readonly radius: number;
}

export interface Cloud {
  /** Where the middle of its flat base sits. */
  readonly x: number;
  readonly baseY: number;
  /** Overlapping circles whose union, with a rounded base bar, is the cloud. */
  readonly puffs: readonly Puff[];
  /** Half the length of the base bar, and its height, in units of the image height. */
  readonly halfWidth: number;
  readonly baseHeight: number;
  readonly colour: Tint;
  readonly shade: Tint;
}

export interface Ridge {
  readonly kind: 'mountains' | 'hills';
  /** Left to right, from just outside x = 0 to just outside x = 1; the shape is closed down to the horizon. */
  readonly contour: readonly Point[];
  readonly colour: Tint;
  /** Snow above a ragged line, when the peaks reach it. */
  readonly snow: { readonly line: readonly Point[]; readonly colour: Tint } | null;
}

/** What lies between the horizon and the bottom edge. */
export interface Ground {
  readonly kind: 'water' | 'meadow';
  readonly colour: Tint;
  /** The colour it deepens to at the bottom edge. */
  readonly nearColour: Tint;
}

/** Near land that rises from the bottom edge: a bank by the water or a rolling field. */
export interface Foreground {
  /** Left to right; the shape is closed down past the bottom edge. */
  readonly contour: readonly Point[];
  readonly colour: Tint;
  readonly nearColour: Tint;
}

/** A short horizontal stroke on the water; glints are the bright ones under the sun or moon. */
export interface Ripple {
  readonly x: number;
  readonly y: number;
  readonly length: number;
  readonly glint: boolean;
}

export interface Tree {
  readonly kind: 'pine' | 'round';
  /** Where the trunk meets the ground. */
  readonly x: number;
  readonly y: number;
  /** Ground to top, as a fraction of the image height. */
  readonly height: number;
  /** Widest part over height. */
  readonly spread: number;
  readonly leaves: Tint;
  readonly trunk: Tint;
  /**
   * What it stands on, which says when it is drawn: on the horizon (mirrored in
   * water), on the ground between the horizon and the foreground, or on the foreground.
   */
  readonly stand: 'horizon' | 'ground' | 'foreground';
}

export interface Star {
  readonly x: number;
  readonly y: number;
  readonly radius: number;
  readonly brightness: number;
}

export interface Scene {
  readonly seed: number;
  /** The water line or the foot of the hills. */
  readonly horizon: number;
  readonly sky: Sky;
  readonly light: SkyLight;
  readonly clouds: readonly Cloud[];
  /** Far to near. */
  readonly ridges: readonly Ridge[];
  readonly ground: Ground;
  readonly ripples: readonly Ripple[];
  readonly foreground: Foreground | null;
  /** Far to near, in drawing order. */
  readonly trees: readonly Tree[];
  /** Drawn at night only: an artist would not draw them, and by day they cannot be seen. */
  readonly stars: readonly Star[];
}

/** An image size in pixels. */
export interface SceneSize {
  readonly width: number;
  readonly height: number;
}
