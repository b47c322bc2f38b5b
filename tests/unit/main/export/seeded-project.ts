/**
 * A project holding outputs made by the real latent tool code: a DCGAN run
 * and checkpoint rows (the checkpoint file itself is never read), and images
 * stored by main/latent's storeImages exactly as Explore stores its samples
 * — seed latents, a vector latent, a class and a truncation — so the
 * provenance exported is the provenance the studio writes.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LatentImage } from '../../../../preload/contract';
import { forkEngine } from '../../../../main/engine/fork';
import type { ImageBatch } from '../../../../main/engine/metrics/image-batch';
import { storeImages } from '../../../../main/latent/drawing';
import { chooseGenerator } from '../../../../main/latent/models';
import type { Library } from '../../../../main/library/library';
import { createDataset } from '../../../../main/library/repos/datasets';
import { createRun, recordCheckpoint } from '../../../../main/library/repos/runs';
import { appPaths } from '../../../../main/paths';
import { createStudio, type Studio } from '../../../../main/studio';

export const side = 32;
export const latentSize = 16;

export interface SeededProject {
  readonly studio: Studio;
  readonly base: string;
  readonly checkpointId: number;
  readonly runId: number;
  readonly checkpointSha256: string;
  /** Seeds 1…n, in order; then one with a vector latent. */
  readonly samples: readonly LatentImage[];
  readonly vectorSample: LatentImage;
  call<T>(method: string, argument?: unknown): Promise<T>;
  /** The error code and message of a call that should fail. */
  failure(method: string, argument?: unknown): Promise<{ code: string; message: string }>;
}

/** A studio (the engine is never started: export needs none) with a new project. */
export async function newStudioProject(prefix: string): Promise<{ studio: Studio; base: string; call: SeededProject['call']; failure: SeededProject['failure'] }> {
  const base = mkdtempSync(join(tmpdir(), prefix));
  const studio = createStudio('cli', forkEngine(appPaths().engineEntry));
  const call = async <T,>(method: string, argument?: unknown): Promise<T> => {
    const envelope = await studio.dispatch(method, argument === undefined ? [] : [argument]);
    if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code });
    return envelope.value as T;
  };
  const failure = async (method: string, argument?: unknown) => {
    const envelope = await studio.dispatch(method, argument === undefined ? [] : [argument]);
    if (envelope.ok) throw new Error(`${method} succeeded`);
    return envelope.error;
  };
  await call('library.create', { path: join(base, 'project') });
  return { studio, base, call, failure };
}

/** A DCGAN run with one checkpoint whose file hash is `sha256`. */
export function seedGenerator(library: Library, sha256: string): { runId: number; checkpointId: number } {
  const dataset = createDataset(library.db, 'Patterns', 'images');
  const model = { architecture: 'dcgan', resolution: side, channels: 3, latentSize, width: 8, classes: 3, minibatchStd: true, loss: 'hinge', augment: null, r1Gamma: 0, emaDecay: 0.999 };
  const runId = createRun(library.db, 'Patterns · DCGAN 32 px', dataset.id, 'dcgan', { model, seed: 1, totalSteps: 500, checkpointEvery: 500, previewEvery: 500, metricsEvery: 500 });
  const checkpointId = recordCheckpoint(library.db, { run_id: runId, step: 500, path: join(library.folders.root, 'checkpoints', 'run-1', 'step-500'), size: 1234, sha256, metrics: {} });
  return { runId, checkpointId };
}

/** Distinct, detailed pictures: diagonal gradients and a checker whose phase depends on the image. */
export function patternBatch(count: number): ImageBatch {
  const pixels = new Uint8Array(count * side * side * 3);
  for (let image = 0; image < count; image++) {
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        const at = ((image * side + y) * side + x) * 3;
        const checker = ((x >> 2) + (y >> 2) + image) % 2;
        pixels[at] = (x * 8 + image * 40) % 256;
        pixels[at + 1] = (y * 8) % 256;
        pixels[at + 2] = checker ? 230 : 20;
      }
    }
  }
  return { pixels, count, height: side, width: side, channels: 3 };
}

export async function seededProject(prefix: string, sampleCount = 4): Promise<SeededProject> {
  const { studio, base, call, failure } = await newStudioProject(prefix);
  const library = studio.project.library;
  const checkpointSha256 = createHash('sha256').update('checkpoint of the patterns run').digest('hex');
  const { runId, checkpointId } = seedGenerator(library, checkpointSha256);
  const generator = chooseGenerator(library, checkpointId);
  const vector = Buffer.from(new Float32Array(Array.from({ length: latentSize }, (_, index) => Math.sin(index + 1))).buffer).toString('base64');
  const images = [
    ...Array.from({ length: sampleCount }, (_, index) => ({ kind: 'sample' as const, latent: { seed: index + 1, class: index % 3 }, details: {}, parents: [] })),
    { kind: 'mix' as const, latent: { vector, class: 2 }, details: { operation: 'arithmetic' }, parents: [] },
  ];
  const stored = await storeImages(library, generator, 0.7, patternBatch(images.length), images);
  return { studio, base, checkpointId, runId, checkpointSha256, samples: stored.slice(0, sampleCount), vectorSample: stored.at(-1)!, call, failure };
}
