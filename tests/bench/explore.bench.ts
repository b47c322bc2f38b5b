/**
 * Explore's drawing speed on the CPU: TF.js on every backend that loads here
 * against the same generator in PyTorch (tests/bench/peers/dcgan_torch.py), in
 * one run.
 *
 * - Jobs: a 64-image grid at 64 px (seeds 0–63, latentsForSeeds) and a
 *   120-frame interpolation at 128 px (pathFrames through 4 seed latents,
 *   spherical, ease-in-out, looping), drawn as Explore draws them: the
 *   generator loaded from a checkpoint file by loadGenerator
 *   (main/engine/latent/loaded-generator.ts), forwardOf(model, ψ) and
 *   generatePixels (batches of 32, out as uint8 pixels). ψ = 1 is the plain
 *   generator; ψ = 0.7 (truncation, on the threaded pair) runs the split
 *   head/tail models, with the feature mean (4096 latents through the head,
 *   once per generator) estimated before the runs and timed apart.
 * - Models: DCGAN at 64 and 128 px, width 64, RGB, latent 128, unconditional;
 *   weights as initialised (speed does not depend on them). The checkpoints
 *   are written to a temporary folder and removed afterwards.
 * - PyTorch: the same architecture, eval mode, torch.inference_mode, the
 *   same batches of 32 and the same conversion to uint8 NHWC, on Debian's
 *   OpenBLAS (OpenMP) through LD_LIBRARY_PATH, as training.bench.ts loads it.
 *
 * Every runtime is a worker process that takes one request at a time. Each
 * TF.js runtime is paired with a PyTorch one and their timed runs alternate
 * (ABBA), so that whatever else runs on the machine slows both alike; each
 * pair of runs also gives a ratio, and the median of those is printed beside
 * the ratio of the medians. Each job first draws one untimed batch of 32 of
 * its latents, which sets up every kernel for a quarter of a run's time (its
 * time, scaled to the whole job, is shown as "first").
 * - "wasm" is what ensureBackend('wasm') gives the app (threaded on every
 *   core when it can start), paired with PyTorch on every core;
 * - "wasm 1 thread" (the backend started before ensureBackend) with PyTorch
 *   on one thread;
 * - the pure-JS "cpu" backend alone, one cold run of each job cut short and
 *   scaled to the whole job (32 of the grid's 64 images, 8 of the 120 frames:
 *   all of them take minutes there); its ratio is to PyTorch on every core.
 * - tfjs-node (libtensorflow) is reported as not installed when it is not.
 * Last, tf.profile of one threaded-wasm run of each job (each kernel's own
 * time, summed by kernel) and torch.profiler of PyTorch's frames.
 *
 * Run: npm run bench -- explore   (figures are printed; nothing is asserted)
 * Adjust with BENCH_RUNS (timed runs of the grid, 7), BENCH_FRAME_RUNS (of the
 * frames, 3), BENCH_TRUNCATION (1: ψ = 0.7 as well), BENCH_ONE_THREAD (1: the
 * single-threaded pair), BENCH_CPU (1: the cpu backend), BENCH_CPU_GRID (32) and
 * BENCH_CPU_FRAMES (8) (the images the cpu backend draws), BENCH_PROFILE (1),
 * BENCH_PYTHON (/usr/bin/python3). About 4 minutes on an idle 2-core machine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { generatePixels, latentsForSeeds, type Latents } from '../../main/engine/latent/generate';
import { loadGenerator } from '../../main/engine/latent/loaded-generator';
import { forwardOf } from '../../main/engine/latent/render';
import { meanFeatures } from '../../main/engine/latent/truncation';
import { seedVector } from '../../main/engine/latent/seed-latent';
import { defaultDcganConfig, type DcganConfig, type ImageGanConfig } from '../../main/engine/models/config';
import { buildGenerator } from '../../main/engine/models/dcgan';
import { writeCheckpoint, type StoredTensor } from '../../main/formats/checkpoint-file';
import { pathFrames } from '../../main/latent/space/path';
import {
  fmt,
  imageRateRatios,
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
  type PeerInfo,
  type Profile,
  type TfjsInfo,
  type Timed,
  type Worker,
  measureOn,
} from './shared-workers';

const env = (name: string, fallback: string) => process.env[name] ?? fallback;
const gridRuns = Number(env('BENCH_RUNS', '7'));
const frameRuns = Number(env('BENCH_FRAME_RUNS', '3'));
const withTruncation = env('BENCH_TRUNCATION', '1') === '1';
const withOneThread = env('BENCH_ONE_THREAD', '1') === '1';
const withCpu = env('BENCH_CPU', '1') === '1';
const cpuGrid = Number(env('BENCH_CPU_GRID', '32'));
const cpuFrames = Number(env('BENCH_CPU_FRAMES', '8'));
const withProfile = env('BENCH_PROFILE', '1') === '1';
const python = env('BENCH_PYTHON', '/usr/bin/python3');
const workerSwitch = 'BENCH_EXPLORE_WORKER';

type JobName = 'grid' | 'frames';
interface Job {
  readonly name: JobName;
  readonly resolution: 64 | 128;
  /** Images in the whole job. */
  readonly count: number;
  readonly label: string;
}
const jobs: Record<JobName, Job> = {
  grid: { name: 'grid', resolution: 64, count: 64, label: '64-image grid, 64 px' },
  frames: { name: 'frames', resolution: 128, count: 120, label: '120 frames, 128 px' },
};

