/**
 * A sprite sheet: the selection packed in a grid of equal cells on a
 * transparent sheet, and beside it a JSON atlas in TexturePacker's "JSON
 * (Hash)" format — which Phaser, PixiJS and most engines load — naming each
 * frame and the output it came from. Each image is fitted (aspect kept) at
 * its cell's top-left corner; its frame is the rectangle it fills.
 */
import { rmSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import sharp, { type OverlayOptions } from 'sharp';
import packageJson from '../../package.json' with { type: 'json' };
import { StudioError, type SpriteFrame, type SpriteSheetReport, type SpriteSheetRequest } from '../../preload/contract';
import type { Jobs } from '../jobs/jobs';
import { mapInOrder } from '../jobs/ordered-map';
import type { Library } from '../library/library';
import { appName } from './embedded-provenance';
import { prepareFolder, writeCompleteFile } from './files';
import { recordExport } from './history';
import { blobPathOf } from './images';
import { selectOutputs, type ExportItem } from './selection';
import { layOutGrid } from './sheet-grid';
import { sheetPaths } from './sheet-file';
import { encodeSheet, fittedTile } from './sheet-image';
import { defaultTemplate, Template, uniqueNames } from './template';

export async function makeSpriteSheet(library: Library, jobs: Jobs, request: SpriteSheetRequest): Promise<SpriteSheetReport> {
  const { items, collection } = selectOutputs(library.db, request.selection);
  const template = new Template(request.template ?? defaultTemplate, 'template');
  const names = uniqueNames(items.map((item, index) => `${template.fileStem({ item, index, count: items.length, collection })}.png`));
  const cell = request.cellSize ?? (await largestSide(library, items));
  const padding = request.padding ?? 0;
  const grid = layOutGrid({ count: items.length, columns: request.columns, cellWidth: cell, cellHeight: cell, gap: padding, margin: padding });
  const paths = sheetPaths(request.path, ['.json'], request.conflict ?? 'ask');
  const sheetPath = paths[0]!;
  const atlasPath = paths[1]!;
  prepareFolder(dirname(sheetPath));

  return jobs.run(
    'export',
    `Sprite sheet of ${items.length} images`,
    async (job) => {
      const started = performance.now();
      job.update(0, items.length + 1, 'Fitting the images into their cells');
      const layers: OverlayOptions[] = [];
      const frames: SpriteFrame[] = [];
      await mapInOrder(
        items.map((item, index) => ({ item, index })),
        4,
        ({ item }) => fittedTile(blobPathOf(library, item), cell, cell),
        (tile, { item, index }) => {
          const { x, y } = grid.cells[index]!;
          layers.push({ input: tile.png, left: x, top: y });
          frames.push({ name: names[index]!, outputId: item.outputId, x, y, w: tile.width, h: tile.height });
          job.update(index + 1, items.length + 1, `Image ${index + 1} of ${items.length}`);
        },
        job.signal,
      );
      if (job.signal.aborted) throw new StudioError('CANCELLED', 'The sprite sheet was cancelled; nothing was written');
      job.update(items.length, items.length + 1, 'Encoding the sheet');
      const canvas = sharp({ create: { width: grid.width, height: grid.height, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).composite(layers);
      const bytes = await encodeSheet(canvas, 'sprite-sheet', items, { format: request.format, lossless: true });
      const atlas = Buffer.from(`${JSON.stringify(atlasOf(frames, basename(sheetPath), grid.width, grid.height), null, 2)}\n`);
      const overwrite = request.conflict === 'overwrite';
      writeCompleteFile(sheetPath, bytes, overwrite);
      try {
        writeCompleteFile(atlasPath, atlas, overwrite);
      } catch (error) {
        // A sheet without its atlas is no use to an engine: neither is left.
        rmSync(sheetPath, { force: true });
        throw error;
      }
      const exportId = recordExport(library.db, {
        kind: 'sprite-sheet',
        destination: sheetPath,
        format: request.format,
        count: items.length,
        settings: { atlas: atlasPath, columns: grid.columns, cellSize: cell, padding, template: request.template ?? defaultTemplate, selection: request.selection },
      });
      return {
        exportId,
        path: sheetPath,
        atlasPath,
        width: grid.width,
        height: grid.height,
        columns: grid.columns,
        rows: grid.rows,
        count: items.length,
        bytes: bytes.length + atlas.length,
        seconds: (performance.now() - started) / 1000,
        frames,
      };
    },
    (report) => `${report.width} × ${report.height} px, ${report.frames.length} frames`,
    request.jobId,
  );
}

/** TexturePacker's JSON (Hash): frames by name, each with its rectangle; meta names the image and its size. */
export function atlasOf(frames: readonly SpriteFrame[], image: string, width: number, height: number): Record<string, unknown> {
  return {
    frames: Object.fromEntries(
      frames.map((frame) => [
        frame.name,
        {
          frame: { x: frame.x, y: frame.y, w: frame.w, h: frame.h },
          rotated: false,
          trimmed: false,
          spriteSourceSize: { x: 0, y: 0, w: frame.w, h: frame.h },
          sourceSize: { w: frame.w, h: frame.h },
          outputId: frame.outputId,
        },
      ]),
    ),
    meta: { app: appName, version: packageJson.version, image, format: 'RGBA8888', size: { w: width, h: height }, scale: '1' },
  };
}

/** The cell size that shows every image at its own size: the longest side among them. */
async function largestSide(library: Library, items: readonly ExportItem[]): Promise<number> {
  let largest = 0;
  for (const item of items) {
    const known = Math.max(item.width, item.height);
    if (known > 0) largest = Math.max(largest, known);
    else {
      const { width = 0, height = 0 } = await sharp(blobPathOf(library, item)).metadata();
      largest = Math.max(largest, width, height);
    }
  }
  return largest;
}
