/**
 * The shape a ModelConfig (main/engine/models/config.ts) read from a file
 * must have: bundle.json's config and a checkpoint header's both decide how
 * big the networks built from them are, so each size is checked against the
 * largest model the studio trains before any tensor is allocated. A width of
 * 1e9 is then "config.width must be at most 256", not a failed allocation
 * deep inside TensorFlow.js. Shared by the main process and the engine.
 */
import { z } from 'zod';

const whole = (least: number, most: number) =>
  z
    .int({ error: 'must be a whole number' })
    .min(least, `must be at least ${least}`)
    .max(most, `must be at most ${most.toLocaleString('en')}`);
const nonNegative = z.number({ error: 'must be a number' }).nonnegative('must be 0 or more');
const fraction = nonNegative.max(1, 'must be at most 1');
const channels = z.union([z.literal(1), z.literal(3)], { error: 'must be 1 or 3' });
const betas = z.tuple([nonNegative, nonNegative], { error: 'must be two numbers' });
/** A config written before the choice existed was built with transposed convolutions and zero padding: it still means that. */
const upsample = z.enum(['bilinear', 'nearest', 'transposed'], { error: 'must be bilinear, nearest or transposed' }).default('transposed');
/** FastGAN always resized; before the choice existed, by nearest neighbour. */
const resize = z.enum(['bilinear', 'nearest'], { error: 'must be bilinear or nearest' }).default('nearest');
const padding = z.enum(['zeros', 'reflect'], { error: 'must be zeros or reflect' }).default('zeros');

/** The training API's widest model (preload/contract/schemas.ts allows 4 to 256); smaller ones come from tests and older presets. */
const width = whole(1, 256);
const batchSize = whole(1, 4096);
/** pix2pix and CycleGAN: the sizes the training API offers, 32 to 256 px, all powers of two. */
const translationResolution = whole(32, 256).refine((value) => Number.isInteger(Math.log2(value)), 'must be a power of two');

const translation = {
  resolution: translationResolution,
  channelsA: channels,
  channelsB: channels,
  width,
  learningRate: nonNegative,
  betas,
  batchSize,
  decayStart: fraction,
  heldOut: whole(0, 1_000_000),
  upsample,
  padding,
};

export const modelConfigSchema = z.discriminatedUnion(
  'architecture',
  [
    z.object({
      architecture: z.literal('dcgan'),
      resolution: z.union([z.literal(32), z.literal(64), z.literal(128)], { error: 'must be 32, 64 or 128' }),
      channels,
      latentSize: whole(1, 1024),
      width,
      // Class numbers run to 9,999 (preload/contract/schemas.ts).
      classes: whole(0, 10_000),
      upsample,
      minibatchStd: z.boolean({ error: 'must be true or false' }),
      loss: z.enum(['non-saturating', 'hinge'], { error: 'must be non-saturating or hinge' }),
      augment: z.object({ translation: z.boolean(), cutout: z.boolean(), colour: z.boolean() }).nullable(),
      r1Gamma: nonNegative,
      emaDecay: nonNegative.max(0.99999, 'must be below 1'),
      learningRates: z.object({ generator: nonNegative, discriminator: nonNegative }),
      betas,
      batchSize,
    }),
    z.object({
      architecture: z.literal('fastgan'),
      resolution: whole(32, 1024).refine((value) => Number.isInteger(Math.log2(value)), 'must be a power of two'),
      channels,
      latentSize: whole(1, 1024),
      width,
      classes: whole(0, 10_000),
      upsample: resize,
      augment: z.object({ translation: z.boolean(), cutout: z.boolean(), colour: z.boolean() }).nullable(),
      reconstructionWeight: nonNegative,
      emaDecay: nonNegative.max(0.99999, 'must be below 1'),
      learningRates: z.object({ generator: nonNegative, discriminator: nonNegative }),
      betas,
      batchSize,
    }),
    z.object({ architecture: z.literal('pix2pix'), ...translation, direction: z.enum(['AtoB', 'BtoA'], { error: 'must be AtoB or BtoA' }), l1Weight: nonNegative, dropout: nonNegative.max(0.99, 'must be below 1') }),
    z.object({ architecture: z.literal('cyclegan'), ...translation, residualBlocks: whole(1, 16), cycleWeight: nonNegative, identityWeight: nonNegative, poolSize: whole(0, 10_000) }),
  ],
  { error: 'must be fastgan, dcgan, pix2pix or cyclegan' },
);
