import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetKind, TranslateBatchReport } from '../../../../preload/contract';
import type { Library } from '../../../../main/library/library';
import { createDataset } from '../../../../main/library/repos/datasets';
import { createRun, recordCheckpoint } from '../../../../main/library/repos/runs';
import { newStudioProject } from '../export/seeded-project';

/** A read of a device or a pipe must end at once: a call that hangs is the failure. */
const promptly = 10_000;

/**
 * A run with one checkpoint whose file matches its record, so the tools get
 * past the checkpoint to the path they were given. The file is never loaded:
 * every refusal here comes before the engine.
 */
function seedCheckpoint(library: Library, kind: DatasetKind, model: Record<string, unknown>): number {
  const dataset = createDataset(library.db, `${model['architecture']} data`, kind);
  const runId = createRun(library.db, `${model['architecture']} run`, dataset.id, String(model['architecture']), { model, seed: 1, totalSteps: 10, checkpointEvery: 10, previewEvery: 10, metricsEvery: 10 });
  const stored = `checkpoints/run-${runId}/step-10`;
  const bytes = Buffer.from(`weights of run ${runId}`);
  mkdirSync(dirname(join(library.folders.root, stored)), { recursive: true });
  writeFileSync(join(library.folders.root, stored), bytes);
  return recordCheckpoint(library.db, { run_id: runId, step: 10, path: stored, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), metrics: {} });
}

/**
 * Recall, projection and translation each read a file a person named. Each
 * checks it before any engine work, so these run on a studio whose engine
 * never starts.
 */
describe('tools that read a file a person named', () => {
  let project: Awaited<ReturnType<typeof newStudioProject>>;
  let fifo: string;
  let oversized: string;
  let generatorId: number;
  let translatorId: number;

  beforeAll(async () => {
    project = await newStudioProject('studio-named-paths-');
    const library = project.studio.project.library;
    generatorId = seedCheckpoint(library, 'images', { architecture: 'dcgan', resolution: 32, channels: 3, latentSize: 16, width: 8, classes: 0, emaDecay: 0 });
    translatorId = seedCheckpoint(library, 'paired', { architecture: 'pix2pix', direction: 'AtoB', resolution: 64, channelsA: 3, channelsB: 3 });
    fifo = join(project.base, 'pipe.png');
    execFileSync('mkfifo', [fifo]);
    // Sparse: 300 MB on paper, nothing on disk.
    oversized = join(project.base, 'huge.png');
    writeFileSync(oversized, '');
    truncateSync(oversized, 300 * 1024 * 1024);
  });
  afterAll(() => project.studio.close());

  describe('recall', () => {
    it('refuses /dev/zero at once, naming it', { timeout: promptly }, async () => {
      expect(await project.failure('export.recall', { path: '/dev/zero' })).toEqual({ code: 'INVALID_ARGUMENT', message: 'path: /dev/zero is a device, not a regular file' });
    });

    it('refuses a FIFO without waiting for a writer', { timeout: promptly }, async () => {
      expect(await project.failure('export.recall', { path: fifo })).toEqual({ code: 'INVALID_ARGUMENT', message: `path: ${fifo} is a pipe (FIFO), not a regular file` });
    });

    it('refuses a file past the image size limit without reading it', async () => {
      expect(await project.failure('export.recall', { path: oversized })).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: `path: ${oversized} is 300 MB; the limit is 256 MB` });
    });
  });

  describe('projection', () => {
    const projectOnto = (path: string) => project.failure('latent.project', { checkpointId: generatorId, image: { path }, steps: 5 });

    it('refuses /dev/zero and a FIFO as the target at once, naming the field and the file', { timeout: promptly }, async () => {
      expect(await projectOnto('/dev/zero')).toEqual({ code: 'INVALID_ARGUMENT', message: 'image: /dev/zero is a device, not a regular file' });
      expect(await projectOnto(fifo)).toEqual({ code: 'INVALID_ARGUMENT', message: `image: ${fifo} is a pipe (FIFO), not a regular file` });
    });

    it('refuses a folder, an oversized file and a missing one', async () => {
      expect(await projectOnto(project.base)).toEqual({ code: 'INVALID_ARGUMENT', message: `image: ${project.base} is a folder, not a regular file` });
      expect(await projectOnto(oversized)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining(oversized) });
      expect(await projectOnto(join(project.base, 'missing.png'))).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('missing.png') });
    });
  });

  describe('translation', () => {
    it('refuses /dev/zero and a FIFO as the source at once, naming the field and the file', { timeout: promptly }, async () => {
      const translate = (path: string) => project.failure('translate.image', { checkpointId: translatorId, source: { path } });
      expect(await translate('/dev/zero')).toEqual({ code: 'INVALID_ARGUMENT', message: 'source: /dev/zero is a device, not a regular file' });
      expect(await translate(fifo)).toEqual({ code: 'INVALID_ARGUMENT', message: `source: ${fifo} is a pipe (FIFO), not a regular file` });
      expect(await translate(oversized)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/^source: .*huge\.png is 300 MB; the limit is 256 MB$/) });
    });

    it('lists a FIFO in a folder of inputs and a device named as one as failed, saying what each is, and goes on', { timeout: promptly }, async () => {
      const folder = join(project.base, 'inputs');
      mkdirSync(folder);
      execFileSync('mkfifo', [join(folder, 'waiting.png')]);
      const report = await project.call<TranslateBatchReport>('translate.batch', { checkpointId: translatorId, inputs: { paths: [folder, '/dev/zero'] } });
      expect(report.results).toEqual([]);
      expect(report.failed).toEqual([
        { name: 'waiting.png', message: 'waiting.png is a pipe (FIFO), not a regular file; it was skipped.' },
        { name: 'zero', message: 'zero is a device, not a regular file; it was skipped.' },
      ]);
    });
  });
});
