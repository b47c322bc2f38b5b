/**
 * Undo and redo over a list of operations (a drawing's strokes): what is
 * shown is `done`, replayed in order. A new operation forgets what was
 * undone, as in every editor.
 */
export class UndoHistory<Operation> {
  #done: Operation[] = [];
  #undone: Operation[] = [];

  get done(): readonly Operation[] {
    return this.#done;
  }

  get canUndo(): boolean {
    return this.#done.length > 0;
  }

  get canRedo(): boolean {
    return this.#undone.length > 0;
  }

  push(operation: Operation): void {
    this.#done.push(operation);
    this.#undone = [];
  }

  /** Answers whether there was something to undo. */
  undo(): boolean {
    const operation = this.#done.pop();
    if (operation === undefined) return false;
    this.#undone.push(operation);
    return true;
  }

  redo(): boolean {
    const operation = this.#undone.pop();
    if (operation === undefined) return false;
    this.#done.push(operation);
    return true;
  }
}
