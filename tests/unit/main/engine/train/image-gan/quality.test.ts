import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdxDataset } from '../../../../../../main/datasets/sources/idx';
import type { ImageBatch } from '../../../../../../main/engine/metrics/image-batch';
import { spectralArtefactLimit } from '../../../../../../main/engine/metrics/spectral-artefacts';
import { defaultDcganConfig, type DcganConfig } from '../../../../../../main/engine/models/config';
import { BatchSource } from '../../../../../../main/engine/train/data';
import { qualityMetrics, qualityReference, type QualityReference } from '../../../../../../main/engine/train/image-gan/quality';
import { fashionMnistCache } from '../../../../../fixtures/fashion-mnist';
import { fashionBatch, hasFashionMnist, padded32, range, readFashionMnist, withNoise } from '../../metrics/image-fixtures';

const config: DcganConfig = { ...defaultDcganConfig, resolution: 32, channels: 1, classes: 10 };
/** The cache holds the first 2,000 test images; "generated" images come from after them, with the classes seeds cycle through. */
const cached = 2000;
const labels = Int32Array.from(range(0, 256), (index) => index % 10);

describe.skipIf(!hasFashionMnist)('a DCGAN run’s quality metrics', () => {
  let test: IdxDataset;
  let data: BatchSource;
  let reference: QualityReference;
  const ofClass = (label: number, first: number, count: number) => range(first, 10_000 - first).filter((index) => test.label(index) === label).slice(0, count);
  const generatedFrom = (indices: readonly number[]): ImageBatch => padded32(fashionBatch(test, indices));

  beforeAll(async () => {
    test = await readFashionMnist('t10k');
    data = new BatchSource(await fashionMnistCache(mkdtempSync(join(tmpdir(), 'studio-quality-')), cached), config.batchSize, 1);
    reference = qualityReference(data, config);
  });
  afterAll(() => data.close());

  it('keeps real images of each class for a conditional model, spread through that class', () => {
    expect(reference.realByClass).toHaveLength(10);
    for (const [label, images] of reference.realByClass.entries()) {
      const members = range(0, cached).filter((index) => test.label(index) === label);
      expect(images!.count).toBe(64);
      // The first of them is the class's first example, and the rest follow evenly.
      const expected = generatedFrom([members[0]!, members[Math.floor(members.length / 64)]!]);
      expect(images!.pixels.subarray(0, 2 * 32 * 32)).toEqual(expected.pixels);
    }
    expect(qualityReference(data, { ...config, classes: 0 }).realByClass).toEqual([]);
  });

  it('records the spectral score and each class’s diversity beside SWD, all healthy for real images', () => {
    const byClass = range(0, 10).map((label) => ofClass(label, 5000, 26));
    const metrics = qualityMetrics(generatedFrom(Array.from(labels, (label, index) => byClass[label]![Math.floor(index / 10)]!)), labels, reference);
    expect(Object.keys(metrics)).toEqual(
      expect.arrayContaining(['swd', 'swd32', 'swd16', 'spectral', 'spectralHarmonic', 'diversity', 'diversityMin', ...range(0, 10).map((label) => `diversityClass${label}`)]),
    );
    expect(metrics['spectral']).toBeLessThan(spectralArtefactLimit);
    expect(metrics['diversityMin']).toBeGreaterThan(0.7);
    expect(metrics['diversityMin']).toBe(Math.min(...range(0, 10).map((label) => metrics[`diversityClass${label}`]!)));
  });

  it('catches a generator that draws one image per class in its lowest class diversity, not its overall one', () => {
    const oneEach = range(0, 10).map((label) => ofClass(label, 5000, 1)[0]!);
    const generated = padded32(withNoise(fashionBatch(test, Array.from(labels, (label) => oneEach[label]!)), 2, 5));
    const metrics = qualityMetrics(generated, labels, reference);
    expect(metrics['diversity']).toBeGreaterThan(0.8);
    expect(metrics['diversityMin']).toBeLessThan(0.1);
  });

  it('records no per-class diversity for an unconditional model', () => {
    const metrics = qualityMetrics(generatedFrom(range(5000, 256)), null, qualityReference(data, { ...config, classes: 0 }));
    expect(Object.keys(metrics).filter((name) => name.startsWith('diversity'))).toEqual(['diversity']);
  });
});
