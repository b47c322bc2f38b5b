import { describe, expect, it } from 'vitest';
import type { TranslateModel } from '../../../preload/contract';
import { canvasSideFor, qualitySummary, requestedCheckpoint, styleOptions, translatorLabel } from '../../../renderer/src/lib/translators';

function model(overrides: Partial<TranslateModel>): TranslateModel {
  return {
    checkpointId: 1,
    runId: 1,
    runName: 'Night',
    architecture: 'cyclegan',
    step: 100,
    resolution: 128,
    dataset: 'Streets',
    directions: ['AtoB', 'BtoA'],
    channels: { A: 3, B: 3 },
    metrics: {},
    createdAt: 0,
    previewUrl: null,
    ...overrides,
  };
}

describe('translators', () => {
  it('names a model by its run and step', () => {
    expect(translatorLabel(model({ runName: 'Shoes · pix2pix 128 px', architecture: 'pix2pix', step: 12_000 }))).toBe('Shoes · pix2pix 128 px · step 12,000');
  });

  it('offers each run once, at its newest checkpoint, each way it translates', () => {
    const models = [
      model({ checkpointId: 3, runId: 1, step: 200 }),
      model({ checkpointId: 2, runId: 1, step: 100 }),
      model({ checkpointId: 5, runId: 2, runName: 'Sketch', architecture: 'pix2pix', directions: ['BtoA'] }),
    ];
    expect(styleOptions(models).map((option) => [option.key, option.label])).toEqual([
      ['3:AtoB', 'Night A → B'],
      ['3:BtoA', 'Night B → A'],
      ['5:BtoA', 'Sketch B → A'],
    ]);
    // A linked older checkpoint stands for its run, and says which step it is.
    expect(styleOptions(models, 2).map((option) => option.label)).toEqual(['Night A → B (step 100)', 'Night B → A (step 100)', 'Sketch B → A']);
  });

  it('says what the held-out measurements are', () => {
    expect(qualitySummary({ heldOutL1: 0.1234, heldOutPsnr: 18.25, heldOutSsim: 0.613 })).toBe('held-out L1 0.123 · PSNR 18.3 dB · SSIM 0.61');
    expect(qualitySummary({ cycleError: 0.05 })).toBe('cycle error 0.050');
    expect(qualitySummary({})).toBeNull();
  });

  it('draws on at least 256 px, and at the model size above it', () => {
    expect(canvasSideFor(64)).toBe(256);
    expect(canvasSideFor(512)).toBe(512);
  });

  it('reads the checkpoint a link asks for', () => {
    expect(requestedCheckpoint('#/translate?checkpoint=12')).toBe(12);
    expect(requestedCheckpoint('#/translate')).toBeNull();
    expect(requestedCheckpoint('#/style?checkpoint=abc')).toBeNull();
  });
});
