/**
 * The models namespace's DTOs: trained generators out of the studio and into
 * it. `export` writes a checkpoint's generator as a self-contained TF.js
 * bundle — model.json (tfjs-layers format) and weights.bin, layers.js when
 * the model uses layers stock TF.js lacks, a README.md with its settings,
 * provenance and how to load it, and bundle.json (the same, for machines).
 * `import` brings such a bundle, or a checkpoint from another project, into
 * the open project as a completed run with one checkpoint, ready for Explore
 * (FastGAN, DCGAN) or Translate and Style (pix2pix, CycleGAN).
 */
import type { JobRequest } from './datasets';
import type { Direction } from './translate';

export type ModelArchitecture = 'fastgan' | 'dcgan' | 'pix2pix' | 'cyclegan';

/**
 * When the bundle's folder exists and is not empty. `ask` (the default)
 * writes nothing and fails with ALREADY_EXISTS, so the UI can ask and call
 * again; `overwrite` replaces the folder's contents (only once the new bundle
 * is complete); `keep-both` writes to "folder-2" (or -3, …) instead.
 */
export type BundleConflict = 'ask' | 'overwrite' | 'keep-both';

/**
 * How the weights are stored. float16 halves the bundle (TF.js widens the
 * weights to float32 as it loads them, so it computes as before, with each
 * weight rounded to about three significant digits); float32 keeps every
 * bit of the checkpoint.
 */
export type WeightPrecision = 'float32' | 'float16';

/** A job (kind `model-export`): progress as jobProgress events; cancel with system.cancelJob. */
export interface ExportModelRequest extends JobRequest {
  readonly checkpointId: number;
  /** The bundle's folder: made if missing; written under a temporary name and renamed into place whole. */
  readonly folder: string;
  /**
   * FastGAN and DCGAN only: the moving average of the generator's weights (the default
   * when the run kept one; it draws cleaner images), or false for the
   * generator as last trained.
   */
  readonly ema?: boolean | undefined;
  readonly conflict?: BundleConflict | undefined;
  /** float32 when absent. */
  readonly precision?: WeightPrecision | undefined;
}

export interface BundleFile {
  /** Relative to the bundle's folder, e.g. "model.json", "weights-BtoA.bin". */
  readonly name: string;
  readonly bytes: number;
}

/** One network of a bundle: FastGAN, DCGAN and pix2pix have one, CycleGAN two (one per direction). */
export interface BundleNetwork {
  /** The model.json that loads it, relative to the bundle's folder. */
  readonly modelFile: string;
  /** FastGAN and DCGAN: 'ema' or 'generator'; pix2pix: 'generator'; CycleGAN: 'generatorAB' or 'generatorBA'. */
  readonly network: string;
  /** Translation models: the way this network translates. */
  readonly direction: Direction | null;
  readonly parameters: number;
}

export interface ExportModelReport {
  /** Where the bundle is (a `keep-both` export names the folder it chose). */
  readonly folder: string;
  readonly files: readonly BundleFile[];
  /** All files together. */
  readonly bytes: number;
  readonly architecture: ModelArchitecture;
  readonly networks: readonly BundleNetwork[];
  /** Class names of the layers stock TF.js lacks, which layers.js registers; empty when it is not needed (and not written). */
  readonly customLayers: readonly string[];
  readonly precision: WeightPrecision;
  readonly seconds: number;
}

/**
 * What can be imported: a bundle's folder (model.json beside bundle.json), a
 * checkpoint file (.ckpt) from another project, or another project's folder
 * with `checkpointId`. A checkpoint carries its model's config in its header;
 * its run's name and dataset come from its project's library when it still
 * lies in one.
 */
export interface ModelSourceRef {
  readonly path: string;
  /** With `path` a project's folder: which of its checkpoints. */
  readonly checkpointId?: number | undefined;
}

/** What a bundle or a checkpoint holds, read without importing it (for a confirmation). */
export interface ModelSourceSummary {
  readonly kind: 'bundle' | 'checkpoint';
  /** The file or folder that was read. */
  readonly path: string;
  readonly architecture: ModelArchitecture;
  /** The run's name where it was trained. */
  readonly runName: string;
  readonly step: number;
  readonly resolution: number;
  /** FastGAN and DCGAN: the latent's length; null for translation models. */
  readonly latentSize: number | null;
  /** FastGAN and DCGAN: names of the classes it is conditioned on (empty when unconditional). */
  readonly classNames: readonly string[];
  /** Translation models: the ways it translates. */
  readonly directions: readonly Direction[];
  readonly dataset: string | null;
  /** SHA-256 of the checkpoint it came from. */
  readonly checkpointSha256: string;
  /** Where it was trained: the project's name, when known. */
  readonly project: string | null;
  /** Epoch milliseconds the checkpoint (or the bundle) was made, when known. */
  readonly createdAt: number | null;
  /** Which views can use it once imported. */
  readonly usableIn: 'explore' | 'translate';
}

/** A job (kind `model-import`). Nothing is recorded unless the whole import succeeds. */
export interface ImportModelRequest extends ModelSourceRef, JobRequest {
  /** The new run's name; defaults to "<its name> (imported)". */
  readonly name?: string | undefined;
}

export interface ImportModelReport {
  readonly runId: number;
  readonly runName: string;
  readonly checkpointId: number;
  readonly summary: ModelSourceSummary;
}

export interface ModelsApi {
  /** A checkpoint's generator as a self-contained TF.js bundle in a folder (a job). */
  export(request: ExportModelRequest): Promise<ExportModelReport>;
  /** What a bundle or checkpoint holds, read and checked but not imported. */
  inspect(request: ModelSourceRef): Promise<ModelSourceSummary>;
  /** A bundle or another project's checkpoint as a new completed run with one checkpoint (a job). */
  import(request: ImportModelRequest): Promise<ImportModelReport>;
}