/** One measurement: a job at a truncation, maybe cut to fewer images than the job has. */
interface Case {
  readonly job: JobName;
  readonly truncation: number;
  readonly count: number;
  readonly runs: number;
  /** true: one untimed batch (32 images) first; false: the first timed run is the cold one. */
  readonly warm: boolean;
}
const warmBatch = 32;
const caseKey = (c: { job: JobName; truncation: number }) => `${c.job} ψ=${c.truncation}`;

// The peer (peers/dcgan_torch.py) builds DCGAN's transposed convolutions.
const configOf = (resolution: 64 | 128): DcganConfig => ({ ...defaultDcganConfig, upsample: 'transposed', resolution, channels: 3, classes: 0 });

// ---- the TF.js worker (this file, run with BENCH_EXPLORE_WORKER set) -------

/** The latents Explore draws for a job: seeds 0–63 for the grid; a looping spherical path through 4 seeds for the frames. */
function latentsOf(job: Job, config: ImageGanConfig): Latents {
  if (job.name === 'grid') return latentsForSeeds(config, Array.from({ length: job.count }, (_, n) => n));
  const keyframes = [11, 22, 33, 44].map((seed) => ({ vector: seedVector(seed, config.latentSize), class: null }));
  const codes = pathFrames({ keyframes, mode: 'spherical', easing: 'ease-in-out', loop: true }, job.count);
  const noise = new Float32Array(codes.length * config.latentSize);
  codes.forEach((code, index) => noise.set(code.vector, index * config.latentSize));
  return { count: codes.length, noise, labels: null };
}

/** The first `count` of them. */
function firstLatents(latents: Latents, count: number, latentSize: number): Latents {
  return { count, noise: latents.noise.slice(0, count * latentSize), labels: latents.labels?.slice(0, count) ?? null };
}

/** A checkpoint holding a freshly built generator's weights, under the names loadGenerator reads ('generator/layer/index'). */
function writeGeneratorCheckpoint(path: string, config: DcganConfig): void {
  const generator: tfl.LayersModel = buildGenerator(config);
  const tensors: StoredTensor[] = [];
  for (const layer of generator.layers) {
    layer.getWeights().forEach((weight, index) => {
      tensors.push({ name: `generator/${layer.name}/${index}`, shape: weight.shape, dtype: 'float32', data: Float32Array.from(weight.dataSync()) });
    });
  }
  generator.dispose();
  writeCheckpoint(path, { config, seed: 1, step: 0, random: [1, 2, 3, 4], data: { epoch: 0, index: 0 }, trainSeconds: 0, metrics: {} }, tensors);
}

async function serveTfjs(mode: string): Promise<void> {
  const info = await startBackend(mode);
  const folder = mkdtempSync(join(tmpdir(), 'latent-studio-explore-bench-'));
  process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
  const checkpoints = new Map<number, string>();
  let draw: (() => Promise<unknown>) | null = null;
  await serveRequests(async (request) => {
    switch (request.cmd) {
      case 'info':
        return info;
      case 'draw-setup': {
        const job = jobs[request['job'] as JobName];
        const config = configOf(job.resolution);
        let path = checkpoints.get(job.resolution);
        if (!path) {
          path = join(folder, `dcgan-${job.resolution}.ckpt`);
          writeGeneratorCheckpoint(path, config);
          checkpoints.set(job.resolution, path);
        }
        // What Explore's render request does (main/engine/latent/requests.ts).
        const model = loadGenerator(path, false);
        const latents = firstLatents(latentsOf(job, model.config), Number(request['count']), model.config.latentSize);
        const truncation = Number(request['truncation']);
        // Truncation's feature mean is estimated once per loaded generator, on first use: here, timed apart.
        const started = performance.now();
        if (truncation !== 1) meanFeatures(model, -1);
        const meanSeconds = (performance.now() - started) / 1000;
        const forward = forwardOf(model, truncation);
        draw = () => generatePixels(forward, model.config, latents);
        return { count: latents.count, meanSeconds };
      }
      case 'draw':
        return timedOnce(draw!);
      case 'draw-profile':
        return profileKernels(draw!, 6);
      default:
        throw new Error(`unknown command ${request.cmd}`);
    }
  });
}

