import { describe, expect, it } from 'vitest';
import { clampPoint, formatPoint, mapLimit, nearestPoint, nudge, panBy, visibleTiles } from '../../../renderer/src/lib/explore-seed-map';

describe('seed map geometry', () => {
  it('shows a 5 × 5 window of tiles around an integer centre, the centre tile in the middle', () => {
    const tiles = visibleTiles({ x: 3, y: -1 });
    expect(tiles).toHaveLength(25);
    expect(tiles[0]).toEqual({ i: 1, j: -3, left: 0, top: 0 });
    expect(tiles.find((tile) => tile.i === 3 && tile.j === -1)).toEqual({ i: 3, j: -1, left: 2, top: 2 });
    expect(tiles.at(-1)).toEqual({ i: 5, j: 1, left: 4, top: 4 });
  });

  it('adds the column and row coming into view when the centre is fractional', () => {
    const tiles = visibleTiles({ x: 0.25, y: 0.5 });
    expect(tiles).toHaveLength(36);
    const columns = [...new Set(tiles.map((tile) => tile.i))];
    expect(columns).toEqual([-2, -1, 0, 1, 2, 3]);
    // Tile 0 is a quarter tile left of the window's middle column.
    expect(tiles.find((tile) => tile.i === 0 && tile.j === 0)).toMatchObject({ left: 1.75, top: 1.5 });
    // Every tile overlaps the window.
    for (const tile of tiles) {
      expect(tile.left).toBeGreaterThan(-1);
      expect(tile.left).toBeLessThan(5);
    }
  });

  it('drags the plane with the pointer, so the centre moves the other way by the tiles dragged over', () => {
    expect(panBy({ x: 1, y: 1 }, 32, -64, 64)).toEqual({ x: 0.5, y: 2 });
    expect(panBy({ x: mapLimit, y: 0 }, -6400, 0, 64).x).toBe(mapLimit);
  });

  it('nudges a quarter tile per arrow key, a whole one with Shift, and ignores other keys', () => {
    expect(nudge({ x: 0, y: 0 }, 'ArrowRight', false)).toEqual({ x: 0.25, y: 0 });
    expect(nudge({ x: 0, y: 0 }, 'ArrowUp', true)).toEqual({ x: 0, y: -1 });
    expect(nudge({ x: 0, y: 0 }, 'Enter', false)).toBeNull();
  });

  it('finds the nearest integer point, clamps to the limit and formats a point', () => {
    expect(nearestPoint({ x: 1.6, y: -2.4 })).toEqual({ i: 2, j: -2 });
    expect(clampPoint({ x: -2e6, y: 5 })).toEqual({ x: -mapLimit, y: 5 });
    expect(formatPoint({ x: 1.25, y: -3 })).toBe('(1.25, −3.00)');
    expect(formatPoint({ x: -0.001, y: 0 })).toBe('(0.00, 0.00)');
  });
});
