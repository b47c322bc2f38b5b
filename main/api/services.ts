import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { StudioApi, StudioMode } from '../../preload/contract';
import { datasetsService } from '../datasets/service';
import type { Jobs } from '../jobs/jobs';
import type { CurrentProject } from '../library/current-project';
import type { ComputeBackends } from '../system/compute';
import { doctorReport, systemInfo } from '../system/info';

export interface ServiceContext {
  readonly mode: StudioMode;
  readonly compute: ComputeBackends;
  readonly project: CurrentProject;
  readonly jobs: Jobs;
}

/** The implementation of the contract; its arguments arrive already validated by the dispatcher. */
export function createServices({ mode, compute, project, jobs }: ServiceContext): StudioApi {
  return {
    system: {
      info: async () => systemInfo(mode, compute, project),
      doctor: () => doctorReport(compute, project),
      cancelJob: async ({ jobId }) => jobs.cancel(jobId),
    },
    library: {
      open: async ({ path }) => project.open(path),
      create: async ({ path }) => project.create(path),
      collectGarbage: async () => {
        const { db, blobs, folders } = project.library;
        // Staged uploads are copies already imported (or abandoned): the blobs hold what matters.
        rmSync(join(folders.cache, 'uploads'), { recursive: true, force: true });
        return blobs.collectGarbage(db);
      },
    },
    datasets: datasetsService(project, jobs),
  };
}
