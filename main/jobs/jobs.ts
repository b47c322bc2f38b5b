import { randomUUID } from 'node:crypto';
import { StudioError, type JobState, type Notice } from '../../preload/contract';
import type { EventBus } from '../api/events';

const updateIntervalMs = 100;

/**
 * One long-running piece of work, reported as `jobProgress` events (counts,
 * the step under way, an ETA from the rate so far) and cancellable through
 * its signal.
 */
export class Job {
  readonly jobId: string;
  readonly #controller = new AbortController();
  readonly #events: EventBus;
  readonly #kind: string;
  readonly #title: string;
  readonly #startedAt: number;
  readonly #now: () => number;
  readonly #onSettled: () => void;
  #total: number;
  #completed = 0;
  #lastEmitAt = Number.NEGATIVE_INFINITY;

  constructor(
    events: EventBus,
    kind: string,
    title: string,
    total: number,
    onSettled: () => void = () => {},
    now: () => number = Date.now,
    jobId: string = randomUUID(),
  ) {
    this.jobId = jobId;
    this.#events = events;
    this.#kind = kind;
    this.#title = title;
    this.#total = total;
    this.#now = now;
    this.#onSettled = onSettled;
    this.#startedAt = now();
    this.#emit('running', 'Starting');
  }

  /** Aborted when someone cancels the job: the work checks it between steps. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** What the job is doing, as its events name it. */
  get title(): string {
    return this.#title;
  }

  get elapsedSeconds(): number {
    return (this.#now() - this.#startedAt) / 1000;
  }

  /**
   * `completed` of `total` units are done; `message` names the step under way.
   * At most ten updates a second reach the windows: an import of small images
   * would otherwise flood them.
   */
  update(completed: number, total: number, message: string): void {
    this.#total = total;
    this.#completed = Math.min(total, Math.max(0, completed));
    if (this.#now() - this.#lastEmitAt < updateIntervalMs && this.#completed < total) return;
    this.#emit('running', message);
  }

  cancel(): void {
    this.#controller.abort();
  }

  finish(message = 'Done'): void {
    this.#completed = this.#total;
    this.#settle('done', message);
  }

  fail(reason: string): void {
    this.#settle('failed', reason);
  }

  /** The work stopped because it was cancelled. */
  cancelled(message = 'Cancelled'): void {
    this.#settle('cancelled', message);
  }

  #settle(state: Exclude<JobState, 'running'>, message: string): void {
    this.#emit(state, message);
    this.#onSettled();
  }

  #emit(state: JobState, message: string): void {
    this.#lastEmitAt = this.#now();
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
    return (this.elapsedSeconds / this.#completed) * (this.#total - this.#completed);
  }
}

/** The jobs in flight, so any window (or the CLI's Ctrl+C) can cancel one by id. */
export class Jobs {
  readonly #events: EventBus;
  readonly #running = new Map<string, Job>();

  constructor(events: EventBus) {
    this.#events = events;
  }

  /** `jobId`: the caller's name for the job, so it can follow and cancel it from the first event. */
  start(kind: string, title: string, total: number, jobId: string = randomUUID()): Job {
    if (this.#running.has(jobId)) throw new StudioError('ALREADY_EXISTS', `A job with id ${jobId} is already running`);
    const job = new Job(this.#events, kind, title, total, () => this.#running.delete(jobId), Date.now, jobId);
    this.#running.set(jobId, job);
    return job;
  }

  /**
   * Runs `work` as a job and settles it: done with `summary(result)`, or
   * cancelled (work that stops early on the signal returns what it did), or
   * failed with the error's message.
   */
  async run<T>(kind: string, title: string, work: (job: Job) => Promise<T>, summary: (result: T) => string, jobId?: string): Promise<T> {
    const job = this.start(kind, title, 0, jobId);
    try {
      const result = await work(job);
      if (job.signal.aborted) job.cancelled(`Cancelled: ${summary(result)}`);
      else job.finish(summary(result));
      return result;
    } catch (error) {
      if (job.signal.aborted) job.cancelled();
      else job.fail((error as Error).message);
      throw error;
    }
  }

  /** False when no such job is running (it may just have finished). */
  cancel(jobId: string): boolean {
    const job = this.#running.get(jobId);
    job?.cancel();
    return job !== undefined;
  }

  cancelAll(): void {
    for (const job of this.#running.values()) job.cancel();
  }

  /** Tells every window (and the CLI) something about the work that is not an error. */
  notify(notice: Notice): void {
    this.#events.emit('notice', notice);
  }
}
