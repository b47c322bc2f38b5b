/**
 * Turns a bundle's networks back into a checkpoint: each model.json's
 * weights are read from the files its manifest names, checked against the
 * network the bundle's config builds — every weight present, by name, at its
 * shape, and nothing left over — and stored under the names Explore and
 * Translate load them by. Each file is read only inside the bundle's folder
 * (bundle-files.ts) and checked against the SHA-256 bundle.json records for
 * it, and no weight may be NaN or infinite. Whatever does not fit is a
 * problem naming the file.
 */
import { posix } from 'node:path';
import type * as tf from '@tensorflow/tfjs-core';
import { StudioError } from '../../../preload/contract';
import { writeCheckpoint, type StoredTensor } from '../../formats/checkpoint-file';
import { maxBundleJsonBytes, maxWeightsFileBytes, parseBundleJson, readBundleFileSync, staysInsideBundle } from './bundle-files';
import { checkRecordedHash } from './file-hashes';
import { widenHalves } from './half-precision';
import { importedNetworkName, type BundleNetworkLayout } from './layout';
import type { ImportBundleParams, ImportedBundle } from './messages';
import { buildBundleNetwork } from './networks';

interface ManifestGroup {
  readonly paths: readonly string[];
  readonly weights: readonly tf.io.WeightsManifestEntry[];
}

export function readBundle(params: ImportBundleParams): ImportedBundle {
  try {
    const tensors = params.networks.flatMap((layout) => networkTensors(params, layout));
    return { ok: true, written: params.writeTo && writeCheckpoint(params.writeTo.path, params.writeTo.state, tensors) };
  } catch (error) {
    // A problem with the bundle's contents, as opposed to a failure of the engine.
    if (error instanceof StudioError) return { ok: false, problem: error.message };
    throw error;
  }
}

function problem(message: string): StudioError {
  return new StudioError('INVALID_ARGUMENT', message);
}

function networkTensors(params: ImportBundleParams, layout: BundleNetworkLayout): StoredTensor[] {
  const values = readWeights(params, layout.modelFile);
  const model = buildBundleNetwork(params.config, layout);
  try {
    const prefix = importedNetworkName(layout);
    const tensors: StoredTensor[] = [];
    const used = new Set<string>();
    for (const layer of model.layers) {
      layer.weights.forEach((weight, index) => {
        const name = weight.originalName;
        const value = values.get(name);
        if (!value) throw problem(`${layout.modelFile}: has no weight ${name}, which a ${describe(params)} has`);
        if (value.shape.length !== weight.shape.length || value.shape.some((size, axis) => size !== weight.shape[axis])) {
          throw problem(`${layout.modelFile}: weight ${name} is [${value.shape}], but a ${describe(params)} has [${weight.shape}]`);
        }
        used.add(name);
        tensors.push({ name: `${prefix}/${layer.name}/${index}`, shape: value.shape, dtype: 'float32', data: value.data });
      });
    }
    const extra = [...values.keys()].filter((name) => !used.has(name));
    if (extra.length > 0) throw problem(`${layout.modelFile}: weight ${extra[0]} belongs to no layer of a ${describe(params)}${extra.length > 1 ? ` (nor do ${extra.length - 1} more)` : ''}`);
    return tensors;
  } finally {
    model.dispose();
  }
}

function describe({ config }: ImportBundleParams): string {
  return `${config.architecture} generator at ${config.resolution} px, width ${config.width}`;
}

/**
 * Every weight model.json lists, as float32 values, read from its weight
 * files: each file checked against its recorded SHA-256, and read only up to
 * the bytes the weights manifest lists.
 */
