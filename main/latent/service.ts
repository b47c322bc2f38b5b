/** The latent namespace: Explore's tools, each drawing with the engine and storing what it makes with its provenance. */
import type { StudioApi } from '../../preload/contract';
import type { EngineHost } from '../engine/host';
import { animationFormats } from '../export/animation/formats';
import { engineAccess } from '../jobs/engine-work';
import type { Jobs } from '../jobs/jobs';
import type { CurrentProject } from '../library/current-project';
import type { ComputeBackends } from '../system/compute';
import { interpolate } from './interpolation';
import { mixLatents } from './mixing';
import { exploreModels } from './models';
import { projectImage } from './projection';
import { previewPoints, sampleGrid } from './sampling';
import { forgetLatent, renameLatent, saveLatent, savedLatents } from './saved';

export function latentService(project: CurrentProject, engine: EngineHost, compute: ComputeBackends, jobs: Jobs): StudioApi['latent'] {
  const painter = engineAccess(engine, compute, jobs);
  return {
    models: async () => exploreModels(project.library),
    sample: (request) => sampleGrid(project.library, painter, request),
    preview: (request) => previewPoints(project.library, painter, request),
    formats: () => animationFormats(),
    interpolate: (request) => interpolate(project.library, painter, jobs, request),
    mix: (request) => mixLatents(project.library, painter, request),
    project: (request) => projectImage(project.library, painter, jobs, request),
    save: async (request) => saveLatent(project.library, request),
    saved: async () => savedLatents(project.library),
    rename: async ({ latentId, name }) => renameLatent(project.library, latentId, name),
    forget: async ({ latentId }) => forgetLatent(project.library, latentId),
  };
}
