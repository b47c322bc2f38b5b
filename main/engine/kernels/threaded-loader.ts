/**
 * What it takes to start tfjs's threaded SIMD wasm build under Node, which
 * tfjs itself never tries there:
 *
 * - Emscripten starts each pthread as a worker from a blob: URL of its worker
 *   script, and worker_threads loads only files. We write the script to a
 *   file and hand out its path in place of that URL.
 * - Each worker then imports the main Emscripten script, again from a Blob.
 *   A few lines appended to the worker script point it at a file copy instead.
 * - The C++ sizes its thread pool by halving the logical core count (it
 *   assumes two hyperthreads per core), so a 2-core machine would get one
 *   thread. While the module starts we report twice the threads we want.
 *
 * Both replacements are in place only while the module starts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface LoaderFiles {
  readonly workerScript: string;
  /** Deletes the files; call once every worker has loaded them. */
  readonly remove: () => void;
}

/** Writes the worker script and the main script it imports to a fresh temporary folder. */
export function writeLoaderFiles(): LoaderFiles {
  const require = createRequire(import.meta.url);
  const wasmOut = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'wasm-out');
  const { wasmWorkerContents } = require(join(wasmOut, 'tfjs-backend-wasm-threaded-simd.worker.js')) as { wasmWorkerContents?: unknown };
  if (typeof wasmWorkerContents !== 'string') throw new Error('tfjs-backend-wasm no longer exports its pthread worker script');
  const folder = mkdtempSync(join(tmpdir(), 'latent-studio-wasm-threads-'));
  const mainScript = join(folder, 'tfjs-backend-wasm-threaded-simd.js');
  const workerScript = join(folder, 'tfjs-backend-wasm-threaded-simd.worker.cjs');
  writeFileSync(mainScript, readFileSync(join(wasmOut, 'tfjs-backend-wasm-threaded-simd.js')));
  // The script is one minified line whose only line breaks sit inside string
  // literals, where they must stay escaped (tfjs escapes them for its Blob too).
  writeFileSync(workerScript, wasmWorkerContents.replace(/\n/g, '\\n') + workerShim(mainScript));
  return { workerScript, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/**
 * Runs after the worker script has installed its message handler. It swaps
 * the main script's Blob for the file, and keeps a failed load inside the
 * worker. Thrown, the error would reach the main thread as an uncaught
 * exception and end the process; instead the worker logs it and ends itself
 * (process.exit in a worker ends only that thread, so it cannot keep the
 * process alive), and the module's start stalls until the caller's timeout.
 */
function workerShim(mainScript: string): string {
  return `
;(function () {
  var handle = self.onmessage;
  self.onmessage = function (e) {
    if (e.data.cmd !== "load") return handle(e);
    if (typeof e.data.urlOrBlob !== "string") e.data.urlOrBlob = ${JSON.stringify(mainScript)};
    try {
      handle(e);
    } catch (error) {
      err("Latent Studio: a wasm worker failed to load: " + ((error && error.stack) || error));
      process.exit(1);
    }
  };
})();
`;
}

/** Runs `start` with the worker-script URL and the core count replaced as the header describes. */
export async function withLoaderReplacements<T>(files: LoaderFiles, threads: number, start: () => Promise<T>): Promise<T> {
  const createObjectURL = URL.createObjectURL.bind(URL);
  const instantiate = webAssembly.instantiate.bind(webAssembly);
  const restoreUrl = replaceProperty(URL, 'createObjectURL', (object: unknown) =>
    // tfjs makes the worker script's Blob 'application/javascript' and the main script's 'text/javascript'.
    object instanceof Blob && object.type === 'application/javascript' ? files.workerScript : createObjectURL(object as Blob),
  );
  const restoreInstantiate = replaceProperty(webAssembly, 'instantiate', (source: unknown, imports?: WasmImports) => {
    const env = imports?.['env'];
    if (env !== undefined && typeof env['emscripten_num_logical_cores'] === 'function') {
      env['emscripten_num_logical_cores'] = () => 2 * threads;
    }
    return instantiate(source, imports);
  });
  try {
    return await start();
  } finally {
    restoreInstantiate();
    restoreUrl();
  }
}

/** Whether WebAssembly can share memory between threads: the probe tfjs uses in browsers (an atomic load). */
export function supportsWasmAtomics(): boolean {
  return webAssembly.validate(
    new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 5, 4, 1, 3, 1, 1, 10, 11, 1, 9, 0, 65, 0, 254, 16, 2, 0, 26, 11]),
  );
}

type WasmImports = Record<string, Record<string, unknown>>;

/** The WebAssembly global, which this project's TypeScript libs (ES2024 and Node's) leave undeclared. */
const webAssembly = Reflect.get(globalThis, 'WebAssembly') as {
  instantiate(source: unknown, imports?: WasmImports): Promise<unknown>;
  validate(bytes: Uint8Array): boolean;
};

function replaceProperty(target: object, key: string, value: unknown): () => void {
  const original: unknown = Reflect.get(target, key);
  Reflect.set(target, key, value);
  return () => Reflect.set(target, key, original);
}
