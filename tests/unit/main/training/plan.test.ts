import { describe, expect, it } from 'vitest';
import { planRun } from '../../../../main/training/plan';

const facts = { kind: 'images', channels: 3, classCount: 0, itemCount: 10_000 } as const;

describe('run plans', () => {
  it.each([100, 1000, 1500, 5000, 8000, 12_345, 30_000])('puts every checkpoint of a %d-step run on a preview step', (steps) => {
    const { plan } = planRun({ dataset: 'x', model: 'dcgan', resolution: 64, steps }, facts, () => 1);
    expect(plan.checkpointEvery % plan.previewEvery).toBe(0);
    expect(steps / plan.previewEvery).toBeGreaterThanOrEqual(10);
    expect(steps / plan.checkpointEvery).toBeGreaterThanOrEqual(4);
  });

  it('takes the preset, then the request, and turns augmentation on for small datasets', () => {
    const quick = planRun({ dataset: 'x', model: 'dcgan', resolution: 32, preset: 'quick' }, { ...facts, itemCount: 800, channels: 1 }, () => 9);
    expect(quick.config).toMatchObject({ width: 32, batchSize: 32, channels: 1, augment: { translation: true, cutout: true, colour: false } });
    expect(quick.plan).toMatchObject({ totalSteps: 1000, seed: 9 });
    const custom = planRun({ dataset: 'x', model: 'dcgan', resolution: 32, steps: 77, batchSize: 16, seed: 4, augment: false, conditional: true }, { ...facts, classCount: 10 }, () => 9);
    expect(custom.config).toMatchObject({ batchSize: 16, augment: null, classes: 10 });
    expect(custom.plan).toMatchObject({ totalSteps: 77, seed: 4 });
  });
});
