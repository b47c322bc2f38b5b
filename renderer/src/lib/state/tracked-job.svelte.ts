import { formatDuration } from '../../../../preload/format';
import type { JobProgress } from '../../../../preload/contract';
import type { Studio } from '../api';

/**
 * One long call to the studio that runs as a job (an import, a preparation):
 * the call's promise gives the result, while its progress arrives separately
 * as jobProgress events. We name the job ourselves, so its events and its
 * cancel button are ours from the first moment, whoever else is running jobs.
 */
export class TrackedJob<T> {
  running = $state(false);
  progress = $state.raw<JobProgress | null>(null);
  result = $state.raw<T | null>(null);
  error = $state<string | null>(null);
  /** Cancel was asked for and the job has not stopped yet. */
  cancelling = $state(false);
  /** Units per second since the job started, once there is a count to go by. */
  rate = $state<number | null>(null);

  readonly #studio: Studio;
  #startedAt = 0;
  #jobId: string | null = null;

  constructor(studio: Studio) {
    this.#studio = studio;
    studio.onJobProgress((job) => this.#observe(job));
  }

  /** Runs `call` with a fresh job id for its request; resolves to its result, or null when it failed or was cancelled (see `error`). */
  async run(call: (jobId: string) => Promise<T>): Promise<T | null> {
    this.running = true;
    this.progress = null;
    this.result = null;
    this.error = null;
    this.rate = null;
    this.cancelling = false;
    this.#startedAt = performance.now();
    this.#jobId = crypto.randomUUID();
    try {
      this.result = await call(this.#jobId);
      return this.result;
    } catch (error) {
      this.error = (error as Error).message;
      return null;
    } finally {
      this.running = false;
      this.cancelling = false;
    }
  }

  /** Asks the job to stop; its call then settles with what it did so far, or fails as cancelled. */
  async cancel(): Promise<void> {
    const jobId = this.#jobId;
    if (!jobId || !this.running) return;
    this.cancelling = true;
    try {
      await this.#studio.system.cancelJob({ jobId });
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  /** Forgets the last outcome (not while running: its progress is still wanted). */
  clear(): void {
    if (this.running) return;
    this.progress = null;
    this.result = null;
    this.error = null;
    this.rate = null;
  }

  /** "120 of 300 · 45 per second · 4 s left", for a progress line. */
  get summary(): string {
    const job = this.progress;
    if (!job) return 'Starting…';
    // A job may count its parts in fractions (a batch, by tiles within each image): whole ones are what is done.
    const parts = [job.total > 0 ? `${Math.floor(job.completed).toLocaleString('en')} of ${job.total.toLocaleString('en')}` : job.message];
    if (this.rate !== null && job.state === 'running') parts.push(`${this.rate < 10 ? this.rate.toFixed(1) : Math.round(this.rate)} per second`);
    if (job.etaSeconds !== null && job.state === 'running') parts.push(`${formatDuration(job.etaSeconds)} left`);
    return parts.join(' · ');
  }

  #observe(job: JobProgress): void {
    if (job.jobId !== this.#jobId) return;
    this.progress = job;
    const seconds = (performance.now() - this.#startedAt) / 1000;
    if (job.completed > 0 && seconds > 0) this.rate = job.completed / seconds;
  }
}
