import { describe, expect, it } from 'vitest';
import { planRun } from '../../../main/training/plan';
import { startRequestOf, type RunChoices } from '../../../renderer/src/lib/run-request';

/** A form as it opens: every knob following the preset. */
const untouched: RunChoices = {
  dataset: 'Shapes',
  model: 'pix2pix',
  resolution: 64,
  preset: 'quick',
  name: '',
  steps: null,
  batchSize: null,
  seed: null,
  width: null,
  conditional: false,
  augment: 'auto',
  upsample: 'bilinear',
  learningRate: null,
  direction: 'AtoB',
  l1Weight: null,
  residualBlocks: null,
  cycleWeight: null,
  identityWeight: null,
};

/** Every knob set, of every family. */
const everything: RunChoices = {
  ...untouched,
  name: '  Sketches to shapes  ',
  steps: 8,
  batchSize: 2,
  seed: 7,
  width: 8,
  conditional: true,
  augment: 'off',
  upsample: 'transposed',
  learningRate: 0.001,
  direction: 'BtoA',
  l1Weight: 50,
  residualBlocks: 1,
  cycleWeight: 5,
  identityWeight: 0,
};

describe('the start request', () => {
  it('sends only the dataset, model, resolution and preset while nothing else is set', () => {
    for (const model of ['fastgan', 'dcgan', 'pix2pix', 'cyclegan'] as const) {
      expect(startRequestOf({ ...untouched, model })).toEqual({ dataset: 'Shapes', model, resolution: 64, preset: 'quick' });
    }
  });

  it('sends the shared knobs a person set, the name trimmed', () => {
    expect(startRequestOf({ ...untouched, name: ' Mine ', steps: 8, seed: 0, width: 8 })).toEqual({
      dataset: 'Shapes',
      model: 'pix2pix',
      resolution: 64,
      preset: 'quick',
      name: 'Mine',
      steps: 8,
      seed: 0,
      width: 8,
    });
  });

  it('sends only the chosen family’s own knobs: main refuses another family’s', () => {
    const shared = { dataset: 'Shapes', resolution: 64, preset: 'quick', name: 'Sketches to shapes', steps: 8, batchSize: 2, seed: 7, width: 8 };
    const upsampled = { ...shared, upsample: 'transposed' };
    // FastGAN's generator always resizes and convolves: no upsampling choice travels.
    expect(startRequestOf({ ...everything, model: 'fastgan' })).toEqual({ ...shared, model: 'fastgan', conditional: true, augment: false });
    expect(startRequestOf({ ...everything, model: 'dcgan' })).toEqual({ ...upsampled, model: 'dcgan', conditional: true, augment: false });
    expect(startRequestOf({ ...everything, model: 'pix2pix' })).toEqual({ ...upsampled, model: 'pix2pix', learningRate: 0.001, direction: 'BtoA', l1Weight: 50 });
    expect(startRequestOf({ ...everything, model: 'cyclegan' })).toEqual({ ...upsampled, model: 'cyclegan', learningRate: 0.001, residualBlocks: 1, cycleWeight: 5, identityWeight: 0 });
  });

  it('sends only options main plans the family with', () => {
    const images = { kind: 'images', channels: 1, classCount: 10, itemCount: 100 } as const;
    const domains = { kind: 'domains', channelsA: 3, channelsB: 3, pairs: 100, countA: 100, countB: 100 } as const;
    for (const model of ['fastgan', 'dcgan', 'pix2pix', 'cyclegan'] as const) {
      const request = startRequestOf({ ...everything, model });
      expect(() => planRun(request, model === 'fastgan' || model === 'dcgan' ? images : domains, () => 1), model).not.toThrow();
    }
  });

  it('leaves the defaults of the choices that always have a value to main', () => {
    const pix2pix = startRequestOf({ ...everything, direction: 'AtoB' });
    expect(pix2pix).not.toHaveProperty('direction');
    const dcgan = startRequestOf({ ...everything, model: 'dcgan', augment: 'auto', conditional: false });
    expect(dcgan).not.toHaveProperty('augment');
    expect(dcgan).not.toHaveProperty('conditional');
    expect(startRequestOf({ ...everything, upsample: 'bilinear' })).not.toHaveProperty('upsample');
    // FastGAN resizes: nearest travels, a transposed choice left from another family does not.
    expect(startRequestOf({ ...everything, model: 'fastgan', upsample: 'nearest' })).toMatchObject({ upsample: 'nearest' });
    expect(startRequestOf({ ...everything, model: 'fastgan' })).not.toHaveProperty('upsample');
    expect(startRequestOf({ ...everything, model: 'dcgan', augment: 'on' })).toMatchObject({ augment: true });
    expect(startRequestOf({ ...everything, model: 'fastgan', augment: 'auto', conditional: false })).toEqual({
      dataset: 'Shapes',
      model: 'fastgan',
      resolution: 64,
      preset: 'quick',
      name: 'Sketches to shapes',
      steps: 8,
      batchSize: 2,
      seed: 7,
      width: 8,
    });
  });
});
