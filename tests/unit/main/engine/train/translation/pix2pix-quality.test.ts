import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultPix2pixConfig, type Pix2pixConfig } from '../../../../../../main/engine/models/config';
import { SeededRandom } from '../../../../../../main/engine/random';
import { createPix2pixTrainee } from '../../../../../../main/engine/train/pix2pix/trainee';
import { shapePairCaches } from '../../../../../fixtures/translation-pairs';
import { useCpuBackend } from '../../models/ml-fixtures';

beforeAll(useCpuBackend);

describe('pix2pix held-out metrics', () => {
  let caches: { A: string; B: string };
  beforeAll(async () => {
    caches = await shapePairCaches(mkdtempSync(join(tmpdir(), 'studio-pix2pix-quality-')), 14, 32);
  });

  const measure = async (heldOut: number) => {
    const config: Pix2pixConfig = { ...defaultPix2pixConfig, resolution: 32, channelsA: 1, channelsB: 3, width: 4, batchSize: 2, heldOut };
    const trainee = createPix2pixTrainee(config, caches, 1, new SeededRandom(1), undefined);
    try {
      return await trainee.measure();
    } finally {
      trainee.dispose();
    }
  };

  it('scores the outputs’ spectral artefacts against their targets where enough pairs are held out', async () => {
    const metrics = await measure(8);
    expect(Object.keys(metrics).sort()).toEqual(['heldOutL1', 'heldOutPsnr', 'heldOutSsim', 'spectral', 'spectralHarmonic']);
    // The score is the radial term plus the harmonic one, each at least 0.
    expect(metrics['spectralHarmonic']).toBeGreaterThanOrEqual(0);
    expect(metrics['spectral']).toBeGreaterThanOrEqual(metrics['spectralHarmonic']!);
  });

  it('leaves the spectral score out for a few held-out pairs, whose spectrum says more about them than about the model', async () => {
    expect(Object.keys(await measure(4)).sort()).toEqual(['heldOutL1', 'heldOutPsnr', 'heldOutSsim']);
  });
});
