import { randomUUID } from 'node:crypto';
import type { JobState } from '../../preload/contract';
import type { EventBus } from '../api/events';

/**
 * Reports one long-running piece of work as `jobProgress` events: counts,
 * the step under way and an ETA from the rate so far.
 */
export class JobReporter {
  readonly jobId = randomUUID();
  readonly #events: EventBus;
  readonly #kind: string;
  readonly #title: string;
  #total: number;
  readonly #startedAt: number;
  readonly #now: () => number;
  #completed = 0;

  constructor(events: EventBus, kind: string, title: string, total: number, now: () => number = Date.now) {
    this.#events = events;
    this.#kind = kind;
    this.#title = title;
    this.#total = total;
    this.#now = now;
    this.#startedAt = now();
    this.#emit('running', 'Starting');
  }

  /** `completed` of `total` units are done; `message` names the step under way. */
  update(completed: number, total: number, message: string): void {
    this.#total = total;
    this.#completed = Math.min(total, Math.max(0, completed));
    this.#emit('running', message);
  }

  finish(message = 'Done'): void {
    this.#completed = this.#total;
    this.#emit('done', message);
  }

  fail(reason: string): void {
    this.#emit('failed', reason);
  }

  #emit(state: JobState, message: string): void {
    this.#events.emit('jobProgress', {
      jobId: this.jobId,
      kind: this.#kind,
      title: this.#title,
      state,
      completed: this.#completed,
      total: this.#total,
      etaSeconds: state === 'running' ? this.#eta() : null,
      message,
    });
  }

  #eta(): number | null {
    if (this.#completed === 0) return null;
    const elapsedSeconds = (this.#now() - this.#startedAt) / 1000;
    return (elapsedSeconds / this.#completed) * (this.#total - this.#completed);
  }
}
