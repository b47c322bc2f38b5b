/**
 * The arithmetic of a virtualised grid of fixed-size cells: which cells a
 * scroll position shows, where they sit, and where keyboard moves land. Pure
 * functions of numbers, so they are unit-tested without a browser and the
 * grid component only renders what they say.
 *
 * Cells are laid out left to right, top to bottom, `cellSize` square with
 * `gap` between them; row r starts at r × (cellSize + gap).
 */

export interface GridGeometry {
  /** Width and height of one cell, in CSS pixels. */
  readonly cellSize: number;
  /** Space between neighbouring cells, in CSS pixels. */
  readonly gap: number;
}

export interface GridViewport {
  readonly width: number;
  readonly height: number;
  readonly scrollTop: number;
}

export interface GridWindow {
  readonly columns: number;
  readonly rowCount: number;
  /** Height of the whole grid, so the scrollbar matches the full item count. */
  readonly totalHeight: number;
  /** The first cell to render. */
  readonly firstIndex: number;
  /** One past the last cell to render. */
  readonly endIndex: number;
  /** Where the first rendered row sits, from the top of the grid. */
  readonly offsetY: number;
}

/** How many cells fit across `width`; always at least one, so a narrow pane still shows something. */
export function columnsFor(width: number, { cellSize, gap }: GridGeometry): number {
  if (!(width > 0)) return 1;
  return Math.max(1, Math.floor((width + gap) / (cellSize + gap)));
}

export function rowPitch({ cellSize, gap }: GridGeometry): number {
  return cellSize + gap;
}

/**
 * The cells to keep in the DOM for this viewport: the rows that intersect it
 * plus `overscanRows` above and below, so a scroll of a few rows shows cells
 * that are already there (and their thumbnails already requested).
 */
export function gridWindow(total: number, viewport: GridViewport, geometry: GridGeometry, overscanRows = 2): GridWindow {
  const columns = columnsFor(viewport.width, geometry);
  const count = Math.max(0, Math.floor(total));
  const rowCount = Math.ceil(count / columns);
  const pitch = rowPitch(geometry);
  const totalHeight = rowCount === 0 ? 0 : rowCount * pitch - geometry.gap;
  if (rowCount === 0) return { columns, rowCount, totalHeight, firstIndex: 0, endIndex: 0, offsetY: 0 };

  // A scroll position past the end (the list just shrank) still shows the last rows.
  const maxScroll = Math.max(0, totalHeight - viewport.height);
  const scrollTop = Math.min(Math.max(0, viewport.scrollTop), maxScroll);
  const firstVisibleRow = Math.min(rowCount - 1, Math.floor(scrollTop / pitch));
  const lastVisibleRow = Math.min(rowCount - 1, Math.floor((scrollTop + Math.max(0, viewport.height)) / pitch));
  const firstRow = Math.max(0, firstVisibleRow - overscanRows);
  const endRow = Math.min(rowCount, lastVisibleRow + 1 + overscanRows);
  return {
    columns,
    rowCount,
    totalHeight,
    firstIndex: firstRow * columns,
    endIndex: Math.min(count, endRow * columns),
    offsetY: firstRow * pitch,
  };
}

/**
 * The scroll position that brings cell `index` fully into view with the least
 * movement: unchanged when it is already visible.
 */
export function scrollToReveal(index: number, columns: number, viewport: GridViewport, geometry: GridGeometry): number {
  const pitch = rowPitch(geometry);
  const top = Math.floor(index / Math.max(1, columns)) * pitch;
  const bottom = top + geometry.cellSize;
  if (top < viewport.scrollTop) return top;
  if (bottom > viewport.scrollTop + viewport.height) return Math.max(0, bottom - viewport.height);
  return viewport.scrollTop;
}

/** Rows that fit in the viewport: how far Page Up and Page Down move. */
export function rowsPerPage(viewportHeight: number, geometry: GridGeometry): number {
  return Math.max(1, Math.floor((viewportHeight + geometry.gap) / rowPitch(geometry)));
}

export type GridKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End' | 'PageUp' | 'PageDown';

export function isGridKey(key: string): key is GridKey {
  return ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown'].includes(key);
}

/**
 * Where the selection goes on a key press. Left and right run along the
 * reading order (wrapping between rows, as in a file manager); up and down
 * keep the column and stop at the edges; from no selection any key selects
 * the first cell.
 */
export function moveIndex(index: number | null, key: GridKey, columns: number, total: number, pageRows: number): number | null {
  if (total <= 0) return null;
  const last = total - 1;
  if (index === null) return key === 'End' ? last : 0;
  const clamp = (value: number) => Math.min(last, Math.max(0, value));
  switch (key) {
    case 'ArrowLeft':
      return clamp(index - 1);
    case 'ArrowRight':
      return clamp(index + 1);
    case 'ArrowUp':
      return index - columns >= 0 ? index - columns : index;
    case 'ArrowDown':
      // On the row above a short last row, Down goes to the last cell rather than nowhere.
      return index + columns <= last ? index + columns : Math.floor(index / columns) < Math.floor(last / columns) ? last : index;
    case 'Home':
      return 0;
    case 'End':
      return last;
    case 'PageUp': {
      // Past the top, land in the same column of the first row.
      const target = index - pageRows * columns;
      return target >= 0 ? target : index % columns;
    }
    case 'PageDown': {
      const target = index + pageRows * columns;
      return target <= last ? target : last;
    }
  }
}

/** The page numbers (of `pageSize` items) that hold cells first..end-1. */
export function pagesCovering(firstIndex: number, endIndex: number, pageSize: number): number[] {
  if (endIndex <= firstIndex) return [];
  const pages: number[] = [];
  for (let page = Math.floor(firstIndex / pageSize); page * pageSize < endIndex; page++) pages.push(page);
  return pages;
}
