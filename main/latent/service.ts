/** The latent namespace: images from a trained generator, stored as outputs with their provenance. */
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { StudioError, type SampledImage, type StudioApi } from '../../preload/contract';
import type { EngineHost } from '../engine/host';
import { BlobStore } from '../library/blobs';
import type { CurrentProject } from '../library/current-project';
import { blobUrl } from '../library/repos/asset-urls';
import { insertOutput } from '../library/repos/outputs';
import { findCheckpoint, findRun, planOf } from '../library/repos/runs';
import type { ComputeBackends } from '../system/compute';

export function latentService(project: CurrentProject, engine: EngineHost, compute: ComputeBackends): StudioApi['latent'] {
  return {
    sample: async ({ checkpointId, count, seed, ema }) => {
      const library = project.library;
      const checkpoint = findCheckpoint(library.db, checkpointId);
      if (!checkpoint) throw new StudioError('NOT_FOUND', `No checkpoint ${checkpointId} in this project`);
      const run = findRun(library.db, checkpoint.run_id);
      const useEma = ema ?? Number(run ? planOf(run).model['emaDecay'] : 0) > 0;
      const outDir = join(library.folders.cache, 'samples', randomUUID());
      try {
        const { files } = await engine.request('sample', { backend: compute.forced, checkpoint: checkpoint.path, count, seed, ema: useEma, outDir });
        return library.db.transaction(() =>
          files.map((file, index): SampledImage => {
            const bytes = readFileSync(file);
            const hash = library.blobs.write(bytes);
            const resolution = Number(run ? planOf(run).model['resolution'] : 0);
            BlobStore.record(library.db, hash, bytes.length, { mediaType: 'image/png', width: resolution, height: resolution });
            // Image i of a request is the image of seed + i: any one can be made again alone.
            const provenance = { tool: 'sample', checkpointId, checkpointSha256: checkpoint.sha256, runId: checkpoint.run_id, step: checkpoint.step, seed: seed + index, ema: useEma };
            const outputId = insertOutput(library.db, { blobHash: hash, kind: 'sample', runId: checkpoint.run_id, checkpointId, provenance });
            return { outputId, seed: seed + index, index, blobHash: hash, url: blobUrl(hash) };
          }),
        )();
      } finally {
        rmSync(outDir, { recursive: true, force: true });
      }
    },
  };
}
