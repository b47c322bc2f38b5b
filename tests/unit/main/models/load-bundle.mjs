// Loads an exported model bundle as a stranger to the studio would: in its own
// process, with only @tensorflow/tfjs-core, @tensorflow/tfjs-layers, the cpu
// backend and the bundle's own layers.js (when it has one and --no-layers is
// not given); none of the studio's code. Runs one network on the inputs in a
// JSON file and writes the output's 8-bit pixels, as the studio quantises them.
//
//   node load-bundle.mjs BUNDLE MODEL_FILE INPUT.json OUTPUT.json [--no-layers]
//
// INPUT.json: { "noise": [...], "count": n, "latentSize": k, "labels": [...]? }
//          or { "pixels": [...], "height": h, "width": w, "channels": c }.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';

const [folder, modelFile, inputFile, outputFile, flag] = process.argv.slice(2);
await tf.setBackend('cpu');
const layersScript = join(folder, 'layers.js');
if (flag !== '--no-layers' && existsSync(layersScript)) createRequire(import.meta.url)(layersScript).registerLatentStudioLayers(tf, tfl);

const json = JSON.parse(readFileSync(join(folder, modelFile), 'utf8'));
const weightData = Buffer.concat(json.weightsManifest.flatMap((group) => group.paths.map((path) => readFileSync(join(folder, path)))));
const model = await tfl.loadLayersModel(
  tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest.flatMap((group) => group.weights), weightData: new Uint8Array(weightData).buffer }),
);

const input = JSON.parse(readFileSync(inputFile, 'utf8'));
const output = tf.tidy(() => {
  let images;
  if (input.noise) {
    const noise = tf.tensor2d(input.noise, [input.count, input.latentSize]);
    images = model.predict(input.labels ? [noise, tf.tensor2d(input.labels, [input.count, 1], 'int32')] : noise);
  } else {
    images = model.predict(tf.sub(tf.div(tf.tensor4d(Float32Array.from(input.pixels), [1, input.height, input.width, input.channels]), 127.5), 1));
  }
  return tf.cast(tf.clipByValue(tf.round(tf.mul(tf.add(images, 1), 127.5)), 0, 255), 'int32');
});
writeFileSync(outputFile, JSON.stringify({ shape: output.shape, pixels: Array.from(output.dataSync()), layers: model.layers.map((layer) => layer.getClassName()) }));
