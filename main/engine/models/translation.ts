/** The networks of a translation model, built from its config: which builder, which channels, which way. */
import type * as tfl from '@tensorflow/tfjs-layers';
import { channelsOf, type CycleGanConfig, type Direction, type Pix2pixConfig, type TranslationModelConfig } from './config';
import { buildPatchDiscriminator } from './patchgan';
import { buildResnetGenerator } from './resnet-generator';
import { buildUnetGenerator } from './unet';

/** The generator that maps `direction`: pix2pix's U-Net (its one direction only) or one of CycleGAN's two ResNets. */
export function buildTranslationGenerator(config: TranslationModelConfig, direction: Direction): tfl.LayersModel {
  const { input, output } = channelsOf(config, direction);
  if (config.architecture === 'pix2pix') {
    if (direction !== config.direction) throw new Error(`this pix2pix model translates ${config.direction}, not ${direction}`);
    const { resolution, width, dropout, upsample, padding } = config;
    return buildUnetGenerator({ resolution, inputChannels: input, outputChannels: output, width, dropout, upsample, padding });
  }
  const { width, residualBlocks, upsample, padding } = config;
  return buildResnetGenerator({ inputChannels: input, outputChannels: output, width, residualBlocks, upsample, padding });
}

/** pix2pix's discriminator sees the input and the output side by side, as channels. */
export function buildPix2pixDiscriminator(config: Pix2pixConfig): tfl.LayersModel {
  checkPatchable(config);
  return buildPatchDiscriminator({ inputChannels: config.channelsA + config.channelsB, width: config.width });
}

/** CycleGAN's discriminator of one domain's images. */
export function buildDomainDiscriminator(config: CycleGanConfig, domain: 'A' | 'B'): tfl.LayersModel {
  checkPatchable(config);
  return buildPatchDiscriminator({ inputChannels: domain === 'A' ? config.channelsA : config.channelsB, width: config.width });
}

/** Below 32 px the PatchGAN's three halvings and two 4×4 layers leave no patch to judge. */
function checkPatchable(config: TranslationModelConfig): void {
  if (config.resolution < 32) throw new Error(`a PatchGAN discriminator needs images of at least 32 px, not ${config.resolution}`);
}

/** The checkpoint's name for the generator that maps `direction`. */
export function generatorName(config: TranslationModelConfig, direction: Direction): string {
  return config.architecture === 'pix2pix' ? 'generator' : `generator${direction === 'AtoB' ? 'AB' : 'BA'}`;
}
