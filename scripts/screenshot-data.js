// Small made-up datasets for the README's Translate and Style screenshots:
// line drawings of simple objects paired with their coloured-in pictures, and
// day and night versions of simple landscapes. Drawn as SVG, written as PNG.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';

/** A deterministic stream of numbers in [0, 1), so every run draws the same pictures. */
function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Each kind of object has its colour, so the outline alone says how to colour it in. */
const colours = { circle: '#e4572e', rect: '#3d5a98' };

function objectShapes(random, size) {
  const shapes = [];
  for (let count = 1 + Math.floor(random() * 2); count > 0; count--) {
    const r = size * (0.14 + random() * 0.14);
    const cx = r + random() * (size - 2 * r);
    const cy = r + random() * (size - 2 * r);
    shapes.push(random() < 0.5 ? { kind: 'circle', cx, cy, r, colour: colours.circle } : { kind: 'rect', x: cx - r, y: cy - r, side: 2 * r, colour: colours.rect });
  }
  return shapes;
}

function shapeSvg(shape, style) {
  return shape.kind === 'circle'
    ? `<circle cx="${shape.cx}" cy="${shape.cy}" r="${shape.r}" ${style}/>`
    : `<rect x="${shape.x}" y="${shape.y}" width="${shape.side}" height="${shape.side}" rx="${shape.side / 8}" ${style}/>`;
}

/** `count` side-by-side pairs: the outline on white | the shape filled and shaded, for a paired import. */
export async function writeSketchPairs(folder, count, size) {
  mkdirSync(folder, { recursive: true });
  for (let index = 0; index < count; index++) {
    const shapes = objectShapes(seeded(index + 1), size);
    const sketch = shapes.map((shape) => shapeSvg(shape, `fill="none" stroke="#111" stroke-width="${size / 40}"`)).join('');
    const colour = shapes
      .map((shape) => shapeSvg(shape, `fill="${shape.colour}"`) + shapeSvg(shape, `fill="url(#shade)" stroke="#222" stroke-width="${size / 80}"`))
      .join('');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size * 2}" height="${size}">
      <defs><radialGradient id="shade" cx="0.35" cy="0.3" r="0.8"><stop offset="0" stop-color="#fff" stop-opacity="0.55"/><stop offset="1" stop-color="#000" stop-opacity="0.25"/></radialGradient></defs>
      <rect width="${size}" height="${size}" fill="#fff"/>${sketch}
      <g transform="translate(${size} 0)"><rect width="${size}" height="${size}" fill="#f1ece2"/>${colour}</g>
    </svg>`;
    await sharp(Buffer.from(svg)).png().toFile(join(folder, `pair-${String(index + 1).padStart(3, '0')}.png`));
  }
  return folder;
}

function landscapeSvg(random, size, night) {
  const horizon = size * (0.55 + random() * 0.15);
  const hills = Array.from({ length: 3 }, () => {
    const cx = random() * size;
    const rx = size * (0.3 + random() * 0.3);
    return `<ellipse cx="${cx}" cy="${horizon + size * 0.05}" rx="${rx}" ry="${size * (0.12 + random() * 0.1)}"/>`;
  }).join('');
  const light = { x: size * (0.15 + random() * 0.7), y: size * (0.15 + random() * 0.2), r: size * (0.06 + random() * 0.04) };
  const [skyTop, skyBottom, ground, hill, lamp] = night ? ['#060b24', '#1b2552', '#0d1a12', '#13241b', '#e8e6d8'] : ['#5aa9e6', '#cfe8ff', '#5f9e4a', '#3f7d3a', '#ffd34e'];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${skyTop}"/><stop offset="1" stop-color="${skyBottom}"/></linearGradient></defs>
    <rect width="${size}" height="${size}" fill="url(#sky)"/>
    <circle cx="${light.x}" cy="${light.y}" r="${light.r}" fill="${lamp}"/>
    <g fill="${hill}">${hills}</g>
    <rect y="${horizon + size * 0.05}" width="${size}" height="${size}" fill="${ground}"/>
  </svg>`;
}

/** `count` day and `count` night landscapes (different scenes on each side: unpaired) in day/ and night/. */
export async function writeDayNight(folder, count, size) {
  const day = join(folder, 'day');
  const night = join(folder, 'night');
  mkdirSync(day, { recursive: true });
  mkdirSync(night, { recursive: true });
  for (let index = 0; index < count; index++) {
    const name = `scene-${String(index + 1).padStart(3, '0')}.png`;
    await sharp(Buffer.from(landscapeSvg(seeded(index + 1), size, false))).png().toFile(join(day, name));
    await sharp(Buffer.from(landscapeSvg(seeded(5000 + index), size, true))).png().toFile(join(night, name));
  }
  return { day, night };
}
