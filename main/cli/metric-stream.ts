/**
 * A run's metric points as they are recorded, for `train` to stream: each
 * point once, in step order. Progress events say that something was recorded
 * but not what, so each read asks for the points after the last step read;
 * the engine flushes every metric of a step together, so nothing of a step
 * already read arrives later.
 */
import type { MetricSeries } from '../../preload/contract';
import { call, type Studio } from '../studio';

export interface MetricPoint {
  readonly step: number;
  readonly name: string;
  readonly value: number;
}

export class MetricStream {
  readonly #studio: Studio;
  readonly #runId: number;
  readonly #onPoints: (points: readonly MetricPoint[]) => void;
  #afterStep: number;
  #reading: Promise<void> = Promise.resolve();

  /** Points at `afterStep` and before were recorded before this command and are not streamed. */
  constructor(studio: Studio, runId: number, afterStep: number, onPoints: (points: readonly MetricPoint[]) => void) {
    this.#studio = studio;
    this.#runId = runId;
    this.#afterStep = afterStep;
    this.#onPoints = onPoints;
  }

  /** Hands on the points recorded since the last read. Reads queue behind one another, so no point is handed on twice. */
  read(): Promise<void> {
    this.#reading = this.#reading.then(async () => {
      const series = await call<readonly MetricSeries[]>(this.#studio, 'training.metrics', [{ runId: this.#runId, afterStep: this.#afterStep }]);
      // Series come by name; a stable sort by step keeps each step's names in that order.
      const points = series.flatMap(({ name, steps, values }) => steps.map((step, index) => ({ step, name, value: values[index]! }))).sort((a, b) => a.step - b.step);
      if (points.length === 0) return;
      this.#afterStep = points.at(-1)!.step;
      this.#onPoints(points);
    });
    return this.#reading;
  }
}
