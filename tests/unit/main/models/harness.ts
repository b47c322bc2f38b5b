/** What the models tests share: a studio with the real engine, training to completion, pixels of stored images, and a stranger's TF.js process. */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import sharp from 'sharp';
import type { RunDetail, RunSummary } from '../../../../preload/contract';
import type { Studio } from '../../../../main/studio';

export type Call = <T>(method: string, argument?: unknown) => Promise<T>;

export function caller(studio: () => Studio): Call {
  return async <T>(method: string, argument?: unknown): Promise<T> => {
    const envelope = await studio().dispatch(method, argument === undefined ? [] : [argument]);
    if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code });
    return envelope.value as T;
  };
}

export async function trained(call: Call, request: Record<string, unknown>): Promise<RunDetail> {
  const run = await call<RunSummary>('training.start', { previewEvery: 1000, metricsEvery: 1000, ...request });
  for (;;) {
    const detail = await call<RunDetail>('training.get', { runId: run.id });
    if (detail.status === 'completed') return detail;
    if (detail.status === 'failed') throw new Error(detail.error ?? 'training failed');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A stored image's pixels, as the engine drew them; `grey` takes one channel of an image stored as RGB. */
export async function blobPixels(studio: Studio, hash: string, grey = false): Promise<number[]> {
  const image = sharp(studio.project.library.blobs.pathOf(hash)).removeAlpha();
  return [...(await (grey ? image.extractChannel(0) : image).raw().toBuffer())];
}

export interface FreshOutput {
  readonly shape: number[];
  readonly pixels: number[];
  /** The class name of every layer the stranger's runtime built. */
  readonly layers: string[];
}

const here = dirname(fileURLToPath(import.meta.url));
const loader = join(here, 'load-bundle.mjs');

/** Runs one network of a bundle in a new Node process that has only tfjs (and the bundle's layers.js). */
export async function runFresh(folder: string, modelFile: string, input: Record<string, unknown>, options: { layers?: boolean } = {}): Promise<FreshOutput> {
  const scratch = mkdtempSync(join(tmpdir(), 'studio-fresh-'));
  const inputFile = join(scratch, 'input.json');
  const outputFile = join(scratch, 'output.json');
  writeFileSync(inputFile, JSON.stringify(input));
  const args = [loader, folder, modelFile, inputFile, outputFile, ...(options.layers === false ? ['--no-layers'] : [])];
  await promisify(execFile)(process.execPath, args, { cwd: join(here, '..', '..', '..', '..'), timeout: 60_000 });
  return JSON.parse(readFileSync(outputFile, 'utf8')) as FreshOutput;
}

/**
 * Records the bundle's files' SHA-256s in its bundle.json as the files now
 * are, as if they had been exported so: a test that changes a file then
 * reaches the check it is about rather than the hash check.
 */
export function recordFileHashes(folder: string): void {
  const manifest = JSON.parse(readFileSync(join(folder, 'bundle.json'), 'utf8')) as { fileSha256: Record<string, string> };
  for (const name of Object.keys(manifest.fileSha256)) manifest.fileSha256[name] = createHash('sha256').update(readFileSync(join(folder, name))).digest('hex');
  writeFileSync(join(folder, 'bundle.json'), JSON.stringify(manifest));
}
