/**
 * Drawing latents with the engine, and storing what is drawn. Every stored
 * image records the generator (checkpoint and its hash, EMA or not), the
 * truncation and the latent, which is all it takes to draw it again.
 */
import type { LatentImage } from '../../preload/contract';
import { rawImage } from '../images/raw-image';
import type { Latents } from '../engine/latent/generate';
import type { ImageBatch } from '../engine/metrics/image-batch';
import { followInJob, type EngineAccess } from '../jobs/engine-work';
import type { Job } from '../jobs/jobs';
import { BlobStore } from '../library/blobs';
import type { Library } from '../library/library';
import { blobUrl } from '../library/repos/asset-urls';
import { insertOutput, type NewOutput } from '../library/repos/outputs';
import type { ChosenGenerator, DrawableGenerator } from './models';
import type { LatentRecord } from './sources';
import type { LatentCode } from './space/code';

/** The engine a latent tool draws with. */
export type Painter = EngineAccess;

/**
 * Draws the codes. Within a job, drawing is the job's progress (with `after`
 * units of work still to come once it is done) and cancelling the job stops it.
 */
export async function drawLatents(painter: Painter, generator: DrawableGenerator, codes: readonly LatentCode[], truncation: number, job?: Job, after = 0): Promise<ImageBatch> {
  const task = painter.engine.start(
    'render',
    { backend: painter.compute.forced, checkpoint: generator.file, ema: generator.ema, latents: latentsOf(generator, codes), truncation },
    (progress) => job?.update(progress.completed, progress.total + after, progress.message),
  );
  return followInJob(task, job);
}

function latentsOf(generator: ChosenGenerator, codes: readonly LatentCode[]): Latents {
  const { latentSize, classes } = generator.config;
  const noise = new Float32Array(codes.length * latentSize);
  codes.forEach((code, index) => noise.set(code.vector, index * latentSize));
  return { count: codes.length, noise, labels: classes > 0 ? Int32Array.from(codes, (code) => code.class ?? 0) : null };
}

/** Image `index` of a batch as PNG bytes. */
export function pngOf(batch: ImageBatch, index: number): Promise<Buffer> {
  const imageBytes = batch.height * batch.width * batch.channels;
  return rawImage(batch.pixels.subarray(index * imageBytes, (index + 1) * imageBytes), batch.width, batch.height, batch.channels as 1 | 3)
    .png()
    .toBuffer();
}

/** What every output of a latent tool records about how it was drawn. */
export function drawingProvenance(generator: ChosenGenerator, truncation: number): Record<string, unknown> {
  const { checkpoint } = generator;
  return { checkpointId: checkpoint.id, checkpointSha256: checkpoint.sha256, runId: checkpoint.run_id, step: checkpoint.step, ema: generator.ema, truncation };
}

export interface ImageToStore {
  readonly kind: NewOutput['kind'];
  readonly latent: LatentRecord;
  /** Tool parameters beyond the latent and the drawing. */
  readonly details: Record<string, unknown>;
  readonly parents: NewOutput['parents'];
}

/** Stores image i of the batch as output i, all in one transaction. */
export async function storeImages(library: Library, generator: ChosenGenerator, truncation: number, batch: ImageBatch, images: readonly ImageToStore[]): Promise<LatentImage[]> {
  const pngs = await Promise.all(images.map((_, index) => pngOf(batch, index)));
  const hashes = pngs.map((png) => library.blobs.write(png));
  const drawn = drawingProvenance(generator, truncation);
  return library.db.transaction(() =>
    images.map((image, index): LatentImage => {
      const hash = hashes[index]!;
      BlobStore.record(library.db, hash, pngs[index]!.length, { mediaType: 'image/png', width: batch.width, height: batch.height });
      const outputId = insertOutput(library.db, {
        blobHash: hash,
        kind: image.kind,
        runId: generator.run.id,
        checkpointId: generator.checkpoint.id,
        provenance: { tool: image.kind, ...drawn, latent: image.latent, ...image.details },
        parents: image.parents,
      });
      return { outputId, blobHash: hash, url: blobUrl(hash), seed: 'seed' in image.latent ? image.latent.seed : null, class: image.latent.class };
    }),
  )();
}
