/** Export sizes: presets and custom boxes, resized with lanczos3 (up as well as down). */
import type { ResizeOptions } from 'sharp';
import type { ExportFit, ExportSize, SizePreset } from '../../preload/contract';

export interface SizePresetInfo {
  readonly preset: SizePreset;
  readonly label: string;
  readonly width: number;
  readonly height: number | null;
  readonly fit: ExportFit;
}

export const sizePresets: readonly SizePresetInfo[] = [
  { preset: 'long-512', label: 'Long edge 512 px', width: 512, height: 512, fit: 'inside' },
  { preset: 'long-1024', label: 'Long edge 1024 px', width: 1024, height: 1024, fit: 'inside' },
  { preset: 'long-2048', label: 'Long edge 2048 px', width: 2048, height: 2048, fit: 'inside' },
  { preset: 'long-4096', label: 'Long edge 4096 px', width: 4096, height: 4096, fit: 'inside' },
  { preset: 'instagram-square', label: 'Instagram square 1080 × 1080', width: 1080, height: 1080, fit: 'cover' },
  { preset: 'instagram-portrait', label: 'Instagram portrait 1080 × 1350', width: 1080, height: 1350, fit: 'cover' },
  { preset: 'instagram-story', label: 'Instagram story 1080 × 1920', width: 1080, height: 1920, fit: 'cover' },
];

const transparent = { r: 0, g: 0, b: 0, alpha: 0 };
const white = { r: 255, g: 255, b: 255, alpha: 1 };

/** sharp's resize for a size, or null to keep the original; `opaque` formats pad `contain` with white. */
export function resizeFor(size: ExportSize | undefined, opaque: boolean): ResizeOptions | null {
  if (size === undefined || size === 'original') return null;
  const box = typeof size === 'string' ? sizePresets.find((preset) => preset.preset === size)! : { width: size.width, height: size.height ?? null, fit: size.fit ?? (size.height === undefined ? 'inside' : 'cover') };
  return {
    width: box.width,
    ...(box.height !== null && { height: box.height }),
    fit: box.fit,
    kernel: 'lanczos3',
    withoutEnlargement: false,
    position: 'centre',
    background: opaque ? white : transparent,
  };
}

/** "original", "long-1024" or "640x480 cover", for the export history. */
export function describeSize(size: ExportSize | undefined): string {
  if (size === undefined || typeof size === 'string') return size ?? 'original';
  return `${size.width}x${size.height ?? 'auto'} ${size.fit ?? (size.height === undefined ? 'inside' : 'cover')}`;
}
