/**
 * At what size an image is translated. `fit` stretches it to the model's
 * square and the result back to the image's shape: right for drawings and
 * small images, which then translate as the model saw its training data.
 * `tile` translates at the image's own size (or `workingSize` on the longer
 * side) in overlapping squares of the model's size, so a large photo keeps
 * its detail; `auto` tiles an image more than 1.5 times the model's size.
 *
 * A tiled image's instance-norm statistics come from one pass over the image
 * itself when it is small enough to go through whole, otherwise over a copy
 * scaled down to fit, with sides rounded to what the network takes whole.
 */
import type { Tiling } from '../../preload/contract';

export interface WorkingSize {
  readonly mode: 'fit' | 'tile';
  /** What the engine translates. */
  readonly width: number;
  readonly height: number;
  /** Tile only: pixels neighbouring tiles share. */
  readonly overlap: number;
  /** Tile only: the size of the image the statistics are taken from. */
  readonly statistics: { readonly width: number; readonly height: number } | null;
}

export interface ModelSize {
  readonly resolution: number;
  /** Sides the generator takes whole are multiples of this. */
  readonly sizeMultiple: number;
}

export interface TilingSettings {
  readonly tiling?: Tiling | undefined;
  readonly overlap?: number | undefined;
  readonly workingSize?: number | undefined;
}

/** Images more than this many times the model's size are tiled under `auto`. */
const autoTileAbove = 1.5;
/** Unless asked, a huge photo is tiled at most this long: beyond it a tile sees less than a model learns from. */
const defaultLongestSide = 4096;

export function workingSizeOf(image: { readonly width: number; readonly height: number }, model: ModelSize, settings: TilingSettings): WorkingSize {
  const { resolution } = model;
  const tiling = settings.tiling ?? 'auto';
  const tile = tiling === 'tile' || (tiling === 'auto' && Math.max(image.width, image.height) > autoTileAbove * resolution);
  if (!tile) return { mode: 'fit', width: resolution, height: resolution, overlap: 0, statistics: null };
  const longest = Math.max(image.width, image.height);
  const target = settings.workingSize ?? Math.min(longest, defaultLongestSide);
  const scale = target / longest;
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const overlap = Math.min(settings.overlap ?? Math.round(resolution / 4), resolution - 1);
  return { mode: 'tile', width, height, overlap, statistics: statisticsSize(width, height, model) };
}

/**
 * The image itself when it fits the budget and the network takes it whole;
 * otherwise the nearest smaller size that does (each side at least one multiple).
 */
function statisticsSize(width: number, height: number, { resolution, sizeMultiple }: ModelSize): { width: number; height: number } {
  const budget = Math.max(4 * resolution * resolution, 512 * 512);
  if (width * height <= budget && width % sizeMultiple === 0 && height % sizeMultiple === 0) return { width, height };
  const scale = Math.min(1, Math.sqrt(budget / (width * height)));
  const round = (side: number) => Math.max(sizeMultiple, Math.round((side * scale) / sizeMultiple) * sizeMultiple);
  return { width: round(width), height: round(height) };
}
