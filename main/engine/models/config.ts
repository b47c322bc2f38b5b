/**
 * Everything that defines a run's models: the architecture and the training
 * recipe. Stored in the run's row and in every checkpoint, so a checkpoint
 * rebuilds its models without anything else.
 *
 * Three families: DCGAN (noise → image), pix2pix (paired image → image) and
 * CycleGAN (unpaired image ↔ image).
 */
import type { Direction, Upsampling } from '../../../preload/contract';
import { isNoiseModel } from '../../../preload/model-kinds';

export type { Direction, Upsampling };

export type GanLoss = 'non-saturating' | 'hinge' | 'least-squares';


/**
 * What a translation generator's convolutions see beyond the image's edge:
 * zeros (the reference code's down- and upsampling layers), which a network
 * learns to tell apart and draws as a dark frame, or the image mirrored at
 * its edge. Configs written before the choice existed mean 'zeros'.
 */
export type BorderPadding = 'zeros' | 'reflect';

export interface AugmentConfig {
  /** Shift by up to 1/8 of the image, padding with zeros (DiffAugment). */
  readonly translation: boolean;
  /** Blank a square of half the image's side at a random place. */
  readonly cutout: boolean;
  /** Random brightness, saturation and contrast. */
  readonly colour: boolean;
}

export interface DcganConfig {
  readonly architecture: 'dcgan';
  readonly resolution: 32 | 64 | 128;
  readonly channels: 1 | 3;
  readonly latentSize: number;
  /** Feature maps of the widest generator layer is width × resolution / 8; the discriminator mirrors it. */
  readonly width: number;
  /** 0 for an unconditional model; otherwise the number of classes it is conditioned on. */
  readonly classes: number;
  /**
   * How the generator doubles its feature maps' size. 'bilinear' (half-pixel
   * centres, ./bilinear-upsample.ts) and 'nearest' resize ×2 and follow with a
   * 3×3 convolution, which weighs every output pixel alike (Odena et al. 2016,
   * "Deconvolution and Checkerboard Artifacts"); nearest's 2×2 copies still
   * leave a staircase on smooth gradients (bands across a sky) that bilinear
   * does not. 'transposed' is the 4×4 stride-2 transposed convolution of DCGAN
   * and pix2pix, whose uneven overlap draws a checkerboard that training has
   * to unlearn. Configs written before the choice existed mean 'transposed'.
   */
  readonly upsample: Upsampling;
  /** Adds the minibatch standard deviation as a feature in the discriminator's last block (against mode collapse). */
  readonly minibatchStd: boolean;
  readonly loss: Exclude<GanLoss, 'least-squares'>;
  /** DiffAugment, applied to real and fake images alike; null for none. */
  readonly augment: AugmentConfig | null;
  /** R1 gradient penalty weight on real images; 0 for none. */
  readonly r1Gamma: number;
  /** Decay of the generator's exponential moving average; 0 for none. */
  readonly emaDecay: number;
  readonly learningRates: { readonly generator: number; readonly discriminator: number };
  /** Adam's β1 and β2. */
  readonly betas: readonly [number, number];
  readonly batchSize: number;
}

/**
 * A lightweight GAN for small image sets, after FastGAN (Liu et al., ICLR
 * 2021): a generator of upsampling blocks with GLU activations and
 * skip-layer excitation (coarse features gate fine ones), and a discriminator
 * trained with the hinge loss that must also reconstruct the image from its
 * own features through small decoders (self-supervision against overfitting),
 * all on DiffAugmented images.
 */
export interface FastGanConfig {
  readonly architecture: 'fastgan';
  /** 32 to 1024 px, a power of two; the API offers 512 and 1024 only on a GPU backend. */
  readonly resolution: number;
  readonly channels: 1 | 3;
  readonly latentSize: number;
  /**
   * Feature maps at 128 px (FastGAN's ngf = ndf); coarser levels have more —
   * 16× at 4 px, 8× at 8, 4× at 16, 2× at 32 and 64 — and finer ones fewer.
   */
  readonly width: number;
  /** 0 for an unconditional model; otherwise the number of classes it is conditioned on. */
  readonly classes: number;
  /** The resize before each block's convolutions (the paper's is nearest; configs written before the choice existed mean that). */
  readonly upsample: Exclude<Upsampling, 'transposed'>;
  /** DiffAugment, applied to real and fake images alike; null for none. */
  readonly augment: AugmentConfig | null;
  /** Weight of the discriminator's reconstruction loss on real images (1 in the paper). */
  readonly reconstructionWeight: number;
  /** Decay of the generator's exponential moving average; 0 for none. */
  readonly emaDecay: number;
  readonly learningRates: { readonly generator: number; readonly discriminator: number };
  /** Adam's β1 and β2. */
  readonly betas: readonly [number, number];
  readonly batchSize: number;
}

/** What pix2pix and CycleGAN share: two image domains at one square resolution. */
interface TranslationConfig {
  /** The side of the square images it trains on: a power of two (the API offers 64, 128 and 256). */
  readonly resolution: number;
  readonly channelsA: 1 | 3;
  readonly channelsB: 1 | 3;
  /** Feature maps of the first layer (ngf = ndf); deeper layers double it, up to 8×. */
  readonly width: number;
  /** How the generator's decoder doubles its size on the way back up. */
  readonly upsample: Upsampling;
  readonly padding: BorderPadding;
  readonly learningRate: number;
  /** Adam's β1 and β2. */
  readonly betas: readonly [number, number];
  readonly batchSize: number;
  /**
   * The learning rate is constant until this fraction of the run, then falls
   * linearly to zero at its last step (the reference code's 100 + 100 epochs is 0.5).
   */
  readonly decayStart: number;
  /** Examples kept out of training (pairs, or images of each domain) for the held-out metrics and previews. */
  readonly heldOut: number;
}

