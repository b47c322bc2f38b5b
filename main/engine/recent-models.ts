/**
 * Models loaded from checkpoints, the few most recently used kept in memory:
 * live previews ask for an image every few frames, and rebuilding a model
 * from its file each time would cost more than using it. The backend is part
 * of every key, since tensors of one backend cannot be used on another.
 */
import * as tf from '@tensorflow/tfjs-core';

export class RecentModels<T> {
  readonly #capacity: number;
  readonly #dispose: (model: T) => void;
  readonly #models = new Map<string, T>();

  constructor(capacity: number, dispose: (model: T) => void) {
    this.#capacity = capacity;
    this.#dispose = dispose;
  }

  /** The model under `key` (made with `load` if it is not kept), now the most recent; the least recent beyond capacity is freed. */
  get(key: string, load: () => T): T {
    const fullKey = `${tf.getBackend()}\n${key}`;
    const found = this.#models.get(fullKey);
    if (found !== undefined) {
      this.#models.delete(fullKey);
      this.#models.set(fullKey, found);
      return found;
    }
    const model = load();
    this.#models.set(fullKey, model);
    for (const [oldKey, old] of this.#models) {
      if (this.#models.size <= this.#capacity) break;
      this.#models.delete(oldKey);
      this.#dispose(old);
    }
    return model;
  }
}
