/**
 * DCGAN training and sampling speed on the CPU: TF.js on every backend that
 * loads here against PyTorch (tests/bench/peers/dcgan_torch.py), in one run.
 *
 * - Training: one step is one discriminator step and one generator step
 *   (main/engine/train/steps.ts) on synthetic data, as timeSteps() takes it,
 *   with the engine's default recipe (minibatch std, DiffAugment, Adam); a
 *   step counts 2 × batch images. EMA and the data pipeline are outside it.
 * - Sampling: generatePixels() of 64 latents (the engine's own batches of 32).
 * - Models: DCGAN-64 (batch 32) and DCGAN-32 (batch 64), width 64, RGB, latent 128.
 *
 * Every runtime is a worker process that takes one request at a time (set up
 * a model, take a step, sample, profile). Each TF.js runtime is paired with a
 * PyTorch one and their timed steps alternate (ABBA), so that whatever else
 * runs on the machine slows both alike; each pair of steps also gives a
 * ratio, and the median of those is printed beside the ratio of the medians.
 * - "wasm" is what ensureBackend('wasm') gives the app (threaded on every
 *   core when it can start), paired with PyTorch on every core;
 * - "wasm 1 thread" (the backend started before ensureBackend, so it stays
 *   single-threaded) with PyTorch on one thread;
 * - the pure-JS "cpu" backend samples only (a training step there takes over
 *   15 minutes; BENCH_CPU=train times one, alone).
 * PyTorch loads Debian's OpenBLAS (OpenMP) through LD_LIBRARY_PATH; it also
 * runs briefly without the override and, when libblas3 is installed, on
 * Debian's reference BLAS. Last, tf.profile of one wasm DCGAN-64 step and of
 * sampling: each kernel's own time (less the kernels it ran), summed by kernel.
 *
 * Run: npm run bench -- training   (figures are printed; nothing is asserted)
 * Shorten with BENCH_WARMUP (2), BENCH_STEPS (5), BENCH_SAMPLE_RUNS (3),
 * BENCH_MODELS (64,32), BENCH_CPU (sample | train | skip), BENCH_ONE_THREAD
 * (1: the single-threaded pair), BENCH_PEER_OTHER_BLAS (1: the runs without the
 * override and on the reference BLAS), BENCH_PROFILE (1), BENCH_PROFILE_SHAPES
 * (10), BENCH_PYTHON (/usr/bin/python3).
 */
import { existsSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { generatePixels, predictWith, latentsForSeeds } from '../../main/engine/latent/generate';
import { defaultDcganConfig, type DcganConfig } from '../../main/engine/models/config';
import { SeededRandom } from '../../main/engine/random';
import { sampleAugmentParams } from '../../main/engine/train/augment';
import { discriminatorStep, generatorStep } from '../../main/engine/train/dcgan/steps';
import { createDcganContext, disposeDcganContext, type DcganContext } from '../../main/engine/train/dcgan/context';
import {
  fmt,
  imageRateRatios,
  median,
  openblasFolder,
  peerWorker as peerProcess,
  printProfile,
  profileKernels,
  referenceBlasFolder,
  serveRequests,
  startBackend,
  systemBlas,
  tfjsWorker as tfjsProcess,
  timedOnce,
  type PeerInfo,
  type Profile,
  type TfjsInfo,
  type Timed,
  type Worker,
  measureOn,
} from './shared-workers';

const env = (name: string, fallback: string) => process.env[name] ?? fallback;
const warmup = Number(env('BENCH_WARMUP', '2'));
const steps = Number(env('BENCH_STEPS', '5'));
const sampleRuns = Number(env('BENCH_SAMPLE_RUNS', '3'));
const modelNames = env('BENCH_MODELS', '64,32').split(',').filter(Boolean) as ModelName[];
const cpuMode = env('BENCH_CPU', 'sample') as 'sample' | 'train' | 'skip';
const withOneThread = env('BENCH_ONE_THREAD', '1') === '1';
const withOtherBlas = env('BENCH_PEER_OTHER_BLAS', '1') === '1';
const withProfile = env('BENCH_PROFILE', '1') === '1';
const profileShapes = Number(env('BENCH_PROFILE_SHAPES', '10'));
const python = env('BENCH_PYTHON', '/usr/bin/python3');
const sampleCount = 64;

type ModelName = '64' | '32';
const models: Record<ModelName, DcganConfig> = {
  // The peer builds DCGAN's transposed convolutions.
  '64': { ...defaultDcganConfig, upsample: 'transposed', resolution: 64, channels: 3, classes: 0, width: 64, latentSize: 128, batchSize: 32 },
  '32': { ...defaultDcganConfig, upsample: 'transposed', resolution: 32, channels: 3, classes: 0, width: 64, latentSize: 128, batchSize: 64 },
};

// ---- the TF.js worker (this file, run with BENCH_TRAINING_WORKER set) ------

/** One training step exactly as timeSteps() in main/engine/train/timing.ts takes it. */
function trainingStep(context: DcganContext, random: SeededRandom): () => void {
  const { batchSize, resolution, channels, latentSize } = context.config;
  return () =>
    tf.tidy(() => {
      const images = tf.randomUniform([batchSize, resolution, resolution, channels], -1, 1) as tf.Tensor4D;
      const noise = () => tf.randomNormal([batchSize, latentSize]) as tf.Tensor2D;
      const augmentation = () => sampleAugmentParams(random, batchSize, resolution, context.config.augment);
      discriminatorStep(context, images, null, noise(), null, augmentation(), augmentation());
      generatorStep(context, noise(), null, augmentation());
    });
}

async function serveTfjs(mode: string): Promise<void> {
  const info = await startBackend(mode);
  let current: { context: DcganContext; step: () => void; sample: () => Promise<unknown> } | null = null;
  const handle = async (request: { cmd: string; model?: ModelName; what?: string }): Promise<unknown> => {
    switch (request.cmd) {
      case 'info':
        return info;
      case 'setup': {
        if (current) disposeDcganContext(current.context);
        const config = models[request.model!];
        const random = new SeededRandom(1);
        const context = createDcganContext(config, random);
        const latents = latentsForSeeds(config, Array.from({ length: sampleCount }, (_, n) => n));
        current = { context, step: trainingStep(context, random), sample: () => generatePixels(predictWith(context.generator), config, latents) };
        return { batch: config.batchSize };
      }
      case 'step':
        return timedOnce(current!.step);
      case 'sample':
        return timedOnce(current!.sample);
      case 'profile':
        return profileKernels(request.what === 'sample' ? current!.sample : current!.step, profileShapes);
      default:
        throw new Error(`unknown command ${request.cmd}`);
    }
  };
  await serveRequests(handle);
}

// ---- the driver ---------------------------------------------------------

function tfjsWorker(mode: string): Worker {
  return tfjsProcess(import.meta.filename, 'BENCH_TRAINING_WORKER', mode);
}

function peerWorker(label: string, libraryPath: string | null, threads: number): Worker {
  return peerProcess(python, label, libraryPath, threads);
}

interface Measured {
  readonly batch: number;
  readonly steps: Timed[];
  readonly samples: Timed[];
  readonly note: string;
}

/** What one runtime measured, per model. */
interface RuntimeResult {
  readonly label: string;
  readonly info: TfjsInfo | PeerInfo;
  readonly models: Partial<Record<ModelName, Measured>>;
  profile?: Profile;
  sampleProfile?: Profile;
  peerProfile?: { name: string; selfMs: number; count: number }[];
}

interface Plan {
  readonly steps: number;
  readonly warmup: number;
  readonly sampleRuns: number;
  readonly models: readonly ModelName[];
  readonly train: boolean;
  readonly note?: string;
}

/**
 * Runs the workers' steps, then their sampling, alternating between them in
 * ABBA order, so that a burst of someone else's work lands on both alike.
 */
async function measure(workers: Worker[], plan: Plan, profile: boolean): Promise<RuntimeResult[]> {
  const results: RuntimeResult[] = [];
  for (const worker of workers) {
    results.push({ label: worker.label, info: await worker.request<TfjsInfo | PeerInfo>({ cmd: 'info' }), models: {} });
  }
  const alternate = async (cmd: 'step' | 'sample', count: number): Promise<Timed[][]> => {
    const timings: Timed[][] = workers.map(() => []);
    for (let n = 0; n < count; n++) {
      const order = workers.map((_, index) => index);
      if (n % 2 === 1) order.reverse();
      for (const index of order) timings[index]!.push(await workers[index]!.request<Timed>({ cmd }));
    }
    return timings;
  };
  for (const model of plan.models) {
    const batches = await Promise.all(workers.map((w) => w.request<{ batch: number }>({ cmd: 'setup', model })));
    let stepTimings: Timed[][] = workers.map(() => []);
    if (plan.train) {
      await alternate('step', plan.warmup);
      stepTimings = await alternate('step', plan.steps);
    }
    await alternate('sample', 1);
    const sampleTimings = await alternate('sample', plan.sampleRuns);
    workers.forEach((_, index) => {
      results[index]!.models[model] = { batch: batches[index]!.batch, steps: stepTimings[index]!, samples: sampleTimings[index]!, note: plan.note ?? '' };
    });
    if (profile && model === '64') {
      for (const [index, worker] of workers.entries()) {
        if (worker.label.startsWith('tfjs')) {
          results[index]!.profile = await worker.request<Profile>({ cmd: 'profile', what: 'step' });
          if (worker.label === 'tfjs wasm') results[index]!.sampleProfile = await worker.request<Profile>({ cmd: 'profile', what: 'sample' });
        } else {
          results[index]!.peerProfile = (await worker.request<{ ops: { name: string; selfMs: number; count: number }[] }>({ cmd: 'profile' })).ops;
        }
      }
    }
  }
  // oneDNN is mapped on PyTorch's first convolution: ask again for what it loaded.
  for (const [index, worker] of workers.entries()) {
    if (!worker.label.startsWith('tfjs')) (results[index] as { info: unknown }).info = await worker.request<PeerInfo>({ cmd: 'info' });
  }
  return results;
}

function run(workers: Worker[], plan: Plan, profile = false): Promise<RuntimeResult[]> {
  return measureOn(workers, () => measure(workers, plan, profile));
}

// ---- report --------------------------------------------------------------

const targets = { train: 0.5, sample: 1.0 };
const prototype = { train: 0.1, sample: 0.43 };

/** Images per second at the median run and at the best, and the cores the process kept busy. */
interface Rate {
  readonly median: number;
  readonly best: number;
  readonly cores: number;
  readonly range: string;
}

function rate(timings: readonly Timed[], images: number): Rate | null {
  if (timings.length === 0) return null;
  const seconds = timings.map((t) => t.seconds);
  const cores = timings.reduce((sum, t) => sum + t.cpuSeconds, 0) / seconds.reduce((a, b) => a + b, 0);
  const range = seconds.length > 1 ? `${fmt(Math.min(...seconds))}–${fmt(Math.max(...seconds))}` : fmt(seconds[0]);
  return { median: images / median(seconds), best: images / Math.min(...seconds), cores, range };
}

/** How many cores a runtime would keep busy on an idle machine. */
function threadsOf(result: RuntimeResult): number {
  if ('threads' in result.info) return result.info.threads;
  const threads = /(\d+) threads/.exec(result.info.detail);
  return threads ? Number(threads[1]) : 1;
}

function printTable(results: RuntimeResult[]): void {
  const cell = (r: Rate | null) => `${fmt(r?.median, 1).padStart(7)} ${fmt(r?.best, 1).padStart(7)} ${fmt(r?.cores, 1).padStart(5)}`;
  console.log(`${''.padEnd(9)} ${''.padEnd(36)} ${''.padStart(7)}  ${'training images/s'.padEnd(21)}  ${'sampling images/s'.padEnd(21)}`);
  const header =
    `${'model'.padEnd(9)} ${'runtime'.padEnd(36)} ${'steps/s'.padStart(7)}  ${'median'.padStart(7)} ${'best'.padStart(7)} ${'cores'.padStart(5)}  ` +
    `${'median'.padStart(7)} ${'best'.padStart(7)} ${'cores'.padStart(5)}  seconds (range)`;
  console.log(header);
  console.log('-'.repeat(header.length + 30));
  for (const model of modelNames) {
    for (const result of results) {
      const m = result.models[model];
      if (!m) continue;
      const train = rate(m.steps, 2 * m.batch);
      const sample = rate(m.samples, sampleCount);
      const threads = threadsOf(result);
      // A threaded run that got much less than its cores shared the machine with someone else's work.
      const starved = train && threads > 1 && train.cores < 0.75 * threads ? `got ${fmt(train.cores, 1)} of ${threads} cores: others were busy` : null;
      const note = [train ? `step ${train.range}` : 'training not timed', sample ? `${sampleCount} samples ${sample.range}` : null, m.note, starved].filter(Boolean).join('; ');
      console.log(`${`DCGAN-${model}`.padEnd(9)} ${result.label.padEnd(36)} ${fmt(train ? train.median / (2 * m.batch) : null, 3).padStart(7)}  ${cell(train)}  ${cell(sample)}  ${note}`);
    }
  }
}

function printRatios(results: RuntimeResult[], pairs: readonly (readonly [string, string])[]): void {
  console.log(
    `\nTF.js / PyTorch images/s: ratio of the medians [median of the alternating pairs' ratios]; ` +
      `targets on wasm: training ≥ ${targets.train}×, sampling ≥ ${targets.sample}× (a prototype reached ${prototype.train}× and ${prototype.sample}×)`,
  );
  const verdict = (value: number | null, target: number) => (value === null ? '' : value >= target ? 'meets' : 'below');
  for (const model of modelNames) {
    for (const [ourLabel, peerLabel] of pairs) {
      const ours = results.find((r) => r.label === ourLabel)?.models[model];
      const peer = results.find((r) => r.label === peerLabel)?.models[model];
      if (!ours || !peer) continue;
      const train = imageRateRatios(ours.steps, peer.steps, 2 * ours.batch, 2 * peer.batch);
      const sample = imageRateRatios(ours.samples, peer.samples, sampleCount, sampleCount);
      const target = ourLabel.startsWith('tfjs wasm');
      console.log(
        `  DCGAN-${model} ${ourLabel.padEnd(19)} / ${peerLabel.padEnd(34)} ` +
          `training ${fmt(train.ofMedians).padStart(5)}× [${fmt(train.pairwise)}×]${target ? ` ${verdict(train.ofMedians, targets.train).padEnd(5)}` : ''}   ` +
          `sampling ${fmt(sample.ofMedians).padStart(5)}× [${fmt(sample.pairwise)}×]${target ? ` ${verdict(sample.ofMedians, targets.sample)}` : ''}`,
      );
    }
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const cores = availableParallelism();
  console.log(`DCGAN training and sampling, TF.js vs PyTorch on the CPU: ${cores} cores (${cpus()[0]?.model.trim()}), Node ${process.versions.node}, tfjs ${tf.version_core}`);
  console.log(
    `${warmup} warm-up steps, then ${steps} timed; sampling ${sampleCount} images, ${sampleRuns} timed runs after one; ` +
      'a training step (one D + one G step) counts 2 × batch images; paired runtimes alternate step by step',
  );
  console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (others may share this machine: see each run's cores and range)`);

  const openblas = openblasFolder();
  if (!openblas) console.log('PyTorch: libopenblas0-openmp is not installed (apt-get install libopenblas0-openmp): PyTorch runs on whatever libblas.so.3 is');
  const full: Plan = { steps, warmup, sampleRuns, models: modelNames, train: true };
  const short: Plan = { steps: Math.min(steps, 2), warmup: Math.min(warmup, 1), sampleRuns: 1, models: modelNames, train: true, note: 'short run' };
  const fullPeer = `PyTorch ${cores} threads, OpenBLAS-OpenMP`;
  const onePeer = 'PyTorch 1 thread, OpenBLAS-OpenMP';
  const results: RuntimeResult[] = [];

  results.push(...(await run([tfjsWorker('wasm'), peerWorker(fullPeer, openblas, cores)], full, withProfile)));
  if (withOneThread) results.push(...(await run([tfjsWorker('wasm 1 thread'), peerWorker(onePeer, openblas, 1)], full, withProfile)));
  if (withOtherBlas) {
    results.push(...(await run([peerWorker('PyTorch, no LD_LIBRARY_PATH', null, cores)], short)));
    if (existsSync(join(referenceBlasFolder, 'libblas.so.3'))) {
      // Tens of seconds a step: DCGAN-32 and one step only.
      const plan = { ...short, steps: 1, models: modelNames.filter((m) => m === '32') };
      results.push(...(await run([peerWorker('PyTorch, reference BLAS (libblas3)', referenceBlasFolder, cores)], plan)));
    }
  }
  if (cpuMode !== 'skip') {
    const note = cpuMode === 'train' ? 'one cold training step' : 'sampling only: a training step takes over 15 minutes (BENCH_CPU=train times one)';
    results.push(...(await run([tfjsWorker('cpu')], { steps: cpuMode === 'train' ? 1 : 0, warmup: 0, sampleRuns: 1, models: modelNames, train: cpuMode === 'train', note })));
  }

  const tfjs = results.filter((r) => 'detail' in r.info);
  for (const probe of (tfjs[0]?.info as TfjsInfo | undefined)?.probes ?? []) {
    console.log(`  backend ${probe.name.padEnd(14)} ${probe.loaded ? 'loads' : 'does not load'}: ${probe.detail}`);
  }
  for (const r of tfjs) console.log(`  ${r.label.padEnd(36)} ${(r.info as TfjsInfo).detail}`);
  if (cpuMode === 'skip') console.log('  tfjs cpu: skipped (BENCH_CPU=skip)');
  console.log(`  the system's libblas.so.3 (Debian alternatives) is ${systemBlas()}: what PyTorch loads without the override`);
  for (const r of results.filter((x) => !('detail' in x.info))) {
    const peer = r.info as PeerInfo;
    console.log(`  ${r.label.padEnd(36)} torch ${peer.torch}, ${peer.threads} thread(s), ${peer.blasInfo}, mkldnn ${peer.mkldnn}, LD_LIBRARY_PATH=${peer.ldLibraryPath || '(unset)'}`);
    console.log(`  ${''.padEnd(36)} loaded: ${peer.loaded.join(', ')}`);
  }
  console.log('');
  printTable(results);
  printRatios(results, [
    ['tfjs wasm', fullPeer],
    ['tfjs wasm 1 thread', onePeer],
    ['tfjs cpu', fullPeer],
  ]);
  for (const r of results) {
    if (r.profile) printProfile(r.label, 'one DCGAN-64 training step', r.profile, 16, profileShapes);
    if (r.sampleProfile) printProfile(r.label, `sampling ${sampleCount} DCGAN-64 images`, r.sampleProfile, 8, 5);
  }
  for (const r of results) {
    if (!r.peerProfile) continue;
    console.log(`\n${r.label}: one DCGAN-64 training step (torch.profiler, own CPU time by op):`);
    for (const op of r.peerProfile.slice(0, 8)) console.log(`  ${op.name.padEnd(36)} ×${String(op.count).padEnd(4)} ${fmt(op.selfMs, 1).padStart(9)} ms`);
  }
  console.log(`\nload average at end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`benchmark took ${fmt((performance.now() - started) / 1000, 0)} s`);
}

const worker = process.env['BENCH_TRAINING_WORKER'];
if (worker) {
  await serveTfjs(worker);
} else {
  await main();
}
