/**
 * Messages between the main process and the engine process. Every request
 * carries a seq number and is settled exactly once, by a `settled` reply or,
 * if the engine dies first, by the host failing it. Long requests report
 * progress of their own kind; `cancel` asks one to stop early.
 */
import type { BackendName, BackendReport } from '../../preload/contract';
import type { CheckCheckpointParams, CheckedCheckpoint, ExportBundleParams, ExportedBundle, ImportBundleParams, ImportedBundle } from './bundle/messages';
import type { Latents } from './latent/generate';
import type { Projection } from './latent/projection';
import type { ImageBatch } from './metrics/image-batch';
import type { Direction, ModelConfig } from './models/config';

export interface StepProgress {
  readonly completed: number;
  readonly total: number;
  readonly message: string;
}

/** The prepared dataset a run trains on: one tensor cache, or one per domain (for pairs, in pair order). */
export type TrainingData = { readonly kind: 'images'; readonly cache: string } | { readonly kind: 'domains'; readonly A: string; readonly B: string };

export interface TrainParams {
  /** The backend the user forced, or null for the fastest that loads. */
  readonly backend: BackendName | null;
  readonly config: ModelConfig;
  readonly seed: number;
  readonly totalSteps: number;
  readonly data: TrainingData;
  readonly checkpointDir: string;
  readonly previewDir: string;
  /** Continue from this checkpoint; null starts afresh. */
  readonly resumeFrom: string | null;
  readonly checkpointEvery: number;
  readonly previewEvery: number;
  readonly metricsEvery: number;
}

export type TrainEvent =
  | {
      readonly type: 'metrics';
      readonly step: number;
      readonly trainSeconds: number;
      readonly values: readonly { readonly name: string; readonly step: number; readonly value: number }[];
    }
  | { readonly type: 'preview'; readonly step: number; readonly path: string }
  | {
      readonly type: 'checkpoint';
      readonly step: number;
      readonly path: string;
      readonly size: number;
      readonly sha256: string;
      readonly metrics: Readonly<Record<string, number>>;
    };

export interface TrainResult {
  readonly step: number;
  /** True when it stopped early because it was asked to. */
  readonly stopped: boolean;
  readonly trainSeconds: number;
}

export interface TranslateParams {
  readonly backend: BackendName | null;
  readonly checkpoint: string;
  readonly direction: Direction;
  /** One image, each side a multiple of the model's size multiple unless tiled. */
  readonly image: ImageBatch;
  /**
   * Null: the image goes through whole (each instance-norm layer by its own
   * statistics). Otherwise it is cut into squares of the model's size that
   * share `overlap` pixels, each normalised by the statistics of one pass
   * over `statistics` (the image, or a smaller copy of it), and blended.
   */
  readonly tiles: { readonly overlap: number; readonly statistics: ImageBatch } | null;
}

export interface GeneratorRef {
  readonly backend: BackendName | null;
  readonly checkpoint: string;
  /** The moving average of the generator's weights, when the checkpoint kept one. */
  readonly ema: boolean;
}

export interface RenderParams extends GeneratorRef {
  readonly latents: Latents;
  /** ψ, 1 for none. */
  readonly truncation: number;
}

export interface ProjectParams extends GeneratorRef {
  /** One image at the model's resolution and channel count. */
  readonly target: ImageBatch;
  readonly class: number | null;
  readonly steps: number;
  readonly seed: number;
}

export interface ProjectionProgress extends StepProgress {
  readonly loss: number;
}

export interface EngineRequestMap {
  probeBackends: { params: { readonly force: BackendName | null }; result: BackendReport; progress: StepProgress };
  train: { params: TrainParams; result: TrainResult; progress: TrainEvent };
  /** Latents → 8-bit images; progress per batch. */
  render: { params: RenderParams; result: ImageBatch; progress: StepProgress };
  project: { params: ProjectParams; result: Projection; progress: ProjectionProgress };
  /** Seconds per training step for a config, timed over a few real steps on synthetic data. */
  estimate: { params: { readonly backend: BackendName | null; readonly config: ModelConfig }; result: { readonly secondsPerStep: number }; progress: StepProgress };
  /** One image through a translation model, whole or in tiles; progress per batch of tiles. */
  translate: { params: TranslateParams; result: ImageBatch; progress: StepProgress };
  /** A checkpoint's generators as a TF.js bundle (model.json and weights per network) in a folder; progress per network. */
  exportBundle: { params: ExportBundleParams; result: ExportedBundle; progress: StepProgress };
  /** A bundle's networks, checked against its config, written as a checkpoint. */
  importBundle: { params: ImportBundleParams; result: ImportedBundle; progress: StepProgress };
  /** Whether a checkpoint file is whole and its generators load; its state if so. */
  checkCheckpoint: { params: CheckCheckpointParams; result: CheckedCheckpoint; progress: StepProgress };
  /** Asks request `seq` to stop at its next safe point; false when it is not running. */
  cancel: { params: { readonly seq: number }; result: boolean; progress: never };
}

export type EngineRequestType = keyof EngineRequestMap;

export type EngineRequest = {
  [K in EngineRequestType]: { readonly seq: number; readonly type: K; readonly params: EngineRequestMap[K]['params'] };
}[EngineRequestType];

export type EngineReply =
  | { readonly kind: 'progress'; readonly seq: number; readonly progress: unknown }
  | { readonly kind: 'settled'; readonly seq: number; readonly ok: true; readonly value: unknown }
  | { readonly kind: 'settled'; readonly seq: number; readonly ok: false; readonly error: string };

/** The host's side of one engine process, whatever started it. */
export interface EngineChannel {
  send(request: EngineRequest): void;
  onMessage(listener: (reply: EngineReply) => void): void;
  /** Called once, with a reason a person can read, when the process ends. */
  onExit(listener: (reason: string) => void): void;
  kill(): void;
}

export type SpawnEngine = () => EngineChannel;
