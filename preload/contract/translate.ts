/**
 * The translate namespace's DTOs: image-to-image with trained pix2pix and
 * CycleGAN models — one image (a drawn sketch, a photo, a gallery image), a
 * live preview while drawing, a batch over a folder or a dataset, and several
 * styles side by side on one photo. The Translate and Style views both use it.
 */
import type { JobRequest } from './datasets';

/** A to B (a sketch to a photo, day to night) or back; a CycleGAN model goes both ways. */
export type Direction = 'AtoB' | 'BtoA';
export type TranslationArchitecture = 'pix2pix' | 'cyclegan';

/** A trained translation model: one checkpoint of a pix2pix or CycleGAN run. */
export interface TranslateModel {
  readonly checkpointId: number;
  readonly runId: number;
  readonly runName: string;
  readonly architecture: TranslationArchitecture;
  readonly step: number;
  /** The square size it was trained at; larger images are tiled. */
  readonly resolution: number;
  readonly dataset: string | null;
  /** The directions it translates: pix2pix its trained one, CycleGAN both. */
  readonly directions: readonly Direction[];
  /** 1 (grey) or 3 (colour) for each side. */
  readonly channels: { readonly A: 1 | 3; readonly B: 1 | 3 };
  /** Held-out quality at this checkpoint (heldOutL1, heldOutPsnr, heldOutSsim, or cycleError). */
  readonly metrics: Readonly<Record<string, number>>;
  readonly createdAt: number;
  /** The training preview at this checkpoint (input | output | target rows). */
  readonly previewUrl: string | null;
}

/** An image to translate. */
export type TranslateSource =
  /** A file on this machine (under serve mode: a staged upload's path). */
  | { readonly path: string }
  /** An image in the gallery. */
  | { readonly outputId: number }
  /** PNG bytes in base64 (a drawn sketch), at most about 700 KB. */
  | { readonly png: string };

/**
 * How an image meets the model's square: `fit` resizes it to the square and
 * the result back to the image's size; `tile` translates it at its own size
 * (or at `workingSize`) in overlapping squares blended without seams; `auto`
 * tiles images more than 1.5 times the model's size, and fits the rest.
 */
export type Tiling = 'auto' | 'fit' | 'tile';

/** What every translation takes: which model, which way, how strongly, how to tile. */
export interface TranslateSettings {
  readonly checkpointId: number;
  /** Defaults to the model's first direction (pix2pix: the one it was trained for). */
  readonly direction?: Direction | undefined;
  /** 1: the translation alone; 0.5: half way between the original and it. Defaults to 1. */
  readonly strength?: number | undefined;
  readonly tiling?: Tiling | undefined;
  /** Pixels neighbouring tiles share, blended across; defaults to a quarter of the model's size. */
  readonly overlap?: number | undefined;
  /** Tiling only: translate at this length of the longer side (the result is resized back); defaults to the image's own. */
  readonly workingSize?: number | undefined;
  /** Which view asked: stored as the output's tool, so the gallery can tell translations from styled photos. */
  readonly tool?: 'translate' | 'style' | undefined;
}

export interface TranslateImageRequest extends TranslateSettings, JobRequest {
  readonly source: TranslateSource;
}

/** A translated image, stored in the gallery with its source as its parent. */
export interface TranslationResult {
  readonly outputId: number;
  readonly blobHash: string;
  readonly url: string;
  readonly width: number;
  readonly height: number;
  /** The source as an output of its own (a file or a drawing is stored on first use). */
  readonly sourceOutputId: number;
  /** What the source was: its file's path, a dataset image's name, "output 17" or "the drawing". */
  readonly sourceName: string;
  readonly sourceUrl: string;
  readonly checkpointId: number;
  readonly direction: Direction;
  readonly strength: number;
  /** How many tiles it took; 0 when the image was fitted to the model whole. */
  readonly tiles: number;
  readonly seconds: number;
}

/** Live translation while drawing: nothing is stored. */
export interface PreviewTranslationRequest {
  readonly checkpointId: number;
  readonly direction?: Direction | undefined;
  readonly strength?: number | undefined;
  /** The drawing as PNG in base64, at most about 700 KB; fitted to the model's square. */
  readonly png: string;
}

export interface TranslationPreview {
  /** The translation as PNG in base64, at the drawing's size. */
  readonly png: string;
  readonly width: number;
  readonly height: number;
  /** Time spent in the studio (decode, translate, encode), for the frame-rate readout. */
  readonly milliseconds: number;
}

export type BatchInputs =
  /** Files and folders (searched recursively for images). */
  | { readonly paths: readonly string[] }
  /** A dataset's images: for a paired or unpaired set, one domain's. */
  | { readonly dataset: string; readonly domain?: 'A' | 'B' | undefined };

/** A job: progress arrives as jobProgress events (kind `translate-batch`); cancel with system.cancelJob. */
export interface TranslateBatchRequest extends TranslateSettings, JobRequest {
  readonly inputs: BatchInputs;
}

export interface TranslateBatchReport {
  /** Every image translated, in input order (cancelling keeps those already done). */
  readonly results: readonly TranslationResult[];
  /** Inputs that could not be translated, each with the reason. */
  readonly failed: readonly { readonly name: string; readonly message: string }[];
  readonly cancelled: boolean;
  readonly seconds: number;
}

/** One look among several to compare on a photo. */
export interface StyleChoice {
  readonly checkpointId: number;
  readonly direction?: Direction | undefined;
  readonly strength?: number | undefined;
}

/** A job: the same photo through each style, side by side. */
export interface CompareStylesRequest extends JobRequest {
  readonly source: TranslateSource;
  readonly styles: readonly StyleChoice[];
  readonly tiling?: Tiling | undefined;
  readonly overlap?: number | undefined;
  readonly workingSize?: number | undefined;
}
