/**
 * Filters a kernel derives from a layer's filter (re-laid out, flipped), kept
 * between calls while a model only draws. Deriving one costs a read-back to
 * JavaScript, a copy and a transpose, and because the derived tensor is new
 * every time, XNNPACK also builds and packs a fresh convolution for it: on the
 * small inner layers of a U-Net that is most of the layer's time.
 *
 * Only inside withInferenceFilters: while a model trains its filters change
 * every step, and a cache would hold a stale copy of each. An entry lives as
 * long as the filter it came from; one whose source has been disposed (a
 * model unloaded) is freed at the next lookup.
 */
import * as tf from '@tensorflow/tfjs-core';

let scopes = 0;
const derived = new Map<object, { readonly backend: tf.KernelBackend; readonly filter: tf.Tensor }>();

/** Runs `draw` (inference only: no filter may change meanwhile) with derived filters kept between kernel calls. */
export function withInferenceFilters<T>(draw: () => T): T {
  scopes += 1;
  try {
    return draw();
  } finally {
    scopes -= 1;
  }
}

/** Whether the code running now only draws (see withInferenceFilters). */
export function inferenceFiltersActive(): boolean {
  return scopes > 0;
}

/**
 * The filter `derive` makes from `source`: made afresh (and freed with the
 * caller's tidy) outside withInferenceFilters, kept and reused inside it.
 */
export function derivedFilter(backend: tf.KernelBackend, source: tf.TensorInfo, derive: () => tf.Tensor): tf.Tensor {
  if (scopes === 0) return derive();
  for (const [dataId, entry] of derived) {
    if (entry.backend.refCount(dataId) === 0) {
      entry.filter.dispose();
      derived.delete(dataId);
    }
  }
  const known = derived.get(source.dataId);
  if (known) return known.filter;
  const filter = tf.keep(derive());
  derived.set(source.dataId, { backend, filter });
  return filter;
}
