/**
 * Translation speed on the CPU (issue 6, item 7): pix2pix and CycleGAN in
 * TF.js on every backend that loads here against the same networks in
 * PyTorch (tests/bench/peers/translate_torch.py), in one run, and the live
 * sketch preview through the real app.
 *
 * - Inference: one 256×256 RGB image (random bytes) translated as the app
 *   translates one: a checkpoint written from the real training context
 *   (createPix2pixContext / createCycleGanContext, captureState, writeCheckpoint)
 *   to a temporary folder, loaded by loadTranslator
 *   (main/engine/translate/loaded-translator.ts), and translateWhole (bytes in,
 *   bytes out, derived filters cached as the app caches them). Networks: the
 *   pix2pix U-Net at 256 px, width 64 (the paper's, defaultPix2pixConfig) and
 *   32 (the Quick and Balanced presets), and the CycleGAN ResNet generator
 *   with 9 residual blocks at 256 px, width 64 and 32; and, on the threaded
 *   pair only, the live preview's network alone: the U-Net at 128 px, width
 *   32 and 64, on a 128×128 image. Weights as initialised.
 * - Training: pix2pixStep (main/engine/train/pix2pix/step.ts) at 128 px,
 *   batch 1, RGB both sides, width 32 and 64, on synthetic N(0, 0.5) images
 *   made inside the step, as timeSteps() takes it.
 * - PyTorch: the same layers, shapes, paddings, norms and activations, eval
 *   mode and torch.inference_mode for inference (uint8 in and out, as here),
 *   the same step with its two Adams, on Debian's OpenBLAS (OpenMP) through
 *   LD_LIBRARY_PATH.
 *
 * Both sides report their networks' parameter count at setup (printed with
 * the progress; a mismatch is a warning). Every runtime is a worker process
 * that takes one request at a time. Each TF.js runtime is paired with a
 * PyTorch one and their timed runs alternate (ABBA), so that whatever else runs on the machine slows both alike; each
 * pair of runs also gives a ratio, and the median of those is printed beside
 * the ratio of the medians. Every case starts with one untimed run on each
 * side ("first": it builds every kernel and, on TF.js, derives and caches the
 * filters); training takes BENCH_WARMUP untimed steps.
 * - "wasm" is what ensureBackend('wasm') gives the app (threaded on every
 *   core when it can start), paired with PyTorch on every core;
 * - "wasm 1 thread" (the backend started before ensureBackend) with PyTorch
 *   on one thread, with fewer runs (BENCH_ONE_THREAD_RUNS, _STEPS);
 * - the pure-JS "cpu" backend alone: one cold run of each U-Net at 256 px;
 *   the CycleGANs cut short: one cold run on a 64×64 image, its time scaled
 *   by the pixels (×16; the ResNet is fully convolutional), since a 256 px
 *   one takes minutes there; no training (minutes per step); its ratio is to
 *   PyTorch on every core.
 * - tfjs-node (libtensorflow) is reported as not installed when it is not.
 * Then tf.profile of one threaded-wasm U-Net inference (each width) and one
 * pix2pix step (each width), and torch.profiler of the same in PyTorch.
 *
 * Live sketch preview: the built app (`node dist/main/cli.js serve --port 0
 * --json --project <tmp>`, on the backend it picks) over its HTTP API, as the
 * renderer calls it: a paired dataset imported from side-by-side PNGs, a
 * pix2pix trained at 128 px for 2 steps (width 32, then 64), and
 * translate.preview of a drawing (a PNG of a growing pen stroke, 128×128 and
 * 512×512, the canvas a person draws on), one request in flight at a time,
 * BENCH_PREVIEW_FRAMES frames after BENCH_PREVIEW_WARMUP; frames/s is 1 / the
 * median round trip; the app's own `milliseconds` is shown beside it.
 *
 * Run: npm run build && npm run bench -- translate   (figures are printed; nothing is asserted)
 * Adjust with BENCH_RUNS (timed U-Net runs, 7), BENCH_CYCLEGAN_RUNS (5),
 * BENCH_STEPS (timed training steps, 5), BENCH_WARMUP (untimed steps, 1),
 * BENCH_ONE_THREAD (1: the single-threaded pair), BENCH_ONE_THREAD_RUNS (3),
 * BENCH_ONE_THREAD_STEPS (3), BENCH_CPU (1: the cpu backend), BENCH_CPU_CYCLEGAN_SIZE
 * (64: the image side the cpu backend's CycleGANs translate), BENCH_PROFILE (1),
 * BENCH_PREVIEW (1), BENCH_PREVIEW_WIDTHS (32,64), BENCH_PREVIEW_FRAMES (40),
 * BENCH_PREVIEW_WARMUP (5), BENCH_PYTHON (/usr/bin/python3).
 * About 7 minutes on a 2-core machine (the cpu backend's cold runs take 1½ of them).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import sharp from 'sharp';
import * as tf from '@tensorflow/tfjs-core';
import type { BackendProbe, RunDetail, RunSummary, TranslateModel, TranslationPreview } from '../../preload/contract';
import type { ImageBatch } from '../../main/engine/metrics/image-batch';
import { defaultCycleGanConfig, defaultPix2pixConfig, type CycleGanConfig, type Pix2pixConfig } from '../../main/engine/models/config';
import { SeededRandom } from '../../main/engine/random';
import { writeCheckpoint } from '../../main/formats/checkpoint-file';
import { createCycleGanContext, cycleGanState, disposeCycleGanContext } from '../../main/engine/train/cyclegan/context';
import { createPix2pixContext, disposePix2pixContext, pix2pixState, type Pix2pixContext } from '../../main/engine/train/pix2pix/context';
import { pix2pixStep } from '../../main/engine/train/pix2pix/step';
import { captureState } from '../../main/engine/train/snapshot';
import { loadTranslator } from '../../main/engine/translate/loaded-translator';
import { translateWhole } from '../../main/engine/translate/translate-image';
import { writeSideBySidePairs } from '../fixtures/translation-pairs';
import {
  fmt,
  imageRateRatios,
  measureOn,
  median,
  openblasFolder,
  peerWorker,
  printProfile,
  profileKernels,
  serveRequests,
  startBackend,
  systemBlas,
  tfjsWorker,
  timedOnce,
  translatePeerScript,
  type PeerInfo,
  type Profile,
  type TfjsInfo,
  type Timed,
  type Worker,
} from './shared-workers';

const env = (name: string, fallback: string) => process.env[name] ?? fallback;
const unetRuns = Number(env('BENCH_RUNS', '7'));
const cycleGanRuns = Number(env('BENCH_CYCLEGAN_RUNS', '5'));
const trainSteps = Number(env('BENCH_STEPS', '5'));
const trainWarmup = Number(env('BENCH_WARMUP', '1'));
const withOneThread = env('BENCH_ONE_THREAD', '1') === '1';
const oneThreadRuns = Number(env('BENCH_ONE_THREAD_RUNS', '3'));
const oneThreadSteps = Number(env('BENCH_ONE_THREAD_STEPS', '3'));
const withCpu = env('BENCH_CPU', '1') === '1';
const cpuCycleGanSize = Number(env('BENCH_CPU_CYCLEGAN_SIZE', '64'));
const withProfile = env('BENCH_PROFILE', '1') === '1';
const withPreview = env('BENCH_PREVIEW', '1') === '1';
const previewWidths = env('BENCH_PREVIEW_WIDTHS', '32,64').split(',').filter(Boolean).map(Number);
const previewFrames = Number(env('BENCH_PREVIEW_FRAMES', '40'));
const previewWarmup = Number(env('BENCH_PREVIEW_WARMUP', '5'));
const python = env('BENCH_PYTHON', '/usr/bin/python3');
const workerSwitch = 'BENCH_TRANSLATE_WORKER';

/** The model size every inference case is built at, and the training size. */
const inferenceResolution = 256;
const trainResolution = 128;
const residualBlocks = 9;

