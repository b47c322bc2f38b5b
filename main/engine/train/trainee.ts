/**
 * What the training loop trains: one model family's networks, data and
 * one-step trainer behind one interface, so the loop's I/O — checkpoints,
 * previews, metrics, pausing — is written once for DCGAN, pix2pix and
 * CycleGAN alike.
 */
import type { ImageBatch } from '../metrics/image-batch';
import type { StoredTensor } from '../../formats/checkpoint-file';
import type { DataPosition } from './data';
import type { TrainingState } from './snapshot';

/** Where a run is in its data: one stream of examples, or one per domain (CycleGAN). */
export type DataState = DataPosition | { readonly A: DataPosition; readonly B: DataPosition };

export interface Trainee extends TrainingState {
  /** Images the discriminator judges in one step, for the images/s readout. */
  readonly imagesPerStep: number;
  /** Where the data stands: the next batch follows from this alone. */
  readonly dataState: DataState;
  /** Takes one training step; `step` counts the steps taken before it. Returns the step's numbers. */
  step(step: number, totalSteps: number): Record<string, number>;
  /** The preview grid: the same examples or latents every time, so grids show the model learning. */
  preview(): Promise<ImageBatch>;
  /** Quality metrics; retention keeps the checkpoint best by one of them (main/training/retention.ts). */
  measure(): Promise<Record<string, number>>;
  /** State beyond weights and optimizers (CycleGAN's history pools) that a checkpoint must keep. */
  extraTensors(): StoredTensor[];
  restoreExtra(tensors: ReadonlyMap<string, StoredTensor>): void;
  dispose(): void;
}
