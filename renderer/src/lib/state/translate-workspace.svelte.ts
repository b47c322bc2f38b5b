import type { TranslateSettings, TranslationResult } from '../../../../preload/contract';
import type { Studio } from '../api';
import type { FileStaging } from '../file-staging';
import { requestedCheckpoint } from '../translators';
import { ImageTranslation } from './image-translation.svelte';
import { LiveTranslation } from './live-translation.svelte';
import { SketchPad } from './sketch-pad.svelte';
import { TrackedJob } from './tracked-job.svelte';
import { TranslateBatch } from './translate-batch.svelte';
import { TranslatorChoice } from './translator-choice.svelte';

/**
 * Everything the Translate view works with: the model, the drawing and its
 * live translation, keeping a translation, an image file, a batch. Lives as
 * long as the app, so a drawing survives a visit to another view.
 */
export class TranslateWorkspace {
  readonly choice: TranslatorChoice;
  readonly pad = new SketchPad();
  readonly live: LiveTranslation;
  /** Keep: the drawing translated and stored in the gallery with the drawing as its source. */
  readonly keep: TrackedJob<TranslationResult>;
  readonly image: ImageTranslation;
  readonly batch: TranslateBatch;
  /** How picked files reach the studio (the panels' drop zones use it). */
  readonly staging: FileStaging;

  readonly #studio: Studio;

  constructor(studio: Studio, staging: FileStaging) {
    this.#studio = studio;
    this.staging = staging;
    this.choice = new TranslatorChoice(studio);
    this.live = new LiveTranslation(studio);
    this.keep = new TrackedJob(studio);
    this.image = new ImageTranslation(studio, staging);
    this.batch = new TranslateBatch(studio, staging);
  }

  /** What every translation here uses; null until there is a model. */
  get settings(): TranslateSettings | null {
    const checkpointId = this.choice.checkpointId;
    return checkpointId === null ? null : { checkpointId, direction: this.choice.direction, tool: 'translate' };
  }

  /** The view is showing: read the models (a link may name one) and the datasets. */
  async watch(hash: string): Promise<void> {
    await Promise.all([this.choice.refresh(), this.batch.refreshDatasets()]);
    const asked = requestedCheckpoint(hash);
    if (asked !== null && this.choice.models.some((model) => model.checkpointId === asked)) this.choice.choose(asked);
  }

  /** Stores the drawing's translation; `png` is the drawing, read by the canvas. */
  async keepDrawing(png: string): Promise<void> {
    const settings = this.settings;
    if (!settings || this.keep.running) return;
    await this.keep.run((jobId) => this.#studio.translate.image({ ...settings, source: { png }, tiling: 'fit', jobId }));
  }
}
