import type { ViewedImage } from '../../components/training/ImageViewer.svelte';
import type { Studio } from '../api';
import type { LatentChoice } from '../explore-sources';
import type { FileStaging } from '../file-staging';
import { AnimationExport } from './explore-animation.svelte';
import { ExploreGrid } from './explore-grid.svelte';
import { ExploreInterpolation } from './explore-interpolation.svelte';
import { ExploreMixer, type MixSlot } from './explore-mixer.svelte';
import { ExploreModelChoice } from './explore-model.svelte';
import { ExploreProjector } from './explore-projector.svelte';
import { SavedLatents } from './explore-saved.svelte';
import { ExploreSeedMap } from './explore-seed-map.svelte';

export const exploreTabs = [
  { id: 'grid', label: 'Grid' },
  { id: 'interpolate', label: 'Interpolate' },
  { id: 'seed-map', label: 'Seed map' },
  { id: 'mix', label: 'Mix' },
  { id: 'project', label: 'Project' },
] as const;

export type ExploreTab = (typeof exploreTabs)[number]['id'];

/** What any tool can do with a latent it shows: hand it to another tool, save it, look closer. */
export interface LatentActions {
  addKeyframes(choices: readonly LatentChoice[]): void;
  useAs(slot: MixSlot, choice: LatentChoice): void;
  save(choice: LatentChoice): void;
  enlarge(image: ViewedImage): void;
}

/**
 * Everything the Explore view works with: the model bar, one state per tool,
 * the saved latents, and the hand-offs between them. Lives as long as the app,
 * so keyframes and results survive a visit to another view; a new project
 * clears them, since their outputs belong to the old one.
 */
export class ExploreWorkspace implements LatentActions {
  readonly model: ExploreModelChoice;
  readonly grid: ExploreGrid;
  readonly interpolation: ExploreInterpolation;
  readonly animation: AnimationExport;
  readonly seedMap: ExploreSeedMap;
  readonly mixer: ExploreMixer;
  readonly projector: ExploreProjector;
  readonly saved: SavedLatents;
  tab = $state<ExploreTab>('grid');
  /** The latent the Save dialog is naming, while it is open. */
  saving = $state.raw<LatentChoice | null>(null);
  viewed = $state.raw<ViewedImage | null>(null);
  /** The last hand-off, read out politely: "Added 2 keyframes". */
  notice = $state('');

  constructor(studio: Studio, staging: FileStaging) {
    this.model = new ExploreModelChoice(studio);
    const settings = () => this.model.settings;
    this.grid = new ExploreGrid(studio, settings);
    this.interpolation = new ExploreInterpolation(studio, settings);
    this.animation = new AnimationExport(studio);
    this.seedMap = new ExploreSeedMap(studio, settings);
    this.mixer = new ExploreMixer(studio, settings);
    this.projector = new ExploreProjector(studio, staging);
    this.saved = new SavedLatents(studio);
    studio.onProjectChanged(() => this.#reset());
  }

  /** The Explore view is showing: read the checkpoints (training may have made new ones), the saved latents and the formats. */
  watch(): void {
    void this.model.refresh();
    void this.saved.refresh();
    void this.animation.loadFormats();
  }

  addKeyframes(choices: readonly LatentChoice[]): void {
    const added = this.interpolation.add(choices);
    const total = this.interpolation.keyframes.length;
    this.notice = added === 0 ? 'The path is full: 64 keyframes at most.' : `Added ${added === 1 ? 'a keyframe' : `${added} keyframes`} (${total} on the path)`;
  }

  useAs(slot: MixSlot, choice: LatentChoice): void {
    this.mixer.use(slot, choice);
    this.notice = `${choice.label} is ${slot.toUpperCase()} in Mix`;
  }

  save(choice: LatentChoice): void {
    this.saving = choice;
  }

  enlarge(image: ViewedImage): void {
    this.viewed = image;
  }

  /** Names and saves the latent the Save dialog holds; answers why it failed, or null. */
  async confirmSave(name: string): Promise<string | null> {
    const choice = this.saving;
    const checkpointId = this.model.checkpointId;
    if (!choice || checkpointId === null) return 'Choose a model first.';
    try {
      const saved = await this.saved.save(name, checkpointId, choice.source);
      this.notice = `Saved “${saved.name}”`;
      this.saving = null;
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  }

  #reset(): void {
    this.model.reset();
    this.grid.clear();
    this.interpolation.reset();
    this.animation.job.clear();
    this.seedMap.reset();
    this.mixer.reset();
    this.projector.pick(null);
    this.saved.reset();
    this.notice = '';
    void this.model.refresh();
    void this.saved.refresh();
  }
}
