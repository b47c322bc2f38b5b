/**
 * What the benchmarks that set TF.js against PyTorch share (training.bench.ts,
 * explore.bench.ts, translate.bench.ts): worker processes that take one JSON
 * request a line, the TF.js side of them (backend start, timing, a kernel
 * profile), the PyTorch peers (tests/bench/peers/dcgan_torch.py,
 * translate_torch.py) on Debian's OpenBLAS, and the
 * figures' arithmetic and formatting. Not a benchmark itself: run.ts runs
 * only files named *.bench.ts.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import * as tf from '@tensorflow/tfjs-core';
import type { BackendName, BackendProbe } from '../../preload/contract';
import { ensureBackend } from '../../main/engine/backends';

/** One timed request: wall seconds, and the CPU seconds its process spent meanwhile (all threads). */
export interface Timed {
  readonly seconds: number;
  readonly cpuSeconds: number;
}

export interface KernelRow {
  readonly name: string;
  readonly count: number;
  /** Time inside the kernel less the kernels it ran itself (the project's kernels are made of tf ops). */
  readonly selfMs: number;
  readonly totalMs: number;
}

export interface Profile {
  readonly wallMs: number;
  readonly kernelMs: number;
  readonly kernels: KernelRow[];
  readonly shapes: { name: string; input: string; selfMs: number; count: number }[];
}

export interface TfjsInfo {
  readonly detail: string;
  readonly probes: readonly BackendProbe[];
}

export interface PeerInfo {
  readonly torch: string;
  readonly threads: number;
  readonly blasInfo: string;
  readonly mkldnn: boolean;
  readonly loaded: string[];
  readonly ldLibraryPath: string;
}

/** A request to a worker: a command and whatever it takes. */
export type WorkerRequest = { readonly cmd: string } & Readonly<Record<string, unknown>>;

// ---- the TF.js side of a worker -------------------------------------------

/** Times `run`, and what it returns when that is a promise (generatePixels yields between batches). */
export async function timedOnce(run: () => unknown): Promise<Timed> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await run();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

/**
 * 'wasm' is what ensureBackend('wasm') gives the app (threaded when it can
 * start); 'wasm 1 thread' starts the backend first, so it stays
 * single-threaded; 'cpu' is plain JavaScript.
 */
export async function startBackend(mode: string): Promise<TfjsInfo> {
  if (mode === 'wasm 1 thread') {
    // Started before ensureBackend can enable threads, the wasm backend stays single-threaded.
    await import('@tensorflow/tfjs-backend-wasm');
    await tf.setBackend('wasm');
  }
  const backend: BackendName = mode === 'cpu' ? 'cpu' : 'wasm';
  const report = await ensureBackend(backend);
  return { detail: report.probes.find((p) => p.name === backend)!.detail, probes: report.probes };
}

/** Answers requests on stdin, one JSON line each, with one reply line each on stdout, marked '@@ ', until 'quit'. */
export async function serveRequests(handle: (request: WorkerRequest) => Promise<unknown>): Promise<never> {
  for await (const line of createInterface({ input: process.stdin })) {
    if (!line.trim()) continue;
    const request = JSON.parse(line) as WorkerRequest;
    if (request.cmd === 'quit') break;
    let reply: unknown;
    try {
      reply = await handle(request);
    } catch (error) {
      reply = { error: error instanceof Error ? error.message : String(error) };
    }
    process.stdout.write(`@@ ${JSON.stringify(reply)}\n`);
  }
  process.exit(0); // the threaded wasm backend's workers would keep the process alive
}

/**
 * tf.profile times every kernel, the ones a kernel runs itself included (the
 * project's Conv2DBackpropInput/Filter are written with tf ops). Recording
 * each kernel's nesting depth lets us give each its own time: its time less
 * its direct children's. The engine records a kernel after it returns, so
 * children precede their parent. Keeps the `shapeRows` heaviest calls by input shape.
 */
