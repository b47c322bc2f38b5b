/** What contact sheets and sprite sheets share: images fitted into cells, and the sheet encoded with its provenance. */
import sharp, { type Sharp } from 'sharp';
import type { ExportFormat } from '../../preload/contract';
import { sheetRecord, xmpPacket, type SheetRecord, type XmpFacts } from './embedded-provenance';
import { withProvenance } from './encode-image';
import { encodeAs, jpegSegmentLimit } from './formats';
import type { ExportItem } from './selection';

export interface Tile {
  readonly png: Buffer;
  readonly width: number;
  readonly height: number;
}

/** The image scaled (with lanczos3, up or down) to fit inside width × height, aspect kept, in sRGB. */
export async function fittedTile(path: string, width: number, height: number): Promise<Tile> {
  const { data, info } = await sharp(path)
    .rotate()
    .resize(width, height, { fit: 'inside', kernel: 'lanczos3', withoutEnlargement: false })
    .toColourspace('srgb')
    .png({ compressionLevel: 1 })
    .toBuffer({ resolveWithObject: true });
  return { png: data, width: info.width, height: info.height };
}

export interface SheetEncoding {
  readonly format: ExportFormat;
  readonly quality?: number | undefined;
  /** Lossless WebP: a sprite's edges and alpha must survive. */
  readonly lossless?: boolean;
}

/** The sheet in sRGB with an sRGB profile, and the list of what is in it as its provenance. */
export async function encodeSheet(sheet: Sharp, kind: SheetRecord['sheet'], items: readonly ExportItem[], encoding: SheetEncoding): Promise<Buffer> {
  const label = kind === 'contact-sheet' ? 'Contact sheet' : 'Sprite sheet';
  const facts: XmpFacts = {
    description: `${label} of ${items.length} images from Latent Studio (outputs ${items.map((item) => item.outputId).join(', ')})`.slice(0, 2000),
    createdAt: Date.now(),
    properties: { sheet: kind, count: items.length },
  };
  const flattened = encoding.format === 'jpeg' ? sheet.flatten({ background: '#ffffff' }) : sheet;
  const tagged = withProvenance(flattened.toColourspace('srgb').withIccProfile('srgb'), encoding.format, fittingRecord(kind, items, encoding.format, facts), facts, label);
  const encoded = encoding.lossless && encoding.format === 'webp' ? tagged.webp({ lossless: true }) : encodeAs(tagged, encoding.format, encoding.quality);
  return encoded.toBuffer();
}

/** Every image's provenance, or — where JPEG's 64 KiB cannot hold it — which outputs they are, which the project can look up. */
function fittingRecord(kind: SheetRecord['sheet'], items: readonly ExportItem[], format: ExportFormat, facts: XmpFacts): SheetRecord {
  const full = sheetRecord(kind, items);
  if (format !== 'jpeg' || Buffer.byteLength(xmpPacket(full, facts)) <= jpegSegmentLimit) return full;
  return { ...full, images: full.images.map(({ outputId, blobHash }) => ({ outputId, blobHash, provenance: {} })) };
}
