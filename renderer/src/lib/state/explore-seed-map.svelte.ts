import type { LatentPoint, RenderSettings } from '../../../../preload/contract';
import type { Studio } from '../api';
import { coalesced } from '../coalesced';
import { seedAt } from '../../../../preload/seed-map';
import { nearestPoint, visibleTiles, type MapPoint, type MapTile } from '../explore-seed-map';
import { randomSeed } from '../training-format';

/** Tiles kept beyond those on screen, so panning back shows them at once. */
const cachedTiles = 400;

/**
 * The Seed map tool: the plane of map `seed` around `centre`. Tiles at
 * integer points are rendered once per map and settings and cached; the
 * blended point under the crosshair is rendered on every move. One preview
 * call at a time fetches the centre and whichever visible tiles are missing.
 */
export class ExploreSeedMap {
  seed = $state<number>(randomSeed());
  centre = $state.raw<MapPoint>({ x: 0, y: 0 });
  tileImages = $state.raw<ReadonlyMap<string, string>>(new Map());
  centreImage = $state<string | null>(null);
  error = $state<string | null>(null);

  readonly tiles: readonly MapTile[] = $derived(visibleTiles(this.centre));
  readonly nearest = $derived(nearestPoint(this.centre));
  /** The seed of the integer point nearest the crosshair: the one "Use nearest seed" takes. */
  readonly nearestSeed: number = $derived(seedAt(this.seed, this.nearest.i, this.nearest.j));

  readonly #studio: Studio;
  readonly #settings: () => RenderSettings | null;
  /** The map and settings the cached tiles were rendered for. */
  #cacheKey = '';

  constructor(studio: Studio, settings: () => RenderSettings | null) {
    this.#studio = studio;
    this.#settings = settings;
  }

  /** Renders what the window needs now; call it on every move and change, it coalesces. */
  readonly refresh = coalesced(async () => {
    const settings = this.#settings();
    if (!settings) return;
    const seed = this.seed;
    const centre = this.centre;
    const key = JSON.stringify([settings, seed]);
    if (key !== this.#cacheKey) {
      this.#cacheKey = key;
      this.tileImages = new Map();
    }
    const missing = visibleTiles(centre).filter((tile) => !this.tileImages.has(tileKey(tile)));
    const points: LatentPoint[] = [{ kind: 'seed-map', seed, x: centre.x, y: centre.y }, ...missing.map((tile) => ({ kind: 'seed-map' as const, seed, x: tile.i, y: tile.j }))];
    try {
      const { images } = await this.#studio.latent.preview({ ...settings, points });
      this.error = null;
      // Settings or the map changed while this was rendering: its images belong to neither.
      if (key !== this.#cacheKey) return;
      this.centreImage = images[0] ?? null;
      const next = new Map(this.tileImages);
      missing.forEach((tile, index) => next.set(tileKey(tile), images[index + 1] ?? ''));
      this.tileImages = trimmed(next, centre);
    } catch (error) {
      this.error = (error as Error).message;
    }
  });

  moveTo(point: MapPoint): void {
    this.centre = point;
  }

  /** A new project: its checkpoints may reuse the old one's ids, so no cached tile can stay. */
  reset(): void {
    this.#cacheKey = '';
    this.tileImages = new Map();
    this.centreImage = null;
    this.error = null;
  }

  imageOf(tile: MapTile): string | null {
    return this.tileImages.get(tileKey(tile)) || null;
  }
}

function tileKey(tile: { readonly i: number; readonly j: number }): string {
  return `${tile.i},${tile.j}`;
}

/** Forgets the tiles farthest from the centre once there are too many. */
function trimmed(images: Map<string, string>, centre: MapPoint): Map<string, string> {
  if (images.size <= cachedTiles) return images;
  const distance = (key: string) => {
    const [i, j] = key.split(',').map(Number) as [number, number];
    return Math.hypot(i - centre.x, j - centre.y);
  };
  return new Map([...images].sort(([a], [b]) => distance(a) - distance(b)).slice(0, cachedTiles));
}