export async function profileKernels(run: () => unknown, shapeRows: number): Promise<Profile> {
  const engine = tf.engine() as unknown as { state: { kernelDepth: number; activeProfile: { kernels: object[] } } };
  const started = performance.now();
  const info = await tf.profile(async () => {
    const kernels = engine.state.activeProfile.kernels;
    kernels.push = function (...items: object[]) {
      for (const item of items) (item as { depth?: number }).depth = engine.state.kernelDepth;
      return Array.prototype.push.apply(this, items);
    };
    await run();
  });
  const wallMs = performance.now() - started;
  // First pass: each kernel's own time, and which kernel ran it (a nested kernel is named "Parent › Kernel").
  type Recorded = (typeof info.kernels)[number] & { depth: number; kernelTimeMs: number };
  interface Call {
    name: string;
    input: string;
    own: number;
    total: number;
  }
  const calls: Call[] = [];
  const children: Call[][] = [];
  let kernelMs = 0;
  for (const kernel of info.kernels as Recorded[]) {
    const { depth, name } = kernel;
    const total = kernel.kernelTimeMs;
    const mine = children[depth + 1] ?? [];
    children[depth + 1] = [];
    for (const child of mine) child.name = `${name} › ${child.name}`;
    const input = kernel.inputShapes.map((s: number[] | null) => (s ? `[${s.join(',')}]` : '-')).join(' ');
    const call = { name, input, own: total - mine.reduce((sum, c) => sum + c.total, 0), total };
    (children[depth] ??= []).push(call);
    calls.push(call);
    if (depth === 0) kernelMs += total;
  }
  const byName = new Map<string, KernelRow>();
  const byShape = new Map<string, { name: string; input: string; selfMs: number; count: number }>();
  for (const { name, input, own, total } of calls) {
    const row = byName.get(name) ?? { name, count: 0, selfMs: 0, totalMs: 0 };
    byName.set(name, { name, count: row.count + 1, selfMs: row.selfMs + own, totalMs: row.totalMs + total });
    const key = `${name} ${input}`;
    const shape = byShape.get(key) ?? { name, input, selfMs: 0, count: 0 };
    byShape.set(key, { ...shape, selfMs: shape.selfMs + own, count: shape.count + 1 });
  }
  return {
    wallMs,
    kernelMs,
    kernels: [...byName.values()].sort((a, b) => b.selfMs - a.selfMs),
    shapes: [...byShape.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, shapeRows),
  };
}

// ---- the driver's side ----------------------------------------------------

/** A worker process: one JSON request a line on its stdin, one reply a line on its stdout, marked '@@ '. */
export class Worker {
  readonly #child: ChildProcess;
  readonly #waiting: { resolve: (value: unknown) => void; reject: (error: Error) => void }[] = [];
  #exited: Error | null = null;

