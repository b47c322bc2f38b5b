/**
 * Runs the wasm backend on every logical core (up to the eight threads its
 * XNNPACK pool allows) instead of one. tfjs disables its threaded SIMD build
 * under Node; threaded-loader.ts says why and what it takes to load it anyway.
 *
 * The backend is started here, eagerly, so that the answer is the thread count
 * it really got. When the threaded build cannot start, nothing changes: the
 * wasm backend starts single-threaded as usual on `tf.setBackend('wasm')`, and
 * the answer says why.
 */
import { availableParallelism } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { supportsWasmAtomics, withLoaderReplacements, writeLoaderFiles, type LoaderFiles } from './threaded-loader';

export type WasmThreadsOutcome = { threads: number } | { reason: string };

/** tfjs-backend-wasm's C++ never builds a pool of more threads than this. */
const maxThreads = 8;
/** Starting takes well under a second; past this, a worker has failed to load. */
const startTimeoutMs = 30_000;

let outcome: Promise<WasmThreadsOutcome> | undefined;

/**
 * Call before anything starts the wasm backend (`tf.setBackend('wasm')`,
 * `tf.ready()`); it imports `@tensorflow/tfjs-backend-wasm` itself. Calling it
 * again returns the first answer.
 */
export function enableWasmThreads(): Promise<WasmThreadsOutcome> {
  outcome ??= startThreaded();
  return outcome;
}

async function startThreaded(): Promise<WasmThreadsOutcome> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const engine = tf.engine();
  if (engine.registry['wasm'] !== undefined) {
    return { reason: "the wasm backend had already started single-threaded: enable threads before tf.setBackend('wasm')" };
  }
  const entry = engine.registryFactory['wasm'];
  if (entry === undefined) return { reason: 'the wasm backend is not registered' };
  const threads = Math.min(availableParallelism(), maxThreads);
  const missing = await missingPrerequisite(threads);
  if (missing !== null) return { reason: missing };

  let files: LoaderFiles;
  try {
    files = writeLoaderFiles();
  } catch (error) {
    return { reason: `could not prepare the threaded build's worker script: ${describe(error)}` };
  }
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  wasm.setThreadsCount(threads);
  try {
    // The timeout sits inside, so that the replacements end with a stalled start too.
    const backend = await withLoaderReplacements(files, threads, () => withTimeout(Promise.resolve(entry.factory()), startTimeoutMs));
    files.remove();
    letProcessExitWhileIdle(backend);
    // From now on `tf.setBackend('wasm')` picks up the backend started here.
    tf.removeBackend('wasm');
    tf.registerBackend('wasm', () => backend, entry.priority);
    return { threads: wasm.getThreadsCount() };
  } catch (error) {
    // A worker may still be reading the files: leave them until the process ends.
    process.once('exit', files.remove);
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    wasm.setThreadsCount(-1);
    return { reason: `the threaded build failed to start (${describe(error)}); the single-threaded SIMD build is used` };
  }
}

async function missingPrerequisite(threads: number): Promise<string | null> {
  if (!tf.env().getBool('IS_NODE')) return 'not running under Node, where tfjs decides about threads itself';
  if (threads < 2) return 'this machine has one logical core: threads would not help';
  if (typeof SharedArrayBuffer === 'undefined') return 'SharedArrayBuffer is unavailable';
  if (!(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'))) return 'WebAssembly SIMD is unsupported, and tfjs builds threads only with SIMD';
  if (!supportsWasmAtomics()) return 'WebAssembly threads (atomics) are unsupported';
  return null;
}

/**
 * Emscripten keeps a worker that runs a pthread referenced, and XNNPACK's pool
 * threads run for the life of the backend, so the process could never end by
 * itself. Between ops they only wait (an op blocks the main thread until its
 * threads finish), so unreferencing them is safe.
 */
function letProcessExitWhileIdle(backend: tf.KernelBackend): void {
  const module = (backend as { wasm?: { PThread?: { runningWorkers?: { unref(): void }[] } } }).wasm;
  for (const worker of module?.PThread?.runningWorkers ?? []) worker.unref();
}

/** The timer stays referenced: workers that failed to load have exited, and nothing else may be keeping the process alive until it fires. */
function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`its workers did not start within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}
