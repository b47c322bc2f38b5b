/** The models namespace: trained generators out of projects as TF.js bundles, and bundles or other projects' checkpoints into them. */
import type { StudioApi } from '../../preload/contract';
import type { EngineHost } from '../engine/host';
import { engineAccess } from '../jobs/engine-work';
import type { Jobs } from '../jobs/jobs';
import type { CurrentProject } from '../library/current-project';
import type { ComputeBackends } from '../system/compute';
import { exportModel } from './export-model';
import { importModel, inspectModel } from './import-model';

export function modelsService(project: CurrentProject, engine: EngineHost, compute: ComputeBackends, jobs: Jobs): StudioApi['models'] {
  const access = engineAccess(engine, compute, jobs);
  return {
    export: (request) => exportModel(project.library, access, jobs, request),
    inspect: (request) => inspectModel(project.library, access, request),
    import: (request) => importModel(project.library, access, jobs, request),
  };
}
