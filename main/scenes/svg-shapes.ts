/**
 * The geometry every rendering shares, in pixels: the day and night images
 * fill these shapes and the sketch outlines them, so a line in the sketch
 * always lies on an edge of the painting.
 */
import type { Cloud, Point, SceneSize, SkyLight, Tree } from './scene';

export interface Circle {
  readonly type: 'circle';
  readonly cx: number;
  readonly cy: number;
  readonly r: number;
}

export type Shape =
  | { readonly type: 'path'; readonly d: string }
  | Circle
  | { readonly type: 'rect'; readonly x: number; readonly y: number; readonly width: number; readonly height: number; readonly rx: number };

/**
 * Shapes painted in one colour: the painting fills them, the sketch outlines
 * their union. A tree is two parts (trunk, then leaves over it).
 */
export interface Part {
  readonly shapes: readonly Shape[];
}

/** Two decimals: sub-pixel placement without bloating the SVG. */
export const n = (value: number): string => (Math.round(value * 100) / 100).toString();

export class Layout {
  constructor(readonly size: SceneSize) {}

  x(fraction: number): number {
    return fraction * this.size.width;
  }

  y(fraction: number): number {
    return fraction * this.size.height;
  }

  /** A length given in units of the image height. */
  length(fraction: number): number {
    return fraction * this.size.height;
  }

  /** The sketch's pen: about 1.3 px at 128 px, never under one pixel. */
  get lineWidth(): number {
    return Math.max(1, (Math.min(this.size.width, this.size.height) / 128) * 1.3);
  }

  /** The polyline itself, for outlining a skyline. */
  openContour(contour: readonly Point[]): string {
    return contour.map(([x, y], index) => `${index === 0 ? 'M' : 'L'}${n(this.x(x))} ${n(this.y(y))}`).join('');
  }

  /** The polyline closed down to `base` (a fraction of the height), for filling the land under it. */
  closedContour(contour: readonly Point[], base: number): string {
    const first = contour[0]!;
    const last = contour.at(-1)!;
    return `M${n(this.x(first[0]))} ${n(this.y(base))}${this.openContour(contour).replace(/^M/, 'L')}L${n(this.x(last[0]))} ${n(this.y(base))}Z`;
  }

  lightDisc(light: SkyLight): Circle {
    return { type: 'circle', cx: this.x(light.x), cy: this.y(light.y), r: this.length(light.radius) };
  }

  cloud(cloud: Cloud): Part {
    const cx = this.x(cloud.x);
    const base = this.y(cloud.baseY);
    const barHeight = this.length(cloud.baseHeight);
    const halfWidth = this.length(cloud.halfWidth);
    return {
      shapes: [
        { type: 'rect', x: cx - halfWidth, y: base - barHeight, width: halfWidth * 2, height: barHeight, rx: barHeight / 2 },
        ...cloud.puffs.map((puff): Shape => ({ type: 'circle', cx: cx + this.length(puff.dx), cy: base + this.length(puff.dy), r: this.length(puff.radius) })),
      ],
    };
  }

  /** The highest point of a cloud, for its shading gradient. */
  cloudTop(cloud: Cloud): number {
    return this.y(cloud.baseY) + Math.min(...cloud.puffs.map((puff) => this.length(puff.dy - puff.radius)));
  }

  /** Trunk then leaves: a pine is three stacked tiers, a broadleaf a crown of three circles. */
  tree(tree: Tree): { readonly trunk: Part; readonly leaves: Part } {
    const x = this.x(tree.x);
    const ground = this.y(tree.y);
    const height = this.length(tree.height);
    const halfWidth = (height * tree.spread) / 2;
    if (tree.kind === 'pine') {
      const trunkWidth = Math.max(1, halfWidth * 0.22);
      const bottom = ground - height * 0.14;
      const top = ground - height;
      const tier = (bottom - top) / 3;
      const right = [1, 2, 3].flatMap((k): [number, number][] => {
        const outer: [number, number] = [x + (halfWidth * (k + 1)) / 4, top + tier * k];
        return k < 3 ? [outer, [x + (halfWidth * (k + 1)) / 8, top + tier * k]] : [outer];
      });
      const left = right.map(([px, py]): [number, number] => [2 * x - px, py]).reverse();
      const points = [[x, top] as [number, number], ...right, ...left];
      return {
        trunk: { shapes: [{ type: 'rect', x: x - trunkWidth / 2, y: bottom - 1, width: trunkWidth, height: ground - bottom + 1, rx: 0 }] },
        leaves: { shapes: [{ type: 'path', d: `${points.map(([px, py], index) => `${index === 0 ? 'M' : 'L'}${n(px)} ${n(py)}`).join('')}Z` }] },
      };
    }
    const radius = Math.min(halfWidth, height * 0.36);
    const crownY = ground - height + radius;
    const trunkWidth = Math.max(1, height * 0.085);
    return {
      trunk: { shapes: [{ type: 'rect', x: x - trunkWidth / 2, y: crownY, width: trunkWidth, height: ground - crownY, rx: 0 }] },
      leaves: {
        shapes: [
          { type: 'circle', cx: x - radius * 0.55, cy: crownY + radius * 0.35, r: radius * 0.7 },
          { type: 'circle', cx: x + radius * 0.55, cy: crownY + radius * 0.35, r: radius * 0.7 },
          { type: 'circle', cx: x, cy: crownY, r: radius },
        ],
      },
    };
  }
}

/** One shape as an SVG element with the given presentation attributes. */
export function shapeElement(shape: Shape, attributes: string): string {
  switch (shape.type) {
    case 'path':
      return `<path d="${shape.d}" ${attributes}/>`;
    case 'circle':
      return `<circle cx="${n(shape.cx)}" cy="${n(shape.cy)}" r="${n(shape.r)}" ${attributes}/>`;
    case 'rect':
      return `<rect x="${n(shape.x)}" y="${n(shape.y)}" width="${n(shape.width)}" height="${n(shape.height)}" rx="${n(shape.rx)}" ${attributes}/>`;
  }
}

export function fillPart(part: Part, fill: string): string {
  return part.shapes.map((shape) => shapeElement(shape, `fill="${fill}"`)).join('');
}

/**
 * The outline of a part's union, as a pen would draw it: every shape stroked
 * twice as wide as the line, then every shape filled white over the strokes,
 * which leaves only the outer half of the outermost stroke. Filling white
 * also hides whatever lies behind, as in the painting.
 */
export function outlinePart(part: Part, lineWidth: number, ink: string): string {
  const strokes = part.shapes.map((shape) => shapeElement(shape, `fill="#ffffff" stroke="${ink}" stroke-width="${n(lineWidth * 2)}" stroke-linejoin="round"`)).join('');
  return strokes + fillPart(part, '#ffffff');
}
