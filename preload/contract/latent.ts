/**
 * The latent namespace's DTOs: everything Explore does with a trained
 * generator — grids by seed, interpolation and its animations, mixing,
 * projection of an image into the latent space, and saved latents.
 */

/** Where a latent comes from; every tool takes these. */
export type LatentSource =
  /** The latent of a seed: the same seed gives the same image, in any process, on the same backend. */
  | { readonly kind: 'seed'; readonly seed: number; readonly class?: number | undefined }
  /** The latent an output of a latent tool was made from (a sample, a mix, a projection). */
  | { readonly kind: 'output'; readonly outputId: number }
  | { readonly kind: 'saved'; readonly latentId: number }
  /**
   * A point on a plane of seeds: the integer point (i, j) holds the seed
   * seedAt(seed, i, j) (preload/seed-map.ts); a fractional point blends the
   * latents of its four nearest.
   */
  | { readonly kind: 'seed-map'; readonly seed: number; readonly x: number; readonly y: number };

/** How latents become images; shared by every tool. */
export interface RenderSettings {
  readonly checkpointId: number;
  /** The moving average of the generator's weights (smoother) rather than the raw generator; defaults to EMA when the run kept one. */
  readonly ema?: boolean | undefined;
  /** ψ: 1 leaves latents alone, 0 gives the average image; between, each image moves toward the average by 1 − ψ. */
  readonly truncation?: number | undefined;
  /** For a conditional model: draw every image from this class instead of each latent's own. */
  readonly class?: number | undefined;
}

/** A trained generator Explore can use: one checkpoint of a run. */
export interface ExploreModel {
  readonly checkpointId: number;
  readonly runId: number;
  readonly runName: string;
  /** The family it belongs to: both draw from noise. */
  readonly architecture: 'fastgan' | 'dcgan';
  readonly step: number;
  readonly resolution: number;
  readonly channels: number;
  readonly latentSize: number;
  readonly hasEma: boolean;
  /** Names of the classes of a conditional model, in class order; empty for an unconditional one. */
  readonly classNames: readonly string[];
  readonly createdAt: number;
  readonly previewUrl: string | null;
}

export interface SampleRequest extends RenderSettings {
  /** Image i of the grid is the latent of seed + i. */
  readonly seed: number;
  readonly count: number;
}

/** An image a latent tool stored in the gallery. */
export interface LatentImage {
  readonly outputId: number;
  readonly blobHash: string;
  readonly url: string;
  /** The seed, when the latent is one. */
  readonly seed: number | null;
  /** The class it was drawn from, for a conditional model. */
  readonly class: number | null;
}

export type InterpolationMode = 'linear' | 'spherical';
export type Easing = 'linear' | 'ease-in' | 'ease-out' | 'ease-in-out';

export interface InterpolationPath {
  /** Two or more latents, visited in order. */
  readonly keyframes: readonly LatentSource[];
  readonly mode: InterpolationMode;
  /** Applied within each segment, so the path slows into and out of every keyframe. */
  readonly easing: Easing;
  /** Returns from the last keyframe to the first, for an animation that repeats seamlessly. */
  readonly loop: boolean;
}

/** A point in the latent space to preview, without storing anything. */
export type LatentPoint =
  | LatentSource
  /** `at` runs from 0 (the first keyframe) to 1 (the last, or back to the first when looping). */
  | { readonly kind: 'path'; readonly path: InterpolationPath; readonly at: number };

export interface PreviewRequest extends RenderSettings {
  readonly points: readonly LatentPoint[];
}

export interface PreviewImages {
  /** PNG data URLs, one per point, at the model's resolution. */
  readonly images: readonly string[];
}

export type AnimationFormat = 'webp' | 'gif' | 'apng' | 'png' | 'mp4';

export interface AnimationFormatInfo {
  readonly format: AnimationFormat;
  readonly label: string;
  readonly available: boolean;
  /** Why it is not offered, when it is not. */
  readonly reason: string | null;
}

export interface InterpolateRequest extends RenderSettings {
  readonly path: InterpolationPath;
  readonly frames: number;
  readonly fps: number;
  readonly format: AnimationFormat;
  /** Side of the exported frames in pixels (lanczos3); the model's resolution when absent. */
  readonly size?: number | undefined;
  readonly jobId?: string | undefined;
}

/** An animation stored in the gallery. A PNG sequence is stored as a ZIP of numbered frames. */
export interface AnimationResult {
  readonly outputId: number;
  readonly blobHash: string;
  readonly url: string;
  readonly format: AnimationFormat;
  readonly mediaType: string;
  readonly frames: number;
  readonly size: number;
  readonly bytes: number;
}

export type MixOperation =
  /** a − b + c: moves c by the difference between a and b. */
  | { readonly kind: 'arithmetic'; readonly a: LatentSource; readonly b: LatentSource; readonly c: LatentSource }
  /** Children that take each latent dimension from one parent or the other. */
  | { readonly kind: 'crossover'; readonly parents: readonly [LatentSource, LatentSource]; readonly children: number; readonly seed: number }
  /** Children near a parent: `strength` 0 is the parent itself, 1 a fresh random latent. */
  | { readonly kind: 'mutate'; readonly parent: LatentSource; readonly strength: number; readonly children: number; readonly seed: number };

export interface MixRequest extends RenderSettings {
  readonly operation: MixOperation;
}

export interface ProjectRequest {
  readonly checkpointId: number;
  readonly ema?: boolean | undefined;
  /** The image to reproduce: a file on this machine (or staged by an upload), or an image in the gallery. */
  readonly image: { readonly path: string } | { readonly outputId: number };
  /** For a conditional model; when absent, the class that fits best at the start. */
  readonly class?: number | undefined;
  /** Optimisation steps; 300 by default. */
  readonly steps?: number | undefined;
  readonly jobId?: string | undefined;
}

export interface ProjectionResult extends LatentImage {
  /** The target as the model sees it (resized to its resolution), stored beside the result. */
  readonly targetUrl: string;
  /** Reconstruction loss at the start and at the end: pixel plus multi-scale. */
  readonly initialLoss: number;
  readonly finalLoss: number;
  readonly steps: number;
}

export interface SaveLatentRequest {
  readonly name: string;
  /** Seeds become latents at this checkpoint's latent size. */
  readonly checkpointId: number;
  readonly source: LatentSource;
}

export interface SavedLatent {
  readonly latentId: number;
  readonly name: string;
  readonly latentSize: number;
  readonly class: number | null;
  readonly checkpointId: number | null;
  /** An image of it, when it came from an output. */
  readonly previewUrl: string | null;
  readonly createdAt: number;
}

export interface SavedLatentRef {
  readonly latentId: number;
}

export interface RenameLatentRequest extends SavedLatentRef {
  readonly name: string;
}
