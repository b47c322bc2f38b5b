/**
 * Everything that defines a GAN run: the architecture and the training
 * recipe. Stored in the run's row and in every checkpoint, so a checkpoint
 * rebuilds its models without anything else.
 */
export type GanLoss = 'non-saturating' | 'hinge';

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
  /** Adds the minibatch standard deviation as a feature in the discriminator's last block (against mode collapse). */
  readonly minibatchStd: boolean;
  readonly loss: GanLoss;
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

export type GanConfig = DcganConfig;

export const defaultDcganConfig: Omit<DcganConfig, 'resolution' | 'channels' | 'classes'> = {
  architecture: 'dcgan',
  latentSize: 128,
  width: 64,
  minibatchStd: true,
  loss: 'non-saturating',
  augment: { translation: true, cutout: true, colour: true },
  r1Gamma: 0,
  emaDecay: 0.999,
  learningRates: { generator: 0.0002, discriminator: 0.0002 },
  betas: [0.5, 0.999],
  batchSize: 64,
};
