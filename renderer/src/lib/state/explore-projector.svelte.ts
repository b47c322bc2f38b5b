import type { ProjectionResult } from '../../../../preload/contract';
import type { Studio } from '../api';
import type { FileStaging, PickedItem } from '../file-staging';
import { TrackedJob } from './tracked-job.svelte';

/**
 * The Project tool: finds the latent that best reproduces an image. The image
 * must be a file the main process can read: under Electron the picked file
 * itself, in serve mode a copy uploaded to a staging folder first.
 */
export class ExploreProjector {
  file = $state.raw<File | null>(null);
  /** A local URL of the picked file, shown until the projection's own target replaces it. */
  fileUrl = $state<string | null>(null);
  steps = $state(300);
  /** Null: the class that fits best at the start. */
  classIndex = $state<number | null>(null);
  readonly job: TrackedJob<ProjectionResult>;

  readonly #studio: Studio;
  readonly #staging: FileStaging;
  #picked: PickedItem[] = [];

  constructor(studio: Studio, staging: FileStaging) {
    this.#studio = studio;
    this.#staging = staging;
    this.job = new TrackedJob(studio);
  }

  /** Takes the first file of an input's list. */
  pick(files: FileList | null): void {
    if (this.fileUrl) URL.revokeObjectURL(this.fileUrl);
    const file = files?.[0] ?? null;
    this.#picked = files && file ? this.#staging.fromInput(files, false).slice(0, 1) : [];
    this.file = file;
    this.fileUrl = file ? URL.createObjectURL(file) : null;
    this.job.clear();
  }

  async project(checkpointId: number, ema: boolean | undefined): Promise<void> {
    const file = this.file;
    if (!file || this.job.running) return;
    const steps = Math.min(5000, Math.max(1, Math.round(this.steps || 1)));
    const classIndex = this.classIndex;
    const picked = this.#picked;
    await this.job.run(async (jobId) => {
      const path = await this.#pathOf(file, picked);
      return this.#studio.latent.project({
        checkpointId,
        image: { path },
        steps,
        jobId,
        ...(ema === undefined ? {} : { ema }),
        ...(classIndex === null ? {} : { class: classIndex }),
      });
    });
  }

  async #pathOf(file: File, picked: readonly PickedItem[]): Promise<string> {
    const [path] = await this.#staging.toPaths(picked, { asOneFolder: false, onProgress: () => {}, signal: new AbortController().signal });
    if (!path) throw new Error('The picked image could not be staged.');
    // An upload answers its batch folder; the file keeps its name inside it.
    return this.#staging.local ? path : `${path}/${file.name}`;
  }
}
