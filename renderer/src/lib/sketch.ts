/**
 * A drawing as the operations that made it — strokes, clears, an imported
 * starting image — so undo is a replay and costs no snapshots. The canvas is
 * square (the models are) with a paper-white ground: pix2pix sketch sets are
 * dark lines on white, and the eraser paints the ground back.
 */
export const paper = '#ffffff';

export interface SketchPoint {
  readonly x: number;
  readonly y: number;
  /** 0–1 where the device reports pressure (a pen, a touch); null for a mouse. */
  readonly pressure: number | null;
}

export interface Stroke {
  readonly kind: 'stroke';
  readonly colour: string;
  readonly size: number;
  readonly erase: boolean;
  readonly points: SketchPoint[];
}

/** A picture to draw over (an ImageBitmap in the browser), drawn whole inside the square on a white ground. */
export interface StartingImage<Picture> {
  readonly kind: 'image';
  readonly image: Picture;
}

export type SketchOperation<Picture> = Stroke | StartingImage<Picture> | { readonly kind: 'clear' };

/** A mouse presses at a constant 0.5, which says nothing: only pens and touches vary their line. */
export function pressureOf(event: { readonly pointerType: string; readonly pressure: number }): number | null {
  return event.pointerType === 'mouse' || event.pressure <= 0 ? null : Math.min(1, event.pressure);
}

/** A light touch draws a fifth of the brush; a full press all of it. */
export function strokeWidth(size: number, pressure: number | null): number {
  return pressure === null ? size : size * (0.2 + 0.8 * pressure);
}

/** Where an image of width × height lies inside a square of `side`, whole and centred. */
export function containRect(width: number, height: number, side: number): { x: number; y: number; width: number; height: number } {
  const scale = side / Math.max(width, height);
  const fitted = { width: Math.round(width * scale), height: Math.round(height * scale) };
  return { x: Math.round((side - fitted.width) / 2), y: Math.round((side - fitted.height) / 2), ...fitted };
}

/** Only what follows the last clear or starting image can show: replay starts there. */
export function visibleOperations<Picture>(operations: readonly SketchOperation<Picture>[]): readonly SketchOperation<Picture>[] {
  const start = operations.findLastIndex((operation) => operation.kind !== 'stroke');
  return start < 0 ? operations : operations.slice(start);
}
