/** Painting a drawing's operations onto a canvas: all of them after undo and the like, or a stroke's newest part while drawing. */
import { containRect, paper, strokeWidth, visibleOperations, type SketchOperation, type Stroke } from './sketch';

export function renderSketch(context: CanvasRenderingContext2D, operations: readonly SketchOperation<ImageBitmap>[]): void {
  const side = context.canvas.width;
  context.fillStyle = paper;
  context.fillRect(0, 0, side, side);
  for (const operation of visibleOperations(operations)) {
    if (operation.kind === 'image') {
      const place = containRect(operation.image.width, operation.image.height, side);
      context.drawImage(operation.image, place.x, place.y, place.width, place.height);
    } else if (operation.kind === 'stroke') {
      drawStroke(context, operation, 0);
    }
  }
}

/** Draws a stroke's segments from point `from` on: a stroke under way draws only its newest part. */
export function drawStroke(context: CanvasRenderingContext2D, stroke: Stroke, from: number): void {
  context.strokeStyle = context.fillStyle = stroke.erase ? paper : stroke.colour;
  context.lineCap = context.lineJoin = 'round';
  const points = stroke.points;
  if (points.length === 1 && from === 0) {
    const only = points[0]!;
    context.beginPath();
    context.arc(only.x, only.y, strokeWidth(stroke.size, only.pressure) / 2, 0, Math.PI * 2);
    context.fill();
    return;
  }
  // Segment by segment, since pressure changes the width along the way.
  for (let index = Math.max(1, from); index < points.length; index += 1) {
    const previous = points[index - 1]!;
    const point = points[index]!;
    context.lineWidth = strokeWidth(stroke.size, point.pressure);
    context.beginPath();
    context.moveTo(previous.x, previous.y);
    context.lineTo(point.x, point.y);
    context.stroke();
  }
}