type Net = 'unet' | 'resnet';

/** One inference measurement: a generator of one width translating one image of `size` px. */
interface InferCase {
  readonly kind: 'infer';
  readonly key: string;
  readonly net: Net;
  readonly width: number;
  /** The side the model is built for (the U-Net's depth): 256, or 128 for the live preview's network. */
  readonly resolution: number;
  /** The image's side: the resolution, or less where a slow backend's run is cut short (times are scaled by pixels). */
  readonly size: number;
  readonly runs: number;
  /** false: no untimed run first; the (single) timed run is the cold one. */
  readonly warm: boolean;
}

interface TrainCase {
  readonly kind: 'train';
  readonly key: string;
  readonly width: number;
  readonly steps: number;
  readonly warmup: number;
}

type Case = InferCase | TrainCase;

const netLabel = (net: Net, width: number) => (net === 'unet' ? `pix2pix U-Net w${width}` : `CycleGAN ResNet-9 w${width}`);
const inferKey = (net: Net, width: number, resolution = inferenceResolution) => `${net}${width}${resolution === inferenceResolution ? '' : `@${resolution}`}`;
const trainKey = (width: number) => `train${width}`;
const caseLabel = (key: string) => {
  const train = /^train(\d+)$/.exec(key);
  if (train) return `pix2pix step 128 px w${train[1]}`;
  const [, net, width, resolution] = /^(unet|resnet)(\d+)(?:@(\d+))?$/.exec(key)!;
  return `${netLabel(net as Net, Number(width))}, ${resolution ?? inferenceResolution} px`;
};

// The peer (peers/translate_torch.py) builds the reference code's transposed convolutions and zero padding.
const legacyNetwork = { upsample: 'transposed', padding: 'zeros' } as const;
const pix2pixConfigOf = (resolution: number, width: number): Pix2pixConfig => ({
  ...defaultPix2pixConfig,
  ...legacyNetwork,
  resolution,
  channelsA: 3,
  channelsB: 3,
  heldOut: 0,
  width,
});
const cycleGanConfigOf = (resolution: number, width: number): CycleGanConfig => ({
  ...defaultCycleGanConfig,
  ...legacyNetwork,
  resolution,
  channelsA: 3,
  channelsB: 3,
  heldOut: 0,
  width,
  residualBlocks,
});

