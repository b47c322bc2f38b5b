/**
 * The sizes of FastGAN's networks (Liu et al., ICLR 2021), worked out from a
 * config: feature maps per level, which levels take the heavier two-conv
 * block, which feature maps gate which, and the side of the discriminator's
 * reconstructions. The builders, the trainer and the PyTorch peer
 * (tests/bench/peers/fastgan_torch.py) all follow these numbers.
 *
 * Channel counts are the paper's multiples of `width` (its ngf = ndf),
 * truncated to a whole number as its int() does, and never below 1, so a
 * narrow model at a high resolution keeps at least one feature map per level.
 */
import { checkPowerOfTwo, checkWholeNumber } from './building';
import type { FastGanConfig } from './config';

/** The generator's feature maps per side, as multiples of width (the paper's nfc_multi). */
const generatorMultiples: Readonly<Record<number, number>> = { 4: 16, 8: 8, 16: 4, 32: 2, 64: 2, 128: 1, 256: 0.5, 512: 0.25, 1024: 0.125 };

/** Feature maps of the generator at `side` (4 to 1024). */
export function generatorChannels(width: number, side: number): number {
  const multiple = generatorMultiples[side];
  if (multiple === undefined) throw new Error(`FastGAN has no generator level at ${side} px`);
  return Math.max(1, Math.floor(multiple * width));
}

/**
 * Feature maps of the discriminator at `side` (8 to 512): width · 64 / side,
 * the paper's table (8 at 8×8 down to 1/8 at 512×512): it halves as the side doubles.
 */
export function discriminatorChannels(width: number, side: number): number {
  return Math.max(1, Math.floor((width * 64) / side));
}

/** Feature maps between the discriminator's 8×8 features and its logits: 16 · width, as in the paper. */
export function logitHeadChannels(width: number): number {
  return 16 * width;
}

/**
 * Feature maps of a reconstruction decoder's block that outputs `side`. The
 * paper fixes its decoders at 32 × the generator's multiples (half its
 * default width of 64); here they are half the configured width's, so a
 * narrow model for a CPU also has narrow decoders.
 */
export function decoderChannels(width: number, side: number): number {
  return Math.max(1, Math.floor((generatorMultiples[side]! * width) / 2));
}

/** The sides at which the generator doubles its maps: 8, 16, … up to the resolution. */
export function generatorLevels(resolution: number): number[] {
  const levels: number[] = [];
  for (let side = 8; side <= resolution; side *= 2) levels.push(side);
  return levels;
}

/**
 * The paper alternates blocks: two 3×3 convolutions (its UpBlockComp) at 8,
 * 32, 128 and 512, one (UpBlock) at 16, 64, 256 and 1024.
 */
export function usesTwoConvolutions(side: number): boolean {
  return Math.log2(side) % 2 === 1;
}

/**
 * The coarse map that gates the generator's map at `side` by skip-layer
 * excitation, side / 16 (4 → 64, 8 → 128, 16 → 256, 32 → 512, 64 → 1024);
 * null below 64 px.
 */
export function generatorExcitationSource(side: number): number | null {
  return side >= 64 ? side / 16 : null;
}

/**
 * The sides of the discriminator's feature maps, largest first. The stem
 * (4×4 stride-2 convolutions) halves the image until it is at most 256 px,
 * at least once; then one DownBlockComp per halving down to 8×8.
 */
export function discriminatorSides(resolution: number): { stem: number[]; blocks: number[] } {
  const stem: number[] = [];
  let side = resolution;
  do {
    side /= 2;
    stem.push(side);
  } while (side > 256);
  const blocks: number[] = [];
  while (side > 8) {
    side /= 2;
    blocks.push(side);
  }
  return { stem, blocks };
}

/**
 * The map that gates the discriminator's map at `side`: the one 8× larger
 * (256 → 32, 128 → 16, 64 → 8, as in the paper), when the network has it.
 */
export function discriminatorExcitationSource(resolution: number, side: number): number | null {
  const source = side * 8;
  return side <= 32 && source <= discriminatorSides(resolution).stem.at(-1)! ? source : null;
}

/** The side of both reconstructions: half the image, at most 128 px, as the paper's decoders give. */
export function reconstructionSide(resolution: number): number {
  return Math.min(resolution / 2, 128);
}

export function checkFastGanConfig(config: FastGanConfig): void {
  checkPowerOfTwo(config.resolution, 32, 'FastGAN');
  if (config.channels !== 1 && config.channels !== 3) throw new Error(`FastGAN channels must be 1 or 3, not ${config.channels}`);
  checkWholeNumber(config.width, 1, 'FastGAN width');
  checkWholeNumber(config.latentSize, 1, 'FastGAN latentSize');
  checkWholeNumber(config.classes, 0, 'FastGAN classes');
}
