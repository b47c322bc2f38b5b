import type { BackendName, TrainingProgress } from '../../../../preload/contract';
import type { Studio } from '../api';
import { isActive } from '../training-format';
import { NewRunDraft } from './new-run-draft.svelte';
import { PresetEstimates } from './preset-estimates.svelte';
import { SelectedRun } from './selected-run.svelte';
import { TrainingRuns } from './training-runs.svelte';

/** How often a training run's details and metric points are read while the Train view shows it. */
export const pollIntervalMs = 2000;

/**
 * Everything the Train view works with: the runs, the one shown, the New
 * run form and its estimates. Lives as long as the app, so a run keeps its
 * charts and the form its choices while the person visits another view;
 * reading on a timer happens only while the view is watching.
 */
export class TrainingWorkspace {
  readonly runs: TrainingRuns;
  readonly draft: NewRunDraft;
  readonly estimates: PresetEstimates;
  selected = $state.raw<SelectedRun | null>(null);
  /** The New run form is showing rather than a run. */
  composing = $state(false);
  starting = $state(false);

  readonly #studio: Studio;

  /** `backend` is the engine's active compute backend, as the status bar knows it (null while it probes). */
  constructor(studio: Studio, backend: () => BackendName | null) {
    this.#studio = studio;
    this.runs = new TrainingRuns(studio);
    this.draft = new NewRunDraft(studio, backend);
    this.estimates = new PresetEstimates(studio);
    studio.onTrainingProgress((progress) => this.#observe(progress));
    studio.onProjectChanged(() => {
      this.#show(null);
      this.composing = false;
      void this.#openNewest();
    });
    void this.#openNewest();
  }

  /** The shown run as the list knows it: kept current by events, unlike its details. */
  get selectedRun() {
    const selected = this.selected;
    return selected ? this.runs.find(selected.runId) : null;
  }

  select(runId: number): void {
    this.composing = false;
    if (this.selected?.runId === runId) return;
    this.#show(runId);
    void this.selected?.update();
  }

  compose(): void {
    this.composing = true;
    void this.draft.refreshDatasets();
  }

  /** Back from the form to the run that was showing. */
  stopComposing(): void {
    this.composing = false;
  }

  /** Starts a run from the form's choices and shows it. */
  async start(): Promise<void> {
    const request = this.draft.request();
    if (!request || this.starting) return;
    this.starting = true;
    this.draft.error = null;
    try {
      const run = await this.#studio.training.start(request);
      this.runs.upsert(run);
      this.draft.reset();
      this.select(run.id);
    } catch (error) {
      this.draft.error = (error as Error).message;
    } finally {
      this.starting = false;
    }
  }

  /** Space on the shown run: pause it while it trains, resume it while paused. */
  async togglePause(): Promise<void> {
    const run = this.selectedRun;
    const selected = this.selected;
    if (!run || !selected) return;
    if (isActive(run.status)) await selected.pause();
    else if (run.status === 'paused') await selected.resume();
  }

  /**
   * The Train view is showing: read the shown run now and then every
   * `pollIntervalMs` while it trains (events also prompt reads, but a missed
   * or late one must not freeze the charts). Returns the way to stop.
   */
  watch(): () => void {
    void this.runs.refresh();
    void this.draft.refreshDatasets();
    void this.selected?.update();
    const timer = setInterval(() => {
      const run = this.selectedRun;
      if (run && isActive(run.status)) void this.selected?.update();
    }, pollIntervalMs);
    return () => clearInterval(timer);
  }

  #observe(progress: TrainingProgress): void {
    if (progress.runId === this.selected?.runId) this.selected.observe(progress);
  }

  #show(runId: number | null): void {
    this.selected?.close();
    this.selected =
      runId === null
        ? null
        : new SelectedRun(
            this.#studio,
            runId,
            (run) => this.runs.upsert(run),
            (run) => this.runs.settle(run),
          );
  }

  /** Opens the newest run, or the form when there is none yet. */
  async #openNewest(): Promise<void> {
    await this.runs.refresh();
    if (this.selected || this.composing) return;
    const newest = this.runs.list[0];
    if (newest) this.select(newest.id);
    else this.compose();
  }
}