// ---- the TF.js worker (this file, run with BENCH_TRANSLATE_WORKER set) -----

/** A checkpoint of a freshly initialised training context, with every tensor named as a real run names it. */
async function writeModelCheckpoint(path: string, net: Net, width: number, resolution: number): Promise<void> {
  const random = new SeededRandom(1);
  const meta = { seed: 1, step: 0, random: random.state, data: { epoch: 0, index: 0 }, trainSeconds: 0, metrics: {} };
  if (net === 'unet') {
    const config = pix2pixConfigOf(resolution, width);
    const context = createPix2pixContext(config, random);
    try {
      writeCheckpoint(path, { ...meta, config }, await captureState(pix2pixState(context)));
    } finally {
      disposePix2pixContext(context);
    }
  } else {
    const config = cycleGanConfigOf(resolution, width);
    const context = createCycleGanContext(config, random);
    try {
      writeCheckpoint(path, { ...meta, config }, await captureState(cycleGanState(context)));
    } finally {
      disposeCycleGanContext(context);
    }
  }
}

/** Random bytes: a translation's speed does not depend on the picture. */
function randomImage(size: number): ImageBatch {
  const random = new SeededRandom(3);
  const pixels = new Uint8Array(size * size * 3);
  for (let index = 0; index < pixels.length; index++) pixels[index] = random.below(256);
  return { pixels, count: 1, height: size, width: size, channels: 3 };
}

/** One training step as timeSteps() (main/engine/train/timing.ts) takes it: fresh synthetic images, the real step. */
function trainingStep(context: Pix2pixContext, random: SeededRandom): () => void {
  const { resolution } = context.config;
  const images = () => tf.tensor4d(random.fillNormal(new Float32Array(resolution * resolution * 3), 0, 0.5), [1, resolution, resolution, 3]);
  return () => {
    const inputs = images();
    const targets = images();
    try {
      pix2pixStep(context, inputs, targets, context.config.learningRate);
    } finally {
      tf.dispose([inputs, targets]);
    }
  };
}

async function serveTfjs(mode: string): Promise<void> {
  const info = await startBackend(mode);
  const folder = mkdtempSync(join(tmpdir(), 'latent-studio-translate-bench-'));
  process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
  const checkpoints = new Map<string, string>();
  let translate: (() => unknown) | null = null;
  let training: { context: Pix2pixContext; step: () => void } | null = null;
  await serveRequests(async (request) => {
    switch (request.cmd) {
      case 'info':
        return info;
      case 'infer-setup': {
        const net = request['net'] as Net;
        const width = Number(request['width']);
        const resolution = Number(request['resolution']);
        const key = inferKey(net, width, resolution);
        let path = checkpoints.get(key);
        if (!path) {
          path = join(folder, `${key.replace('@', '-')}.ckpt`);
          await writeModelCheckpoint(path, net, width, resolution);
          checkpoints.set(key, path);
        }
        // What the translate request does (main/engine/translate/requests.ts): the kept loaded model, the whole image.
        const model = loadTranslator(path, 'AtoB');
        const image = randomImage(Number(request['size']));
        translate = () => translateWhole(model, image);
        return { parameters: model.generator.countParams() };
      }
      case 'infer':
        return timedOnce(translate!);
      case 'infer-profile':
        return profileKernels(translate!, 8);
      case 'train-setup': {
        if (training) disposePix2pixContext(training.context);
        const random = new SeededRandom(1);
        const context = createPix2pixContext(pix2pixConfigOf(trainResolution, Number(request['width'])), random);
        training = { context, step: trainingStep(context, random) };
        return { parameters: context.generator.countParams() + context.discriminator.countParams() };
      }
      case 'train-step':
        return timedOnce(training!.step);
      case 'train-profile':
        return profileKernels(training!.step, 10);
      default:
        throw new Error(`unknown command ${request.cmd}`);
    }
  });
}

// ---- the driver: worker pairs --------------------------------------------

interface Measured {
  /** The untimed first run (or the cold timed one). */
  readonly first: number;
  readonly runs: Timed[];
  /** Seconds are multiplied by this for the 256 px figure (1 unless the image was cut smaller). */
  readonly scale: number;
  /** No untimed run came first. */
  readonly cold: boolean;
  readonly note: string;
}

type OpRow = { name: string; selfMs: number; count: number };

interface RuntimeResult {
  readonly label: string;
  info: TfjsInfo | PeerInfo;
  readonly cases: Map<string, Measured>;
  readonly profiles: Map<string, Profile>;
  readonly peerOps: Map<string, OpRow[]>;
}

const isTfjs = (worker: Worker) => worker.label.startsWith('tfjs');

