import type { AnimationFormat, AnimationFormatInfo, AnimationResult, InterpolationPath, RenderSettings } from '../../../../preload/contract';
import type { Studio } from '../api';
import { TrackedJob } from './tracked-job.svelte';

/** Frame sizes offered besides the model's own; the export resizes with lanczos3. */
export const sizePresets = [256, 512, 1024] as const;

/**
 * Exporting an interpolation as an animation: the formats this machine can
 * write (with why any cannot), a frame size, and the export as a job with
 * progress and Cancel.
 */
export class AnimationExport {
  formats = $state.raw<readonly AnimationFormatInfo[]>([]);
  formatsError = $state<string | null>(null);
  format = $state<AnimationFormat>('gif');
  /** Null: the model's resolution. */
  size = $state<number | null>(null);
  readonly job: TrackedJob<AnimationResult>;

  readonly #studio: Studio;

  constructor(studio: Studio) {
    this.#studio = studio;
    this.job = new TrackedJob(studio);
  }

  /** Reads the formats once; the first available one is chosen unless the current one is. */
  async loadFormats(): Promise<void> {
    if (this.formats.length > 0) return;
    try {
      this.formats = await this.#studio.latent.formats();
      this.formatsError = null;
      if (!this.formats.some((info) => info.format === this.format && info.available)) {
        const first = this.formats.find((info) => info.available);
        if (first) this.format = first.format;
      }
    } catch (error) {
      this.formatsError = (error as Error).message;
    }
  }

  async export(settings: RenderSettings, path: InterpolationPath, frames: number, fps: number): Promise<void> {
    const size = this.size ?? undefined;
    await this.job.run((jobId) => this.#studio.latent.interpolate({ ...settings, path, frames, fps, format: this.format, ...(size ? { size } : {}), jobId }));
  }
}
