import { describe, expect, it } from 'vitest';
import type { ExploreModel, ExportReport, ModelSourceSummary, TranslateModel } from '../../../preload/contract';
import { exportableModels, sourceSummaryLine, usedInLink } from '../../../renderer/src/lib/export-models';
import { exportReportLine, modelReportLine, sheetReportLine, wroteZip } from '../../../renderer/src/lib/export-report';

const generator: ExploreModel = {
  checkpointId: 3,
  runId: 1,
  runName: 'Fashion · DCGAN 32 px',
  architecture: 'dcgan',
  step: 1000,
  resolution: 32,
  channels: 1,
  latentSize: 64,
  hasEma: true,
  classNames: [],
  createdAt: 100,
  previewUrl: null,
};
const translator: TranslateModel = {
  checkpointId: 7,
  runId: 2,
  runName: 'Shoes',
  architecture: 'pix2pix',
  step: 40,
  resolution: 128,
  dataset: 'Shoes',
  directions: ['AtoB'],
  channels: { A: 3, B: 3 },
  metrics: {},
  createdAt: 200,
  previewUrl: null,
};

describe('exportable models', () => {
  it('lists generators and translators newest first, naming the family where the run name does not', () => {
    expect(exportableModels([generator], [translator])).toEqual([
      { checkpointId: 7, architecture: 'pix2pix', label: 'Shoes · pix2pix 128 px · step 40', hasEma: false, createdAt: 200 },
      { checkpointId: 3, architecture: 'dcgan', label: 'Fashion · DCGAN 32 px · step 1,000', hasEma: true, createdAt: 100 },
    ]);
    // A FastGAN named by its person: the family comes from the model, not the name.
    expect(exportableModels([{ ...generator, runName: 'Shirts', architecture: 'fastgan' }], [])).toEqual([
      { checkpointId: 3, architecture: 'fastgan', label: 'Shirts · FastGAN 32 px · step 1,000', hasEma: true, createdAt: 100 },
    ]);
  });

  it('summarises a bundle before it is imported, and links to where it is used', () => {
    const summary: ModelSourceSummary = {
      kind: 'bundle',
      path: '/m',
      architecture: 'dcgan',
      runName: 'Fashion',
      step: 12,
      resolution: 32,
      latentSize: 64,
      classNames: ['a', 'b'],
      directions: [],
      dataset: 'Fashion',
      checkpointSha256: 'ab',
      project: 'Studio',
      createdAt: null,
      usableIn: 'explore',
    };
    expect(sourceSummaryLine(summary)).toBe('DCGAN 32 px, step 12, latent 64, 2 classes · trained on Fashion in Studio');
    expect(sourceSummaryLine({ ...summary, architecture: 'cyclegan', latentSize: null, classNames: [], directions: ['AtoB', 'BtoA'], dataset: null, project: null })).toBe(
      'CycleGAN 32 px, step 12, A → B and B → A',
    );
    expect(sourceSummaryLine({ ...summary, architecture: 'fastgan', resolution: 256, latentSize: 256 })).toBe('FastGAN 256 px, step 12, latent 256, 2 classes · trained on Fashion in Studio');
    expect(usedInLink('explore', 5)).toEqual({ href: '#/explore', label: 'Open Explore' });
    expect(usedInLink('translate', 5)).toEqual({ href: '#/translate?checkpoint=5', label: 'Open in Translate' });
  });
});

describe('export reports', () => {
  const folder: ExportReport = {
    exportId: 1,
    destination: '/home/ana/out',
    format: 'webp',
    files: [
      { outputId: 1, path: '/home/ana/out/a.webp', bytes: 2048, width: 64, height: 64 },
      { outputId: 2, path: '/home/ana/out/b.webp', bytes: 1024, width: 64, height: 64 },
    ],
    skipped: [],
    bytes: 3072,
    seconds: 1.25,
    cancelled: false,
  };

  it('says how much went where, and what was skipped', () => {
    expect(exportReportLine(folder)).toBe('Wrote 2 images (3.0 KB) to /home/ana/out in 1.3 s.');
    expect(exportReportLine({ ...folder, skipped: [{ outputId: 3, path: '/home/ana/out/c.webp' }], seconds: 12.4 })).toBe(
      'Wrote 2 images (3.0 KB) to /home/ana/out in 12 s; skipped 1 file that existed.',
    );
    expect(exportReportLine({ ...folder, files: [], skipped: [{ outputId: 3, path: '/home/ana/out/c.webp' }] })).toBe('Nothing was written; skipped 1 file that existed.');
  });

  it('tells a ZIP by its relative entries, and a cancelled export by what it kept', () => {
    const zip = { ...folder, destination: '/home/ana/out.zip', files: folder.files.map((file) => ({ ...file, path: file.path.replace('/home/ana/out/', '') })) };
    expect(wroteZip(zip)).toBe(true);
    expect(wroteZip(folder)).toBe(false);
    expect(exportReportLine(zip)).toBe('Wrote 2 images (3.0 KB) into the ZIP /home/ana/out.zip in 1.3 s.');
    expect(exportReportLine({ ...zip, files: [], cancelled: true })).toBe('Cancelled: the ZIP was not written.');
    expect(exportReportLine({ ...folder, cancelled: true })).toBe('Cancelled after 2 images (3.0 KB); the complete ones are kept to /home/ana/out.');
  });

  it('describes sheets and bundles', () => {
    expect(sheetReportLine({ exportId: 2, path: '/s.png', width: 768, height: 512, columns: 3, rows: 2, count: 5, bytes: 2048, seconds: 0.5 })).toBe(
      'Wrote /s.png: 5 images in 3 × 2 cells, 768 × 512 px, 2.0 KB, in 0.5 s.',
    );
    const bundle = { folder: '/m', files: [{ name: 'model.json', bytes: 100 }, { name: 'weights.bin', bytes: 1948 }], bytes: 2048, architecture: 'dcgan', networks: [], customLayers: [], seconds: 2 } as const;
    expect(modelReportLine({ ...bundle, precision: 'float32' })).toBe('Wrote the bundle to /m: 2 files, 2.0 KB, in 2.0 s.');
    expect(modelReportLine({ ...bundle, precision: 'float16' })).toBe('Wrote the bundle to /m: 2 files, 2.0 KB with float16 weights, in 2.0 s.');
  });
});
