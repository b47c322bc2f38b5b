/**
 * The line drawing of a scene, as an artist would sketch it before painting:
 * dark lines on white for the skylines, the snow line, the sun or moon, the
 * clouds, the water line and a few ripples, the near bank and the trees.
 * Each thing is filled white before the next is drawn over it, so near things
 * hide the lines behind them exactly as they hide the paint.
 */
import { Layout, n, outlinePart } from './svg-shapes';
import type { Scene, SceneSize, Tree } from './scene';

export const ink = '#1c1c1c';

export function renderSketchSvg(scene: Scene, size: SceneSize): string {
  const layout = new Layout(size);
  const { width, height } = size;
  const pen = layout.lineWidth;
  const stroke = (w: number) => `fill="none" stroke="${ink}" stroke-width="${n(w)}" stroke-linecap="round" stroke-linejoin="round"`;
  const defs: string[] = [];
  const body: string[] = [`<rect width="${width}" height="${height}" fill="#ffffff"/>`];

  body.push(outlinePart({ shapes: [layout.lightDisc(scene.light)] }, pen, ink));
  for (const cloud of scene.clouds) body.push(outlinePart(layout.cloud(cloud), pen, ink));
  scene.ridges.forEach((ridge, index) => {
    const shape = layout.closedContour(ridge.contour, scene.horizon);
    body.push(`<path d="${shape}" fill="#ffffff"/>`, `<path d="${layout.openContour(ridge.contour)}" ${stroke(pen)}/>`);
    if (ridge.snow) {
      defs.push(`<clipPath id="ridge-${index}"><path d="${shape}"/></clipPath>`);
      body.push(`<path d="${layout.openContour(ridge.snow.line)}" ${stroke(pen * 0.8)} clip-path="url(#ridge-${index})"/>`);
    }
  });
  body.push(treesSketch(scene.trees.filter((tree) => tree.stand === 'horizon'), layout, pen * 0.8));

  // The water line, or the foot of the hills: one straight stroke across.
  const horizon = n(layout.y(scene.horizon));
  body.push(`<path d="M0 ${horizon}H${width}" ${stroke(pen)}/>`);
  for (const ripple of scene.ripples.filter((r) => !r.glint)) {
    const x = layout.x(ripple.x);
    const half = layout.x(ripple.length) / 2;
    const y = n(layout.y(ripple.y));
    body.push(`<path d="M${n(x - half)} ${y}H${n(x + half)}" ${stroke(pen * 0.8)}/>`);
  }
  body.push(treesSketch(scene.trees.filter((tree) => tree.stand === 'ground'), layout, pen));
  if (scene.foreground) {
    body.push(`<path d="${layout.closedContour(scene.foreground.contour, 1.1)}" fill="#ffffff"/>`, `<path d="${layout.openContour(scene.foreground.contour)}" ${stroke(pen)}/>`);
  }
  body.push(treesSketch(scene.trees.filter((tree) => tree.stand === 'foreground'), layout, pen));

  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><defs>${defs.join('')}</defs>${body.join('')}</svg>`;
}

function treesSketch(trees: readonly Tree[], layout: Layout, pen: number): string {
  return trees
    .map((tree) => {
      const { trunk, leaves } = layout.tree(tree);
      return outlinePart(trunk, pen, ink) + outlinePart(leaves, pen, ink);
    })
    .join('');
}
