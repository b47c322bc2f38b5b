/** The geometry shared by contact sheets and sprite sheets: cells in rows, left to right, top to bottom. */
import { StudioError } from '../../preload/contract';

export interface GridSpec {
  readonly count: number;
  readonly columns?: number | undefined;
  readonly cellWidth: number;
  readonly cellHeight: number;
  /** Between cells. */
  readonly gap: number;
  /** Around the whole grid. */
  readonly margin: number;
}

export interface Grid {
  readonly columns: number;
  readonly rows: number;
  readonly width: number;
  readonly height: number;
  /** Top-left corner of each cell. */
  readonly cells: readonly { readonly x: number; readonly y: number }[];
}

/** WebP's limit, which is also as large as a sheet can be and still open in most viewers. */
export const largestSheetSide = 16_383;

export function layOutGrid(spec: GridSpec): Grid {
  const columns = Math.min(spec.count, spec.columns ?? Math.ceil(Math.sqrt(spec.count)));
  const rows = Math.ceil(spec.count / columns);
  const width = 2 * spec.margin + columns * spec.cellWidth + (columns - 1) * spec.gap;
  const height = 2 * spec.margin + rows * spec.cellHeight + (rows - 1) * spec.gap;
  if (width > largestSheetSide || height > largestSheetSide) {
    throw new StudioError('INVALID_ARGUMENT', `A sheet of ${columns} × ${rows} cells would be ${width} × ${height} px, over the ${largestSheetSide} px a sheet can be; use fewer columns, smaller cells or fewer images`);
  }
  const cells = Array.from({ length: spec.count }, (_, index) => ({
    x: spec.margin + (index % columns) * (spec.cellWidth + spec.gap),
    y: spec.margin + Math.floor(index / columns) * (spec.cellHeight + spec.gap),
  }));
  return { columns, rows, width, height, cells };
}
