import type { StudioApi, StudioMode } from '../../preload/contract';
import type { CurrentProject } from '../library/current-project';
import type { ComputeBackends } from '../system/compute';
import { doctorReport, systemInfo } from '../system/info';

export interface ServiceContext {
  readonly mode: StudioMode;
  readonly compute: ComputeBackends;
  readonly project: CurrentProject;
}

/** The implementation of the contract; its arguments arrive already validated by the dispatcher. */
export function createServices({ mode, compute, project }: ServiceContext): StudioApi {
  return {
    system: {
      info: async () => systemInfo(mode, compute, project),
      doctor: () => doctorReport(compute, project),
    },
    library: {
      open: async ({ path }) => project.open(path),
      create: async ({ path }) => project.create(path),
    },
  };
}