// ---- the driver ---------------------------------------------------------

interface Measured {
  /** Images each run drew. */
  readonly count: number;
  /** The first run: the untimed batch of a warmed case (count images when cold). */
  readonly first: { readonly count: number; readonly seconds: number };
  /** Seconds taken to estimate truncation's feature mean (once per generator). */
  readonly meanSeconds: number;
  readonly runs: Timed[];
  /** No untimed run came first. */
  readonly cold: boolean;
}

interface RuntimeResult {
  readonly label: string;
  readonly info: TfjsInfo | PeerInfo;
  readonly cases: Map<string, Measured>;
  readonly profiles: Map<JobName, Profile>;
  peerOps?: { name: string; selfMs: number; count: number }[];
}

const isTfjs = (worker: Worker) => worker.label.startsWith('tfjs');

/** Each case on every worker: one untimed batch (when warmed), then the timed runs, the workers alternating ABBA. */
async function measure(workers: Worker[], cases: readonly Case[], profile: boolean): Promise<RuntimeResult[]> {
  const results: RuntimeResult[] = [];
  for (const worker of workers) {
    results.push({ label: worker.label, info: await worker.request<TfjsInfo | PeerInfo>({ cmd: 'info' }), cases: new Map(), profiles: new Map() });
  }
  const alternate = async (count: number): Promise<Timed[][]> => {
    const timings: Timed[][] = workers.map(() => []);
    for (let n = 0; n < count; n++) {
      const order = workers.map((_, index) => index);
      if (n % 2 === 1) order.reverse();
      for (const index of order) timings[index]!.push(await workers[index]!.request<Timed>({ cmd: 'draw' }));
    }
    return timings;
  };
  const setup = (c: Case, count: number) =>
    Promise.all(
      workers.map((w) =>
        w.request<{ count: number; meanSeconds: number }>({ cmd: 'draw-setup', job: c.job, resolution: jobs[c.job].resolution, count, truncation: c.truncation }),
      ),
    );
  for (const c of cases) {
    // Warming up on one batch of the job's own latents sets up every kernel a run uses, for a quarter of a run.
    const warmCount = Math.min(warmBatch, c.count);
    const warmed = c.warm ? await setup(c, warmCount) : null;
    const first = c.warm ? await alternate(1) : null;
    const set = await setup(c, c.count);
    const timed = await alternate(c.runs);
    workers.forEach((_, index) => {
      results[index]!.cases.set(caseKey(c), {
        count: set[index]!.count,
        first: { count: c.warm ? warmCount : c.count, seconds: (first ?? timed)[index]![0]!.seconds },
        meanSeconds: Math.max(warmed?.[index]?.meanSeconds ?? 0, set[index]!.meanSeconds),
        runs: timed[index]!,
        cold: !c.warm,
      });
    });
    if (profile && c.truncation === 1) {
      for (const [index, worker] of workers.entries()) {
        if (isTfjs(worker)) results[index]!.profiles.set(c.job, await worker.request<Profile>({ cmd: 'draw-profile' }));
        else if (c.job === 'frames') results[index]!.peerOps = (await worker.request<{ ops: { name: string; selfMs: number; count: number }[] }>({ cmd: 'draw-profile' })).ops;
      }
    }
  }
  // oneDNN is mapped on PyTorch's first convolution: ask again for what it loaded.
  for (const [index, worker] of workers.entries()) {
    if (!isTfjs(worker)) (results[index] as { info: unknown }).info = await worker.request<PeerInfo>({ cmd: 'info' });
  }
  return results;
}

function run(workers: Worker[], cases: readonly Case[], profile = false): Promise<RuntimeResult[]> {
  return measureOn(workers, () => measure(workers, cases, profile));
}

// ---- report --------------------------------------------------------------

/** Prototype figures from the issue, on this 2-core machine: a 64-image grid at 64 px. */
const prototype = { pytorchSeconds: 0.12, wasmSeconds: 0.28 };
const target = 1.0;