/** Each case on every worker: setup, the untimed first run(s), then the timed ones, the workers alternating ABBA. */
async function measure(workers: Worker[], cases: readonly Case[], profileKeys: readonly string[]): Promise<RuntimeResult[]> {
  const results: RuntimeResult[] = [];
  for (const worker of workers) {
    results.push({ label: worker.label, info: await worker.request<TfjsInfo | PeerInfo>({ cmd: 'info' }), cases: new Map(), profiles: new Map(), peerOps: new Map() });
  }
  const alternate = async (cmd: string, count: number): Promise<Timed[][]> => {
    const timings: Timed[][] = workers.map(() => []);
    for (let n = 0; n < count; n++) {
      const order = workers.map((_, index) => index);
      if (n % 2 === 1) order.reverse();
      for (const index of order) timings[index]!.push(await workers[index]!.request<Timed>({ cmd }));
    }
    return timings;
  };
  for (const c of cases) {
    const started = performance.now();
    const prefix = c.kind === 'infer' ? 'infer' : 'train';
    const setup = c.kind === 'infer' ? { cmd: 'infer-setup', net: c.net, width: c.width, resolution: c.resolution, size: c.size } : { cmd: 'train-setup', width: c.width, resolution: trainResolution };
    // Both sides report their networks' parameter count: the same layers give the same count.
    const counts = (await Promise.all(workers.map((w) => w.request<{ parameters: number }>(setup)))).map((reply) => reply.parameters);
    if (new Set(counts).size > 1) console.log(`  warning: ${caseLabel(c.key)} has ${counts.join(' vs ')} parameters on ${workers.map((w) => w.label).join(' vs ')}`);
    const untimed = c.kind === 'infer' ? (c.warm ? 1 : 0) : c.warmup;
    const first = await alternate(prefix === 'infer' ? 'infer' : 'train-step', untimed);
    const timed = await alternate(prefix === 'infer' ? 'infer' : 'train-step', c.kind === 'infer' ? c.runs : c.steps);
    const scale = c.kind === 'infer' ? (c.resolution / c.size) ** 2 : 1;
    const note = c.kind === 'infer' && c.size !== c.resolution ? `a ${c.size}×${c.size} image, times ×${scale} for ${c.resolution} px` : '';
    workers.forEach((_, index) => {
      results[index]!.cases.set(c.key, { first: (first[index]![0] ?? timed[index]![0]!).seconds, runs: timed[index]!, scale, cold: untimed === 0, note });
    });
    if (profileKeys.includes(c.key)) {
      for (const [index, worker] of workers.entries()) {
        if (isTfjs(worker)) results[index]!.profiles.set(c.key, await worker.request<Profile>({ cmd: `${prefix}-profile` }));
        else results[index]!.peerOps.set(c.key, (await worker.request<{ ops: OpRow[] }>({ cmd: `${prefix}-profile` })).ops);
      }
    }
    console.log(`  [${workers.map((w) => w.label).join(' + ')}] ${caseLabel(c.key)}: ${counts[0]!.toLocaleString('en')} parameters, ${fmt((performance.now() - started) / 1000, 0)} s`);
  }
  // oneDNN is mapped on PyTorch's first convolution: ask again for what it loaded.
  for (const [index, worker] of workers.entries()) {
    if (!isTfjs(worker)) results[index]!.info = await worker.request<PeerInfo>({ cmd: 'info' });
  }
  return results;
}

function run(workers: Worker[], cases: readonly Case[], profileKeys: readonly string[] = []): Promise<RuntimeResult[]> {
  return measureOn(workers, () => measure(workers, cases, profileKeys));
}

// ---- the driver: live preview through the app ------------------------------

interface PreviewResult {
  readonly width: number;
  readonly drawing: number;
  /** Round trips as the renderer sees them, seconds. */
  readonly latencies: number[];
  /** The app's own `milliseconds` (decode, translate, encode). */
  readonly serverMs: number[];
}

interface PreviewReport {
  readonly backend: string;
  readonly results: PreviewResult[];
  readonly setupSeconds: number;
  readonly failure: string | null;
}

/** A drawing as a canvas would send it: RGBA PNG, white paper, a black pen stroke that grows by `frame`. */
async function drawingPng(size: number, frame: number, frames: number): Promise<string> {
  const points: string[] = [];
  const length = 8 + Math.round((frame / frames) * 64);
  for (let n = 0; n <= length; n++) {
    const t = n / 72;
    const x = size * (0.5 + 0.35 * Math.cos(t * 2 * Math.PI) * (0.6 + 0.4 * t));
    const y = size * (0.5 + 0.35 * Math.sin(t * 2 * Math.PI * 1.5));
    points.push(`${x.toFixed(1)},${y.toFixed(1)}`);
  }
  const stroke = Math.max(1.5, size / 64);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><rect width="100%" height="100%" fill="white"/><polyline points="${points.join(' ')}" stroke="black" stroke-width="${stroke}" fill="none" stroke-linecap="round"/></svg>`;
  const png = await sharp(Buffer.from(svg)).ensureAlpha().png().toBuffer();
  return png.toString('base64');
}

interface Served {
  readonly origin: string;
  readonly token: string;
  stop(): void;
}

/** `node dist/main/cli.js serve --port 0 --json --project <folder>` (as tests/e2e/serve-fixture.ts starts it). */
async function startServe(scratch: string): Promise<Served> {
  const child = spawn(process.execPath, ['dist/main/cli.js', 'serve', '--port', '0', '--json', '--project', join(scratch, 'project')], {
    env: { ...process.env, XDG_CONFIG_HOME: join(scratch, 'config') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<never>((_, reject) => child.on('exit', (code) => reject(new Error(`serve exited with code ${code} before it printed its URL`))));
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const first = (await Promise.race([lines.next(), exited])) as IteratorResult<string>;
  const { url, token } = JSON.parse(String(first.value)) as { url: string; token: string };
  return { origin: new URL(url).origin, token, stop: () => child.kill('SIGTERM') };
}

async function callApi<T>(served: Served, method: string, argument?: unknown): Promise<T> {
  const response = await fetch(`${served.origin}/api/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${served.token}` },
    body: JSON.stringify(argument === undefined ? [] : [argument]),
  });
  const envelope = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error?.message}`);
  return envelope.value as T;
}

