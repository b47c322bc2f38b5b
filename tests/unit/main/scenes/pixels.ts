/** Reading rendered scenes back as pixels, and comparing their geometry. */
import sharp from 'sharp';

export interface Grey {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

export async function greyOf(png: Buffer): Promise<Grey> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

export interface Rgb extends Grey {
  readonly channels: number;
}

export async function rgbOf(png: Buffer): Promise<Rgb> {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: info.channels, data };
}

export function mean(image: Grey): number {
  return image.data.reduce((sum, value) => sum + value, 0) / image.data.length;
}

/**
 * Where the picture changes: some colour channel differs from the right or
 * lower neighbour by at least `threshold`. Colour, not grey: a hazy mountain
 * against a sunset sky can match it in brightness and still be plain to see.
 */
export function edgeMap(image: Rgb, threshold: number): Uint8Array {
  const { width, height, channels, data } = image;
  const edges = new Uint8Array(width * height);
  const differs = (a: number, b: number) => {
    for (let c = 0; c < 3; c++) if (Math.abs(data[a * channels + c]! - data[b * channels + c]!) >= threshold) return true;
    return false;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const here = y * width + x;
      if ((x + 1 < width && differs(here, here + 1)) || (y + 1 < height && differs(here, here + width))) edges[here] = 1;
    }
  }
  return edges;
}

/** The sketch's ink: pixels darker than mid-grey. */
export function inkMap(sketch: Grey): Uint8Array {
  return sketch.data.map((value) => (value < 128 ? 1 : 0));
}

/** The share of inked pixels that have an edge of the painting within `reach` pixels. */
export function inkOnEdges(ink: Uint8Array, edges: Uint8Array, width: number, height: number, reach = 2): number {
  let inked = 0;
  let near = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!ink[y * width + x]) continue;
      inked++;
      search: for (let dy = -reach; dy <= reach; dy++) {
        for (let dx = -reach; dx <= reach; dx++) {
          const yy = y + dy;
          const xx = x + dx;
          if (yy >= 0 && yy < height && xx >= 0 && xx < width && edges[yy * width + xx]) {
            near++;
            break search;
          }
        }
      }
    }
  }
  return inked === 0 ? 0 : near / inked;
}
