/**
 * Turns a bundle's networks back into a checkpoint: each model.json's
 * weights are read from the files its manifest names, checked against the
 * network the bundle's config builds — every weight present, by name, at its
 * shape, and nothing left over — and stored under the names Explore and
 * Translate load them by. Whatever does not fit is a problem naming the file.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, relative } from 'node:path';
import type * as tf from '@tensorflow/tfjs-core';
import { writeCheckpoint, type StoredTensor } from '../../formats/checkpoint-file';
import { widenHalves } from './half-precision';
import { importedNetworkName, type BundleNetworkLayout } from './layout';
import type { ImportBundleParams, ImportedBundle } from './messages';
import { buildBundleNetwork } from './networks';

/** A problem with the bundle's contents, as opposed to a failure of the engine. */
class BundleProblem extends Error {}

interface ManifestGroup {
  readonly paths: readonly string[];
  readonly weights: readonly tf.io.WeightsManifestEntry[];
}

export function readBundle(params: ImportBundleParams): ImportedBundle {
  try {
    const tensors = params.networks.flatMap((layout) => networkTensors(params, layout));
    return { ok: true, written: params.writeTo && writeCheckpoint(params.writeTo.path, params.writeTo.state, tensors) };
  } catch (error) {
    if (error instanceof BundleProblem) return { ok: false, problem: error.message };
    throw error;
  }
}

function networkTensors(params: ImportBundleParams, layout: BundleNetworkLayout): StoredTensor[] {
  const values = readWeights(params.folder, layout.modelFile);
  const model = buildBundleNetwork(params.config, layout);
  try {
    const prefix = importedNetworkName(layout);
    const tensors: StoredTensor[] = [];
    const used = new Set<string>();
    for (const layer of model.layers) {
      layer.weights.forEach((weight, index) => {
        const name = weight.originalName;
        const value = values.get(name);
        if (!value) throw new BundleProblem(`${layout.modelFile}: has no weight ${name}, which a ${describe(params)} has`);
        if (value.shape.length !== weight.shape.length || value.shape.some((size, axis) => size !== weight.shape[axis])) {
          throw new BundleProblem(`${layout.modelFile}: weight ${name} is [${value.shape}], but a ${describe(params)} has [${weight.shape}]`);
        }
        used.add(name);
        tensors.push({ name: `${prefix}/${layer.name}/${index}`, shape: value.shape, dtype: 'float32', data: value.data });
      });
    }
    const extra = [...values.keys()].filter((name) => !used.has(name));
    if (extra.length > 0) throw new BundleProblem(`${layout.modelFile}: weight ${extra[0]} belongs to no layer of a ${describe(params)}${extra.length > 1 ? ` (nor do ${extra.length - 1} more)` : ''}`);
    return tensors;
  } finally {
    model.dispose();
  }
}

function describe({ config }: ImportBundleParams): string {
  return `${config.architecture} generator at ${config.resolution} px, width ${config.width}`;
}

/** Every weight model.json lists, as float32 values, read from its weight files. */
function readWeights(folder: string, modelFile: string): Map<string, { shape: number[]; data: Float32Array }> {
  const manifest = weightsManifestOf(readJson(folder, modelFile), modelFile);
  const values = new Map<string, { shape: number[]; data: Float32Array }>();
  for (const group of manifest) {
    const data = Buffer.concat(group.paths.map((path) => readFile(folder, join(dirname(modelFile), path), modelFile)));
    let expected = 0;
    for (const spec of group.weights) {
      if (spec.quantization && (spec.quantization.dtype !== 'float16' || spec.dtype !== 'float32')) {
        throw new BundleProblem(`${modelFile}: weight ${spec.name} is quantized to ${String(spec.quantization.dtype)}; only full-precision and float16 weights can be imported`);
      }
      if (spec.dtype !== 'float32' && spec.dtype !== 'int32') throw new BundleProblem(`${modelFile}: weight ${spec.name} is ${String(spec.dtype)}; only float32 and int32 weights can be imported`);
      if (!Array.isArray(spec.shape) || spec.shape.some((size) => !Number.isInteger(size) || size < 0)) throw new BundleProblem(`${modelFile}: weight ${spec.name} has no valid shape`);
      expected += elementsOf(spec) * bytesPerElement(spec);
    }
    if (data.length !== expected) {
      throw new BundleProblem(`${group.paths.join(', ')}: ${data.length} bytes of weights, but ${modelFile}'s weightsManifest lists ${expected}`);
    }
    let offset = 0;
    for (const spec of group.weights) {
      const bytes = new Uint8Array(data.subarray(offset, offset + elementsOf(spec) * bytesPerElement(spec)));
      offset += bytes.length;
      if (values.has(spec.name)) throw new BundleProblem(`${modelFile}: weight ${spec.name} is listed twice`);
      values.set(spec.name, { shape: [...spec.shape], data: floatsOf(spec, bytes) });
    }
  }
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
    throw new BundleProblem(`${modelFile}: has no modelTopology; it is not a tfjs-layers model`);
  }
  const groups = model.weightsManifest;
  const valid =
    Array.isArray(groups) &&
    groups.every((group: Partial<ManifestGroup>) => Array.isArray(group?.paths) && group.paths.every((path) => typeof path === 'string') && Array.isArray(group.weights) && group.weights.every((weight) => typeof weight?.name === 'string'));
  if (!valid) throw new BundleProblem(`${modelFile}: weightsManifest must be a list of { paths, weights } groups`);
  return groups as ManifestGroup[];
}

function readJson(folder: string, file: string): unknown {
  const text = readFile(folder, file, file).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new BundleProblem(`${file}: is not valid JSON (${(error as Error).message})`);
  }
}

/** A file of the bundle, which must lie inside its folder. */
function readFile(folder: string, file: string, namedBy: string): Buffer {
  const path = normalize(file);
  if (isAbsolute(path) || relative(folder, join(folder, path)).startsWith('..')) throw new BundleProblem(`${namedBy}: names ${file}, which lies outside the bundle`);
  try {
    return readFileSync(join(folder, path));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new BundleProblem(missing ? `${path}: missing from the bundle${path === namedBy ? '' : ` (${namedBy} names it)`}` : `${path}: cannot be read (${(error as Error).message})`);
  }
}