async function trainedCheckpoint(served: Served, width: number): Promise<number> {
  const run = await callApi<RunSummary>(served, 'training.start', {
    dataset: 'Sketches',
    model: 'pix2pix',
    resolution: trainResolution,
    width,
    steps: 2,
    checkpointEvery: 2,
    name: `preview w${width}`,
  });
  for (;;) {
    const detail = await callApi<RunDetail>(served, 'training.get', { runId: run.id });
    if (detail.status === 'completed') break;
    if (detail.status === 'failed' || detail.status === 'stopped') throw new Error(`the width-${width} run ${detail.status}: ${detail.error ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const models = await callApi<TranslateModel[]>(served, 'translate.models');
  const model = models.find((m) => m.runId === run.id);
  if (!model) throw new Error(`translate.models lists no checkpoint of run ${run.id}`);
  return model.checkpointId;
}

/** Sequential previews, one in flight, as the renderer sends them while a person draws. */
async function previewFramesOf(served: Served, checkpointId: number, width: number, drawing: number): Promise<PreviewResult> {
  const total = previewWarmup + previewFrames;
  const pngs = await Promise.all(Array.from({ length: total }, (_, frame) => drawingPng(drawing, frame, total)));
  const latencies: number[] = [];
  const serverMs: number[] = [];
  for (const [frame, png] of pngs.entries()) {
    const started = performance.now();
    const preview = await callApi<TranslationPreview>(served, 'translate.preview', { checkpointId, png });
    const seconds = (performance.now() - started) / 1000;
    if (preview.width !== drawing) throw new Error(`a ${drawing} px drawing came back ${preview.width} px wide`);
    if (frame >= previewWarmup) {
      latencies.push(seconds);
      serverMs.push(preview.milliseconds);
    }
  }
  return { width, drawing, latencies, serverMs };
}

async function measurePreview(): Promise<PreviewReport> {
  const started = performance.now();
  const results: PreviewResult[] = [];
  if (!existsSync('dist/main/cli.js')) return { backend: '—', results, setupSeconds: 0, failure: 'dist/main/cli.js is missing: run `npm run build` first' };
  const scratch = mkdtempSync(join(tmpdir(), 'latent-studio-preview-bench-'));
  let served: Served | null = null;
  let backend = '—';
  let setupSeconds = 0;
  try {
    served = await startServe(scratch);
    const pairs = await writeSideBySidePairs(join(scratch, 'pairs'), 8, trainResolution);
    await callApi(served, 'datasets.import', { dataset: 'Sketches', kind: 'paired', paths: [pairs] });
    for (const width of previewWidths) {
      const setup = performance.now();
      const checkpointId = await trainedCheckpoint(served, width);
      setupSeconds += (performance.now() - setup) / 1000;
      for (const drawing of [trainResolution, 512]) {
        results.push(await previewFramesOf(served, checkpointId, width, drawing));
        const last = results.at(-1)!;
        console.log(`  [app preview] w${width}, ${drawing} px drawing: median ${fmt(median(last.latencies) * 1000, 0)} ms`);
      }
    }
    const doctor = await callApi<{ backends: { active: string | null; probes: readonly BackendProbe[] } }>(served, 'system.doctor');
    const active = doctor.backends.probes.find((p) => p.name === doctor.backends.active);
    backend = `${doctor.backends.active ?? 'none'}${active ? ` (${active.detail})` : ''}`;
    return { backend, results, setupSeconds, failure: null };
  } catch (error) {
    return { backend, results, setupSeconds, failure: error instanceof Error ? error.message : String(error) };
  } finally {
    served?.stop();
    // The server's engine may still hold files a moment after SIGTERM.
    await new Promise((resolve) => setTimeout(resolve, 500));
    rmSync(scratch, { recursive: true, force: true, maxRetries: 5 });
    console.log(`  [app preview] took ${fmt((performance.now() - started) / 1000, 0)} s`);
  }
}

// ---- report --------------------------------------------------------------

/** The issue's figures on this 2-core machine (U-Net at 256 px, batch 1). */
const issueFigures = { pytorchUnetMs: 64, prototypeWasmUnetMs: 220 };
const targets = { inference: 1.0, training: 0.5, previewFps: 12 };

function threadsOf(result: RuntimeResult): number {
  if ('threads' in result.info) return result.info.threads;
  const threads = /(\d+) threads/.exec(result.info.detail);
  return threads ? Number(threads[1]) : 1;
}

const secondsOf = (m: Measured) => m.runs.map((t) => t.seconds * m.scale);
const coresOf = (m: Measured) => m.runs.reduce((sum, t) => sum + t.cpuSeconds, 0) / m.runs.reduce((sum, t) => sum + t.seconds, 0);

function printCases(results: RuntimeResult[], keys: readonly string[], training: boolean): void {
  const unit = training ? 's/step' : 'ms/img';
  const header =
    `${'case'.padEnd(32)} ${'runtime'.padEnd(34)} ${unit.padStart(7)} ${'range'.padStart(13)} ${'first'.padStart(7)} ` +
    `${(training ? 'steps/s' : 'img/s').padStart(7)} ${'best'.padStart(6)} ${'cores'.padStart(5)}  note`;
  console.log(header);
  console.log('-'.repeat(header.length + 20));
  const show = (seconds: number) => (training ? fmt(seconds, 2) : fmt(seconds * 1000, 0));
  for (const key of keys) {
    for (const result of results) {
      const m = result.cases.get(key);
      if (!m || m.runs.length === 0) continue;
      const seconds = secondsOf(m);
      const range = seconds.length > 1 ? `${show(Math.min(...seconds))}–${show(Math.max(...seconds))}` : show(seconds[0]!);
      const cores = coresOf(m);
      const threads = threadsOf(result);
      const notes = [
        `${m.runs.length} ${training ? 'steps' : 'runs'}${m.cold ? (m.runs.length === 1 ? ', cold' : ', the first cold') : ''}`,
        m.note || null,
        threads > 1 && cores < 0.75 * threads ? `kept ${fmt(cores, 1)} of ${threads} cores busy (serial parts, or others' work)` : null,
      ].filter(Boolean);
      console.log(
        `${caseLabel(key).padEnd(32)} ${result.label.padEnd(34)} ${show(median(seconds)).padStart(7)} ${range.padStart(13)} ${show(m.first * m.scale).padStart(7)} ` +
          `${fmt(1 / median(seconds), 2).padStart(7)} ${fmt(1 / Math.min(...seconds), 2).padStart(6)} ${fmt(cores, 1).padStart(5)}  ${notes.join('; ')}`,
      );
    }
  }
}

