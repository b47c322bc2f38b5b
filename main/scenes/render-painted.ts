/**
 * The day and night paintings of a scene, as SVG. Both draw the same shapes
 * in the same order; night swaps the sun for the moon, lights the stars and
 * takes every colour from the scene's night tints.
 */
import { mix } from './colour';
import { moonMark } from './palettes';
import { fillPart, Layout, n, shapeElement } from './svg-shapes';
import type { Scene, SceneSize, TimeOfDay, Tree } from './scene';

export function renderPaintedSvg(scene: Scene, size: SceneSize, time: TimeOfDay): string {
  const layout = new Layout(size);
  const { width, height } = size;
  const horizon = layout.y(scene.horizon);
  const defs: string[] = [];
  const gradient = (id: string, top: number, bottom: number, stops: readonly string[]) =>
    defs.push(
      `<linearGradient id="${id}" gradientUnits="userSpaceOnUse" x1="0" y1="${n(top)}" x2="0" y2="${n(bottom)}">` +
        stops.map((colour, index) => `<stop offset="${n(index / (stops.length - 1))}" stop-color="${colour}"/>`).join('') +
        '</linearGradient>',
    );

  // Everything above the horizon, kept whole so the water can mirror it.
  const above: string[] = [];
  gradient('sky', 0, horizon, scene.sky[time]);
  above.push(`<rect width="${width}" height="${n(horizon + 1)}" fill="url(#sky)"/>`);
  if (time === 'night') {
    for (const star of scene.stars) {
      above.push(`<circle cx="${n(layout.x(star.x))}" cy="${n(layout.y(star.y))}" r="${n(Math.max(0.5, layout.length(star.radius)))}" fill="#ffffff" fill-opacity="${n(star.brightness)}"/>`);
    }
  }
  above.push(lightSvg(scene, layout, time, defs));
  scene.clouds.forEach((cloud, index) => {
    gradient(`cloud-${index}`, layout.cloudTop(cloud), layout.y(cloud.baseY), [cloud.colour[time], cloud.shade[time]]);
    above.push(fillPart(layout.cloud(cloud), `url(#cloud-${index})`));
  });
  scene.ridges.forEach((ridge, index) => {
    const shape = layout.closedContour(ridge.contour, scene.horizon);
    above.push(`<path d="${shape}" fill="${ridge.colour[time]}"/>`);
    if (ridge.snow) {
      defs.push(`<clipPath id="ridge-${index}"><path d="${shape}"/></clipPath>`);
      above.push(`<path d="${layout.closedContour(ridge.snow.line, -0.1)}" fill="${ridge.snow.colour[time]}" clip-path="url(#ridge-${index})"/>`);
    }
  });
  above.push(treesSvg(scene.trees.filter((tree) => tree.stand === 'horizon'), layout, time));

  const below: string[] = [];
  const { ground } = scene;
  gradient('ground', horizon, height, [ground.colour[time], ground.nearColour[time]]);
  if (ground.kind === 'water') {
    defs.push(`<clipPath id="water"><rect y="${n(horizon)}" width="${width}" height="${n(height - horizon)}"/></clipPath>`);
    below.push(
      `<g clip-path="url(#water)"><use href="#above" transform="translate(0 ${n(2 * horizon)}) scale(1 -1)"/>` +
        `<rect y="${n(horizon)}" width="${width}" height="${n(height - horizon)}" fill="url(#ground)" fill-opacity="0.6"/></g>`,
    );
    below.push(ripplesSvg(scene, layout, time));
  } else {
    below.push(`<rect y="${n(horizon)}" width="${width}" height="${n(height - horizon)}" fill="url(#ground)"/>`);
  }
  below.push(treesSvg(scene.trees.filter((tree) => tree.stand === 'ground'), layout, time));
  if (scene.foreground) {
    const top = layout.y(Math.min(...scene.foreground.contour.map(([, y]) => y)));
    gradient('foreground', top, height, [scene.foreground.colour[time], scene.foreground.nearColour[time]]);
    below.push(`<path d="${layout.closedContour(scene.foreground.contour, 1.1)}" fill="url(#foreground)"/>`);
  }
  below.push(treesSvg(scene.trees.filter((tree) => tree.stand === 'foreground'), layout, time));

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<defs>${defs.join('')}<g id="above">${above.join('')}</g></defs>` +
    `<use href="#above"/>${below.join('')}</svg>`
  );
}

/** The sun with its halo by day; by night the moon, its halo cooler and its face marked. */
function lightSvg(scene: Scene, layout: Layout, time: TimeOfDay, defs: string[]): string {
  const { light } = scene;
  const disc = layout.lightDisc(light);
  const glowRadius = disc.r * (time === 'day' ? 3.6 : 2.8);
  defs.push(
    `<radialGradient id="glow" gradientUnits="userSpaceOnUse" cx="${n(disc.cx)}" cy="${n(disc.cy)}" r="${n(glowRadius)}">` +
      `<stop offset="0" stop-color="${light.glow[time]}" stop-opacity="${time === 'day' ? 0.75 : 0.45}"/>` +
      `<stop offset="1" stop-color="${light.glow[time]}" stop-opacity="0"/></radialGradient>`,
  );
  const parts = [
    `<circle cx="${n(disc.cx)}" cy="${n(disc.cy)}" r="${n(glowRadius)}" fill="url(#glow)"/>`,
    shapeElement(disc, `fill="${light.colour[time]}"`),
  ];
  if (time === 'night') {
    for (const mark of light.moonMarks) {
      parts.push(`<circle cx="${n(disc.cx + mark.dx * disc.r)}" cy="${n(disc.cy + mark.dy * disc.r)}" r="${n(mark.radius * disc.r)}" fill="${moonMark}" fill-opacity="0.7"/>`);
    }
  }
  return parts.join('');
}

function treesSvg(trees: readonly Tree[], layout: Layout, time: TimeOfDay): string {
  return trees
    .map((tree) => {
      const { trunk, leaves } = layout.tree(tree);
      return fillPart(trunk, tree.trunk[time]) + fillPart(leaves, tree.leaves[time]);
    })
    .join('');
}

/** Light catching the water: pale strokes, brighter under the sun or moon. */
function ripplesSvg(scene: Scene, layout: Layout, time: TimeOfDay): string {
  const skyHorizon = scene.sky[time][2];
  const ripple = time === 'day' ? mix(skyHorizon, '#ffffff', 0.45) : mix(skyHorizon, '#ffffff', 0.2);
  const glint = scene.light.colour[time];
  const width = Math.max(1, layout.lineWidth * 0.9);
  return scene.ripples
    .map((r) => {
      const x = layout.x(r.x);
      const half = layout.x(r.length) / 2;
      const y = layout.y(r.y);
      const colour = r.glint ? glint : ripple;
      const opacity = r.glint ? 0.85 : time === 'day' ? 0.7 : 0.45;
      return `<line x1="${n(x - half)}" y1="${n(y)}" x2="${n(x + half)}" y2="${n(y)}" stroke="${colour}" stroke-opacity="${opacity}" stroke-width="${n(width)}" stroke-linecap="round"/>`;
    })
    .join('');
}
