/**
 * The three convolution kernels of DCGAN-64 training on the wasm backend, at
 * batch 32: Conv2D, Conv2DBackpropInput (tfjs's scalar loop against the
 * project's rewrite) and Conv2DBackpropFilter (the project's, against the cpu
 * backend's; wasm has none of its own), single-threaded and threaded.
 *
 * Each 4×4 stride-2 layer of the generator has the same shapes as its mirror
 * in the discriminator, so four shapes cover all eight layers.
 * Run: npm run bench -- wasm-kernels   (figures are printed; nothing is asserted)
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../../main/engine/kernels/register';
import { enableWasmThreads } from '../../main/engine/kernels/threads';

type Shape4 = [number, number, number, number];

interface Layer {
  readonly name: string;
  /** The large side: the discriminator's input, the generator's output. */
  readonly image: Shape4;
  /** The small side, half the size. */
  readonly features: Shape4;
}

const batch = 32;
const layer = (small: number, imageChannels: number, featureChannels: number): Layer => ({
  name: `${2 * small}² × ${imageChannels} ↔ ${small}² × ${featureChannels}`,
  image: [batch, 2 * small, 2 * small, imageChannels],
  features: [batch, small, small, featureChannels],
});
const layers: Layer[] = [layer(4, 256, 512), layer(8, 128, 256), layer(16, 64, 128), layer(32, 3, 64)];

const filterShape = (l: Layer): Shape4 => [4, 4, l.image[3], l.features[3]];
const flops = (l: Layer) => 2 * batch * l.features[1] * l.features[2] * 16 * l.image[3] * l.features[3];
const convAttrs = { strides: 2, pad: 'same', dataFormat: 'NHWC' } as const;

/** Best of up to five runs after a warm-up, stopping early past two seconds: others share this machine. */
function bestMs(run: () => void): number {
  run();
  let best = Infinity;
  const started = performance.now();
  for (let i = 0; i < 5 && performance.now() - started < 2000; i++) {
    const t = performance.now();
    run();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

/** Times a kernel function called directly, so that the stock and new kernels run under the same harness. */
function timeKernel(kernel: tf.KernelConfig, inputs: tf.NamedTensorInfoMap, attrs: object): number {
  const backend = tf.backend();
  return bestMs(() => {
    const output = kernel.kernelFunc({ inputs, backend, attrs: attrs as tf.NamedAttrMap }) as tf.TensorInfo;
    backend.disposeData(output.dataId);
  });
}

type Row = { layer: string; kernel: string; ms: number; gflops: number };

async function measureWasm(threaded: boolean): Promise<Row[]> {
  tf.env().set('PROD', true);
  const outcome = threaded ? await enableWasmThreads() : null;
  if (outcome !== null && 'reason' in outcome) throw new Error(`no threads: ${outcome.reason}`);
  const stockBackpropInput = tf.getKernel(tf.Conv2DBackpropInput, 'wasm')!;
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
  const rows: Row[] = [];
  for (const l of layers) {
    const [image, features, filter] = [tf.randomNormal(l.image), tf.randomNormal(l.features), tf.randomNormal(filterShape(l))];
    const record = (kernel: string, ms: number) => rows.push({ layer: l.name, kernel, ms, gflops: flops(l) / ms / 1e6 });
    record('Conv2D', timeKernel(tf.getKernel(tf.Conv2D, 'wasm')!, { x: image, filter }, { ...convAttrs, dilations: 1 }));
    if (!threaded) record('Conv2DBackpropInput stock', timeKernel(stockBackpropInput, { dy: features, filter }, { ...convAttrs, inputShape: l.image }));
    record('Conv2DBackpropInput new', timeKernel(tf.getKernel(tf.Conv2DBackpropInput, 'wasm')!, { dy: features, filter }, { ...convAttrs, inputShape: l.image }));
    record('Conv2DBackpropFilter new', timeKernel(tf.getKernel(tf.Conv2DBackpropFilter, 'wasm')!, { x: image, dy: features }, { ...convAttrs, filterShape: filterShape(l) }));
    tf.dispose([image, features, filter]);
  }
  return rows;
}

/** The cpu backend's filter gradient takes seconds per sample: timed on one sample, scaled to the batch. */
async function measureCpuFilterGradient(): Promise<Row[]> {
  await tf.setBackend('cpu');
  return layers.map((l) => {
    const [image, features] = [tf.randomNormal([1, ...l.image.slice(1)]), tf.randomNormal([1, ...l.features.slice(1)])];
    const t = performance.now();
    (tf.engine().runKernel(tf.Conv2DBackpropFilter, { x: image, dy: features }, { ...convAttrs, filterShape: filterShape(l) }) as tf.Tensor).dispose();
    const ms = (performance.now() - t) * batch;
    tf.dispose([image, features]);
    return { layer: l.name, kernel: 'Conv2DBackpropFilter cpu (1 sample × 32)', ms, gflops: flops(l) / ms / 1e6 };
  });
}

function measureInChild(mode: 'single' | 'threaded'): Row[] {
  const output = execFileSync(process.execPath, ['--import', 'tsx', import.meta.filename], { env: { ...process.env, BENCH_WASM_MODE: mode }, encoding: 'utf8' });
  return JSON.parse(output) as Row[];
}

const mode = process.env['BENCH_WASM_MODE'];
if (mode === 'single' || mode === 'threaded') {
  console.log(JSON.stringify(await measureWasm(mode === 'threaded')));
} else {
  console.log(`DCGAN-64 convolutions at batch ${batch} on ${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.versions.node}; best of up to 5 runs`);
  // One process per mode: the wasm backend starts threaded or not once per process.
  const single = measureInChild('single');
  let threaded: Row[] = [];
  try {
    threaded = measureInChild('threaded');
  } catch (error) {
    console.log(`threaded run failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  const cpu = await measureCpuFilterGradient();
  const threadedMs = (row: Row) => threaded.find((t) => t.layer === row.layer && t.kernel === row.kernel);
  console.log(`${'layer'.padEnd(22)} ${'kernel'.padEnd(40)} ${'1 thread'.padStart(18)} ${'threaded'.padStart(18)}`);
  for (const row of [...single, ...cpu].sort((a, b) => layers.findIndex((l) => l.name === a.layer) - layers.findIndex((l) => l.name === b.layer))) {
    const other = threadedMs(row);
    const cell = (r: Row | undefined) => (r ? `${r.ms.toFixed(1).padStart(8)} ms ${r.gflops.toFixed(1).padStart(5)} GF` : '');
    console.log(`${row.layer.padEnd(22)} ${row.kernel.padEnd(40)} ${cell(row).padStart(18)} ${cell(other).padStart(18)}`);
  }
  const total = (rows: Row[], kernel: string) => rows.filter((r) => r.kernel === kernel).reduce((sum, r) => sum + r.ms, 0);
  console.log(
    `all four layers, Conv2DBackpropInput: stock ${total(single, 'Conv2DBackpropInput stock').toFixed(0)} ms, new ${total(single, 'Conv2DBackpropInput new').toFixed(0)} ms, ` +
      `new threaded ${total(threaded, 'Conv2DBackpropInput new').toFixed(0)} ms`,
  );
  console.log(
    `all four layers, Conv2DBackpropFilter: cpu ${total(cpu, cpu[0]!.kernel).toFixed(0)} ms, new ${total(single, 'Conv2DBackpropFilter new').toFixed(0)} ms, ` +
      `new threaded ${total(threaded, 'Conv2DBackpropFilter new').toFixed(0)} ms`,
  );
}
