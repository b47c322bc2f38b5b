import { describe, expect, it } from 'vitest';
import { columnsFor, gridWindow, moveIndex, pagesCovering, rowsPerPage, scrollToReveal } from '../../../renderer/src/lib/grid-window';

const geometry = { cellSize: 100, gap: 10 }; // a row every 110 px

describe('columnsFor', () => {
  it('fits as many cells as the width takes, the last one without a gap after it', () => {
    expect(columnsFor(100, geometry)).toBe(1);
    expect(columnsFor(209, geometry)).toBe(1);
    expect(columnsFor(210, geometry)).toBe(2);
    expect(columnsFor(1090, geometry)).toBe(10);
  });

  it('shows one column in a pane too narrow or not laid out yet', () => {
    expect(columnsFor(40, geometry)).toBe(1);
    expect(columnsFor(0, geometry)).toBe(1);
    expect(columnsFor(Number.NaN, geometry)).toBe(1);
  });
});

describe('gridWindow', () => {
  const viewport = { width: 540, height: 330, scrollTop: 0 }; // 5 columns, 3 rows in view

  it('renders the rows in view plus the overscan, and no more', () => {
    const shown = gridWindow(50_000, viewport, geometry, 2);
    expect(shown).toMatchObject({ columns: 5, rowCount: 10_000, firstIndex: 0, offsetY: 0 });
    // Rows 0..3 intersect a 330 px viewport (row 3 starts at exactly 330), plus 2 rows of overscan.
    expect(shown.endIndex).toBe(6 * 5);
    expect(shown.totalHeight).toBe(10_000 * 110 - 10);
  });

  it('keeps the number of cells the same deep into a large list', () => {
    const shown = gridWindow(50_000, { ...viewport, scrollTop: 550_000 }, geometry, 2);
    expect(shown.firstIndex).toBe((5000 - 2) * 5);
    expect(shown.offsetY).toBe((5000 - 2) * 110);
    expect(shown.endIndex - shown.firstIndex).toBeLessThanOrEqual(8 * 5);
  });

  it('ends at the last item, however far the scroll position says', () => {
    const atEnd = gridWindow(23, { ...viewport, scrollTop: 10_000 }, geometry, 1);
    expect(atEnd.endIndex).toBe(23);
    expect(atEnd.rowCount).toBe(5);
    expect(atEnd.firstIndex % 5).toBe(0);
    expect(atEnd.firstIndex).toBeLessThanOrEqual(15);
  });

  it('is empty for an empty list, and whole for a short one', () => {
    expect(gridWindow(0, viewport, geometry)).toEqual({ columns: 5, rowCount: 0, totalHeight: 0, firstIndex: 0, endIndex: 0, offsetY: 0 });
    expect(gridWindow(7, viewport, geometry)).toMatchObject({ firstIndex: 0, endIndex: 7, rowCount: 2, totalHeight: 210 });
  });

  it('treats a negative scroll (overscroll, padding) as the top', () => {
    expect(gridWindow(100, { ...viewport, scrollTop: -40 }, geometry, 0)).toMatchObject({ firstIndex: 0, offsetY: 0 });
  });
});

describe('scrollToReveal', () => {
  const viewport = { width: 540, height: 330, scrollTop: 1100 }; // rows 10..12 in view

  it('leaves the scroll alone when the cell is already in view', () => {
    expect(scrollToReveal(55, 5, viewport, geometry)).toBe(1100);
  });

  it('scrolls up to a cell above, putting its row at the top', () => {
    expect(scrollToReveal(7, 5, viewport, geometry)).toBe(110);
  });

  it('scrolls down to a cell below, putting its row at the bottom', () => {
    // Row 20 spans 2200..2300; the viewport's bottom must reach 2300.
    expect(scrollToReveal(100, 5, viewport, geometry)).toBe(2300 - 330);
  });
});

describe('moveIndex', () => {
  const columns = 4;
  const total = 10; // rows: 0-3, 4-7, 8-9

  it('selects the first cell (or the last, for End) when nothing is selected', () => {
    expect(moveIndex(null, 'ArrowDown', columns, total, 3)).toBe(0);
    expect(moveIndex(null, 'End', columns, total, 3)).toBe(9);
    expect(moveIndex(null, 'ArrowDown', columns, 0, 3)).toBeNull();
  });

  it('moves left and right in reading order, wrapping rows and stopping at the ends', () => {
    expect(moveIndex(3, 'ArrowRight', columns, total, 3)).toBe(4);
    expect(moveIndex(4, 'ArrowLeft', columns, total, 3)).toBe(3);
    expect(moveIndex(0, 'ArrowLeft', columns, total, 3)).toBe(0);
    expect(moveIndex(9, 'ArrowRight', columns, total, 3)).toBe(9);
  });

  it('moves up and down a column, and down to the short last row', () => {
    expect(moveIndex(5, 'ArrowDown', columns, total, 3)).toBe(9);
    expect(moveIndex(6, 'ArrowDown', columns, total, 3)).toBe(9); // no cell below: the last one
    expect(moveIndex(9, 'ArrowDown', columns, total, 3)).toBe(9);
    expect(moveIndex(9, 'ArrowUp', columns, total, 3)).toBe(5);
    expect(moveIndex(2, 'ArrowUp', columns, total, 3)).toBe(2);
  });

  it('jumps to the ends and by a page of rows', () => {
    expect(moveIndex(5, 'Home', columns, total, 3)).toBe(0);
    expect(moveIndex(5, 'End', columns, total, 3)).toBe(9);
    expect(moveIndex(1, 'PageDown', columns, 100, 3)).toBe(13);
    expect(moveIndex(97, 'PageDown', columns, 100, 3)).toBe(99);
    expect(moveIndex(50, 'PageUp', columns, 100, 3)).toBe(38);
    expect(moveIndex(6, 'PageUp', columns, 100, 3)).toBe(2); // same column, top row
  });
});

describe('rowsPerPage and pagesCovering', () => {
  it('counts the whole rows in a viewport, at least one', () => {
    expect(rowsPerPage(330, geometry)).toBe(3);
    expect(rowsPerPage(50, geometry)).toBe(1);
  });

  it('names the pages that hold a range of cells', () => {
    expect(pagesCovering(0, 30, 200)).toEqual([0]);
    expect(pagesCovering(190, 230, 200)).toEqual([0, 1]);
    expect(pagesCovering(400, 400, 200)).toEqual([]);
    expect(pagesCovering(399, 401, 200)).toEqual([1, 2]);
  });
});
