/** The inputs FastGAN's and DCGAN's networks share: the class label, and the latent code a generator's first layer reads. */
import * as tfl from '@tensorflow/tfjs-layers';
import { link, type Symbolic } from './building';
import { OneHot } from './one-hot';

/**
 * Labels arrive as int32 [batch] or [batch, 1]: declared as [batch, 1]
 * because model.predict reshapes a one-dimensional input to that anyway.
 */
export function labelInput(name: string): Symbolic {
  return tfl.input({ shape: [1], dtype: 'int32', name });
}

export interface LatentInputs {
  /** The generator's inputs: z, and the label when conditional. */
  readonly inputs: Symbolic | Symbolic[];
  /** What its first layer reads: z, or z joined by the class's code. */
  readonly code: Symbolic;
}

/**
 * z [batch, latentSize] ('g_noise') and, with classes, a label ('g_label'):
 * a learnt code per class, on the same scale as z, joins the noise, so the
 * first layer sees both.
 */
export function latentInputs(latentSize: number, classes: number): LatentInputs {
  const noise = tfl.input({ shape: [latentSize], name: 'g_noise' });
  if (classes === 0) return { inputs: noise, code: noise };
  const label = labelInput('g_label');
  const oneHot = link(new OneHot({ depth: classes, name: 'g_label_one_hot' }), label);
  const classCode = link(
    tfl.layers.dense({ units: latentSize, useBias: false, kernelInitializer: tfl.initializers.randomNormal({ mean: 0, stddev: 1 }), name: 'g_class_embedding' }),
    oneHot,
  );
  return { inputs: [noise, label], code: link(tfl.layers.concatenate({ name: 'g_condition' }), [noise, classCode]) };
}