interface SummaryRow {
  readonly what: string;
  readonly ours: string;
  readonly peer: string;
  readonly ratio: string;
  readonly target: string;
  readonly verdict: string;
}

function ratioRows(results: RuntimeResult[], keys: readonly string[], pairs: readonly (readonly [string, string])[]): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (const key of keys) {
    const training = key.startsWith('train');
    for (const [ourLabel, peerLabel] of pairs) {
      const ours = results.find((r) => r.label === ourLabel)?.cases.get(key);
      const peer = results.find((r) => r.label === peerLabel)?.cases.get(key);
      if (!ours || !peer || ours.runs.length === 0 || peer.runs.length === 0) continue;
      // Rates of one image (or step) each; a cut-short run's seconds are scaled to the whole image first.
      const scaled = (m: Measured) => m.runs.map((t) => ({ ...t, seconds: t.seconds * m.scale }));
      const ratios = imageRateRatios(scaled(ours), scaled(peer), 1, 1);
      const paired = ourLabel === 'tfjs cpu' ? '' : ` [${fmt(ratios.pairwise)}×]`;
      const target = training ? targets.training : targets.inference;
      const verdict = ourLabel.startsWith('tfjs wasm') && ratios.ofMedians !== null ? (ratios.ofMedians >= target ? 'met' : 'not met') : '';
      const figure = (m: Measured) => (training ? `${fmt(1 / median(secondsOf(m)), 3)} steps/s` : `${fmt(median(secondsOf(m)) * 1000, 0)} ms`);
      rows.push({
        what: `${caseLabel(key)}, ${ourLabel.replace('tfjs ', '')} vs ${peerLabel.replace('PyTorch ', '').replace(', OpenBLAS-OpenMP', '')}`,
        ours: figure(ours),
        peer: figure(peer),
        ratio: `${fmt(ratios.ofMedians)}×${paired}`,
        target: ourLabel.startsWith('tfjs wasm') ? `≥ ${target}×` : '—',
        verdict,
      });
    }
  }
  return rows;
}

function printRatios(rows: readonly SummaryRow[]): void {
  console.log(
    `\nTF.js / PyTorch speed (images/s or steps/s): ratio of the medians [median of the alternating pairs' ratios]; targets on wasm: ` +
      `inference ≥ ${targets.inference}×, training ≥ ${targets.training}× (the issue: PyTorch ran the 256 px U-Net in ${issueFigures.pytorchUnetMs} ms, ` +
      `a TF.js wasm prototype in ${issueFigures.prototypeWasmUnetMs} ms: ${fmt(issueFigures.pytorchUnetMs / issueFigures.prototypeWasmUnetMs)}×)`,
  );
  for (const row of rows) console.log(`  ${row.what.padEnd(66)} ${row.ratio.padStart(16)} ${row.verdict}`);
}

