import { arch, cpus, freemem, platform, release, totalmem } from 'node:os';
import type { DoctorReport, StudioMode, SystemInfo } from '../../preload/contract';
import packageJson from '../../package.json' with { type: 'json' };
import type { CurrentProject } from '../library/current-project';
import type { ComputeBackends } from './compute';

export function systemInfo(mode: StudioMode, compute: ComputeBackends, project: CurrentProject): SystemInfo {
  return {
    appVersion: packageJson.version,
    mode,
    versions: {
      node: process.versions.node,
      electron: process.versions['electron'] ?? null,
      v8: process.versions.v8,
      tfjs: compute.tfjsVersion,
    },
    backend: compute.active,
    forcedBackend: compute.forced,
    project: project.summary,
  };
}

/** What this machine offers, for `doctor` and the about box: waits for the backend probe. */
export async function doctorReport(compute: ComputeBackends, project: CurrentProject): Promise<DoctorReport> {
  const processors = cpus();
  return {
    runtime: {
      node: process.versions.node,
      electron: process.versions['electron'] ?? null,
      v8: process.versions.v8,
      platform: platform(),
      arch: arch(),
      osRelease: release(),
    },
    cpu: {
      model: processors[0]?.model.trim() ?? 'unknown',
      logicalCores: processors.length,
      memoryTotalBytes: totalmem(),
      memoryFreeBytes: freemem(),
    },
    backends: await compute.report(),
    project: project.summary,
  };
}
