import { describe, expect, it } from 'vitest';
import { createTrials, importTrials, trainTrials } from '../../../crash/kill-trials';

/**
 * SIGKILL at random moments (a fixed seed, so a failure can be run again with
 * `npx tsx tests/crash/kill-trials.ts --seed 7`); each trial checks the
 * project opens whole and the same command then finishes the work. CI runs
 * 8 kills of each; the script runs 20 of each by default.
 */
describe('processes killed at random moments (built CLI)', () => {
  it('creating a project: 8 kills leave no folder or a usable project', async () => {
    const report = await createTrials(8, 7);
    expect(report.outcomes).toHaveLength(8);
    // The delays reach both sides of the create: some kills find nothing made yet, some a project.
    expect(report.outcomes.some((outcome) => outcome.endsWith('no folder'))).toBe(true);
    expect(report.outcomes.some((outcome) => outcome.includes('project with'))).toBe(true);
  }, 240_000);

  it('importing: 8 kills leave a library that opens whole, and the import run again completes', async () => {
    const report = await importTrials(8, 7);
    expect(report.outcomes.some((outcome) => /project with [1-9]\d* images/.test(outcome))).toBe(true);
  }, 240_000);

  it('training: 8 kills leave every checkpoint recorded and whole, and the run resumes', async () => {
    const report = await trainTrials(8, 7);
    const steps = report.outcomes.map((outcome) => Number(/from step (\d+)/.exec(outcome)?.[1]));
    // Each resume kept what the killed one had checkpointed: the run never went back.
    expect(steps.every((step, index) => index === 0 || step >= steps[index - 1]!)).toBe(true);
    expect(steps.at(-1)!).toBeGreaterThan(steps[0]!);
  }, 240_000);
});
