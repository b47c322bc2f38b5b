import { describe, expect, it } from 'vitest';
import type { StartTrainingRequest } from '../../../preload/contract';
import { defaultCycleGanConfig, defaultPix2pixConfig } from '../../../main/engine/models/config';
import { defaultRunName as mainRunName } from '../../../main/training/plan';
import { resolutionsOf as mainResolutions } from '../../../main/training/presets';
import { translationConfigFor } from '../../../main/training/translation-config';
import {
  defaultResidualBlocks,
  defaultRunName,
  modelForKind,
  modelKinds,
  resolutionFor,
  resolutionsOf,
  suits,
  translationDefaults,
} from '../../../renderer/src/lib/model-families';

describe('model families', () => {
  it('offers the resolutions main trains each family at', () => {
    for (const model of modelKinds) expect(resolutionsOf[model]).toEqual(mainResolutions[model]);
  });

  it('keeps the resolution where the new family trains at it, else moves to the nearest one it does', () => {
    expect(resolutionFor('pix2pix', 64)).toBe(64);
    expect(resolutionFor('pix2pix', 32)).toBe(64);
    expect(resolutionFor('cyclegan', 128)).toBe(128);
    expect(resolutionFor('dcgan', 256)).toBe(128);
    expect(resolutionFor('dcgan', 32)).toBe(32);
  });

  it('knows which dataset kinds each family learns from, and which family a kind means', () => {
    expect(modelKinds.filter((model) => suits(model, 'images'))).toEqual(['dcgan']);
    expect(modelKinds.filter((model) => suits(model, 'paired'))).toEqual(['pix2pix', 'cyclegan']);
    expect(modelKinds.filter((model) => suits(model, 'unpaired'))).toEqual(['cyclegan']);
    expect([modelForKind('images'), modelForKind('paired'), modelForKind('unpaired')]).toEqual(['dcgan', 'pix2pix', 'cyclegan']);
  });

  it('names a run as main names it', () => {
    for (const model of modelKinds) {
      for (const resolution of resolutionsOf[model]) {
        const request: StartTrainingRequest = { dataset: 'Shapes', model, resolution };
        expect(defaultRunName('Shapes', model, resolution)).toBe(mainRunName(request));
      }
    }
    expect(defaultRunName('Fashion', 'dcgan', 32)).toBe('Fashion · DCGAN 32 px');
  });

  it('shows main’s defaults as the placeholders of the translation knobs', () => {
    expect(translationDefaults.learningRate).toBe(defaultPix2pixConfig.learningRate);
    expect(translationDefaults.learningRate).toBe(defaultCycleGanConfig.learningRate);
    expect(translationDefaults.direction).toBe(defaultPix2pixConfig.direction);
    expect(translationDefaults.l1Weight).toBe(defaultPix2pixConfig.l1Weight);
    expect(translationDefaults.cycleWeight).toBe(defaultCycleGanConfig.cycleWeight);
    expect(translationDefaults.identityWeight).toBe(defaultCycleGanConfig.identityWeight);
    const domains = { kind: 'domains', channelsA: 3, channelsB: 3, pairs: 100, countA: 100, countB: 100 } as const;
    const preset = { steps: 10, batchSize: 1, width: 8 };
    for (const resolution of resolutionsOf.cyclegan) {
      const config = translationConfigFor({ dataset: 'Scenes', model: 'cyclegan', resolution }, preset, domains);
      expect(config.architecture === 'cyclegan' && config.residualBlocks).toBe(defaultResidualBlocks(resolution));
    }
  });
});
