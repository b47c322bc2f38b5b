/** A path through the latent space, drawn frame by frame and encoded as an animation (a job). */
import { StudioError, type AnimationResult, type InterpolateRequest } from '../../preload/contract';
import { encodeAnimation } from '../export/animation/encode';
import { animationFormats } from '../export/animation/formats';
import type { Jobs } from '../jobs/jobs';
import { BlobStore } from '../library/blobs';
import type { Library } from '../library/library';
import { blobUrl } from '../library/repos/asset-urls';
import { insertOutput } from '../library/repos/outputs';
import { drawingProvenance, drawLatents, type Painter } from './drawing';
import { checkClass, generatorToDraw } from './models';
import { resolvePath, withClass } from './sources';
import { pathFrames } from './space/path';

/** Encoding counts as this share of the job: drawing dominates, but the bar should not sit at 100% while a GIF is quantised. */
const encodingShare = 0.1;

export async function interpolate(library: Library, painter: Painter, jobs: Jobs, request: InterpolateRequest): Promise<AnimationResult> {
  const generator = generatorToDraw(library, painter, request.checkpointId, request.ema);
  checkClass(generator, request.class, 'class');
  const format = (await animationFormats()).find((entry) => entry.format === request.format)!;
  // Refused before minutes of drawing, not after.
  if (!format.available) throw new StudioError('UNAVAILABLE', `format: ${format.reason}`);
  const truncation = request.truncation ?? 1;
  const { path, keyframes } = resolvePath(library, generator, request.path, 'path');
  const codes = pathFrames(path, request.frames).map((code) => withClass(code, request.class));
  const encodingUnits = Math.ceil(request.frames * encodingShare);

  return jobs.run(
    'interpolate',
    `Rendering ${request.frames} frames as ${format.label}`,
    async (job) => {
      const frames = await drawLatents(painter, generator, codes, truncation, job, encodingUnits);
      if (job.signal.aborted) throw new StudioError('CANCELLED', `${job.title} was cancelled`);
      job.update(request.frames, request.frames + encodingUnits, `Encoding ${format.label}`);
      const encoded = await encodeAnimation({ ...frames, channels: generator.config.channels }, { format: request.format, fps: request.fps, loop: request.path.loop, size: request.size });
      // Encoding thousands of frames takes seconds of its own: a cancel that came meanwhile still means nothing is stored.
      if (job.signal.aborted) throw new StudioError('CANCELLED', `${job.title} was cancelled`);
      const hash = library.blobs.write(encoded.bytes);
      const provenance = {
        tool: 'animation',
        ...drawingProvenance(generator, truncation),
        path: { keyframes: keyframes.map((keyframe) => keyframe.record), mode: path.mode, easing: path.easing, loop: path.loop },
        class: request.class ?? null,
        frames: request.frames,
        fps: request.fps,
        format: request.format,
        size: encoded.size,
      };
      const outputId = library.db.transaction(() => {
        BlobStore.record(library.db, hash, encoded.bytes.length, { mediaType: encoded.mediaType, width: encoded.size, height: encoded.size });
        return insertOutput(library.db, {
          blobHash: hash,
          kind: 'animation',
          runId: generator.run.id,
          checkpointId: generator.checkpoint.id,
          provenance,
          parents: keyframes.flatMap((keyframe) => (keyframe.outputId === null ? [] : [{ outputId: keyframe.outputId, role: 'keyframe' }])),
        });
      })();
      return {
        outputId,
        blobHash: hash,
        url: blobUrl(hash),
        format: request.format,
        mediaType: encoded.mediaType,
        frames: encoded.frames,
        size: encoded.size,
        bytes: encoded.bytes.length,
      };
    },
    (result) => `${result.frames} frames, ${Math.round(result.bytes / 1024)} KiB`,
    request.jobId,
  );
}