/** Isola et al. 2017: a U-Net generator and a 70×70 PatchGAN, L1 plus adversarial loss, paired data. */
export interface Pix2pixConfig extends TranslationConfig {
  readonly architecture: 'pix2pix';
  /** The one generator's direction: A → B, or B → A. */
  readonly direction: Direction;
  /** λ of the L1 term (100 in the paper). */
  readonly l1Weight: number;
  /** Dropout in the decoder's three innermost blocks while training (0.5 in the paper); none at inference. */
  readonly dropout: number;
}

/** Zhu et al. 2017: two ResNet generators and two PatchGANs, cycle and identity losses, unpaired data. */
export interface CycleGanConfig extends TranslationConfig {
  readonly architecture: 'cyclegan';
  /** Residual blocks in each generator (6 for 128 px, 9 for 256 px in the paper). */
  readonly residualBlocks: number;
  /** λ of the cycle-consistency L1 (10 in the paper). */
  readonly cycleWeight: number;
  /** The identity loss's weight as a fraction of the cycle weight (0.5 in the paper); 0 for none. */
  readonly identityWeight: number;
  /** Generated images the discriminators also see, from earlier steps (50 in the paper). */
  readonly poolSize: number;
}

export type TranslationModelConfig = Pix2pixConfig | CycleGanConfig;
/** The models that draw images from noise: Explore's, sampled by seed. */
export type ImageGanConfig = DcganConfig | FastGanConfig;
export type ModelConfig = ImageGanConfig | TranslationModelConfig;
export type Architecture = ModelConfig['architecture'];

export const defaultDcganConfig: Omit<DcganConfig, 'resolution' | 'channels' | 'classes'> = {
  architecture: 'dcgan',
  latentSize: 128,
  width: 64,
  upsample: 'bilinear',
  minibatchStd: true,
  loss: 'non-saturating',
  augment: { translation: true, cutout: true, colour: true },
  r1Gamma: 0,
  emaDecay: 0.999,
  learningRates: { generator: 0.0002, discriminator: 0.0002 },
  betas: [0.5, 0.999],
  batchSize: 64,
};

/**
 * The paper's recipe (Adam, β (0.5, 0.999), reconstruction weight 1,
 * DiffAugment) at a width a CPU can train; presets set the width and batch.
 * The learning rate is 5e-4 rather than the paper's 2e-4: on 4,000
 * Fashion-MNIST images at 32 px (width 8, batch 16) 600 steps at 2e-4 drew
 * streaked blobs, at 5e-4 trousers, shoes, bags and shirts. Bilinear rather
 * than the paper's nearest resize: on the same 600 steps SWD 46 against 84
 * and the spectral score 2.0 against 2.6 (nearest's 2×2 copies leave peaks at
 * the upsampling frequencies), for a step a third slower on wasm.
 */
export const defaultFastGanConfig: Omit<FastGanConfig, 'resolution' | 'channels' | 'classes'> = {
  architecture: 'fastgan',
  latentSize: 256,
  width: 16,
  upsample: 'bilinear',
  augment: { translation: true, cutout: true, colour: true },
  reconstructionWeight: 1,
  emaDecay: 0.999,
  learningRates: { generator: 0.0005, discriminator: 0.0005 },
  betas: [0.5, 0.999],
  batchSize: 8,
};

type DatasetShaped = 'resolution' | 'channelsA' | 'channelsB' | 'heldOut';

/** The paper's recipe: Adam 2e-4 (0.5, 0.999), batch 1, λ = 100, dropout 0.5. */
export const defaultPix2pixConfig: Omit<Pix2pixConfig, DatasetShaped> = {
  architecture: 'pix2pix',
  direction: 'AtoB',
  width: 64,
  upsample: 'bilinear',
  padding: 'reflect',
  learningRate: 0.0002,
  betas: [0.5, 0.999],
  batchSize: 1,
  decayStart: 0.5,
  l1Weight: 100,
  dropout: 0.5,
};

/** The paper's recipe: Adam 2e-4 (0.5, 0.999), batch 1, λ = 10, identity 0.5, a pool of 50. */
export const defaultCycleGanConfig: Omit<CycleGanConfig, DatasetShaped> = {
  architecture: 'cyclegan',
  width: 64,
  upsample: 'bilinear',
  padding: 'reflect',
  residualBlocks: 9,
  learningRate: 0.0002,
  betas: [0.5, 0.999],
  batchSize: 1,
  decayStart: 0.5,
  cycleWeight: 10,
  identityWeight: 0.5,
  poolSize: 50,
};

/** Whether a model draws images from noise (Explore's models) rather than translating them. */
export function drawsFromNoise(config: ModelConfig): config is ImageGanConfig {
  return isNoiseModel(config.architecture);
}

/** Input and output channels of a translation generator that maps `direction`. */
export function channelsOf(config: TranslationModelConfig, direction: Direction): { input: 1 | 3; output: 1 | 3 } {
  return direction === 'AtoB' ? { input: config.channelsA, output: config.channelsB } : { input: config.channelsB, output: config.channelsA };
}

/** The directions a trained translation model can go: pix2pix its one, CycleGAN both. */
export function directionsOf(config: TranslationModelConfig): Direction[] {
  return config.architecture === 'pix2pix' ? [config.direction] : ['AtoB', 'BtoA'];
}

/**
 * Each side of an image must be a multiple of this for the generator to take
 * it whole: the U-Net halves it down to 1×1 (2×2 when resizing) at its training size, the ResNet
 * halves it twice.
 */
export function sizeMultipleOf(config: TranslationModelConfig): number {
  return config.architecture === 'pix2pix' ? config.resolution : 4;
}
