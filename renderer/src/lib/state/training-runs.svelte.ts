import type { RunStatus, RunSummary, TrainingProgress } from '../../../../preload/contract';
import type { Studio } from '../api';
import { coalesced } from '../coalesced';
import { applyProgress } from '../run-progress';
import { isActive } from '../training-format';

/** What only the pushed events know about a training run: its speed and time left. */
export interface LiveRunStats {
  readonly imagesPerSecond: number | null;
  readonly etaSeconds: number | null;
  /** The engine's latest word: "Preparing the dataset", "Step 120", "Paused". */
  readonly message: string;
  /** The step the newest preview grid was made at, when this window saw it made. */
  readonly previewStep: number | null;
}

/**
 * The project's training runs, newest first, kept current by trainingProgress
 * events from whichever window or CLI started them: an event moves its run's
 * step, status and preview at once; a run this list has not seen, or a change
 * of status (which may bring an error or a final time), reads the list again.
 */
export class TrainingRuns {
  list = $state.raw<readonly RunSummary[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);
  live = $state.raw<ReadonlyMap<number, LiveRunStats>>(new Map());

  readonly #studio: Studio;

  constructor(studio: Studio) {
    this.#studio = studio;
    studio.onTrainingProgress((progress) => this.#observe(progress));
    studio.onProjectChanged(() => {
      this.list = [];
      this.live = new Map();
      this.loaded = false;
      void this.refresh();
    });
  }

  find(runId: number): RunSummary | null {
    return this.list.find((run) => run.id === runId) ?? null;
  }

  /** Reads the list again; calls while a read is under way fold into one more read. */
  readonly refresh = coalesced(() => this.#readList());

  async #readList(): Promise<void> {
    try {
      this.list = await this.#studio.training.list();
      this.loaded = true;
      this.error = null;
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  /** A run the caller just made or changed: shown at once, before any event or list read. */
  upsert(run: RunSummary): void {
    this.list = this.find(run.id) ? this.list.map((known) => (known.id === run.id ? run : known)) : [run, ...this.list];
  }

  /**
   * A settled state read from the run itself. The list takes it only where
   * it still thinks the run is training: otherwise the list, kept by events,
   * is as new or newer.
   */
  settle(run: RunSummary): void {
    const known = this.find(run.id);
    if (known && known.status !== run.status && isActive(known.status)) this.upsert(run);
  }

  #observe(progress: TrainingProgress): void {
    const known = this.find(progress.runId);
    if (!known) {
      void this.refresh();
      return;
    }
    const changed = applyProgress(known, progress);
    this.list = this.list.map((run) => (run.id === progress.runId ? changed : run));
    this.#recordLive(progress, changed.status);
    if (changed.status !== known.status) void this.refresh();
  }

  #recordLive(progress: TrainingProgress, status: RunStatus): void {
    const before = this.live.get(progress.runId);
    const training = status === 'running';
    // Only step reports carry a speed and an ETA; previews and checkpoints between them keep the last ones.
    const stats: LiveRunStats = {
      imagesPerSecond: training ? (progress.imagesPerSecond ?? before?.imagesPerSecond ?? null) : null,
      etaSeconds: training ? (progress.etaSeconds ?? before?.etaSeconds ?? null) : null,
      // A late preview event after the run settled must not hide its last word ("Finished").
      message: progress.previewUrl !== null && !training && before ? before.message : progress.message,
      previewStep: progress.previewUrl ? progress.step : (before?.previewStep ?? null),
    };
    const live = new Map(this.live);
    live.set(progress.runId, stats);
    this.live = live;
  }
}

