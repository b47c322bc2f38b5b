import type { RunDetail, RunSummary, TrainingProgress } from '../../../../preload/contract';
import type { Studio } from '../api';
import { coalesced } from '../coalesced';
import { isActive } from '../training-format';
import { CheckpointSampler } from './checkpoint-sampler.svelte';
import { RunMetrics } from './run-metrics.svelte';

export type RunAction = 'pause' | 'resume' | 'stop';

/**
 * The run the Train view shows: its details (checkpoints, warnings,
 * configuration), its metric history for the charts, the checkpoint sampler,
 * and the pause, resume and stop actions. Events for this run say what to
 * read again: a checkpoint or a new status brings new details, a step report
 * new metric points.
 */
export class SelectedRun {
  detail = $state.raw<RunDetail | null>(null);
  /** Why the details could not be read. */
  error = $state<string | null>(null);
  /** The action under way, which disables the buttons until it answers. */
  acting = $state<RunAction | null>(null);
  actionError = $state<string | null>(null);
  readonly runId: number;
  readonly metrics: RunMetrics;
  readonly sampler: CheckpointSampler;

  readonly #studio: Studio;
  readonly #onChanged: (run: RunSummary) => void;
  readonly #onSettled: (run: RunSummary) => void;
  #closed = false;

  /**
   * `onChanged`: an action answered with the run's new summary, for the run
   * list to show at once. `onSettled`: a read found the run paused, stopped,
   * finished or failed.
   */
  constructor(studio: Studio, runId: number, onChanged: (run: RunSummary) => void, onSettled: (run: RunSummary) => void) {
    this.#studio = studio;
    this.runId = runId;
    this.#onChanged = onChanged;
    this.#onSettled = onSettled;
    this.metrics = new RunMetrics(studio, runId);
    this.sampler = new CheckpointSampler(studio);
  }

  /** Reads the details again; calls while a read is under way fold into one more read. */
  readonly refresh = coalesced(() => this.#readDetail());

  /** Everything this run shows, read again: details and new metric points. */
  async update(): Promise<void> {
    await Promise.all([this.refresh(), this.metrics.read()]);
  }

  observe(progress: TrainingProgress): void {
    const detail = this.detail;
    const statusChanged = detail !== null && detail.status !== progress.status && progress.previewUrl === null;
    if (progress.checkpointId !== null || progress.previewUrl !== null || statusChanged) void this.refresh();
    if (progress.lossD !== null || statusChanged) void this.metrics.read();
  }

  pause(): Promise<void> {
    return this.#act('pause', () => this.#studio.training.pause({ runId: this.runId }));
  }

  /** Continues a paused run; `steps`, a new total, trains further than first planned (also a finished run). */
  resume(steps?: number): Promise<void> {
    return this.#act('resume', () => this.#studio.training.resume({ runId: this.runId, ...(steps !== undefined && { steps }) }));
  }

  stop(): Promise<void> {
    return this.#act('stop', () => this.#studio.training.stop({ runId: this.runId }));
  }

  /** Another run is shown: answers still under way are dropped. */
  close(): void {
    this.#closed = true;
    this.metrics.close();
    this.sampler.close();
  }

  async #act(action: RunAction, call: () => Promise<RunSummary>): Promise<void> {
    if (this.acting) return;
    this.acting = action;
    this.actionError = null;
    try {
      const run = await call();
      if (this.#closed) return;
      this.#onChanged(run);
      await this.refresh();
    } catch (error) {
      if (!this.#closed) this.actionError = (error as Error).message;
    } finally {
      this.acting = null;
    }
  }

  async #readDetail(): Promise<void> {
    try {
      const detail = await this.#studio.training.get({ runId: this.runId });
      if (this.#closed) return;
      this.detail = detail;
      this.error = null;
      // A run that has settled says so here too: the list heals if the event saying it was missed (a dropped socket).
      if (!isActive(detail.status)) this.#onSettled(detail);
    } catch (error) {
      if (!this.#closed) this.error = (error as Error).message;
    }
  }
}
