/**
 * Finds the fastest TensorFlow.js backend this machine can run, and says why
 * each faster one could not load. Runs inside the engine process only: the
 * native backends load libtensorflow, which must never take the app down.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendName, BackendProbe, BackendReport } from '../../preload/contract';
import { registerWasmTrainingKernels } from './kernels/register';
import { enableWasmThreads, type WasmThreadsOutcome } from './kernels/threads';

let wasmThreads: WasmThreadsOutcome | null = null;

interface Candidate {
  readonly name: BackendName;
  /** The name tfjs registers the backend under. */
  readonly tfjsName: string;
  readonly packageName: string;
  readonly load: () => Promise<unknown>;
  readonly describe: () => Promise<string>;
  /** Advice when it does not load, given the error. */
  readonly advise: (reason: string) => string;
  /** Advice even when it loads, e.g. that it is too slow to train on. */
  readonly caveat: string | null;
}

const candidates: readonly Candidate[] = [
  {
    name: 'tensorflow-gpu',
    tfjsName: 'tensorflow',
    packageName: '@tensorflow/tfjs-node-gpu',
    load: () => import('@tensorflow/tfjs-node-gpu'),
    describe: async () => `libtensorflow with CUDA (tfjs ${tf.version_core})`,
    advise: (reason) =>
      /libcud|cuda|cublas/i.test(reason)
        ? 'tfjs-node-gpu needs an NVIDIA GPU with CUDA 11.2 and cuDNN 8.1 (libcudnn.so.8); install them and restart.'
        : 'On a machine with CUDA 11.2 and cuDNN 8.1, run `npm install @tensorflow/tfjs-node-gpu` while online; its install downloads libtensorflow.',
    caveat: null,
  },
  {
    name: 'tensorflow',
    tfjsName: 'tensorflow',
    packageName: '@tensorflow/tfjs-node',
    load: () => import('@tensorflow/tfjs-node'),
    describe: async () => `libtensorflow on the CPU (tfjs ${tf.version_core})`,
    advise: () => 'Run `npm install @tensorflow/tfjs-node` while online; its install downloads libtensorflow.',
    caveat: null,
  },
  {
    name: 'wasm',
    tfjsName: 'wasm',
    packageName: '@tensorflow/tfjs-backend-wasm',
    load: async () => {
      // Before the backend starts: tfjs leaves threads off under Node, and at half the cores even when on.
      wasmThreads = await enableWasmThreads();
      // Stock tfjs-backend-wasm cannot train conv nets (no Conv2DBackpropFilter); ours can, and faster.
      registerWasmTrainingKernels();
    },
    describe: async () => {
      const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
      const threads = wasmThreads && 'threads' in wasmThreads ? `${wasmThreads.threads} threads` : `1 thread (${wasmThreads?.reason ?? 'threads not tried'})`;
      return `WebAssembly (XNNPACK), SIMD ${simd ? 'on' : 'off'}, ${threads}`;
    },
    advise: () => 'Reinstall the app: the WebAssembly backend ships with it.',
    caveat: null,
  },
  {
    name: 'cpu',
    tfjsName: 'cpu',
    packageName: '@tensorflow/tfjs-backend-cpu',
    load: () => import('@tensorflow/tfjs-backend-cpu'),
    describe: async () => 'plain JavaScript',
    advise: () => 'Reinstall the app: the JavaScript backend ships with it.',
    caveat: 'Plain JavaScript is fine for sampling small models but far too slow for training.',
  },
];

/**
 * Tries every backend, then computes on `force` (a user's choice in settings
 * or --backend) or else on the fastest that loaded. A forced backend that did
 * not load is an error that says why, not a silent fallback.
 */
export async function probeBackends(
  force: BackendName | null,
  onStep: (completed: number, total: number, message: string) => void,
): Promise<BackendReport> {
  // Our report says which backends load and what to do; tfjs's own console advice would only repeat it.
  tf.env().set('PROD', true);
  const probes: BackendProbe[] = [];
  for (const [index, candidate] of candidates.entries()) {
    onStep(index, candidates.length, `Trying ${candidate.packageName}`);
    probes.push(await probe(candidate, probes));
  }
  const chosen = force ? probes.find((p) => p.name === force) : probes.find((p) => p.loaded);
  if (force && !chosen?.loaded) throw new Error(`The ${force} backend was asked for, but it did not load: ${chosen?.detail ?? 'unknown backend'}`);
  const active = chosen?.name ?? null;
  if (active) await tf.setBackend(candidates.find((c) => c.name === active)!.tfjsName);
  return { active, tfjsVersion: tf.version_core, probes };
}

let selected: { force: BackendName | null; report: Promise<BackendReport> } | null = null;

/**
 * The backend tensor work runs on, probed once per engine process (again only
 * if a different one is forced, or the last probe failed). Every tensor
 * request names the forced backend, so a restarted engine chooses the same.
 */
export function ensureBackend(force: BackendName | null, onStep: (completed: number, total: number, message: string) => void = () => {}): Promise<BackendReport> {
  if (!selected || selected.force !== force) {
    const report = probeBackends(force, onStep).catch((error: unknown) => {
      selected = null;
      throw error;
    });
    selected = { force, report };
  }
  return selected.report;
}

async function probe(candidate: Candidate, earlier: readonly BackendProbe[]): Promise<BackendProbe> {
  const result = (loaded: boolean, detail: string, hint: string | null): BackendProbe => ({
    name: candidate.name,
    packageName: candidate.packageName,
    loaded,
    detail,
    hint,
  });
  const sharing = earlier.find((p) => p.loaded && candidates.find((c) => c.name === p.name)?.tfjsName === candidate.tfjsName);
  if (sharing) {
    return result(false, `not needed: ${sharing.packageName} already provides the same libtensorflow kernels`, null);
  }
  try {
    await candidate.load();
    if (!(await tf.setBackend(candidate.tfjsName))) throw new Error(`${candidate.tfjsName} backend failed to initialise`);
    await checkArithmetic();
    return result(true, await candidate.describe(), candidate.caveat);
  } catch (error) {
    const reason = explain(candidate, error);
    return result(false, reason, candidate.advise(reason));
  }
}

/** A backend that registers but computes wrongly is worse than none. */
async function checkArithmetic(): Promise<void> {
  const product = tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[5], [6]])));
  const values = await product.data();
  product.dispose();
  if (values[0] !== 17 || values[1] !== 39) throw new Error(`computed [${values.join(', ')}] for a known product, expected [17, 39]`);
}

function explain(candidate: Candidate, error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && message.includes(candidate.packageName)) {
    return `not installed (${candidate.packageName} is optional; its install step downloads libtensorflow, which failed or was skipped)`;
  }
  return `failed to load: ${message.split('\n')[0]}`;
}
