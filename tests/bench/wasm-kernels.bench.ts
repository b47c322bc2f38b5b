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
import { cpus, loadavg } from 'node:os';
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

interface Timing {
  readonly ms: number;
  /** CPU time over wall time while it ran: how many cores it kept busy (others' work on a shared machine lowers it). */
  readonly cores: number;
}

/** Best of up to five runs after a warm-up, stopping early past two seconds: others share this machine. */
function time(run: () => void): Timing {
  run();
  let best = Infinity;
  let wall = 0;
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < 5 && wall < 2000; i++) {
    const t = performance.now();
    run();
    const ms = performance.now() - t;
    best = Math.min(best, ms);
    wall += ms;
  }
  const cpu = process.cpuUsage(cpuBefore);
  return { ms: best, cores: (cpu.user + cpu.system) / 1000 / wall };
}

/** One run, for kernels too slow to repeat. */
function timeOnce(run: () => void): Timing {
  const cpuBefore = process.cpuUsage();
  const t = performance.now();
  run();
  const ms = performance.now() - t;
  const cpu = process.cpuUsage(cpuBefore);
  return { ms, cores: (cpu.user + cpu.system) / 1000 / ms };
}

/** Times a kernel function called directly, so that the stock and new kernels run under the same harness. */
function timeKernel(kernel: tf.KernelConfig, inputs: tf.NamedTensorInfoMap, attrs: object): Timing {
  const backend = tf.backend();
  return time(() => {
    const output = kernel.kernelFunc({ inputs, backend, attrs: attrs as tf.NamedAttrMap }) as tf.TensorInfo;
    backend.disposeData(output.dataId);
  });
}

type Row = { layer: string; kernel: string; ms: number; gflops: number; cores: number };

interface WasmRun {
  readonly threads: number;
  readonly rows: Row[];
}

async function measureWasm(threaded: boolean): Promise<WasmRun> {
  const outcome = threaded ? await enableWasmThreads() : { threads: 1 };
  if ('reason' in outcome) throw new Error(`no threads: ${outcome.reason}`);
  const stockBackpropInput = tf.getKernel(tf.Conv2DBackpropInput, 'wasm')!;
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
  const rows: Row[] = [];
  for (const l of layers) {
    const [image, features, filter] = [tf.randomNormal(l.image), tf.randomNormal(l.features), tf.randomNormal(filterShape(l))];
    const record = (kernel: string, { ms, cores }: Timing) => rows.push({ layer: l.name, kernel, ms, gflops: flops(l) / ms / 1e6, cores });
    record('Conv2D', timeKernel(tf.getKernel(tf.Conv2D, 'wasm')!, { x: image, filter }, { ...convAttrs, dilations: 1 }));
    // The stock kernel is a single-threaded scalar loop: timed once.
    if (!threaded) record('Conv2DBackpropInput stock', timeKernel(stockBackpropInput, { dy: features, filter }, { ...convAttrs, inputShape: l.image }));
    record('Conv2DBackpropInput new', timeKernel(tf.getKernel(tf.Conv2DBackpropInput, 'wasm')!, { dy: features, filter }, { ...convAttrs, inputShape: l.image }));
    record('Conv2DBackpropFilter new', timeKernel(tf.getKernel(tf.Conv2DBackpropFilter, 'wasm')!, { x: image, dy: features }, { ...convAttrs, filterShape: filterShape(l) }));
    tf.dispose([image, features, filter]);
  }
  return { threads: outcome.threads, rows };
}

/** The cpu backend's filter gradient takes seconds per sample: timed on one sample, scaled to the batch. */
async function measureCpuFilterGradient(): Promise<Row[]> {
  await tf.setBackend('cpu');
  return layers.map((l) => {
    const [image, features] = [tf.randomNormal([1, ...l.image.slice(1)]), tf.randomNormal([1, ...l.features.slice(1)])];
    const timing = timeOnce(() => (tf.engine().runKernel(tf.Conv2DBackpropFilter, { x: image, dy: features }, { ...convAttrs, filterShape: filterShape(l) }) as tf.Tensor).dispose());
    tf.dispose([image, features]);
    const ms = timing.ms * batch;
    return { layer: l.name, kernel: 'Conv2DBackpropFilter cpu (1 sample ×32)', ms, gflops: flops(l) / ms / 1e6, cores: timing.cores };
  });
}

/** One process per mode: the wasm backend starts threaded or not once per process. */
function measureInChild(mode: 'single' | 'threaded'): WasmRun {
  const output = execFileSync(process.execPath, ['--import', 'tsx', import.meta.filename], { env: { ...process.env, BENCH_WASM_MODE: mode }, encoding: 'utf8' });
  return JSON.parse(output) as WasmRun;
}

function printTable(single: WasmRun, threaded: WasmRun | null, cpu: Row[]): void {
  const cell = (r: Row | undefined) => (r ? `${r.ms.toFixed(1).padStart(9)} ms ${r.gflops.toFixed(r.gflops < 1 ? 3 : 1).padStart(5)} GFLOPS ${r.cores.toFixed(1)} cores` : '');
  const width = 37;
  console.log(`${'layer'.padEnd(22)} ${'kernel'.padEnd(40)} ${'1 thread'.padStart(width)} ${`${threaded?.threads ?? 'no'} threads`.padStart(width)}`);
  for (const l of layers) {
    for (const row of [...single.rows, ...cpu].filter((r) => r.layer === l.name)) {
      const twin = threaded?.rows.find((t) => t.layer === row.layer && t.kernel === row.kernel);
      console.log(`${row.layer.padEnd(22)} ${row.kernel.padEnd(40)} ${cell(row).padStart(width)} ${cell(twin).padStart(width)}`);
    }
  }
  const total = (rows: Row[] | undefined, kernel: string) => (rows ?? []).filter((r) => r.kernel === kernel).reduce((sum, r) => sum + r.ms, 0).toFixed(0);
  console.log(`\nSummed over the four layers (ms):`);
  console.log(`  Conv2D                ${total(single.rows, 'Conv2D')} → threaded ${total(threaded?.rows, 'Conv2D')}`);
  console.log(
    `  Conv2DBackpropInput   stock ${total(single.rows, 'Conv2DBackpropInput stock')} → new ${total(single.rows, 'Conv2DBackpropInput new')}` +
      ` → threaded ${total(threaded?.rows, 'Conv2DBackpropInput new')}`,
  );
  console.log(
    `  Conv2DBackpropFilter  cpu ${total(cpu, cpu[0]!.kernel)} → new ${total(single.rows, 'Conv2DBackpropFilter new')}` +
      ` → threaded ${total(threaded?.rows, 'Conv2DBackpropFilter new')}`,
  );
}

tf.env().set('PROD', true);
const mode = process.env['BENCH_WASM_MODE'];
if (mode === 'single' || mode === 'threaded') {
  console.log(JSON.stringify(await measureWasm(mode === 'threaded')));
} else {
  const load = loadavg()[0]!.toFixed(1);
  console.log(`DCGAN-64 convolutions at batch ${batch} on ${cpus().length} cores (${cpus()[0]?.model.trim()}, load ${load}), Node ${process.versions.node}; best of up to 5 runs`);
  const single = measureInChild('single');
  let threaded: WasmRun | null = null;
  try {
    threaded = measureInChild('threaded');
  } catch (error) {
    console.log(`The threaded run failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  printTable(single, threaded, await measureCpuFilterGradient());
}