function threadsOf(result: RuntimeResult): number {
  if ('threads' in result.info) return result.info.threads;
  const threads = /(\d+) threads/.exec(result.info.detail);
  return threads ? Number(threads[1]) : 1;
}

function printTable(results: RuntimeResult[], cases: readonly { job: JobName; truncation: number }[]): void {
  const header =
    `${'job'.padEnd(22)} ${'ψ'.padStart(3)} ${'runtime'.padEnd(34)} ${'s/job'.padStart(7)} ${'range'.padStart(11)} ${'first'.padStart(6)} ` +
    `${'images/s'.padStart(8)} ${'best'.padStart(7)} ${'cores'.padStart(5)}  note`;
  console.log(header);
  console.log('-'.repeat(header.length + 20));
  for (const c of cases) {
    const job = jobs[c.job];
    for (const result of results) {
      const m = result.cases.get(caseKey(c));
      if (!m) continue;
      const seconds = m.runs.map((t) => t.seconds);
      // Seconds for the whole job: scaled from the images drawn when the job was cut short.
      const scale = job.count / m.count;
      const perImage = median(seconds) / m.count;
      const range = seconds.length > 1 ? `${fmt(Math.min(...seconds) * scale)}–${fmt(Math.max(...seconds) * scale)}` : fmt(seconds[0]! * scale);
      const cores = m.runs.reduce((sum, t) => sum + t.cpuSeconds, 0) / seconds.reduce((a, b) => a + b, 0);
      const threads = threadsOf(result);
      const notes = [
        m.cold ? `${m.runs.length === 1 ? 'one cold run' : `${m.runs.length} runs, the first cold`}` : `${m.runs.length} runs`,
        c.truncation !== 1 ? `feature mean estimated once, apart, in ${fmt(m.meanSeconds)} s` : null,
        m.count < job.count ? `${m.count} of ${job.count} images drawn, times scaled` : null,
        threads > 1 && cores < 0.75 * threads ? `got ${fmt(cores, 1)} of ${threads} cores: others were busy` : null,
      ].filter(Boolean);
      console.log(
        `${job.label.padEnd(22)} ${String(c.truncation).padStart(3)} ${result.label.padEnd(34)} ${fmt(perImage * job.count).padStart(7)} ${range.padStart(11)} ` +
          `${fmt((m.first.seconds * job.count) / m.first.count, 1).padStart(6)} ${fmt(1 / perImage, 1).padStart(8)} ${fmt(m.count / Math.min(...seconds), 1).padStart(7)} ${fmt(cores, 1).padStart(5)}  ${notes.join('; ')}`,
      );
    }
  }
}

