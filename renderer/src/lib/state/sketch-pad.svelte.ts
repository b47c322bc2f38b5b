import { type SketchOperation, type SketchPoint, type Stroke } from '../sketch';
import { UndoHistory } from '../undo-history';

/**
 * The drawing on the Translate canvas and the brush that makes it. Every
 * change bumps `revision` (live translation follows it); changes that need
 * the whole canvas repainted (undo, redo, clear, a new starting image) also
 * bump `repaints`, while a stroke under way is painted piece by piece.
 */
export class SketchPad {
  size = $state(6);
  colour = $state('#000000');
  erasing = $state(false);
  revision = $state(0);
  repaints = $state(0);
  canUndo = $state(false);
  canRedo = $state(false);

  readonly #history = new UndoHistory<SketchOperation<ImageBitmap>>();
  #stroke: Stroke | null = null;

  get operations(): readonly SketchOperation<ImageBitmap>[] {
    return this.#history.done;
  }

  /** True once anything is on the paper: an empty page is not worth translating. */
  get blank(): boolean {
    const last = this.operations.at(-1);
    return last === undefined || last.kind === 'clear';
  }

  begin(point: SketchPoint): Stroke {
    this.#stroke = { kind: 'stroke', colour: this.colour, size: this.size, erase: this.erasing, points: [point] };
    this.#push(this.#stroke);
    return this.#stroke;
  }

  /** Adds a point to the stroke under way; answers it (to paint its newest segment), or null when none is. */
  extend(point: SketchPoint): Stroke | null {
    if (!this.#stroke) return null;
    this.#stroke.points.push(point);
    this.revision += 1;
    return this.#stroke;
  }

  end(): void {
    this.#stroke = null;
  }

  undo(): void {
    this.end();
    if (this.#history.undo()) this.#repaint();
  }

  redo(): void {
    this.end();
    if (this.#history.redo()) this.#repaint();
  }

  /** Clearing is undoable too: it is an operation like any other. */
  clear(): void {
    if (this.blank) return;
    this.end();
    this.#push({ kind: 'clear' });
    this.#repaint();
  }

  /** Starts over from a picture (a photo, a scanned sketch), undoably. */
  startFrom(image: ImageBitmap): void {
    this.end();
    this.#push({ kind: 'image', image });
    this.#repaint();
  }

  #push(operation: SketchOperation<ImageBitmap>): void {
    this.#history.push(operation);
    this.#changed();
  }

  #repaint(): void {
    this.repaints += 1;
    this.#changed();
  }

  #changed(): void {
    this.revision += 1;
    this.canUndo = this.#history.canUndo;
    this.canRedo = this.#history.canRedo;
  }
}
