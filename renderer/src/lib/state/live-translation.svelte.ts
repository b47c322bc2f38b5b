import type { Direction, TranslationPreview } from '../../../../preload/contract';
import type { Studio } from '../api';
import { FrameRate, latestFrameLoop, type LatestFrameLoop } from '../latest-frame';

export interface LiveSettings {
  readonly checkpointId: number;
  readonly direction: Direction;
}

/** A 30 fps ceiling: as smooth as the pen needs, and a fast machine's engine is not kept flat out. */
const minIntervalMs = 1000 / 30;

/**
 * The translation beside the canvas, following the pen. One frame is in
 * flight at a time and the drawing is read only when it is about to go, so
 * the picture is always of the newest drawing; frames drawn meanwhile are
 * dropped, never queued.
 */
export class LiveTranslation {
  enabled = $state(true);
  url = $state<string | null>(null);
  framesPerSecond = $state<number | null>(null);
  /** The studio's own time for the last frame (decode, translate, encode). */
  milliseconds = $state<number | null>(null);
  error = $state<string | null>(null);

  readonly #studio: Studio;
  readonly #rate = new FrameRate();
  #loop: LatestFrameLoop | null = null;

  constructor(studio: Studio) {
    this.#studio = studio;
  }

  /**
   * Starts following a drawing: `read` encodes it as PNG in base64 (null when
   * blank), `settings` says which model (null when there is none). Answers the
   * way to stop, for the view to call when it goes.
   */
  attach(read: () => Promise<string | null>, settings: () => LiveSettings | null): () => void {
    this.#loop?.stop();
    const loop = latestFrameLoop<{ png: string; settings: LiveSettings }, TranslationPreview>({
      read: async () => {
        const chosen = settings();
        const png = chosen && this.enabled ? await read() : null;
        return png && chosen ? { png, settings: chosen } : null;
      },
      send: ({ png, settings: chosen }) => this.#studio.translate.preview({ ...chosen, png }),
      onAnswer: (preview) => this.#show(preview),
      onError: (error) => (this.error = error.message),
      minIntervalMs,
    });
    this.#loop = loop;
    this.#rate.reset();
    return () => loop.stop();
  }

  /** The drawing or the model changed. */
  changed(): void {
    this.#loop?.changed();
  }

  /**
   * Loads a model before the first stroke: the first translation with a
   * model prepares its filters (seconds for a large one), which would
   * otherwise stall the pen's first frame. The answer is not shown.
   */
  warm(settings: LiveSettings, png: string): void {
    this.#studio.translate.preview({ ...settings, png }).catch(() => {
      // A failure here is the first frame's to report, with the drawing it concerns.
    });
  }

  /** Nothing on the paper: nothing to show. */
  blank(): void {
    this.url = null;
    this.framesPerSecond = null;
  }

  #show(preview: TranslationPreview): void {
    this.url = `data:image/png;base64,${preview.png}`;
    this.milliseconds = preview.milliseconds;
    this.framesPerSecond = this.#rate.record(performance.now());
    this.error = null;
  }
}
