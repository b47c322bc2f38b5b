import { describe, expect, it } from 'vitest';
import { TileBlender } from '../../../../../main/engine/translate/tile-blend';
import { planTiles } from '../../../../../main/engine/translate/tile-plan';

describe('tile plans', () => {
  it('cover a 2048×1536 photo with 256 px tiles on a 16 px grid, neighbours sharing at least the overlap', () => {
    const plan = planTiles(2048, 1536, 256, 64, 16);
    for (const [starts, length] of [[plan.columns, 2048], [plan.rows, 1536]] as const) {
      expect(starts[0]).toBe(0);
      expect(starts.at(-1)! + 256).toBeGreaterThanOrEqual(length);
      expect(starts.at(-1)! + 256 - length).toBeLessThan(16);
      starts.forEach((start, index) => {
        expect(start % 16).toBe(0);
        if (index > 0) expect(starts[index - 1]! + 256 - start).toBeGreaterThanOrEqual(64);
      });
    }
    expect(plan.tiles).toHaveLength(plan.columns.length * plan.rows.length);
    expect(plan.columns).toEqual([0, 192, 384, 576, 768, 960, 1152, 1344, 1536, 1728, 1792]);
  });

  it('centre one tile on an axis shorter than a tile', () => {
    const plan = planTiles(100, 300, 128, 32, 4);
    expect(plan.columns).toEqual([-16]);
    expect(plan.rows[0]).toBe(0);
  });

  it('refuse an overlap as large as the tile, and an alignment beyond it', () => {
    expect(() => planTiles(500, 500, 64, 64)).toThrow(/overlap/);
    expect(() => planTiles(500, 500, 64, 8, 128)).toThrow(/alignment/);
  });
});

describe('the tile blender', () => {
  /** A plan's tiles all filled with `value` per tile. */
  const blendOf = (width: number, height: number, overlap: number, valueOf: (index: number) => number) => {
    const plan = planTiles(width, height, 32, overlap, 4);
    const blender = new TileBlender(plan, 1);
    for (const tile of plan.tiles) blender.add(tile, new Uint8Array(32 * 32).fill(valueOf(tile.index)), 0);
    return { plan, image: blender.result() };
  };

  it('gives back a constant image from constant tiles, everywhere, with no weight left out at the borders', () => {
    const { image } = blendOf(90, 70, 12, () => 200);
    expect(image.pixels.every((value) => value === 200)).toBe(true);
  });

  it('ramps smoothly from one tile to the next across their overlap instead of stepping', () => {
    const { plan, image } = blendOf(48, 32, 16, (index) => (index % 2 === 0 ? 0 : 240));
    expect(plan.columns).toEqual([0, 16]);
    const row = Array.from(image.pixels.subarray(0, 48));
    const [first, second] = plan.columns;
    const shared = first! + 32 - second!;
    // Outside the overlap each tile's own value; inside, a monotone ramp with no jump larger than a fraction of the difference.
    expect(row[second! - 1]).toBe(0);
    expect(row[first! + 32]).toBe(240);
    const ramp = row.slice(second!, first! + 32);
    expect(ramp).toHaveLength(shared);
    ramp.slice(1).forEach((value, index) => expect(value).toBeGreaterThanOrEqual(ramp[index]!));
    const largestStep = Math.max(...ramp.slice(1).map((value, index) => value - ramp[index]!));
    expect(largestStep).toBeLessThan(240 / 4);
  });
});
