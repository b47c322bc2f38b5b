/**
 * Float16 weights in the tfjs weights-manifest format: each float32 weight
 * stored as two bytes and marked `quantization: { dtype: 'float16' }`, which
 * every TF.js loader widens back to float32 as it reads the model. Rounding
 * is to nearest (Float16Array's), so a weight moves by at most one part in
 * 2,048 of itself.
 */
import type * as tf from '@tensorflow/tfjs-core';

/** The weights of `data` (laid out as `specs` lists them, float32) as float16, with specs that say so. */
export function halveWeights(specs: readonly tf.io.WeightsManifestEntry[], data: Uint8Array): { specs: tf.io.WeightsManifestEntry[]; data: Uint8Array } {
  for (const spec of specs) {
    if (spec.dtype !== 'float32' || spec.quantization) throw new Error(`weight ${spec.name} is ${spec.dtype}${spec.quantization ? ' (quantized)' : ''}; only float32 weights are stored as float16`);
  }
  const floats = new Float32Array(data.buffer, data.byteOffset, data.byteLength / 4);
  return {
    specs: specs.map((spec) => ({ ...spec, quantization: { dtype: 'float16' } })),
    data: new Uint8Array(Float16Array.from(floats).buffer),
  };
}

/** float16 bytes (little-endian, as halveWeights writes them) widened to float32. */
export function widenHalves(bytes: Uint8Array): Float32Array {
  const aligned = bytes.byteOffset % 2 === 0 ? bytes : bytes.slice();
  return Float32Array.from(new Float16Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 2));
}
