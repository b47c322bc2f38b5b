/** The training namespace's DTOs and requests. */
import type { JobRequest } from './datasets';
import type { Direction } from './translate';

export type RunStatus = 'queued' | 'running' | 'paused' | 'stopped' | 'completed' | 'failed';
/**
 * FastGAN (the default for an image set) and DCGAN make images from noise;
 * pix2pix translates paired sets; CycleGAN unpaired (or paired) ones.
 */
export type ModelKind = 'fastgan' | 'dcgan' | 'pix2pix' | 'cyclegan';
/** FastGAN trains at 32 to 256 px (512 and 1024 on a GPU backend); DCGAN at 32, 64 or 128; pix2pix and CycleGAN at 64, 128 or 256. */
export type TrainingResolution = 32 | 64 | 128 | 256 | 512 | 1024;
export type TrainingPreset = 'quick' | 'balanced' | 'quality';
export type GanLossName = 'non-saturating' | 'hinge';
/**
 * How a generator doubles its size: a bilinear ×2 resize (half-pixel centres) or a nearest one, each
 * followed by a 3×3 convolution (no checkerboard), or a transposed convolution (the original papers').
 */
export type Upsampling = 'bilinear' | 'nearest' | 'transposed';

/** The knobs a person may set; everything else comes from the preset. */
export interface TrainingOptions {
  readonly resolution: TrainingResolution;
  readonly preset?: TrainingPreset | undefined;
  readonly steps?: number | undefined;
  readonly batchSize?: number | undefined;
  readonly seed?: number | undefined;
  /** Feature maps of the networks' first (DCGAN: widest ÷ resolution/8) layer. */
  readonly width?: number | undefined;
  /** Every family: how the generator upsamples ('bilinear' by default; 'transposed', not for FastGAN, is the original papers' layer). */
  readonly upsample?: Upsampling | undefined;
  /** DCGAN: condition on the dataset's class labels. */
  readonly conditional?: boolean | undefined;
  /** DCGAN options. */
  readonly loss?: GanLossName | undefined;
  /** DiffAugment (translation, cutout, colour) on real and fake images: for small datasets. */
  readonly augment?: boolean | undefined;
  readonly r1Gamma?: number | undefined;
  readonly emaDecay?: number | undefined;
  /** DCGAN: each network's learning rate. */
  readonly learningRateG?: number | undefined;
  readonly learningRateD?: number | undefined;
  /** pix2pix and CycleGAN: both networks' learning rate, constant for the first half of the run, then falling linearly to zero. */
  readonly learningRate?: number | undefined;
  /** pix2pix: translate A to B (the default) or B to A. */
  readonly direction?: Direction | undefined;
  /** pix2pix: λ of the L1 term (100). */
  readonly l1Weight?: number | undefined;
  /** CycleGAN: residual blocks per generator (6 up to 128 px, 9 at 256 px by default). */
  readonly residualBlocks?: number | undefined;
  /** CycleGAN: λ of the cycle-consistency term (10). */
  readonly cycleWeight?: number | undefined;
  /** CycleGAN: the identity term as a fraction of the cycle weight (0.5; 0 when the two sides differ in channels). */
  readonly identityWeight?: number | undefined;
  readonly checkpointEvery?: number | undefined;
  readonly previewEvery?: number | undefined;
  readonly metricsEvery?: number | undefined;
}

export interface StartTrainingRequest extends TrainingOptions, JobRequest {
  readonly dataset: string;
  readonly model: ModelKind;
  /** Shown in lists; defaults to "<dataset> <model> <resolution>px". */
  readonly name?: string | undefined;
}

export interface RunRef {
  readonly runId: number;
}

export interface ResumeRequest extends RunRef {
  /** A new total number of steps, to train further than first planned. */
  readonly steps?: number | undefined;
}

export interface CheckpointSummary {
  readonly id: number;
  readonly runId: number;
  readonly step: number;
  readonly sizeBytes: number;
  readonly sha256: string;
  /** Quality metrics measured at this step (swd, diversity, …) where measured. */
  readonly metrics: Readonly<Record<string, number>>;
  readonly createdAt: number;
  /** The sample grid on the run's fixed preview latents at this step. */
  readonly previewUrl: string | null;
  /** Why its file was found damaged (tools then use the run's newest intact checkpoint); null when intact. */
  readonly damage: string | null;
}

export interface RunSummary {
  readonly id: number;
  readonly name: string;
  /** The dataset it trained on; null for an imported model, or once the dataset is deleted. */
  readonly dataset: string | null;
  /** Made elsewhere and imported (models.import): it trained on no dataset of this project. */
  readonly imported: boolean;
  readonly model: ModelKind;
  readonly resolution: number;
  readonly status: RunStatus;
  readonly step: number;
  readonly totalSteps: number;
  readonly createdAt: number;
  readonly trainSeconds: number;
  /** Why it failed, when it did. */
  readonly error: string | null;
  readonly previewUrl: string | null;
}

export interface RunDetail extends RunSummary {
  /** The full configuration the models were built from. */
  readonly config: Readonly<Record<string, unknown>>;
  readonly seed: number;
  readonly checkpoints: readonly CheckpointSummary[];
  /** The newest value of every metric. */
  readonly latest: Readonly<Record<string, number>>;
  readonly warnings: readonly string[];
}

export interface MetricsRequest extends RunRef {
  /** Only these metrics; all when absent. */
  readonly names?: readonly string[] | undefined;
  /** Only steps after this one, for polling. */
  readonly afterStep?: number | undefined;
}

export interface MetricSeries {
  readonly name: string;
  readonly steps: readonly number[];
  readonly values: readonly number[];
}

export interface EstimateRequest {
  readonly model: ModelKind;
  readonly resolution: TrainingResolution;
}

export interface PresetEstimate {
  readonly preset: TrainingPreset;
  readonly steps: number;
  readonly batchSize: number;
  readonly width: number;
  /** The Quick preset's timed on the active backend over a few real steps; the others scaled from it (preload/step-time.ts). */
  readonly secondsPerStep: number;
  readonly totalSeconds: number;
}

/** Pushed while a run trains: the numbers a progress bar and charts need. */
export interface TrainingProgress {
  readonly runId: number;
  readonly status: RunStatus;
  readonly step: number;
  readonly totalSteps: number;
  readonly lossD: number | null;
  readonly lossG: number | null;
  readonly imagesPerSecond: number | null;
  readonly etaSeconds: number | null;
  /** Set when a new preview grid or checkpoint was made at this step. */
  readonly previewUrl: string | null;
  readonly checkpointId: number | null;
  readonly message: string;
}
