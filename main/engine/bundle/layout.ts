/**
 * Which networks a model bundle holds and under which file names: a FastGAN's
 * or DCGAN's generator (its moving average by default), pix2pix's one U-Net, CycleGAN's
 * two ResNet generators (A → B in model.json, B → A beside it). Pure data,
 * shared by the engine (which writes and reads the files) and the main
 * process (which describes them); nothing here loads TensorFlow.js.
 */
import type { Direction, ModelConfig } from '../models/config';

export interface BundleNetworkLayout {
  /** The checkpoint's name for the network ('ema', 'generator', 'generatorAB', …). */
  readonly network: string;
  readonly direction: Direction | null;
  readonly modelFile: string;
  readonly weightsFile: string;
}

/** The bundle's own files besides each network's model and weights. */
export const bundleFiles = { manifest: 'bundle.json', readme: 'README.md', layers: 'layers.js' } as const;

/** The networks a bundle of `config` holds; `ema` picks a FastGAN's or DCGAN's moving average over its raw generator. */
export function bundleLayout(config: ModelConfig, ema: boolean): BundleNetworkLayout[] {
  const main = { modelFile: 'model.json', weightsFile: 'weights.bin' };
  switch (config.architecture) {
    case 'dcgan':
    case 'fastgan':
      return [{ network: ema ? 'ema' : 'generator', direction: null, ...main }];
    case 'pix2pix':
      return [{ network: 'generator', direction: config.direction, ...main }];
    case 'cyclegan':
      return [
        { network: 'generatorAB', direction: 'AtoB', ...main },
        { network: 'generatorBA', direction: 'BtoA', modelFile: 'model-BtoA.json', weightsFile: 'weights-BtoA.bin' },
      ];
  }
}

/**
 * The checkpoint name an imported network is stored under. A FastGAN or DCGAN bundle
 * holds one generator, so it becomes the checkpoint's only generator (and
 * the imported config has no moving average to choose): Explore then draws
 * exactly what the bundle draws.
 */
export function importedNetworkName(layout: BundleNetworkLayout): string {
  return layout.network === 'ema' ? 'generator' : layout.network;
}
