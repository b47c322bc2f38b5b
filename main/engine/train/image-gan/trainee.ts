/**
 * A FastGAN or DCGAN run as the loop sees it: noise against one image set,
 * previews from fixed seeds, SWD and its companions. The two families differ
 * only in their networks and one-step trainers (./networks.ts).
 */
import { generatePixels, gridOf, latentsForSeeds, predictWith } from '../../latent/generate';
import type { ImageGanConfig } from '../../models/config';
import type { SeededRandom } from '../../random';
import { BatchSource, type DataPosition } from '../data';
import type { Trainee } from '../trainee';
import { imageGanNetworks } from './networks';
import { measureQuality, qualityReference } from './quality';

/** Preview grids use seeds far from any a person would type. */
const previewSeedBase = 2_000_000_000;

export function createImageGanTrainee(config: ImageGanConfig, cachePath: string, seed: number, random: SeededRandom, position: DataPosition | undefined): Trainee {
  const networks = imageGanNetworks(config, random);
  let data: BatchSource;
  try {
    data = new BatchSource(cachePath, config.batchSize, seed, position);
  } catch (error) {
    networks.dispose();
    throw error;
  }
  const dispose = () => {
    data.close();
    networks.dispose();
  };
  try {
    const { height, width, channels } = data.header;
    if (height !== config.resolution || width !== config.resolution || channels !== config.channels) {
      throw new Error(`${cachePath} holds ${width}×${height}×${channels} images; the model wants ${config.resolution}×${config.resolution}×${config.channels}`);
    }
  } catch (error) {
    dispose();
    throw error;
  }
  const reference = qualityReference(data, config);
  return {
    ...networks.state,
    imagesPerStep: 2 * config.batchSize,
    get dataState() {
      return data.position;
    },
    step: (step) => networks.step(data.next(), random, step),
    preview: async () => {
      // The same latents at every step, so the grids show the model learning rather than new draws.
      const columns = config.resolution >= 128 ? 6 : 8;
      const seeds = Array.from({ length: columns * columns }, (_, index) => previewSeedBase + index);
      return gridOf(await generatePixels(predictWith(networks.sampler), config, latentsForSeeds(config, seeds)), columns);
    },
    measure: () => measureQuality(networks.sampler, config, reference),
    extraTensors: () => [],
    restoreExtra: () => {},
    dispose,
  };
}
