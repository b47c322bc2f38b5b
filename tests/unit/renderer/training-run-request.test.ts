import { describe, expect, it } from 'vitest';
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
  upsample: 'nearest',
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
    for (const model of ['dcgan', 'pix2pix', 'cyclegan'] as const) {
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
    const shared = { dataset: 'Shapes', resolution: 64, preset: 'quick', name: 'Sketches to shapes', steps: 8, batchSize: 2, seed: 7, width: 8, upsample: 'transposed' };
    expect(startRequestOf({ ...everything, model: 'dcgan' })).toEqual({ ...shared, model: 'dcgan', conditional: true, augment: false });
    expect(startRequestOf({ ...everything, model: 'pix2pix' })).toEqual({ ...shared, model: 'pix2pix', learningRate: 0.001, direction: 'BtoA', l1Weight: 50 });
    expect(startRequestOf({ ...everything, model: 'cyclegan' })).toEqual({ ...shared, model: 'cyclegan', learningRate: 0.001, residualBlocks: 1, cycleWeight: 5, identityWeight: 0 });
  });

  it('leaves the defaults of the choices that always have a value to main', () => {
    const pix2pix = startRequestOf({ ...everything, direction: 'AtoB' });
    expect(pix2pix).not.toHaveProperty('direction');
    const dcgan = startRequestOf({ ...everything, model: 'dcgan', augment: 'auto', conditional: false });
    expect(dcgan).not.toHaveProperty('augment');
    expect(dcgan).not.toHaveProperty('conditional');
    expect(startRequestOf({ ...everything, upsample: 'nearest' })).not.toHaveProperty('upsample');
    expect(startRequestOf({ ...everything, model: 'dcgan', augment: 'on' })).toMatchObject({ augment: true });
  });
});
