import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { StudioError, type StudioApi, type StudioMode } from '../../preload/contract';
import { datasetsService } from '../datasets/service';
import { exportService } from '../export/service';
import { galleryService } from '../gallery/service';
import type { EngineHost } from '../engine/host';
import type { Jobs } from '../jobs/jobs';
import { latentService } from '../latent/service';
import type { CurrentProject } from '../library/current-project';
import { modelsService } from '../models/service';
import type { ComputeBackends } from '../system/compute';
import { doctorReport, systemInfo } from '../system/info';
import { saveSettings } from '../system/settings';
import { trainingService } from '../training/service';
import { translateService } from '../translate/service';
import type { Trainer } from '../training/trainer';

export interface ServiceContext {
  readonly mode: StudioMode;
  readonly compute: ComputeBackends;
  readonly project: CurrentProject;
  readonly jobs: Jobs;
  readonly engine: EngineHost;
  readonly trainer: Trainer;
  /** Where the app's settings live; null keeps choices for this process only (tests). */
  readonly settingsFile: string | null;
}

/** The implementation of the contract; its arguments arrive already validated by the dispatcher. */
export function createServices({ mode, compute, project, jobs, engine, trainer, settingsFile }: ServiceContext): StudioApi {
  return {
    system: {
      info: async () => systemInfo(mode, compute, project),
      doctor: () => doctorReport(compute, project),
      cancelJob: async ({ jobId }) => jobs.cancel(jobId),
      setBackend: async ({ backend }) => {
        if (trainer.busy) throw new StudioError('UNAVAILABLE', 'A run is training: pause it before changing the compute backend');
        if (settingsFile) saveSettings(settingsFile, { backend });
        return compute.force(backend);
      },
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
    training: trainingService(project, trainer, engine, compute),
    latent: latentService(project, engine, compute, jobs),
    translate: translateService(project, engine, compute, jobs),
    gallery: galleryService(project, jobs),
    export: exportService(project, jobs),
    models: modelsService(project, engine, compute, jobs),
  };
}