function previewRows(report: PreviewReport): SummaryRow[] {
  return report.results.map((r) => {
    const fps = 1 / median(r.latencies);
    return {
      what: `live preview, model 128 px w${r.width}, ${r.drawing} px drawing (app)`,
      ours: `${fmt(fps, 1)} frames/s`,
      peer: '—',
      ratio: '—',
      target: `≥ ${targets.previewFps} frames/s`,
      verdict: fps >= targets.previewFps ? 'met' : 'not met',
    };
  });
}

function printPreview(report: PreviewReport, results: readonly RuntimeResult[]): void {
  console.log(`\nLive sketch preview through the app (translate.preview over HTTP, one in flight; backend ${report.backend}; 2-step runs trained in ${fmt(report.setupSeconds, 0)} s):`);
  if (report.failure) console.log(`  failed: ${report.failure}`);
  if (report.results.length === 0) return;
  const header =
    `  ${'model'.padEnd(16)} ${'drawing'.padStart(8)} ${'frames'.padStart(6)} ${'median ms'.padStart(9)} ${'p90 ms'.padStart(7)} ${'frames/s'.padStart(8)} ` +
    `${'app ms (median)'.padStart(15)} ${'app-only frames/s'.padStart(17)} ${'network alone ms'.padStart(16)}  target ≥ ${targets.previewFps} frames/s`;
  // The same network translating a 128 px image in the threaded wasm worker (translateWhole): the rest is the app's.
  const alone = (width: number) => {
    const m = results.find((r) => r.label === 'tfjs wasm')?.cases.get(inferKey('unet', width, trainResolution));
    return m && m.runs.length > 0 ? fmt(median(secondsOf(m)) * 1000, 0) : '—';
  };
  console.log(header);
  for (const r of report.results) {
    const sorted = [...r.latencies].sort((a, b) => a - b);
    const p90 = sorted[Math.min(sorted.length - 1, Math.floor(0.9 * sorted.length))]!;
    const fps = 1 / median(r.latencies);
    console.log(
      `  ${`pix2pix 128 w${r.width}`.padEnd(16)} ${`${r.drawing} px`.padStart(8)} ${String(r.latencies.length).padStart(6)} ${fmt(median(r.latencies) * 1000, 0).padStart(9)} ${fmt(p90 * 1000, 0).padStart(7)} ` +
        `${fmt(fps, 1).padStart(8)} ${fmt(median(r.serverMs), 0).padStart(15)} ${fmt(1000 / median(r.serverMs), 1).padStart(17)} ${alone(r.width).padStart(16)}  ${fps >= targets.previewFps ? 'met' : 'not met'}`,
    );
  }
}

