/**
 * Reuse from the Gallery's viewer: each action takes an output up in the
 * view that can work with it and goes there — its latent onto Explore's
 * path (with the model and ψ that drew it), its image into Translate or
 * Style (with the settings that made it, for a translation), its run into
 * Train, the selection into Export.
 */
import type { GalleryDetail } from '../../../../preload/contract';
import type { ViewId } from '../views';
import type { ExploreWorkspace } from './explore-workspace.svelte';
import type { GalleryHandOff } from './gallery-workspace.svelte';
import type { StyleWorkspace } from './style-workspace.svelte';
import type { TrainingWorkspace } from './training-workspace.svelte';
import type { TranslateWorkspace } from './translate-workspace.svelte';

export interface HandOffTargets {
  readonly go: (view: ViewId) => void;
  readonly explore: ExploreWorkspace;
  readonly translate: TranslateWorkspace;
  readonly style: StyleWorkspace;
  readonly training: TrainingWorkspace;
  readonly exporting: { useSelection(outputIds: readonly number[], label: string): void };
}

export function galleryHandOff({ go, explore, translate, style, training, exporting }: HandOffTargets): GalleryHandOff {
  return {
    async openInExplore(detail: GalleryDetail) {
      const latent = detail.reuse.latent;
      if (!latent) return;
      await explore.model.refresh();
      if (latent.checkpointId !== null) explore.model.choose(latent.checkpointId);
      if (latent.ema !== null) explore.model.ema = latent.ema;
      if (latent.truncation !== null) explore.model.truncation = latent.truncation;
      explore.addKeyframes([{ source: latent.source, label: `Output ${detail.id}`, imageUrl: detail.url }]);
      explore.tab = 'interpolate';
      go('explore');
    },

    async openInTranslate(detail: GalleryDetail) {
      const source = detail.reuse.translateSource;
      if (!source) return;
      const settings = detail.reuse.translateSettings;
      if (detail.tool === 'style' && settings) {
        await style.choice.refresh();
        style.choice.choose(settings.checkpointId, settings.direction);
        style.strength = settings.strength;
        style.photo.useOutput(source.outputId);
        go('style');
        return;
      }
      if (settings) {
        await translate.choice.refresh();
        translate.choice.choose(settings.checkpointId, settings.direction);
      }
      translate.image.useOutput(source.outputId);
      go('translate');
    },

    openInTrain(detail: GalleryDetail) {
      const run = detail.reuse.train;
      if (!run) return;
      training.select(run.runId);
      go('train');
    },

    exportSelection(outputIds: readonly number[], label: string) {
      exporting.useSelection(outputIds, label);
      go('export');
    },
  };
}
