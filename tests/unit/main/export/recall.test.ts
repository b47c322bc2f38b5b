import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportFormat, ExportReport, LatentImage, RecallResult } from '../../../../preload/contract';
import { findOutput } from '../../../../main/library/repos/outputs';
import { newStudioProject, seededProject, seedGenerator, type SeededProject } from './seeded-project';

/** The recall round trip: export an output made by the latent tools, read the file back, restore what it was made with. */
describe('recall', () => {
  let seeded: SeededProject;

  beforeAll(async () => {
    seeded = await seededProject('studio-recall-');
  });
  afterAll(() => seeded.studio.close());

  async function exported(sample: LatentImage, format: ExportFormat, size: unknown = 'original'): Promise<string> {
    const report = await seeded.call<ExportReport>('export.images', { selection: { outputIds: [sample.outputId] }, format, size, destination: { folder: join(seeded.base, `out-${format}`) }, conflict: 'keep-both' });
    return report.files[0]!.path;
  }

  it.each(['png', 'jpeg', 'webp', 'avif', 'tiff'] as ExportFormat[])('brings back the provenance, output, checkpoint and seed latent of a %s export', async (format) => {
    const sample = seeded.samples[1]!;
    const result = await seeded.call<RecallResult>('export.recall', { path: await exported(sample, format, 'long-512') });
    const stored = JSON.parse(findOutput(seeded.studio.project.library.db, sample.outputId)!.provenance) as Record<string, unknown>;
    expect(result).toMatchObject({
      found: true,
      carrier: 'xmp',
      width: 512,
      height: 512,
      format: format === 'jpeg' ? 'jpeg' : format,
      provenance: stored,
      exported: { outputId: sample.outputId, blobHash: sample.blobHash, checkpointSha256: seeded.checkpointSha256 },
      output: { outputId: sample.outputId, url: `/asset/blob/${sample.blobHash}`, kept: false, trashed: false },
      latent: { seed: 2, vector: null, class: 1 },
      settings: { tool: 'sample', truncation: 0.7, class: 1, ema: true },
      restore: {
        view: 'explore',
        checkpoint: { checkpointId: seeded.checkpointId, runId: seeded.runId, runName: 'Patterns · DCGAN 32 px', step: 500 },
        latent: { kind: 'output', outputId: sample.outputId },
      },
    });
    expect(result.message).toBe(`Output ${sample.outputId} is in this project; its checkpoint is here; seed 2.`);
  });

  it('recalls a dropped image from its bytes, and a vector latent exactly', async () => {
    const path = await exported(seeded.vectorSample, 'png');
    const result = await seeded.call<RecallResult>('export.recall', { png: readFileSync(path).toString('base64') });
    const stored = JSON.parse(findOutput(seeded.studio.project.library.db, seeded.vectorSample.outputId)!.provenance) as { latent: { vector: string } };
    expect(result.latent).toEqual({ seed: null, vector: stored.latent.vector, class: 2 });
    expect(result.settings).toMatchObject({ tool: 'mix' });
    expect(result.restore).toMatchObject({ view: 'explore', latent: { kind: 'output', outputId: seeded.vectorSample.outputId } });
  });

  it('falls back to EXIF ImageDescription when another program dropped the XMP', async () => {
    const path = await exported(seeded.samples[0]!, 'jpeg');
    // What an app that keeps EXIF but not XMP writes: the pixels again, with the EXIF block.
    const stripped = join(seeded.base, 'stripped.jpg');
    writeFileSync(stripped, await sharp(path).keepExif().jpeg().toBuffer());
    const metadata = await sharp(stripped).metadata();
    expect(metadata.xmp).toBeUndefined();
    expect(metadata.exif!.toString('latin1')).toContain('"app":"Latent Studio"');
    const result = await seeded.call<RecallResult>('export.recall', { path: stripped });
    expect(result).toMatchObject({ found: true, carrier: 'exif', exported: { outputId: seeded.samples[0]!.outputId }, latent: { seed: 1 } });
  });

  it('says plainly when an image carries no provenance, and when a file is not an image', async () => {
    const plain = join(seeded.base, 'plain.png');
    await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } }).png().toFile(plain);
    const result = await seeded.call<RecallResult>('export.recall', { path: plain });
    expect(result).toMatchObject({ found: false, carrier: null, provenance: null, output: null, latent: null, restore: { view: null, checkpoint: null, latent: null }, width: 8 });
    expect(result.message).toMatch(/^This image carries no Latent Studio provenance/);
    const text = join(seeded.base, 'notes.txt');
    writeFileSync(text, 'hello');
    const failure = await seeded.failure('export.recall', { path: text });
    expect(failure.code).toBe('INVALID_ARGUMENT');
    expect(failure.message).toMatch(/notes\.txt: not an image the studio can read/);
    expect((await seeded.failure('export.recall', { path: join(seeded.base, 'missing.png') })).code).toBe('NOT_FOUND');
  });

  it('in another project: matches the checkpoint by its hash, restores a seed, and keeps a vector latent as a new output', async () => {
    const seedFile = await exported(seeded.samples[2]!, 'webp');
    const vectorFile = await exported(seeded.vectorSample, 'avif');
    const other = await newStudioProject('studio-recall-other-');
    try {
      const db = other.studio.project.library.db;
      // Outputs 1… of the other project are different images: ids alone must not match.
      const elsewhere = await other.call<RecallResult>('export.recall', { path: seedFile });
      expect(elsewhere).toMatchObject({ found: true, output: null, restore: { checkpoint: null, latent: { kind: 'seed', seed: 3, class: 2 } } });
      expect(elsewhere.message).toBe(`Output ${seeded.samples[2]!.outputId} is not in this project; its checkpoint is not in this project; seed 3.`);

      const { checkpointId } = seedGenerator(other.studio.project.library, seeded.checkpointSha256);
      const matched = await other.call<RecallResult>('export.recall', { path: vectorFile });
      expect(matched).toMatchObject({ output: null, restore: { checkpoint: { checkpointId, step: 500 }, latent: null } });

      const kept = await other.call<RecallResult>('export.recall', { path: vectorFile, keep: true });
      expect(kept.output).toMatchObject({ kept: true, trashed: false });
      const row = findOutput(db, kept.output!.outputId)!;
      expect(row).toMatchObject({ kind: 'upload', checkpoint_id: checkpointId });
      expect(JSON.parse(row.provenance)).toMatchObject({ tool: 'upload', purpose: 'recalled', latent: { vector: kept.latent!.vector, class: 2 }, recalled: { outputId: seeded.vectorSample.outputId } });
      expect(kept.restore.latent).toEqual({ kind: 'output', outputId: kept.output!.outputId });
      // Kept once: recalling the same file again finds it.
      expect((await other.call<RecallResult>('export.recall', { path: vectorFile, keep: true })).output!.outputId).toBe(kept.output!.outputId);
    } finally {
      other.studio.close();
    }
  });
});
