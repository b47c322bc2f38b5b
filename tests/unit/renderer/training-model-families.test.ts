import { describe, expect, it } from 'vitest';
import type { BackendName, StartTrainingRequest } from '../../../preload/contract';
import { defaultCycleGanConfig, defaultPix2pixConfig } from '../../../main/engine/models/config';
import { dcganConfigFor } from '../../../main/training/dcgan-config';
import { fastGanConfigFor } from '../../../main/training/fastgan-config';
import { defaultRunName as mainRunName } from '../../../main/training/plan';
import { gpuBackends, largestCpuResolution, resolutionsOf as mainResolutions } from '../../../main/training/presets';
import { translationConfigFor } from '../../../main/training/translation-config';
import { defaultResidualBlocks, defaultRunName, isGpuBackend, modelForKind, modelKinds, offeredResolutions, resolutionFor, resolutionsOf, suits, translationDefaults } from '../../../renderer/src/lib/model-families';
import { isNoiseModel } from '../../../preload/model-kinds';

const backends: readonly BackendName[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

describe('model families', () => {
  it('offers the resolutions main trains each family at', () => {
    for (const model of modelKinds) expect(resolutionsOf[model]).toEqual(mainResolutions[model]);
  });

  it('offers FastGAN’s 512 and 1024 px only where the engine computes on a GPU, as main allows them', () => {
    expect(offeredResolutions('fastgan', 'tensorflow-gpu')).toEqual([32, 64, 128, 256, 512, 1024]);
    for (const backend of ['tensorflow', 'wasm', 'cpu', null] as const) expect(offeredResolutions('fastgan', backend)).toEqual([32, 64, 128, 256]);
    for (const backend of backends) {
      expect(isGpuBackend(backend)).toBe(gpuBackends.includes(backend));
      for (const model of modelKinds) {
        const withheld = resolutionsOf[model].filter((size) => !offeredResolutions(model, backend).includes(size));
        expect(withheld, `${model} on ${backend}`).toEqual(gpuBackends.includes(backend) ? [] : resolutionsOf[model].filter((size) => size > largestCpuResolution));
      }
    }
    // Still probing: no GPU yet.
    expect(isGpuBackend(null)).toBe(false);
  });

  it('keeps the resolution where the new family trains at it, else moves to the nearest one it does', () => {
    expect(resolutionFor(resolutionsOf.pix2pix, 64)).toBe(64);
    expect(resolutionFor(resolutionsOf.pix2pix, 32)).toBe(64);
    expect(resolutionFor(resolutionsOf.cyclegan, 128)).toBe(128);
    expect(resolutionFor(resolutionsOf.dcgan, 256)).toBe(128);
    expect(resolutionFor(resolutionsOf.dcgan, 32)).toBe(32);
    expect(resolutionFor(resolutionsOf.fastgan, 256)).toBe(256);
    // A GPU size once the engine computes on the CPU.
    expect(resolutionFor(offeredResolutions('fastgan', 'tensorflow'), 1024)).toBe(256);
  });

  it('puts FastGAN first, and gives it an image set unless the person picks DCGAN', () => {
    expect(modelKinds).toEqual(['fastgan', 'dcgan', 'pix2pix', 'cyclegan']);
    expect(modelKinds.filter((model) => suits(model, 'images'))).toEqual(['fastgan', 'dcgan']);
    expect(modelKinds.filter((model) => suits(model, 'paired'))).toEqual(['pix2pix', 'cyclegan']);
    expect(modelKinds.filter((model) => suits(model, 'unpaired'))).toEqual(['cyclegan']);
    expect([modelForKind('images'), modelForKind('paired'), modelForKind('unpaired')]).toEqual(['fastgan', 'pix2pix', 'cyclegan']);
    expect(modelKinds.filter(isNoiseModel)).toEqual(['fastgan', 'dcgan']);
  });

  it('says what Automatic augmentation does as main decides it', () => {
    const preset = { steps: 10, batchSize: 8, width: 8 };
    const facts = (itemCount: number) => ({ kind: 'images', channels: 1, classCount: 0, itemCount }) as const;
    // FastGAN: always on, whatever the size of the set.
    for (const itemCount of [100, 60_000]) expect(fastGanConfigFor({ dataset: 'Fashion', model: 'fastgan', resolution: 64 }, preset, facts(itemCount)).augment).not.toBeNull();
    // DCGAN: on under 5,000 images.
    expect(dcganConfigFor({ dataset: 'Fashion', model: 'dcgan', resolution: 32 }, preset, facts(4_999)).augment).not.toBeNull();
    expect(dcganConfigFor({ dataset: 'Fashion', model: 'dcgan', resolution: 32 }, preset, facts(5_000)).augment).toBeNull();
  });

  it('names a run as main names it', () => {
    for (const model of modelKinds) {
      for (const resolution of resolutionsOf[model]) {
        const request: StartTrainingRequest = { dataset: 'Shapes', model, resolution };
        expect(defaultRunName('Shapes', model, resolution)).toBe(mainRunName(request));
      }
    }
    expect(defaultRunName('Fashion', 'dcgan', 32)).toBe('Fashion · DCGAN 32 px');
    expect(defaultRunName('Fashion', 'fastgan', 64)).toBe('Fashion · FastGAN 64 px');
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
