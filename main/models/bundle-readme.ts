/**
 * README.md of a model bundle: what it is, its architecture and settings,
 * where it came from, and how to load and run it — in a browser, in Node,
 * with or without layers.js — for someone who has never seen the studio.
 */
import { drawsFromNoise, type ImageGanConfig, type ModelConfig } from '../engine/models/config';
import type { BundleManifest, TensorDescription } from './bundle-manifest';

export function bundleReadme(manifest: BundleManifest): string {
  const { config, provenance } = manifest;
  const lines = [
    `# ${provenance.runName}`,
    '',
    `A trained ${what(config)}, exported by Latent Studio ${provenance.studioVersion} as a TensorFlow.js layers model. It loads in any TF.js runtime (browser or Node, any backend) with \`tf.loadLayersModel\`.`,
    '',
    '## Files',
    '',
    ...manifest.networks.map((network) => `- \`${network.modelFile}\` and \`${network.weightsFile}\`: the ${networkName(network.network, network.direction)} (${network.parameters.toLocaleString('en')} parameters)`),
    ...(manifest.customLayers.length > 0 ? [`- \`layers.js\`: the custom layers the model uses (${manifest.customLayers.join(', ')}), to register before loading`] : []),
    '- `bundle.json`: everything below, for machines (Latent Studio imports a bundle from it), with the SHA-256 of each file above in `fileSha256`',
    '',
    ...(manifest.precision === 'float16' ? ['The weights are stored as float16, half the size of float32; TF.js widens them to float32 as it loads the model.', ''] : []),
    '## The model',
    '',
    '| | |',
    '| --- | --- |',
    ...settingsOf(manifest).map(([name, value]) => `| ${name} | ${value} |`),
    '',
    ...manifest.networks.flatMap((network) => [
      `\`${network.modelFile}\` takes`,
      '',
      ...network.inputs.map(describeTensor),
      '',
      `and gives ${describeTensor(network.output).slice(2)}`,
      '',
    ]),
    '## Provenance',
    '',
    '| | |',
    '| --- | --- |',
    `| project | ${provenance.project} |`,
    `| run | ${provenance.runName} (run ${provenance.runId}) |`,
    `| step | ${provenance.step.toLocaleString('en')} |`,
    `| checkpoint | ${provenance.checkpointId}, SHA-256 \`${provenance.checkpointSha256}\` |`,
    `| dataset | ${provenance.dataset ?? 'unknown'} |`,
    `| trained | ${provenance.trainedAt} |`,
    `| exported | ${provenance.exportedAt} |`,
    ...Object.entries(manifest.metrics).map(([name, value]) => `| ${name} | ${Number(value.toPrecision(4))} |`),
    '',
    '## Load and run it',
    '',
    ...usage(manifest),
    '',
    'To import the bundle into another Latent Studio project: `latent-studio models import <this folder>`, or Import model in the studio.',
    '',
  ];
  return lines.join('\n');
}

function what(config: ModelConfig): string {
  switch (config.architecture) {
    case 'fastgan':
      return `FastGAN generator (Liu et al. 2021; skip-layer excitation) that draws ${drawing(config)}`;
    case 'dcgan':
      return `DCGAN generator (Radford et al. 2016) that draws ${drawing(config)}`;
    case 'pix2pix':
      return `pix2pix U-Net generator (Isola et al. 2017) that translates ${config.direction === 'AtoB' ? 'A to B' : 'B to A'}, trained on ${config.resolution} px pairs`;
    case 'cyclegan':
      return `pair of CycleGAN ResNet generators (Zhu et al. 2017), A to B and B to A, trained on ${config.resolution} px images`;
  }
}

function drawing(config: ImageGanConfig): string {
  return `${config.resolution}×${config.resolution} ${config.channels === 3 ? 'colour' : 'grey'} images from a latent of ${config.latentSize} numbers${config.classes > 0 ? `, conditioned on ${config.classes} classes` : ''}`;
}

function networkName(network: string, direction: string | null): string {
  if (network === 'ema') return 'generator, its weights a moving average over training (cleaner images)';
  if (direction === null) return 'generator';
  return `generator ${direction === 'AtoB' ? 'A → B' : 'B → A'}`;
}

