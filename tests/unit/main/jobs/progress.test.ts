import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../../preload/contract';
import { EventBus } from '../../../../main/api/events';
import { JobReporter } from '../../../../main/jobs/progress';

describe('job progress', () => {
  it('reports counts, steps and an ETA from the rate so far, then done', () => {
    const events = new EventBus();
    const seen: JobProgress[] = [];
    events.subscribe((event, payload) => event === 'jobProgress' && seen.push(payload as JobProgress));
    let now = 1_000;
    const job = new JobReporter(events, 'import', 'Importing photos', 10, () => now);
    now += 4_000;
    job.update(2, 10, 'photo-3.jpg');
    job.finish();
    expect(seen.map((p) => [p.state, p.completed, p.etaSeconds, p.message])).toEqual([
      ['running', 0, null, 'Starting'],
      ['running', 2, 16, 'photo-3.jpg'],
      ['done', 10, null, 'Done'],
    ]);
    expect(new Set(seen.map((p) => p.jobId)).size).toBe(1);
  });

  it('reports a failure with its reason', () => {
    const events = new EventBus();
    const seen: JobProgress[] = [];
    events.subscribe((_event, payload) => seen.push(payload as JobProgress));
    new JobReporter(events, 'probe', 'Checking', 4).fail('engine crashed');
    expect(seen.at(-1)).toMatchObject({ state: 'failed', message: 'engine crashed' });
  });

  it('keeps delivering to other listeners when one throws', () => {
    const events = new EventBus();
    let delivered = 0;
    events.subscribe(() => {
      throw new Error('broken window');
    });
    events.subscribe(() => delivered++);
    const original = console.error;
    console.error = () => {};
    try {
      new JobReporter(events, 'probe', 'Checking', 1).finish();
    } finally {
      console.error = original;
    }
    expect(delivered).toBe(2);
  });
});
