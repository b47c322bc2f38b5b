import type { BackendName, BackendReport } from '../../preload/contract';
import type { EngineHost } from '../engine/host';
import type { Jobs } from '../jobs/jobs';

/**
 * Which backend the engine computes on. The probe runs once, in the engine,
 * as a visible job; until it settles the active backend is unknown (null).
 * `forced` is the user's choice (settings or --backend); null takes the
 * fastest that loads.
 */
export class ComputeBackends {
  readonly #engine: EngineHost;
  readonly #jobs: Jobs;
  #forced: BackendName | null;
  #report: Promise<BackendReport> | null = null;
  #active: BackendName | null = null;
  #tfjsVersion: string | null = null;

  constructor(engine: EngineHost, jobs: Jobs, forced: BackendName | null = null) {
    this.#engine = engine;
    this.#jobs = jobs;
    this.#forced = forced;
  }

  get forced(): BackendName | null {
    return this.#forced;
  }

  /** Computes on `backend` from now on (null: the fastest); the next report probes again. */
  force(backend: BackendName | null): Promise<BackendReport> {
    this.#forced = backend;
    this.#report = null;
    this.#active = null;
    return this.report();
  }

  get active(): BackendName | null {
    return this.#active;
  }

  get tfjsVersion(): string | null {
    return this.#tfjsVersion;
  }

  /** The probe's report, starting the probe if nothing has yet. */
  report(): Promise<BackendReport> {
    this.#report ??= this.#probe();
    return this.#report;
  }

  async #probe(): Promise<BackendReport> {
    const job = this.#jobs.start('backend-probe', 'Checking compute backends', 1);
    try {
      const report = await this.#engine.request('probeBackends', { force: this.#forced }, (step) =>
        job.update(step.completed, step.total, step.message),
      );
      this.#active = report.active;
      this.#tfjsVersion = report.tfjsVersion;
      job.finish(report.active ? `Computing on ${report.active}` : 'No compute backend loaded');
      return report;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      job.fail(reason);
      this.#report = null; // A crashed probe may succeed when asked again.
      throw error;
    }
  }
}
