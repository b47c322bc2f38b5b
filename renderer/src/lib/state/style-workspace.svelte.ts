import type { TranslateSettings } from '../../../../preload/contract';
import type { Studio } from '../api';
import type { FileStaging } from '../file-staging';
import { requestedCheckpoint, styleOptions, type StyleOption } from '../translators';
import { ImageTranslation } from './image-translation.svelte';
import { StyleCompare } from './style-compare.svelte';
import { TranslateBatch } from './translate-batch.svelte';
import { TranslatorChoice } from './translator-choice.svelte';

/**
 * Everything the Style view works with: the look (a model and a direction),
 * how strongly it applies, the photo, a batch and a comparison of looks.
 */
export class StyleWorkspace {
  readonly choice: TranslatorChoice;
  /** 1: the look alone; lower blends the original photo back in. */
  strength = $state(1);
  readonly photo: ImageTranslation;
  readonly batch: TranslateBatch;
  readonly compare: StyleCompare;
  /** A checkpoint a link asked for, offered even when its run has newer ones. */
  pinned = $state<number | null>(null);

  /** How picked files reach the studio (the panels' drop zones use it). */
  readonly staging: FileStaging;

  constructor(studio: Studio, staging: FileStaging) {
    this.staging = staging;
    this.choice = new TranslatorChoice(studio);
    this.photo = new ImageTranslation(studio, staging);
    this.batch = new TranslateBatch(studio, staging);
    this.compare = new StyleCompare(studio);
  }

  /** Each trained model's newest checkpoint, each way it goes. */
  get options(): StyleOption[] {
    return styleOptions(this.choice.models, this.pinned);
  }

  get chosenKey(): string | null {
    return this.choice.checkpointId === null ? null : `${this.choice.checkpointId}:${this.choice.direction}`;
  }

  chooseKey(key: string): void {
    const option = this.options.find((candidate) => candidate.key === key);
    if (option) this.choice.choose(option.checkpointId, option.direction);
  }

  get settings(): TranslateSettings | null {
    const checkpointId = this.choice.checkpointId;
    return checkpointId === null ? null : { checkpointId, direction: this.choice.direction, strength: this.strength, tool: 'style' };
  }

  async watch(hash: string): Promise<void> {
    await Promise.all([this.choice.refresh(), this.batch.refreshDatasets()]);
    const asked = requestedCheckpoint(hash);
    const linked = asked === null ? undefined : this.choice.models.find((model) => model.checkpointId === asked);
    if (linked) this.pinned = linked.checkpointId;
    const options = this.options;
    if (linked) this.choice.choose(linked.checkpointId);
    // A style is a model's newest checkpoint: an older one chosen by default falls forward to it.
    else if (!options.some((option) => option.key === this.chosenKey) && options[0]) this.choice.choose(options[0].checkpointId, options[0].direction);
    this.compare.keepOnly(options);
  }

  async apply(): Promise<void> {
    const settings = this.settings;
    if (settings) await this.photo.run(settings);
  }

  async compareStyles(): Promise<void> {
    const source = await this.photo.source();
    if (source) await this.compare.run(source, this.options, this.strength);
  }
}
