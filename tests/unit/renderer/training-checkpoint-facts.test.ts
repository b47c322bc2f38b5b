import { describe, expect, it } from 'vitest';
import type { CheckpointSummary } from '../../../preload/contract';
import { qualityMetricOf as mainQualityMetric } from '../../../main/training/retention';
import { bestCheckpointId, checkpointFacts, checkpointLinks, qualityMetricOf } from '../../../renderer/src/lib/checkpoint-facts';

const checkpoint = (id: number, metrics: Record<string, number>): CheckpointSummary => ({
  id,
  runId: 1,
  step: id * 10,
  sizeBytes: 1000,
  sha256: '0'.repeat(64),
  metrics,
  createdAt: 0,
  previewUrl: null,
  damage: null,
});

describe('what a checkpoint shows', () => {
  it('lists the held-out metrics of its family, in order, leaving out the unmeasured', () => {
    expect(checkpointFacts('pix2pix', { heldOutL1: 0.1234, heldOutPsnr: 18.25, heldOutSsim: 0.6512 }).map(({ label, value }) => `${label} ${value}`)).toEqual([
      'L1 0.123',
      'PSNR 18.3 dB',
      'SSIM 0.651',
    ]);
    expect(checkpointFacts('cyclegan', { cycleErrorA: 0.2, cycleErrorB: 0.3, cycleError: 0.25 }).map((fact) => fact.label)).toEqual(['Cycle error', 'A→B→A', 'B→A→B']);
    expect(checkpointFacts('dcgan', { swd: 12.5, diversity: 0.3 }).map(({ label, value }) => `${label} ${value}`)).toEqual(['SWD 12.5']);
    expect(checkpointFacts('fastgan', { swd: 8.25, reconstruction: 0.4 }).map(({ label, value }) => `${label} ${value}`)).toEqual(['SWD 8.25']);
    expect(checkpointFacts('pix2pix', {})).toEqual([]);
  });

  it('marks the best checkpoint by the metric main keeps the best by', () => {
    for (const model of ['fastgan', 'dcgan', 'pix2pix', 'cyclegan'] as const) expect(qualityMetricOf[model]).toBe(mainQualityMetric(model));
    const run = [checkpoint(1, { heldOutL1: 0.3 }), checkpoint(2, { heldOutL1: 0.1 }), checkpoint(3, { heldOutL1: 0.2 }), checkpoint(4, {})];
    expect(bestCheckpointId('pix2pix', run)).toBe(2);
    expect(bestCheckpointId('cyclegan', run)).toBeNull();
    // One measured checkpoint is not a choice worth marking.
    expect(bestCheckpointId('pix2pix', run.slice(0, 1))).toBeNull();
  });

  it('links a translation checkpoint to Translate, and CycleGAN’s to Style too', () => {
    expect(checkpointLinks('fastgan', 5)).toEqual([]);
    expect(checkpointLinks('dcgan', 5)).toEqual([]);
    expect(checkpointLinks('pix2pix', 5)).toEqual([{ label: 'Translate', href: '#/translate?checkpoint=5' }]);
    expect(checkpointLinks('cyclegan', 9)).toEqual([
      { label: 'Translate', href: '#/translate?checkpoint=9' },
      { label: 'Style', href: '#/style?checkpoint=9' },
    ]);
  });
});
