import type { Easing, InterpolationMode, InterpolationPath, PreviewRequest, RenderSettings } from '../../../../preload/contract';
import type { Studio } from '../api';
import { coalesced } from '../coalesced';
import { appendKeyframes, moveKeyframe, removeKeyframe, withImages, type Keyframe } from '../explore-keyframes';
import type { LatentChoice } from '../explore-sources';
import { frameDelayMs, playStart, stepFrames } from '../explore-timeline';

/**
 * The Interpolate tool: keyframes, how the path runs between them, and a
 * timeline that previews any frame of it. Previews are coalesced: however
 * fast the scrubber moves, one request is in flight and the next one asks for
 * wherever it is by then.
 */
export class ExploreInterpolation {
  keyframes = $state.raw<readonly Keyframe[]>([]);
  mode = $state<InterpolationMode>('spherical');
  easing = $state<Easing>('ease-in-out');
  loop = $state(false);
  frames = $state(60);
  fps = $state(24);
  /** The timeline's position, 0 to 1. */
  at = $state(0);
  playing = $state(false);
  previewUrl = $state<string | null>(null);
  previewError = $state<string | null>(null);

  readonly path: InterpolationPath | null = $derived(
    this.keyframes.length >= 2
      ? { keyframes: this.keyframes.map((keyframe) => keyframe.choice.source), mode: this.mode, easing: this.easing, loop: this.loop }
      : null,
  );

  /** Frames and fps as the API takes them, whatever is in the fields. */
  readonly frameCount: number = $derived(Math.min(2000, Math.max(2, Math.round(this.frames || 2))));
  readonly frameRate: number = $derived(Math.min(60, Math.max(1, this.fps || 1)));

  readonly previewRequest: PreviewRequest | null = $derived.by(() => {
    const settings = this.#settings();
    const path = this.path;
    return settings && path ? { ...settings, points: [{ kind: 'path', path, at: this.at }] } : null;
  });

  readonly #studio: Studio;
  readonly #settings: () => RenderSettings | null;
  #nextId = 1;
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(studio: Studio, settings: () => RenderSettings | null) {
    this.#studio = studio;
    this.#settings = settings;
  }

  /** Asks for the preview of the current position; cheap to call on every change. */
  readonly refreshPreview = coalesced(async () => {
    const request = this.previewRequest;
    if (!request) {
      this.previewUrl = null;
      this.previewError = null;
      return;
    }
    try {
      const { images } = await this.#studio.latent.preview(request);
      this.previewUrl = images[0] ?? null;
      this.previewError = null;
    } catch (error) {
      this.previewError = (error as Error).message;
    }
  });

  /** Adds keyframes at the end; those without an image get one rendered with the current settings. */
  add(choices: readonly LatentChoice[]): number {
    const before = this.keyframes.length;
    this.keyframes = appendKeyframes(this.keyframes, choices, this.#nextId);
    this.#nextId += choices.length;
    const added = this.keyframes.slice(before);
    void this.#renderImages(added.filter((keyframe) => !keyframe.choice.imageUrl));
    return added.length;
  }

  move(index: number, delta: number): void {
    this.keyframes = moveKeyframe(this.keyframes, index, delta);
  }

  remove(id: number): void {
    this.keyframes = removeKeyframe(this.keyframes, id);
    if (this.keyframes.length < 2) this.pause();
  }

  /** Moves the timeline by whole frames, as the scrubber's keys and Play do. */
  step(delta: number): boolean {
    const next = stepFrames(this.at, this.frameCount, this.loop, delta);
    this.at = next.at;
    return next.ended;
  }

  play(): void {
    if (this.playing || !this.path) return;
    this.at = playStart(this.at, this.frameCount, this.loop);
    this.playing = true;
    this.#timer = setInterval(() => {
      if (this.step(1)) this.pause();
    }, frameDelayMs(this.frameRate));
  }

  pause(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    this.playing = false;
  }

  togglePlay(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  reset(): void {
    this.pause();
    this.keyframes = [];
    this.at = 0;
    this.previewUrl = null;
    this.previewError = null;
  }

  async #renderImages(keyframes: readonly Keyframe[]): Promise<void> {
    const settings = this.#settings();
    if (!settings || keyframes.length === 0) return;
    try {
      const { images } = await this.#studio.latent.preview({ ...settings, points: keyframes.map((keyframe) => keyframe.choice.source) });
      this.keyframes = withImages(this.keyframes, new Map(keyframes.map((keyframe, index) => [keyframe.id, images[index] ?? ''])));
    } catch (error) {
      // The keyframe stays usable without its image; say why it has none.
      this.previewError = (error as Error).message;
    }
  }
}
