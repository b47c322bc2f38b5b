import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportReport, JobProgress } from '../../../../preload/contract';
import { seededProject, type SeededProject } from './seeded-project';

/** Cancelling an export part-way: a folder keeps only complete files, a ZIP is not written at all. */
describe('cancelling an export', () => {
  let seeded: SeededProject;
  let ids: number[];

  beforeAll(async () => {
    seeded = await seededProject('studio-export-cancel-', 7);
    ids = seeded.samples.map((sample) => sample.outputId);
  });
  afterAll(() => seeded.studio.close());

  /** Starts a slow export (4096 px PNGs) and cancels it once the first image is written. */
  async function cancelledExport(jobId: string, destination: Record<string, string>): Promise<{ report: ExportReport; events: JobProgress[] }> {
    const events: JobProgress[] = [];
    const unsubscribe = seeded.studio.events.subscribe((event, payload) => {
      const progress = payload as JobProgress;
      if (event !== 'jobProgress' || progress.jobId !== jobId) return;
      events.push(progress);
      if (progress.state === 'running' && progress.completed >= 1) void seeded.call('system.cancelJob', { jobId });
    });
    try {
      const report = await seeded.call<ExportReport>('export.images', { selection: { outputIds: ids }, format: 'png', size: 'long-4096', destination, jobId });
      return { report, events };
    } finally {
      unsubscribe();
    }
  }

  it('stops a folder export between images, keeping the complete files and nothing partial', async () => {
    const folder = join(seeded.base, 'cancelled-folder');
    const { report, events } = await cancelledExport('cancel-folder-0001', { folder });
    expect(report.cancelled).toBe(true);
    expect(report.files.length).toBeGreaterThanOrEqual(1);
    expect(report.files.length).toBeLessThan(ids.length);
    expect(events.at(-1)).toMatchObject({ kind: 'export', state: 'cancelled' });
    expect(readdirSync(folder).sort()).toEqual(report.files.map((file) => file.path.slice(folder.length + 1)).sort());
    for (const file of report.files) expect(await sharp(file.path).metadata()).toMatchObject({ width: 4096, height: 4096 });
  }, 60_000);

  it('leaves no ZIP, and no temporary file, when a ZIP export is cancelled', async () => {
    const folder = join(seeded.base, 'cancelled-zip');
    const { report } = await cancelledExport('cancel-zip-00001', { zip: join(folder, 'all.zip') });
    expect(report).toMatchObject({ cancelled: true, files: [], exportId: null });
    expect(existsSync(join(folder, 'all.zip'))).toBe(false);
    expect(readdirSync(folder)).toEqual([]);
  }, 60_000);
});
