/**
 * Lets a kernel be written with tf ops. The ops run on the kernel's own backend
 * (so on its fast kernels), every intermediate is freed before the kernel
 * returns, and the result is handed to the engine as the kernel's output.
 */
import * as tf from '@tensorflow/tfjs-core';

export function computeWithOps<Name extends string>(
  backend: tf.KernelBackend,
  inputs: Record<Name, tf.TensorInfo>,
  compute: (tensors: Record<Name, tf.Tensor>) => tf.Tensor,
): tf.TensorInfo {
  const engine = tf.engine();
  const result = tf.tidy(() => {
    const tensors = {} as Record<Name, tf.Tensor>;
    for (const name of Object.keys(inputs) as Name[]) {
      const info = inputs[name];
      // A Tensor made from a TensorInfo does not own a reference to its data:
      // take one, so that tidy disposing the wrapper leaves the kernel's input intact.
      backend.incRef(info.dataId);
      tensors[name] = engine.makeTensorFromTensorInfo(info, backend);
    }
    return compute(tensors);
  });
  // The engine wraps what a kernel returns in a new Tensor: that Tensor takes
  // over this reference, and disposing `result` drops only its own.
  backend.incRef(result.dataId);
  const output: tf.TensorInfo = { dataId: result.dataId, shape: result.shape, dtype: result.dtype };
  result.dispose();
  return output;
}
