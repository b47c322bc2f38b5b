import type { DoctorReport } from '../../preload/contract';
import packageJson from '../../package.json' with { type: 'json' };

const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GiB`;

export function formatDoctorReport(report: DoctorReport): string {
  const { runtime, cpu, backends, project } = report;
  const lines = [
    `Latent Studio ${packageJson.version}`,
    `Runtime    Node ${runtime.node} · V8 ${runtime.v8} · ${runtime.platform} ${runtime.arch} (${runtime.osRelease})`,
    `Electron   ${runtime.electron ?? 'not running (headless)'}`,
    `CPU        ${cpu.model} · ${cpu.logicalCores} logical cores · ${gib(cpu.memoryTotalBytes)} memory, ${gib(cpu.memoryFreeBytes)} free`,
    `Backends   TensorFlow.js ${backends.tfjsVersion}; computing on ${backends.active ?? 'nothing: no backend loaded'}`,
  ];
  for (const probe of backends.probes) {
    const mark = probe.name === backends.active ? '●' : probe.loaded ? '✓' : '✗';
    lines.push(`  ${mark} ${probe.name.padEnd(15)} ${probe.detail}`);
    if (probe.hint) lines.push(`    ${' '.repeat(15)} → ${probe.hint}`);
  }
  lines.push(`Project    ${project ? `${project.name} (${project.path})` : 'none opened (add --project DIR)'}`);
  return `${lines.join('\n')}\n`;
}
