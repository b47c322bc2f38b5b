/**
 * The still-image formats the studio exports, and how each is encoded.
 * Every one of them holds XMP (sharp writes it for PNG, JPEG, WebP, AVIF and
 * TIFF); all but TIFF hold EXIF too, where a copy goes as a fallback.
 */
import type { Sharp } from 'sharp';
import type { ExportFormat, ExportFormatInfo } from '../../preload/contract';

export const exportFormats: readonly ExportFormatInfo[] = [
  { format: 'png', label: 'PNG', extension: 'png', lossy: false, defaultQuality: null, metadata: ['xmp', 'exif'] },
  { format: 'jpeg', label: 'JPEG', extension: 'jpg', lossy: true, defaultQuality: 90, metadata: ['xmp', 'exif'] },
  { format: 'webp', label: 'WebP', extension: 'webp', lossy: true, defaultQuality: 90, metadata: ['xmp', 'exif'] },
  { format: 'avif', label: 'AVIF', extension: 'avif', lossy: true, defaultQuality: 60, metadata: ['xmp', 'exif'] },
  { format: 'tiff', label: 'TIFF', extension: 'tif', lossy: false, defaultQuality: null, metadata: ['xmp'] },
];

export function formatInfo(format: ExportFormat): ExportFormatInfo {
  return exportFormats.find((info) => info.format === format)!;
}

/** JPEG keeps XMP and EXIF in APP1 segments of at most 64 KiB each; libvips silently drops a larger one. */
export const jpegSegmentLimit = 65_000;

/** Applies the format's encoder: lossless ones at their best compression, lossy ones at `quality`. */
export function encodeAs(image: Sharp, format: ExportFormat, quality: number | undefined): Sharp {
  const chosen = quality ?? formatInfo(format).defaultQuality ?? undefined;
  switch (format) {
    case 'png':
      return image.png({ compressionLevel: 9, adaptiveFiltering: true });
    case 'jpeg':
      // No chroma subsampling at high quality: GAN images are small and detailed.
      return image.jpeg({ quality: chosen, mozjpeg: true, chromaSubsampling: (chosen ?? 90) >= 90 ? '4:4:4' : '4:2:0' });
    case 'webp':
      return image.webp({ quality: chosen, effort: 5 });
    case 'avif':
      return image.avif({ quality: chosen, effort: 4 });
    case 'tiff':
      return image.tiff({ compression: 'lzw', predictor: 'horizontal' });
  }
}
