/**
 * Writes a checkpoint's generators in the tfjs-layers format any TF.js
 * runtime loads: per network a model.json (the topology and its weights
 * manifest) and one weights file, through tf.io.withSaveHandler, so no
 * file-system backend is needed, at full or half precision; and layers.js
 * when a network uses layers stock TF.js lacks. The folder is the main process's temporary one.
 * Each file's SHA-256 is returned for bundle.json, hashed from the bytes written.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { WeightPrecision } from '../../../preload/contract';
import { readCheckpoint } from '../../formats/checkpoint-file';
import { restoreNetwork } from '../train/snapshot';
import { sha256Hex } from './file-hashes';
import { halveWeights } from './half-precision';
import { bundleFiles, type BundleNetworkLayout } from './layout';
import { layersScript } from './layers-script';
import type { ExportBundleParams, ExportedBundle, ExportedNetwork } from './messages';
import { buildBundleNetwork, customLayersOf } from './networks';

export async function writeBundle(params: ExportBundleParams, onNetwork: (done: number, total: number, name: string) => void): Promise<ExportedBundle> {
  const checkpoint = readCheckpoint(params.checkpoint);
  const config = checkpoint.state.config;
  const networks: ExportedNetwork[] = [];
  const customLayers = new Set<string>();
  const fileSha256: Record<string, string> = {};
  const write = (name: string, contents: Uint8Array | string) => {
    writeFileSync(join(params.folder, name), contents);
    fileSha256[name] = sha256Hex(contents);
  };
  for (const [index, layout] of params.networks.entries()) {
    onNetwork(index, params.networks.length, layout.modelFile);
    if (![...checkpoint.tensors.keys()].some((name) => name.startsWith(`${layout.network}/`))) {
      throw new Error(`${params.checkpoint} holds no ${layout.network} network${layout.network === 'ema' ? ' (the run kept no moving average)' : ''}`);
    }
    const model = buildBundleNetwork(config, layout);
    try {
      restoreNetwork(model, layout.network, checkpoint.tensors);
      for (const name of customLayersOf(model)) customLayers.add(name);
      await saveNetwork(model, params.precision, layout, write);
      networks.push({ network: layout.network, parameters: model.countParams() });
    } finally {
      model.dispose();
    }
  }
  if (customLayers.size > 0) write(bundleFiles.layers, layersScript);
  onNetwork(params.networks.length, params.networks.length, 'done');
  return { networks, customLayers: [...customLayers].sort(), fileSha256 };
}

/** model.json as tf.io's browser and HTTP handlers write it, with the weights in one file beside it. */
async function saveNetwork(model: tfl.LayersModel, precision: WeightPrecision, layout: BundleNetworkLayout, write: (name: string, contents: Uint8Array | string) => void): Promise<void> {
  let saved: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const artifacts = saved as tf.io.ModelArtifacts | null;
  if (!artifacts?.modelTopology || !artifacts.weightSpecs || artifacts.weightData === undefined) throw new Error(`${layout.network}: TF.js saved no topology or weights`);
  const full = { specs: artifacts.weightSpecs, data: new Uint8Array(tf.io.concatenateArrayBuffers(artifacts.weightData)) };
  const { specs, data } = precision === 'float16' ? halveWeights(full.specs, full.data) : full;
  const modelJson = {
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: 'Latent Studio',
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: [layout.weightsFile], weights: specs }],
  };
  write(layout.weightsFile, data);
  write(layout.modelFile, JSON.stringify(modelJson));
}
