/** Shared by the main process, the CLI and the renderer: which model families draw images from noise. */
import type { ModelKind } from './contract';

/** The families that draw images from noise (Explore's models), learning from an image set. */
export type NoiseModelKind = Extract<ModelKind, 'fastgan' | 'dcgan'>;

/** FastGAN and DCGAN draw images from noise; pix2pix and CycleGAN translate images. */
export function isNoiseModel(model: ModelKind): model is NoiseModelKind {
  return model === 'fastgan' || model === 'dcgan';
}
