import { describe, expect, it } from 'vitest';
import type { RunSummary, TrainingProgress } from '../../../preload/contract';
import { applyProgress, statusAfter } from '../../../renderer/src/lib/run-progress';

const run: RunSummary = {
  id: 1,
  name: 'Fashion · DCGAN 32 px',
  dataset: 'Fashion',
  imported: false,
  model: 'dcgan',
  resolution: 32,
  status: 'running',
  step: 10,
  totalSteps: 100,
  createdAt: 0,
  trainSeconds: 3,
  error: null,
  previewUrl: '/asset/blob/old',
};

const event = (changes: Partial<TrainingProgress>): TrainingProgress => ({
  runId: 1,
  status: 'running',
  step: 12,
  totalSteps: 100,
  lossD: 1.3,
  lossG: 0.7,
  imagesPerSecond: 100,
  etaSeconds: 20,
  previewUrl: null,
  checkpointId: null,
  message: 'Step 12',
  ...changes,
});

describe('applyProgress', () => {
  it('moves the step and keeps the preview until a new one arrives', () => {
    expect(applyProgress(run, event({}))).toMatchObject({ step: 12, status: 'running', previewUrl: '/asset/blob/old' });
    expect(applyProgress(run, event({ previewUrl: '/asset/blob/new' }))).toMatchObject({ previewUrl: '/asset/blob/new' });
  });

  it('takes a new total (training further) and a settled status', () => {
    expect(applyProgress(run, event({ status: 'paused', totalSteps: 200 }))).toMatchObject({ status: 'paused', totalSteps: 200 });
  });

  it('does not move the bar back for a preview that was stored late', () => {
    expect(applyProgress({ ...run, step: 20 }, event({ step: 10, previewUrl: '/asset/blob/late' }))).toMatchObject({ step: 20, previewUrl: '/asset/blob/late' });
  });
});

describe('statusAfter', () => {
  it('keeps a finished run finished when its last preview arrives after the end', () => {
    expect(statusAfter('completed', { status: 'running', previewUrl: '/asset/blob/last' })).toBe('completed');
    expect(statusAfter('paused', { status: 'running', previewUrl: '/asset/blob/last' })).toBe('paused');
  });

  it('follows every other event', () => {
    expect(statusAfter('paused', { status: 'running', previewUrl: null })).toBe('running');
    expect(statusAfter('queued', { status: 'running', previewUrl: '/asset/blob/first' })).toBe('running');
    expect(statusAfter('running', { status: 'completed', previewUrl: null })).toBe('completed');
  });
});