function readWeights(params: ImportBundleParams, modelFile: string): Map<string, { shape: number[]; data: Float32Array }> {
  const manifest = weightsManifestOf(parseBundleJson(readVerified(params, modelFile, modelFile, maxBundleJsonBytes), modelFile), modelFile);
  const values = new Map<string, { shape: number[]; data: Float32Array }>();
  for (const group of manifest) {
    let expected = 0;
    for (const spec of group.weights) {
      if (spec.quantization && (spec.quantization.dtype !== 'float16' || spec.dtype !== 'float32')) {
        throw problem(`${modelFile}: weight ${spec.name} is quantized to ${String(spec.quantization.dtype)}; only full-precision and float16 weights can be imported`);
      }
      if (spec.dtype !== 'float32' && spec.dtype !== 'int32') throw problem(`${modelFile}: weight ${spec.name} is ${String(spec.dtype)}; only float32 and int32 weights can be imported`);
      if (!Array.isArray(spec.shape) || spec.shape.some((size) => !Number.isSafeInteger(size) || size < 0)) throw problem(`${modelFile}: weight ${spec.name} has no valid shape`);
      expected += elementsOf(spec) * bytesPerElement(spec);
    }
    if (expected > maxWeightsFileBytes) throw problem(`${modelFile}: its weightsManifest lists ${expected} bytes of weights, more than the ${maxWeightsFileBytes} the studio reads`);
    const parts: Buffer[] = [];
    let read = 0;
    for (const path of group.paths) {
      // Each file only up to what the listed weights still lack: a path listed a thousand times is not read a thousand times whole.
      const part = readWeightsFile(params, { modelFile, path, expected, budget: expected - read });
      parts.push(part);
      read += part.length;
    }
    const data = Buffer.concat(parts);
    if (data.length !== expected) {
      throw problem(`${group.paths.join(', ')}: ${data.length} bytes of weights, but ${modelFile}'s weightsManifest lists ${expected}`);
    }
    let offset = 0;
    for (const spec of group.weights) {
      const bytes = new Uint8Array(data.subarray(offset, offset + elementsOf(spec) * bytesPerElement(spec)));
      offset += bytes.length;
      if (values.has(spec.name)) throw problem(`${modelFile}: weight ${spec.name} is listed twice`);
      values.set(spec.name, { shape: [...spec.shape], data: finiteValues(modelFile, spec, floatsOf(spec, bytes)) });
    }
  }
  return values;
}

/** A weights file `modelFile` names (relative to it) of at most `budget` bytes, the part of the group's `expected` bytes not yet read. */
function readWeightsFile(params: ImportBundleParams, { modelFile, path, expected, budget }: { modelFile: string; path: string; expected: number; budget: number }): Buffer {
  // Checked before joining: joining would turn "/etc/passwd" into a relative "etc/passwd".
  if (!staysInsideBundle(path)) throw problem(`${modelFile}: names ${path}, which lies outside the bundle`);
  const name = posix.join(posix.dirname(modelFile), path);
  try {
    return readVerified(params, name, modelFile, budget);
  } catch (error) {
    if (error instanceof StudioError && error.code === 'PAYLOAD_TOO_LARGE') throw problem(`${name}: brings the weights past the ${expected} bytes ${modelFile}'s weightsManifest lists`);
    throw error;
  }
}

/** The bundle's file `name`, read within the bundle and checked against the SHA-256 bundle.json records for it. */
function readVerified(params: ImportBundleParams, name: string, namedBy: string, maxBytes: number): Buffer {
  const bytes = readBundleFileSync(params.folder, name, namedBy, maxBytes);
  checkRecordedHash(name, bytes, params.fileSha256);
  return bytes;
}

/** `values`, unless one is NaN or infinite: such a weight turns every image the network draws into NaN. */
function finiteValues(modelFile: string, spec: tf.io.WeightsManifestEntry, values: Float32Array): Float32Array {
  const index = values.findIndex((value) => !Number.isFinite(value));
  if (index >= 0) throw problem(`${modelFile}: weight ${spec.name} holds ${values[index]} at index ${index}; only finite weights can be imported`);
  return values;
}

const elementsOf = (spec: tf.io.WeightsManifestEntry) => spec.shape.reduce((product, size) => product * size, 1);
const bytesPerElement = (spec: tf.io.WeightsManifestEntry) => (spec.quantization ? 2 : 4);

function floatsOf(spec: tf.io.WeightsManifestEntry, bytes: Uint8Array): Float32Array {
  if (spec.quantization) return widenHalves(bytes);
  return spec.dtype === 'int32' ? Float32Array.from(new Int32Array(bytes.buffer)) : new Float32Array(bytes.buffer);
}

function weightsManifestOf(json: unknown, modelFile: string): ManifestGroup[] {
  const model = json as { modelTopology?: unknown; weightsManifest?: unknown };
  if (typeof model !== 'object' || model === null || typeof model.modelTopology !== 'object' || model.modelTopology === null) {
    throw problem(`${modelFile}: has no modelTopology; it is not a tfjs-layers model`);
  }
  const groups = model.weightsManifest;
  const valid =
    Array.isArray(groups) &&
    groups.every((group: Partial<ManifestGroup>) => Array.isArray(group?.paths) && group.paths.every((path) => typeof path === 'string') && Array.isArray(group.weights) && group.weights.every((weight) => typeof weight?.name === 'string'));
  if (!valid) throw problem(`${modelFile}: weightsManifest must be a list of { paths, weights } groups`);
  return groups as ManifestGroup[];
}
