/**
 * A contact sheet: the selection in a grid on white, each image fitted into
 * its square cell with an optional caption beneath, drawn by sharp's text
 * input (Pango, with the system's fonts: nothing is fetched). A job; a
 * cancelled sheet writes nothing.
 */
import { dirname } from 'node:path';
import sharp, { type OverlayOptions } from 'sharp';
import { StudioError, type ContactSheetRequest, type SheetReport } from '../../preload/contract';
import type { Jobs } from '../jobs/jobs';
import { mapInOrder } from '../jobs/ordered-map';
import type { Library } from '../library/library';
import { prepareFolder, writeCompleteFile } from './files';
import { recordExport } from './history';
import { blobPathOf } from './images';
import { selectOutputs } from './selection';
import { layOutGrid } from './sheet-grid';
import { sheetPaths } from './sheet-file';
import { encodeSheet, fittedTile } from './sheet-image';
import { CaptionWriter } from './caption';
import { Template } from './template';

export const defaultCellSize = 256;
const background = '#ffffff';

export async function makeContactSheet(library: Library, jobs: Jobs, request: ContactSheetRequest): Promise<SheetReport> {
  const { items, collection } = selectOutputs(library.db, request.selection);
  const captions = request.captions ? new Template(request.captions, 'captions') : null;
  const cell = request.cellSize ?? defaultCellSize;
  const gap = Math.max(4, Math.round(cell / 24));
  const fontPx = Math.min(32, Math.max(10, Math.round(cell / 16)));
  const captionWriter = captions ? await CaptionWriter.create(cell, fontPx) : null;
  const captionHeight = captionWriter ? Math.ceil(gap / 2) + captionWriter.height : 0;
  const grid = layOutGrid({ count: items.length, columns: request.columns, cellWidth: cell, cellHeight: cell + captionHeight, gap, margin: gap * 2 });
  const path = sheetPaths(request.path, [], request.conflict ?? 'ask')[0]!;
  prepareFolder(dirname(path));

  return jobs.run(
    'export',
    `Contact sheet of ${items.length} images`,
    async (job) => {
      const started = performance.now();
      job.update(0, items.length + 1, 'Fitting the images into their cells');
      const layers: OverlayOptions[] = [];
      await mapInOrder(
        items.map((item, index) => ({ item, index })),
        4,
        async ({ item, index }) => ({
          tile: await fittedTile(blobPathOf(library, item), cell, cell),
          caption: captions && captionWriter ? await captionWriter.write(captions.text({ item, index, count: items.length, collection })) : null,
        }),
        ({ tile, caption }, { index }) => {
          const { x, y } = grid.cells[index]!;
          layers.push({ input: tile.png, left: x + Math.floor((cell - tile.width) / 2), top: y + Math.floor((cell - tile.height) / 2) });
          if (caption) layers.push({ input: caption.png, left: x + Math.floor((cell - caption.width) / 2), top: y + cell + Math.ceil(gap / 2) });
          job.update(index + 1, items.length + 1, `Image ${index + 1} of ${items.length}`);
        },
        job.signal,
      );
      if (job.signal.aborted) throw new StudioError('CANCELLED', 'The contact sheet was cancelled; nothing was written');
      job.update(items.length, items.length + 1, 'Encoding the sheet');
      const canvas = sharp({ create: { width: grid.width, height: grid.height, channels: 3, background } }).composite(layers);
      const bytes = await encodeSheet(canvas, 'contact-sheet', items, { format: request.format, quality: request.quality });
      writeCompleteFile(path, bytes, request.conflict === 'overwrite');
      const exportId = recordExport(library.db, {
        kind: 'contact-sheet',
        destination: path,
        format: request.format,
        count: items.length,
        settings: { columns: grid.columns, cellSize: cell, captions: request.captions ?? null, selection: request.selection },
      });
      return { exportId, path, width: grid.width, height: grid.height, columns: grid.columns, rows: grid.rows, count: items.length, bytes: bytes.length, seconds: (performance.now() - started) / 1000 };
    },
    (report) => `${report.width} × ${report.height} px, ${Math.round(report.bytes / 1024)} KiB`,
    request.jobId,
  );
}
