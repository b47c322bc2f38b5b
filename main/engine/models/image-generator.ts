/** The generator of a model that draws from noise, built from its config: FastGAN's or DCGAN's. */
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ImageGanConfig } from './config';
import { buildGenerator } from './dcgan';
import { buildFastGanGenerator } from './fastgan-generator';

export function buildImageGenerator(config: ImageGanConfig): tfl.LayersModel {
  return config.architecture === 'dcgan' ? buildGenerator(config) : buildFastGanGenerator(config);
}

/**
 * The layer whose output is the generator's first feature maps (4×4), the
 * first space where the latent has passed a nonlinearity: truncation and
 * mixing work there (see latent/loaded-generator). Everything after it
 * depends on those maps alone, the class included.
 */
export function featureLayerOf(config: ImageGanConfig): string {
  return config.architecture === 'dcgan' ? 'g_dense_relu' : 'g_init_glu';
}