function settingsOf({ config, classNames, training }: BundleManifest): [string, string][] {
  const common: [string, string][] = [
    ['architecture', config.architecture],
    ['resolution', `${config.resolution} px`],
    ['width', String(config.width)],
    ['batch size', String(config.batchSize)],
    ['training seed', String(training.seed)],
    ['steps planned', training.totalSteps.toLocaleString('en')],
  ];
  if (drawsFromNoise(config)) {
    const image: [string, string][] = [
      ...common,
      ['channels', String(config.channels)],
      ['latent size', String(config.latentSize)],
      ['classes', config.classes === 0 ? 'none (unconditional)' : classNames.map((name, index) => `${index}: ${name}`).join(', ')],
      ['learning rates (G, D)', `${config.learningRates.generator}, ${config.learningRates.discriminator}`],
      ['EMA decay', String(config.emaDecay)],
      ['augmentation', config.augment ? Object.entries(config.augment).filter(([, on]) => on).map(([name]) => name).join(', ') || 'none' : 'none'],
    ];
    // FastGAN's loss and upsampling are fixed by its design; DCGAN's are choices.
    if (config.architecture === 'fastgan') return [...image, ['loss', 'hinge'], ['reconstruction weight', String(config.reconstructionWeight)]];
    return [...image, ['loss', config.loss], ['upsampling', config.upsample], ['minibatch std', String(config.minibatchStd)], ['R1 γ', String(config.r1Gamma)]];
  }
  const translation: [string, string][] = [
    ...common,
    ['channels (A, B)', `${config.channelsA}, ${config.channelsB}`],
    ['learning rate', String(config.learningRate)],
  ];
  if (config.architecture === 'pix2pix') return [...translation, ['direction', config.direction], ['L1 weight', String(config.l1Weight)], ['dropout while training', String(config.dropout)]];
  return [...translation, ['residual blocks', String(config.residualBlocks)], ['cycle weight', String(config.cycleWeight)], ['identity weight', String(config.identityWeight)]];
}

function describeTensor(tensor: TensorDescription): string {
  return `- \`${tensor.name}\`: ${tensor.dtype} [${tensor.shape.map((size) => size ?? '?').join(', ')}], ${tensor.meaning}`;
}

function usage(manifest: BundleManifest): string[] {
  const custom = manifest.customLayers.length > 0;
  const { config } = manifest;
  const run =
    drawsFromNoise(config)
      ? [
          `const z = tf.randomNormal([4, ${config.latentSize}]);`,
          ...(config.classes > 0 ? ['const labels = tf.tensor2d([[0], [1], [2], [3]], [4, 1], "int32");', 'const images = model.predict([z, labels]); // [-1, 1]'] : ['const images = model.predict(z); // [-1, 1]']),
        ]
      : ['const input = tf.sub(tf.div(tf.browser.fromPixels(canvas), 127.5), 1).expandDims(0);', 'const images = model.predict(input); // [-1, 1], the input\'s size'];
  return [
    custom
      ? 'The model uses layers stock TF.js does not have; `layers.js` (no dependencies) registers them with the TF.js you pass it. In a browser:'
      : 'The model uses stock TF.js layers only. In a browser:',
    '',
    '```html',
    '<script src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@4/dist/tf.min.js"></script>',
    ...(custom ? ['<script src="layers.js"></script>'] : []),
    '<script type="module">',
    ...(custom ? ['  latentStudioLayers.registerLatentStudioLayers(tf);'] : []),
    '  const model = await tf.loadLayersModel("model.json");',
    ...run.map((line) => `  ${line}`),
    '  const pixels = tf.clipByValue(tf.round(tf.mul(tf.add(images, 1), 127.5)), 0, 255);',
    '</script>',
    '```',
    '',
    'In Node, with only `@tensorflow/tfjs-core`, `@tensorflow/tfjs-layers` and a backend:',
    '',
    '```js',
    "import { readFileSync } from 'node:fs';",
    ...(custom ? ["import { createRequire } from 'node:module';"] : []),
    "import * as tf from '@tensorflow/tfjs-core';",
    "import * as tfl from '@tensorflow/tfjs-layers';",
    "import '@tensorflow/tfjs-backend-cpu';",
    ...(custom ? ["createRequire(import.meta.url)('./layers.js').registerLatentStudioLayers(tf, tfl);"] : []),
    `const json = JSON.parse(readFileSync('${manifest.networks[0]!.modelFile}', 'utf8'));`,
    `const weights = readFileSync('${manifest.networks[0]!.weightsFile}');`,
    'const model = await tfl.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: new Uint8Array(weights).buffer }));',
    '```',
    ...(manifest.networks.length > 1 ? ['', `The other direction loads the same way from \`${manifest.networks[1]!.modelFile}\`.`] : []),
    ...(custom ? ['', 'layers.js is a CommonJS/UMD script: inside a package whose package.json says `"type": "module"`, rename it `layers.cjs` to require it.'] : []),
  ];
}
