import type { EventName, StudioEvents } from '../../preload/contract';

export type EventListener = <E extends EventName>(event: E, payload: StudioEvents[E]) => void;

/**
 * Fans pushed events out to every connected front door (Electron windows,
 * WebSocket clients). Services emit; transports subscribe.
 */
export class EventBus {
  readonly #listeners = new Set<EventListener>();

  emit<E extends EventName>(event: E, payload: StudioEvents[E]): void {
    for (const listener of this.#listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        // One broken transport must not starve the others of events.
        console.error(`event listener failed on ${event}:`, error);
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
