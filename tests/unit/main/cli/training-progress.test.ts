import { describe, expect, it } from 'vitest';
import type { MetricSeries, TrainingProgress } from '../../../../preload/contract';
import { MetricStream, type MetricPoint } from '../../../../main/cli/metric-stream';
import { trainingProgressLine } from '../../../../main/cli/progress';
import type { Studio } from '../../../../main/studio';

const progress: TrainingProgress = {
  runId: 3,
  status: 'running',
  step: 1200,
  totalSteps: 6000,
  lossD: 1.2042,
  lossG: 0.9131,
  imagesPerSecond: 96.4,
  etaSeconds: 310.2,
  previewUrl: null,
  checkpointId: null,
  message: 'Step 1200',
};

describe('the train command’s progress line', () => {
  it('shows the newest SWD beside the losses when there is one', () => {
    expect(trainingProgressLine(progress, 41.23)).toBe('Run 3  step 1,200/6,000  D 1.204  G 0.913  SWD 41.2  96 img/s  ETA 310 s  Step 1200');
    expect(trainingProgressLine(progress, null)).toBe('Run 3  step 1,200/6,000  D 1.204  G 0.913  96 img/s  ETA 310 s  Step 1200');
  });
});

/** A studio whose training.metrics answers from `recorded`, as the repository does: steps after `afterStep`, by name. */
function studioRecording(recorded: MetricPoint[]): { studio: Studio; afterSteps: number[] } {
  const afterSteps: number[] = [];
  const dispatch = async (method: string, [request]: unknown[]) => {
    expect(method).toBe('training.metrics');
    const { runId, afterStep } = request as { runId: number; afterStep: number };
    expect(runId).toBe(3);
    afterSteps.push(afterStep);
    // Answers after a turn of the event loop, so reads asked for together would overlap if they were not queued.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const names = [...new Set(recorded.map((point) => point.name))].sort();
    const value: MetricSeries[] = names.map((name) => {
      const points = recorded.filter((point) => point.name === name && point.step > afterStep);
      return { name, steps: points.map((point) => point.step), values: points.map((point) => point.value) };
    });
    return { ok: true as const, value };
  };
  return { studio: { dispatch } as unknown as Studio, afterSteps };
}

describe('streaming a run’s metric points', () => {
  it('hands on each new point once, in step order, however often it is asked', async () => {
    const recorded: MetricPoint[] = [
      { step: 1, name: 'lossG', value: 0.7 },
      { step: 1, name: 'lossD', value: 1.4 },
      { step: 2, name: 'lossD', value: 1.3 },
    ];
    const { studio, afterSteps } = studioRecording(recorded);
    const received: MetricPoint[] = [];
    const stream = new MetricStream(studio, 3, 0, (points) => received.push(...points));
    await Promise.all([stream.read(), stream.read()]);
    expect(received).toEqual([
      { step: 1, name: 'lossD', value: 1.4 },
      { step: 1, name: 'lossG', value: 0.7 },
      { step: 2, name: 'lossD', value: 1.3 },
    ]);
    recorded.push({ step: 3, name: 'swd', value: 41 }, { step: 3, name: 'lossD', value: 1.2 });
    await stream.read();
    expect(received.slice(3)).toEqual([
      { step: 3, name: 'lossD', value: 1.2 },
      { step: 3, name: 'swd', value: 41 },
    ]);
    expect(afterSteps).toEqual([0, 2, 2]);
  });

  it('skips what was recorded before it started', async () => {
    const { studio } = studioRecording([
      { step: 100, name: 'swd', value: 50 },
      { step: 101, name: 'lossD', value: 1 },
    ]);
    const received: MetricPoint[] = [];
    await new MetricStream(studio, 3, 100, (points) => received.push(...points)).read();
    expect(received).toEqual([{ step: 101, name: 'lossD', value: 1 }]);
  });
});