function printRatios(results: RuntimeResult[], cases: readonly { job: JobName; truncation: number }[], pairs: readonly (readonly [string, string])[]): void {
  console.log(
    `\nTF.js / PyTorch images/s: ratio of the medians [median of the alternating pairs' ratios]; target on wasm ≥ ${target}× ` +
      `(a prototype drew the grid in ${prototype.wasmSeconds} s on wasm against PyTorch's ${prototype.pytorchSeconds} s: ${fmt(prototype.pytorchSeconds / prototype.wasmSeconds)}×)`,
  );
  for (const c of cases) {
    for (const [ourLabel, peerLabel] of pairs) {
      const ours = results.find((r) => r.label === ourLabel)?.cases.get(caseKey(c));
      const peer = results.find((r) => r.label === peerLabel)?.cases.get(caseKey(c));
      if (!ours || !peer) continue;
      const ratios = imageRateRatios(ours.runs, peer.runs, ours.count, peer.count);
      // Runs of a runtime measured alone were not taken side by side with the peer's: no paired figure.
      const paired = ourLabel === 'tfjs cpu' ? '' : ` [${fmt(ratios.pairwise)}×]`;
      const verdict = ourLabel.startsWith('tfjs wasm') && ratios.ofMedians !== null ? (ratios.ofMedians >= target ? ' meets' : ' below') : '';
      console.log(`  ${jobs[c.job].label.padEnd(22)} ψ=${String(c.truncation).padEnd(3)} ${ourLabel.padEnd(19)} / ${peerLabel.padEnd(34)} ${fmt(ratios.ofMedians).padStart(6)}×${paired}${verdict}`);
    }
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const cores = availableParallelism();
  console.log(`Explore drawing, TF.js vs PyTorch on the CPU: ${cores} cores (${cpus()[0]?.model.trim()}), Node ${process.versions.node}, tfjs ${tf.version_core}`);
  console.log(
    `grid: ${gridRuns} timed runs, frames: ${frameRuns}, after one untimed batch of ${warmBatch} images ("first", its time scaled to the job); batches of 32; ` +
      '"s/job" is the median run\'s seconds for the whole job, images/s the same run\'s rate; paired runtimes alternate run by run',
  );
  console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (others may share this machine: see each run's cores and range)`);

  const openblas = openblasFolder();
  if (!openblas) console.log('PyTorch: libopenblas0-openmp is not installed (apt-get install libopenblas0-openmp): PyTorch runs on whatever libblas.so.3 is');
  const plain = (job: JobName): Case => ({ job, truncation: 1, count: jobs[job].count, runs: job === 'grid' ? gridRuns : frameRuns, warm: true });
  const truncated = (job: JobName): Case => ({ ...plain(job), truncation: 0.7 });
  const fullCases = [plain('grid'), plain('frames'), ...(withTruncation ? [truncated('grid'), truncated('frames')] : [])];
  const fullPeer = `PyTorch ${cores} threads, OpenBLAS-OpenMP`;
  const onePeer = 'PyTorch 1 thread, OpenBLAS-OpenMP';
  const results: RuntimeResult[] = [];

  results.push(...(await run([tfjsWorker(import.meta.filename, workerSwitch, 'wasm'), peerWorker(python, fullPeer, openblas, cores)], fullCases, withProfile)));
  if (withOneThread) {
    results.push(...(await run([tfjsWorker(import.meta.filename, workerSwitch, 'wasm 1 thread'), peerWorker(python, onePeer, openblas, 1)], [plain('grid'), plain('frames')])));
  }
  if (withCpu) {
    // One cold run each, with no untimed run before it: "first" and the median are the same run.
    const cpuCases: Case[] = [
      { job: 'grid', truncation: 1, count: Math.min(cpuGrid, jobs.grid.count), runs: 1, warm: false },
      { job: 'frames', truncation: 1, count: Math.min(cpuFrames, jobs.frames.count), runs: 1, warm: false },
    ];
    results.push(...(await run([tfjsWorker(import.meta.filename, workerSwitch, 'cpu')], cpuCases)));
  }

  const tfjs = results.filter((r) => 'detail' in r.info);
  for (const probe of (tfjs[0]?.info as TfjsInfo | undefined)?.probes ?? []) {
    console.log(`  backend ${probe.name.padEnd(14)} ${probe.loaded ? 'loads' : 'does not load'}: ${probe.detail}`);
  }
  for (const r of tfjs) console.log(`  ${r.label.padEnd(34)} ${(r.info as TfjsInfo).detail}`);
  if (!withCpu) console.log('  tfjs cpu: skipped (BENCH_CPU=0)');
  console.log(`  the system's libblas.so.3 (Debian alternatives) is ${systemBlas()}: what PyTorch loads without the override`);
  for (const r of results.filter((x) => !('detail' in x.info))) {
    const peer = r.info as PeerInfo;
    console.log(`  ${r.label.padEnd(34)} torch ${peer.torch}, ${peer.threads} thread(s), ${peer.blasInfo}, mkldnn ${peer.mkldnn}, LD_LIBRARY_PATH=${peer.ldLibraryPath || '(unset)'}`);
    console.log(`  ${''.padEnd(34)} loaded: ${peer.loaded.join(', ')}`);
  }
  console.log('');
  const shown = [...fullCases];
  printTable(results, shown);
  printRatios(results, shown, [
    ['tfjs wasm', fullPeer],
    ['tfjs wasm 1 thread', onePeer],
    ['tfjs cpu', fullPeer],
  ]);
  for (const r of results) {
    for (const [job, profile] of r.profiles) printProfile(r.label, jobs[job].label, profile, 8, 6);
  }
  for (const r of results) {
    if (!r.peerOps) continue;
    console.log(`\n${r.label}: ${jobs.frames.label} (torch.profiler, own CPU time by op):`);
    for (const op of r.peerOps.slice(0, 8)) console.log(`  ${op.name.padEnd(36)} ×${String(op.count).padEnd(4)} ${fmt(op.selfMs, 1).padStart(9)} ms`);
  }
  console.log(`\nload average at end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`benchmark took ${fmt((performance.now() - started) / 1000, 0)} s`);
}

const worker = process.env[workerSwitch];
if (worker) {
  await serveTfjs(worker);
} else {
  await main();
}
