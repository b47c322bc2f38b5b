import { describe, expect, it } from 'vitest';
import type { Pix2pixStepResult } from '../../../main/engine/train/pix2pix/step';
import type { CycleGanStepResult } from '../../../main/engine/train/cyclegan/step';
import type { DiscriminatorStepResult, GeneratorStepResult } from '../../../main/engine/train/dcgan/steps';
import type { FastGanDiscriminatorStepResult, FastGanGeneratorStepResult } from '../../../main/engine/train/fastgan/steps';
import { spectralArtefactLimit } from '../../../main/engine/metrics/spectral-artefacts';
import type { SeriesPoints } from '../../../renderer/src/lib/metric-series';
import { chartDataOf, chartedMetrics, chartsOf } from '../../../renderer/src/lib/run-charts';

/**
 * The names each family's engine records: its step results (checked by the
 * compiler against the engine's types) and its held-out measurements
 * (main/engine/train/{image-gan/quality,pix2pix/trainee,cyclegan/trainee}.ts).
 */
const dcganStep: (keyof DiscriminatorStepResult | keyof GeneratorStepResult)[] = ['lossD', 'lossG', 'dReal', 'dFake', 'signReal'];
const fastganStep: (keyof FastGanDiscriminatorStepResult | keyof FastGanGeneratorStepResult)[] = ['lossD', 'lossG', 'dReal', 'dFake', 'signReal', 'reconstruction'];
const pix2pixStep: (keyof Pix2pixStepResult)[] = ['lossG', 'lossGan', 'lossL1', 'lossD', 'dReal', 'dFake'];
const cycleGanStep: (keyof CycleGanStepResult)[] = ['lossG', 'lossGan', 'lossCycle', 'lossIdentity', 'lossD', 'lossDA', 'lossDB'];
const recorded = {
  fastgan: [...fastganStep, 'swd', 'spectral', 'spectralHarmonic'],
  dcgan: [...dcganStep, 'swd', 'spectral', 'spectralHarmonic'],
  pix2pix: [...pix2pixStep, 'heldOutL1', 'heldOutPsnr', 'heldOutSsim', 'spectral', 'spectralHarmonic'],
  cyclegan: [...cycleGanStep, 'cycleErrorA', 'cycleErrorB', 'cycleError'],
} as const;

const models = ['fastgan', 'dcgan', 'pix2pix', 'cyclegan'] as const;
const ids = (model: (typeof models)[number]) => chartsOf(model).map((chart) => chart.id);

describe('the charts of each family', () => {
  it('charts DCGAN’s losses, outputs, overfitting signal, and the spectral artefact score beside SWD', () => {
    expect(ids('dcgan')).toEqual(['losses', 'outputs', 'sign', 'swd', 'spectral']);
  });

  it('charts FastGAN as DCGAN, and its discriminator’s reconstruction error', () => {
    expect(ids('fastgan')).toEqual(['losses', 'outputs', 'sign', 'swd', 'spectral', 'reconstruction']);
    expect(chartsOf('fastgan').find((chart) => chart.id === 'reconstruction')!.metrics).toEqual(['reconstruction']);
  });

  it('marks the spectral artefact score’s warning level, the one the engine warns at', () => {
    for (const model of ['fastgan', 'dcgan', 'pix2pix'] as const) {
      const spectral = chartsOf(model).find((chart) => chart.id === 'spectral')!;
      expect(spectral.metrics).toEqual(['spectral', 'spectralHarmonic']);
      expect(spectral.reference).toBe(spectralArtefactLimit);
      expect(spectral.lines.at(-1)).toMatchObject({ dashed: true, label: 'Warning above' });
    }
  });

  it('charts pix2pix’s losses, generator terms, PatchGAN outputs and held-out L1, PSNR, SSIM and spectral artefacts', () => {
    expect(ids('pix2pix')).toEqual(['losses', 'generator-terms', 'outputs', 'held-out-l1', 'held-out-psnr', 'held-out-ssim', 'spectral']);
    expect(chartsOf('pix2pix').find((chart) => chart.id === 'generator-terms')!.metrics).toEqual(['lossGan', 'lossL1']);
  });

  it('charts CycleGAN’s losses, generator terms, each discriminator and the held-out cycle error', () => {
    expect(ids('cyclegan')).toEqual(['losses', 'generator-terms', 'discriminators', 'cycle-error']);
    expect(chartsOf('cyclegan').find((chart) => chart.id === 'generator-terms')!.metrics).toEqual(['lossGan', 'lossCycle', 'lossIdentity']);
    expect(chartsOf('cyclegan').find((chart) => chart.id === 'discriminators')!.metrics).toEqual(['lossDA', 'lossDB']);
  });

  it('draws only metrics the family records, each with a line of its own', () => {
    for (const model of models) {
      const names: readonly string[] = recorded[model];
      for (const chart of chartsOf(model)) {
        for (const metric of chart.metrics) expect(names, `${model} ${chart.id}`).toContain(metric);
        expect(chart.lines.length).toBe(chart.metrics.length + (chart.reference === undefined ? 0 : 1));
      }
    }
  });

  it('reads every charted metric of every family, each once', () => {
    const all = models.flatMap((model) => chartsOf(model).flatMap((chart) => chart.metrics));
    expect([...chartedMetrics].sort()).toEqual([...new Set(all)].sort());
  });

  it('lines the chart’s series up and adds its reference level as the last line', () => {
    const held: Record<string, SeriesPoints> = { signReal: { steps: [1, 2, 3], values: [0.1, 0.5, 0.7] } };
    const sign = chartsOf('dcgan').find((chart) => chart.id === 'sign')!;
    expect(chartDataOf(sign, (metric) => held[metric], 800)).toEqual({ x: [1, 2, 3], ys: [[0.1, 0.5, 0.7], [0.6, 0.6, 0.6]] });
    const losses = chartsOf('pix2pix')[0]!;
    expect(chartDataOf(losses, (metric) => held[metric], 800)).toEqual({ x: [], ys: [[], []] });
  });
});
