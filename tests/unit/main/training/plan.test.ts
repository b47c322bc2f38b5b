import { describe, expect, it } from 'vitest';
import { checkBackendFits, planRun } from '../../../../main/training/plan';

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

describe('FastGAN run plans', () => {
  it('follow the paper: hinge loss built in, reconstruction weight 1, DiffAugment on at any dataset size, a latent of 256', () => {
    const { config, plan } = planRun({ dataset: 'x', model: 'fastgan', resolution: 32, preset: 'quick' }, { ...facts, channels: 1 }, () => 3);
    expect(config).toMatchObject({ architecture: 'fastgan', resolution: 32, channels: 1, latentSize: 256, width: 8, batchSize: 8, reconstructionWeight: 1, augment: { translation: true, cutout: true, colour: false } });
    expect(plan).toMatchObject({ totalSteps: 600, seed: 3 });
    expect(planRun({ dataset: 'x', model: 'fastgan', resolution: 256, conditional: true, augment: false }, { ...facts, classCount: 4 }, () => 1).config).toMatchObject({ classes: 4, augment: null });
  });

  it('refuse the options of DCGAN alone, and 512 and 1024 px unless a GPU backend is active', () => {
    expect(() => planRun({ dataset: 'x', model: 'fastgan', resolution: 64, loss: 'hinge' }, facts, () => 1)).toThrow(/^loss: applies to DCGAN runs, not FastGAN/);
    expect(() => planRun({ dataset: 'x', model: 'fastgan', resolution: 64, upsample: 'transposed' }, facts, () => 1)).toThrow(/^upsample: FastGAN resizes \(bilinear or nearest\)/);
    expect(planRun({ dataset: 'x', model: 'fastgan', resolution: 64 }, facts, () => 1).config).toMatchObject({ upsample: 'bilinear' });
    expect(planRun({ dataset: 'x', model: 'fastgan', resolution: 64, upsample: 'nearest' }, facts, () => 1).config).toMatchObject({ upsample: 'nearest' });
    const large = { dataset: 'x', model: 'fastgan', resolution: 1024 } as const;
    expect(() => checkBackendFits(large, 'wasm')).toThrow(/^resolution: 1024 px needs a GPU backend \(tensorflow-gpu\); on wasm train at 256 px or less/);
    expect(() => checkBackendFits(large, null)).toThrow(/needs a GPU backend/);
    expect(() => checkBackendFits(large, 'tensorflow-gpu')).not.toThrow();
    expect(() => checkBackendFits({ ...large, resolution: 256 }, 'cpu')).not.toThrow();
    expect(planRun(large, facts, () => 1).config).toMatchObject({ resolution: 1024 });
  });
});

describe('translation run plans', () => {
  const pairs = { kind: 'domains', channelsA: 1, channelsB: 3, pairs: 120, countA: 120, countB: 120 } as const;
  const domains = { kind: 'domains', channelsA: 3, channelsB: 3, pairs: 0, countA: 300, countB: 80 } as const;

  it('follows the papers for pix2pix: batch 1, λ = 100, dropout 0.5, linear decay from half way; a tenth of the pairs held out', () => {
    const { config, plan } = planRun({ dataset: 'Sketches', model: 'pix2pix', resolution: 128, preset: 'quick' }, pairs, () => 5);
    expect(config).toMatchObject({ architecture: 'pix2pix', resolution: 128, channelsA: 1, channelsB: 3, batchSize: 1, width: 32, l1Weight: 100, dropout: 0.5, decayStart: 0.5, direction: 'AtoB', heldOut: 12 });
    expect(plan).toMatchObject({ totalSteps: 1000, seed: 5 });
    expect(planRun({ dataset: 'Sketches', model: 'pix2pix', resolution: 64, direction: 'BtoA' }, pairs, () => 1).config).toMatchObject({ direction: 'BtoA' });
  });

  it('follows the papers for CycleGAN: 9 blocks at 256 px, 6 below, λ = 10, identity 0.5, a pool of 50', () => {
    expect(planRun({ dataset: 'Day', model: 'cyclegan', resolution: 256 }, domains, () => 1).config).toMatchObject({ residualBlocks: 9, cycleWeight: 10, identityWeight: 0.5, poolSize: 50, heldOut: 8 });
    expect(planRun({ dataset: 'Day', model: 'cyclegan', resolution: 128, residualBlocks: 3 }, domains, () => 1).config).toMatchObject({ residualBlocks: 3 });
    expect(planRun({ dataset: 'Day', model: 'cyclegan', resolution: 64 }, domains, () => 1).config).toMatchObject({ residualBlocks: 6 });
  });

  it('turns the identity loss off when the two sides differ in colour, and refuses it asked for', () => {
    expect(planRun({ dataset: 'Sketches', model: 'cyclegan', resolution: 64 }, pairs, () => 1).config).toMatchObject({ identityWeight: 0 });
    expect(() => planRun({ dataset: 'Sketches', model: 'cyclegan', resolution: 64, identityWeight: 0.5 }, pairs, () => 1)).toThrow(/identityWeight: .*1-channel A images and 3-channel B/);
  });

  it('names the field when an option belongs to another model, or the resolution is not offered', () => {
    expect(() => planRun({ dataset: 'Sketches', model: 'pix2pix', resolution: 64, conditional: true }, pairs, () => 1)).toThrow(/^conditional: applies to FastGAN runs, not pix2pix/);
    expect(() => planRun({ dataset: 'Sketches', model: 'pix2pix', resolution: 64, residualBlocks: 6 }, pairs, () => 1)).toThrow(/^residualBlocks: applies to CycleGAN/);
    expect(() => planRun({ dataset: 'x', model: 'dcgan', resolution: 64, direction: 'AtoB' }, facts, () => 1)).toThrow(/^direction: applies to pix2pix/);
    expect(() => planRun({ dataset: 'Sketches', model: 'pix2pix', resolution: 32 }, pairs, () => 1)).toThrow(/^resolution: pix2pix trains at 64, 128, 256 px/);
    expect(() => planRun({ dataset: 'x', model: 'dcgan', resolution: 256 }, facts, () => 1)).toThrow(/^resolution: DCGAN trains at 32, 64, 128 px/);
  });

  it('refuses a dataset too small to hold one example out and still fill a batch', () => {
    expect(() => planRun({ dataset: 'Tiny', model: 'pix2pix', resolution: 64 }, { ...pairs, pairs: 1 }, () => 1)).toThrow(/"Tiny" has 1 complete pairs; training needs at least 2/);
  });
});
