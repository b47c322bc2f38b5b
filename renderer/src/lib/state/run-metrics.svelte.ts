import type { Studio } from '../api';
import { coalesced } from '../coalesced';
import { appendPoints, type SeriesPoints } from '../metric-series';
import { chartedMetrics } from '../run-charts';

/**
 * One run's metric history, read in increments: each read asks only for the
 * steps after the newest one held and appends them. It asks for the metrics
 * any family charts, which keeps a long run's first read small; names a run
 * does not record cost nothing, so the reads need not know its family. The
 * points themselves are plain arrays, outside Svelte's reactivity (a
 * 50,000-step run holds hundreds of thousands of them); `revision` moves when
 * they change, and the charts redraw on it.
 */
export class RunMetrics {
  revision = $state(0);
  error = $state<string | null>(null);
  readonly runId: number;

  readonly #studio: Studio;
  readonly #series = new Map<string, SeriesPoints>();
  #newestStep: number | null = null;
  #closed = false;

  constructor(studio: Studio, runId: number) {
    this.#studio = studio;
    this.runId = runId;
  }

  series(name: string): SeriesPoints | undefined {
    return this.#series.get(name);
  }

  /** Reads the points after the newest one held; calls while a read is under way fold into one more read. */
  readonly read = coalesced(() => this.#readOnce());

  /** The run is no longer shown: reads under way drop their answers. */
  close(): void {
    this.#closed = true;
  }

  async #readOnce(): Promise<void> {
    try {
      const after = this.#newestStep;
      const fetched = await this.#studio.training.metrics({ runId: this.runId, names: chartedMetrics, ...(after !== null && { afterStep: after }) });
      if (this.#closed) return;
      let added = 0;
      for (const { name, steps, values } of fetched) {
        let target = this.#series.get(name);
        if (!target) this.#series.set(name, (target = { steps: [], values: [] }));
        appendPoints(target, steps, values);
        added += steps.length;
        // Every metric of a step is recorded in the same transaction, so the newest step of any series bounds them all.
        const last = steps.at(-1);
        if (last !== undefined && (this.#newestStep === null || last > this.#newestStep)) this.#newestStep = last;
      }
      if (added > 0) this.revision += 1;
      this.error = null;
    } catch (error) {
      if (!this.#closed) this.error = (error as Error).message;
    }
  }
}
