import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../../preload/contract';
import { EventBus } from '../../../../main/api/events';
import { Job, Jobs } from '../../../../main/jobs/jobs';

function recording() {
  const events = new EventBus();
  const seen: JobProgress[] = [];
  events.subscribe((event, payload) => event === 'jobProgress' && seen.push(payload as JobProgress));
  return { events, seen };
}

describe('jobs', () => {
  it('report counts, steps and an ETA from the rate so far, then done', () => {
    const { events, seen } = recording();
    let now = 1_000;
    const job = new Job(events, 'import', 'Importing photos', 10, () => {}, () => now);
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

  it('send at most ten updates a second, but always the last one', () => {
    const { events, seen } = recording();
    let now = 0;
    const job = new Job(events, 'import', 'Importing', 1000, () => {}, () => now);
    for (let n = 1; n <= 1000; n++) {
      now += 1; // 1 ms per image
      job.update(n, 1000, `image ${n}`);
    }
    const updates = seen.filter((p) => p.state === 'running').map((p) => p.completed);
    expect(updates.length).toBeLessThanOrEqual(12);
    expect(updates.at(-1)).toBe(1000);
  });

  it('report a failure with its reason', () => {
    const { events, seen } = recording();
    new Job(events, 'probe', 'Checking', 4).fail('engine crashed');
    expect(seen.at(-1)).toMatchObject({ state: 'failed', message: 'engine crashed' });
  });

  it('can be cancelled by id while running, and not after', () => {
    const { events, seen } = recording();
    const jobs = new Jobs(events);
    const job = jobs.start('import', 'Importing', 100);
    expect(job.signal.aborted).toBe(false);
    expect(jobs.cancel(job.jobId)).toBe(true);
    expect(job.signal.aborted).toBe(true);
    job.cancelled('Stopped after 40 of 100');
    expect(seen.at(-1)).toMatchObject({ state: 'cancelled', message: 'Stopped after 40 of 100' });
    expect(jobs.cancel(job.jobId)).toBe(false);
    expect(jobs.cancel('no-such-job')).toBe(false);
  });

  it('keep delivering to other listeners when one throws', () => {
    const events = new EventBus();
    let delivered = 0;
    events.subscribe(() => {
      throw new Error('broken window');
    });
    events.subscribe(() => delivered++);
    const original = console.error;
    console.error = () => {};
    try {
      new Job(events, 'probe', 'Checking', 1).finish();
    } finally {
      console.error = original;
    }
    expect(delivered).toBe(2);
  });
});