  constructor(
    readonly label: string,
    command: string,
    args: string[],
    environment: NodeJS.ProcessEnv,
  ) {
    this.#child = spawn(command, args, { env: environment, stdio: ['pipe', 'pipe', 'inherit'] });
    createInterface({ input: this.#child.stdout! }).on('line', (line) => {
      if (!line.startsWith('@@ ')) return; // anything else a library prints
      const reply = JSON.parse(line.slice(3)) as { error?: string };
      const waiter = this.#waiting.shift();
      if (reply.error !== undefined) waiter?.reject(new Error(reply.error));
      else waiter?.resolve(reply);
    });
    this.#child.on('exit', (code, signal) => {
      this.#exited = new Error(`${label} exited (${signal ?? `code ${code}`})`);
      for (const waiter of this.#waiting.splice(0)) waiter.reject(this.#exited);
    });
  }

  request<T>(message: WorkerRequest): Promise<T> {
    if (this.#exited) return Promise.reject(this.#exited);
    return new Promise<T>((resolve, reject) => {
      this.#waiting.push({ resolve: resolve as (value: unknown) => void, reject });
      this.#child.stdin!.write(`${JSON.stringify(message)}\n`);
    });
  }

  close(): void {
    if (!this.#exited) this.#child.stdin!.end(`${JSON.stringify({ cmd: 'quit' })}\n`);
  }
}

/** Runs a measurement on the workers: a failure is printed and gives no rows, and the workers are closed either way. */
export async function measureOn<T>(workers: readonly Worker[], measure: () => Promise<T[]>): Promise<T[]> {
  try {
    return await measure();
  } catch (error) {
    console.log(`${workers.map((w) => w.label).join(' + ')}: failed: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  } finally {
    for (const worker of workers) worker.close();
  }
}

/** `script` run again as a TF.js worker on `mode` (see startBackend): it serves when it finds `switchName` in its environment. */
export function tfjsWorker(script: string, switchName: string, mode: string): Worker {
  return new Worker(`tfjs ${mode}`, process.execPath, ['--import', 'tsx', script], { ...process.env, [switchName]: mode });
}

/** The DCGAN peer (training.bench.ts, explore.bench.ts): the default script of peerWorker. */
export const peerScript = join(import.meta.dirname, 'peers', 'dcgan_torch.py');
/** The translation peer (translate.bench.ts): pix2pix's U-Net, CycleGAN's ResNet, a pix2pix step. */
export const translatePeerScript = join(import.meta.dirname, 'peers', 'translate_torch.py');

/**
 * A PyTorch peer (`script`, run with --serve) on `threads` threads, with
 * LD_LIBRARY_PATH set to `libraryPath` (or unset for null).
 */
export function peerWorker(python: string, label: string, libraryPath: string | null, threads: number, script: string = peerScript): Worker {
  const environment: NodeJS.ProcessEnv = { ...process.env };
  if (libraryPath) environment['LD_LIBRARY_PATH'] = libraryPath;
  else delete environment['LD_LIBRARY_PATH'];
  return new Worker(label, python, [script, '--serve', '--threads', String(threads)], environment);
}

/** Debian's OpenBLAS (OpenMP) folder, from the package's own file list. */
export function openblasFolder(): string | null {
  try {
    const files = execFileSync('dpkg', ['-L', 'libopenblas0-openmp'], { encoding: 'utf8' }).split('\n');
    const library = files.find((f) => /\/libblas\.so\.3$/.test(f));
    return library ? library.slice(0, library.lastIndexOf('/')) : null;
  } catch {
    return null;
  }
}

/** Debian's reference BLAS (package libblas3): what python3-torch links when nothing better is installed. */
export const referenceBlasFolder = '/usr/lib/x86_64-linux-gnu/blas';

export function systemBlas(): string {
  try {
    return realpathSync('/usr/lib/x86_64-linux-gnu/libblas.so.3');
  } catch {
    return 'none';
  }
}

// ---- figures --------------------------------------------------------------

export const fmt = (value: number | null | undefined, digits = 2) => (value == null || !Number.isFinite(value) ? '—' : value.toFixed(digits));

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * images/s of `a` over images/s of `b`: the ratio of the medians, and the
 * median of the ratios of runs taken side by side (a's nth run with b's nth).
 */
export function imageRateRatios(a: readonly Timed[], b: readonly Timed[], imagesA: number, imagesB: number): { ofMedians: number | null; pairwise: number | null } {
  if (a.length === 0 || b.length === 0) return { ofMedians: null, pairwise: null };
  // images/s ratio = (a images / a seconds) / (b images / b seconds)
  const ofMedians = imagesA / median(a.map((t) => t.seconds)) / (imagesB / median(b.map((t) => t.seconds)));
  const paired = a.slice(0, b.length).map((t, i) => imagesA / t.seconds / (imagesB / b[i]!.seconds));
  return { ofMedians, pairwise: median(paired) };
}

export function printProfile(label: string, what: string, profile: Profile, kernelRows: number, shapeRows: number): void {
  console.log(
    `\nWhere ${label} time goes in ${what} (tf.profile; wall ${fmt(profile.wallMs / 1000)} s, ` +
      `top-level kernels ${fmt(profile.kernelMs / 1000)} s, the rest is JS and engine overhead; profiling syncs after every kernel):`,
  );
  console.log(`  ${'kernel (Parent › kernel it ran)'.padEnd(40)} ${'calls'.padStart(5)} ${'own ms'.padStart(9)} ${'share'.padStart(6)} ${'incl. ms'.padStart(9)}`);
  for (const k of profile.kernels.slice(0, kernelRows)) {
    console.log(
      `  ${k.name.padEnd(40)} ${String(k.count).padStart(5)} ${fmt(k.selfMs, 1).padStart(9)} ${`${fmt((100 * k.selfMs) / profile.kernelMs, 1)}%`.padStart(6)} ${fmt(k.totalMs, 1).padStart(9)}`,
    );
  }
  console.log('  heaviest kernel calls by input shape:');
  for (const s of profile.shapes.slice(0, shapeRows)) {
    console.log(`    ${s.name.padEnd(40)} ${s.input.padEnd(38)} ×${String(s.count).padEnd(3)} ${fmt(s.selfMs, 1).padStart(8)} ms`);
  }
}