function printSummary(rows: readonly SummaryRow[]): void {
  console.log('\nSummary (TF.js figure, PyTorch figure, ratio of medians [pairwise], target, verdict):');
  const header = `  ${'figure'.padEnd(66)} ${'TF.js'.padStart(16)} ${'PyTorch'.padStart(16)} ${'ratio'.padStart(16)} ${'target'.padStart(16)}  verdict`;
  console.log(header);
  console.log(`  ${'-'.repeat(header.length)}`);
  for (const row of rows) {
    console.log(`  ${row.what.padEnd(66)} ${row.ours.padStart(16)} ${row.peer.padStart(16)} ${row.ratio.padStart(16)} ${row.target.padStart(16)}  ${row.verdict}`);
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const cores = availableParallelism();
  console.log(`Translation, TF.js vs PyTorch on the CPU: ${cores} cores (${cpus()[0]?.model.trim()}), Node ${process.versions.node}, tfjs ${tf.version_core}`);
  console.log(
    `inference: one 256×256 image, ${unetRuns} timed runs (U-Net), ${cycleGanRuns} (CycleGAN) after one untimed; training: pix2pix at 128 px, batch 1, ` +
      `${trainWarmup} untimed step(s), then ${trainSteps} timed; paired runtimes alternate run by run`,
  );
  console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (others may share this machine: see each run's cores and range)`);

  const openblas = openblasFolder();
  if (!openblas) console.log('PyTorch: libopenblas0-openmp is not installed (apt-get install libopenblas0-openmp): PyTorch runs on whatever libblas.so.3 is');
  const infer = (net: Net, width: number, runs: number, size = inferenceResolution, warm = true, resolution = inferenceResolution): InferCase => ({
    kind: 'infer',
    key: inferKey(net, width, resolution),
    net,
    width,
    resolution,
    size,
    runs,
    warm,
  });
  const train = (width: number, steps: number, warmup: number): TrainCase => ({ kind: 'train', key: trainKey(width), width, steps, warmup });
  const inferKeys = [inferKey('unet', 64), inferKey('unet', 32), inferKey('resnet', 64), inferKey('resnet', 32), inferKey('unet', 32, trainResolution), inferKey('unet', 64, trainResolution)];
  const trainKeys = [trainKey(32), trainKey(64)];
  const fullPeer = `PyTorch ${cores} threads, OpenBLAS-OpenMP`;
  const onePeer = 'PyTorch 1 thread, OpenBLAS-OpenMP';
  const peer = (label: string, threads: number) => peerWorker(python, label, openblas, threads, translatePeerScript);
  const results: RuntimeResult[] = [];

  console.log('\nprogress:');
  const threadedCases: Case[] = [
    infer('unet', 64, unetRuns),
    infer('unet', 32, unetRuns),
    infer('resnet', 64, cycleGanRuns),
    infer('resnet', 32, cycleGanRuns),
    // The live preview's network alone (a 128 px pix2pix), for where the app's preview time goes.
    infer('unet', 32, unetRuns, trainResolution, true, trainResolution),
    infer('unet', 64, unetRuns, trainResolution, true, trainResolution),
    train(32, trainSteps, trainWarmup),
    train(64, trainSteps, trainWarmup),
  ];
  const profileKeys = withProfile ? [inferKey('unet', 64), inferKey('unet', 32), trainKey(32), trainKey(64)] : [];
  results.push(...(await run([tfjsWorker(import.meta.filename, workerSwitch, 'wasm'), peer(fullPeer, cores)], threadedCases, profileKeys)));
  if (withOneThread) {
    const oneThreadCases: Case[] = [
      infer('unet', 64, oneThreadRuns),
      infer('unet', 32, oneThreadRuns),
      infer('resnet', 64, oneThreadRuns),
      infer('resnet', 32, oneThreadRuns),
      train(32, oneThreadSteps, Math.min(trainWarmup, 1)),
      train(64, oneThreadSteps, Math.min(trainWarmup, 1)),
    ];
    results.push(...(await run([tfjsWorker(import.meta.filename, workerSwitch, 'wasm 1 thread'), peer(onePeer, 1)], oneThreadCases)));
  }
  if (withCpu) {
    // One cold run each, nothing untimed first; the CycleGANs on a smaller image, scaled.
    const cpuCases: Case[] = [
      infer('unet', 64, 1, inferenceResolution, false),
      infer('unet', 32, 1, inferenceResolution, false),
      infer('resnet', 64, 1, cpuCycleGanSize, false),
      infer('resnet', 32, 1, cpuCycleGanSize, false),
    ];
    results.push(...(await run([tfjsWorker(import.meta.filename, workerSwitch, 'cpu')], cpuCases)));
  }
  const preview: PreviewReport | null = withPreview ? await measurePreview() : null;

  console.log('');
  const tfjs = results.filter((r) => 'detail' in r.info);
  for (const probe of (tfjs[0]?.info as TfjsInfo | undefined)?.probes ?? []) {
    console.log(`  backend ${probe.name.padEnd(14)} ${probe.loaded ? 'loads' : 'does not load'}: ${probe.detail}`);
  }
  for (const r of tfjs) console.log(`  ${r.label.padEnd(34)} ${(r.info as TfjsInfo).detail}`);
  if (!withCpu) console.log('  tfjs cpu: skipped (BENCH_CPU=0)');
  else console.log(`  tfjs cpu: inference only, one cold run each (U-Nets at 256 px; CycleGANs on a ${cpuCycleGanSize} px image, scaled); no training (minutes a step)`);
  console.log(`  the system's libblas.so.3 (Debian alternatives) is ${systemBlas()}: what PyTorch loads without the override`);
  for (const r of results.filter((x) => !('detail' in x.info))) {
    const p = r.info as PeerInfo;
    console.log(`  ${r.label.padEnd(34)} torch ${p.torch}, ${p.threads} thread(s), ${p.blasInfo}, mkldnn ${p.mkldnn}, LD_LIBRARY_PATH=${p.ldLibraryPath || '(unset)'}`);
    console.log(`  ${''.padEnd(34)} loaded: ${p.loaded.join(', ')}`);
  }

  console.log('\nInference, one RGB image at the model\'s size, bytes in and out ("first": the untimed first run; the 128 px U-Nets are the live preview\'s network):');
  printCases(results, inferKeys, false);
  console.log('\npix2pix training, 128 px, batch 1 (one G step and one D step):');
  printCases(results, trainKeys, true);
  const pairs = [
    ['tfjs wasm', fullPeer],
    ['tfjs wasm 1 thread', onePeer],
    ['tfjs cpu', fullPeer],
  ] as const;
  const rows = ratioRows(results, [...inferKeys, ...trainKeys], pairs);
  printRatios(rows);
  if (preview) printPreview(preview, results);

  for (const r of results) {
    for (const [key, profile] of r.profiles) printProfile(r.label, caseLabel(key), profile, key.startsWith('train') ? 14 : 10, 8);
  }
  for (const r of results) {
    for (const [key, ops] of r.peerOps) {
      console.log(`\n${r.label}: ${caseLabel(key)} (torch.profiler, own CPU time by op):`);
      for (const op of ops.slice(0, 10)) console.log(`  ${op.name.padEnd(40)} ×${String(op.count).padEnd(4)} ${fmt(op.selfMs, 1).padStart(9)} ms`);
    }
  }
  printSummary([...rows, ...(preview ? previewRows(preview) : [])]);
  console.log(`\nload average at end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`benchmark took ${fmt((performance.now() - started) / 1000, 0)} s`);
}

const worker = process.env[workerSwitch];
if (worker) {
  await serveTfjs(worker);
} else {
  await main();
}
