/** What every builder uses to wire layers together and to declare how weights start. */
import * as tfl from '@tensorflow/tfjs-layers';

export type Symbolic = tfl.SymbolicTensor;
type LayerLike = { apply(input: Symbolic | Symbolic[]): unknown };

/** Applies a layer to symbolic inputs: one link of the graph. */
export function link(layer: LayerLike, input: Symbolic | Symbolic[]): Symbolic {
  return layer.apply(input) as Symbolic;
}

/** N(0, 0.02): DCGAN's, pix2pix's and CycleGAN's starting kernels (initialiseWeights draws them seeded). */
export function normalKernel(): ReturnType<typeof tfl.initializers.randomNormal> {
  return tfl.initializers.randomNormal({ mean: 0, stddev: 0.02 });
}

/** Side lengths the translation networks take: powers of two, so the U-Net halves down to 1×1. */
export function checkPowerOfTwo(resolution: number, least: number, what: string): void {
  if (!Number.isInteger(Math.log2(resolution)) || resolution < least || resolution > 1024) {
    throw new Error(`${what} resolution must be a power of two from ${least} to 1024, not ${resolution}`);
  }
}

export function checkWholeNumber(value: number, least: number, what: string): void {
  if (!Number.isInteger(value) || value < least) throw new Error(`${what} must be a whole number ≥ ${least}, not ${value}`);
}
