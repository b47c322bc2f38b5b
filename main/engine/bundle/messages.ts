/**
 * The engine's model-bundle requests, as the protocol carries them. A bundle
 * or checkpoint that does not hold what it should is answered with a
 * `problem` (naming the file or field) rather than an error, so the main
 * process can tell bad input from an engine that failed.
 */
import type { BackendName, WeightPrecision } from '../../../preload/contract';
import type { ModelConfig } from '../models/config';
import type { CheckpointState } from '../../formats/checkpoint-file';
import type { FileHashes } from './file-hashes';
import type { BundleNetworkLayout } from './layout';

export interface ExportBundleParams {
  readonly backend: BackendName | null;
  readonly checkpoint: string;
  readonly networks: readonly BundleNetworkLayout[];
  /** An empty folder to write each network's model.json and weights (and layers.js when needed) into. */
  readonly folder: string;
  readonly precision: WeightPrecision;
}

export interface ExportedNetwork {
  readonly network: string;
  readonly parameters: number;
}

export interface ExportedBundle {
  readonly networks: readonly ExportedNetwork[];
  /** Class names of the non-stock layers the networks use; layers.js was written when there are any. */
  readonly customLayers: readonly string[];
  /** The SHA-256 of every file written, for bundle.json. */
  readonly fileSha256: FileHashes;
}

export interface ImportBundleParams {
  readonly backend: BackendName | null;
  readonly folder: string;
  /** The config the networks are checked against (from bundle.json). */
  readonly config: ModelConfig;
  readonly networks: readonly BundleNetworkLayout[];
  /** The SHA-256 bundle.json records for each file, checked as it is read; null for a bundle exported before they were recorded. */
  readonly fileSha256: FileHashes | null;
  /**
   * Where to write the checkpoint (a temporary name: the main process moves
   * it into place) with its state — config, step, metrics, nothing to resume
   * from; null only checks the networks.
   */
  readonly writeTo: { readonly path: string; readonly state: CheckpointState } | null;
}

export type Checked<T> = ({ readonly ok: true } & T) | { readonly ok: false; readonly problem: string };

/** The checkpoint written (null when only checked). */
export type ImportedBundle = Checked<{ readonly written: { readonly size: number; readonly sha256: string } | null }>;

export interface CheckCheckpointParams {
  readonly backend: BackendName | null;
  readonly path: string;
}

export type CheckedCheckpoint = Checked<{ readonly state: CheckpointState }>;
