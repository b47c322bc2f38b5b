/**
 * Projection as a job: the target image is brought to the model's size and
 * colours, kept in the gallery as the result's parent, and the engine searches
 * for the latent that reproduces it. The result is stored like any sample, so
 * it can be interpolated, mixed and saved.
 */
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { StudioError, type ProjectionResult, type ProjectRequest } from '../../preload/contract';
import { normaliseImage } from '../datasets/decode';
import { isImportProblem } from '../datasets/problems';
import type { ImageBatch } from '../engine/metrics/image-batch';
import { maxImageFileBytes, readUserFile } from '../files/user-file';
import type { Jobs } from '../jobs/jobs';
import { BlobStore } from '../library/blobs';
import type { Library } from '../library/library';
import { blobUrl } from '../library/repos/asset-urls';
import { findOutput, insertOutput } from '../library/repos/outputs';
import { followInJob } from '../jobs/engine-work';
import { drawLatents, pngOf, storeImages, type Painter } from './drawing';
import { checkClass, generatorToDraw, type ChosenGenerator } from './models';
import { recordOf } from './sources';

const defaultSteps = 300;
/** Seeds the starting candidates: the same target and settings always give the same latent. */
const candidateSeed = 0;
/** A photo larger than this is refused before it is decoded. */
const maxTargetPixels = 80_000_000;

export async function projectImage(library: Library, painter: Painter, jobs: Jobs, request: ProjectRequest): Promise<ProjectionResult> {
  const generator = generatorToDraw(library, painter, request.checkpointId, request.ema);
  checkClass(generator, request.class, 'class');
  const steps = request.steps ?? defaultSteps;
  const { target, parentId } = await loadTarget(library, generator, request.image);

  return jobs.run(
    'project',
    `Projecting into ${generator.run.name} (step ${generator.checkpoint.step})`,
    async (job) => {
      job.update(0, steps, 'Choosing a starting point');
      const task = painter.engine.start(
        'project',
        { backend: painter.compute.forced, checkpoint: generator.file, ema: generator.ema, target, class: request.class ?? null, steps, seed: candidateSeed },
        (progress) => job.update(progress.completed, progress.total, progress.message),
      );
      const projection = await followInJob(task, job);
      if (job.signal.aborted) throw new StudioError('CANCELLED', `${job.title} was cancelled`);
      const code = { vector: projection.vector, class: projection.class };
      const image = await drawLatents(painter, generator, [code], 1);
      const targetPng = await pngOf(target, 0);
      const targetHash = library.blobs.write(targetPng);
      const targetOutputId = parentId ?? library.db.transaction(() => {
        BlobStore.record(library.db, targetHash, targetPng.length, { mediaType: 'image/png', width: target.width, height: target.height });
        return insertOutput(library.db, { blobHash: targetHash, kind: 'upload', provenance: { tool: 'upload', purpose: 'projection target', source: 'path' in request.image ? request.image.path : null } });
      })();
      const [stored] = await storeImages(library, generator, 1, image, [
        {
          kind: 'projection',
          latent: recordOf(code),
          details: { target: { outputId: targetOutputId, blobHash: targetHash }, steps: projection.stepsTaken, seed: candidateSeed, initialLoss: projection.initialLoss, finalLoss: projection.finalLoss },
          parents: [{ outputId: targetOutputId, role: 'target' }],
        },
      ]);
      return { ...stored!, targetUrl: blobUrl(targetHash), initialLoss: projection.initialLoss, finalLoss: projection.finalLoss, steps: projection.stepsTaken };
    },
    (result) => `loss ${result.initialLoss.toFixed(4)} → ${result.finalLoss.toFixed(4)}`,
    request.jobId,
  );
}

/** The image as the model sees it: centre-cropped to a square at its resolution, grey or RGB as it was trained. */
async function loadTarget(library: Library, generator: ChosenGenerator, image: ProjectRequest['image']): Promise<{ target: ImageBatch; parentId: number | null }> {
  let bytes: Buffer;
  let name: string;
  let parentId: number | null = null;
  if ('path' in image) {
    name = image.path;
    bytes = await readUserFile(image.path, maxImageFileBytes, 'image');
  } else {
    const output = findOutput(library.db, image.outputId);
    if (!output) throw new StudioError('NOT_FOUND', `image: no output ${image.outputId} in this project`);
    name = `output ${image.outputId}`;
    parentId = output.id;
    bytes = await readFile(library.blobs.pathOf(output.blob_hash));
  }
  const decoded = await normaliseImage(bytes, name, { maxPixels: maxTargetPixels });
  if (isImportProblem(decoded)) throw new StudioError('INVALID_ARGUMENT', `image: ${decoded.message}`);
  const { resolution, channels } = generator.config;
  let pipeline = sharp(decoded.bytes).resize(resolution, resolution, { fit: 'cover', kernel: 'lanczos3' }).flatten({ background: '#000' });
  pipeline = channels === 1 ? pipeline.greyscale() : pipeline.toColourspace('srgb');
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== channels) throw new StudioError('INTERNAL', `image: decoded to ${info.channels} channels where the model takes ${channels}`);
  return { target: { count: 1, height: resolution, width: resolution, channels, pixels: new Uint8Array(data) }, parentId };
}
