/** The few colour operations the palettes need, on #rrggbb strings. */

type Rgb = readonly [number, number, number];

function parse(hex: string): Rgb {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

function format([r, g, b]: Rgb): string {
  const channel = (value: number) => Math.round(Math.min(255, Math.max(0, value))).toString(16).padStart(2, '0');
  return `#${channel(r)}${channel(g)}${channel(b)}`;
}

/** `from` moved `amount` (0–1) of the way to `to`. */
export function mix(from: string, to: string, amount: number): string {
  const a = parse(from);
  const b = parse(to);
  return format([a[0] + (b[0] - a[0]) * amount, a[1] + (b[1] - a[1]) * amount, a[2] + (b[2] - a[2]) * amount]);
}

/** Each channel scaled by `factor`: below 1 darkens, above 1 lightens. */
export function scale(hex: string, factor: number): string {
  const [r, g, b] = parse(hex);
  return format([r * factor, g * factor, b * factor]);
}

/** Moves a colour toward its own grey by `amount` (0–1). */
export function desaturate(hex: string, amount: number): string {
  const [r, g, b] = parse(hex);
  const grey = 0.299 * r + 0.587 * g + 0.114 * b;
  return format([r + (grey - r) * amount, g + (grey - g) * amount, b + (grey - b) * amount]);
}

/** Rotates the hue a little by mixing channels, for palettes that are not all alike. */
export function shiftWarmth(hex: string, amount: number): string {
  const [r, g, b] = parse(hex);
  return format([r * (1 + amount), g, b * (1 - amount)]);
}

/** Perceived brightness in 0–1 (Rec. 601 weights): how the tests tell night from day. */
export function brightness(hex: string): number {
  const [r, g, b] = parse(hex);
  return (0.299 * r + 0.587 * g + 0.114 * b) / 255;
}
