import { describe, expect, it } from 'vitest';
import { tourCounter, tourKeyCommand, tourStepIndexOf, tourSteps, tourTarget } from '../../../renderer/src/lib/tour';
import { views } from '../../../renderer/src/lib/views';

describe('the tour steps', () => {
  it('visit every view once, in the rail order, so Next walks down the rail', () => {
    expect(tourSteps.map((step) => step.view)).toEqual(views.map((view) => view.id));
    for (const [index, view] of views.entries()) expect(tourStepIndexOf(view.id)).toBe(index);
  });

  it('each say what the view is for and one thing to try, briefly', () => {
    for (const step of tourSteps) {
      expect(step.title.length).toBeGreaterThan(0);
      expect(step.purpose.length).toBeLessThanOrEqual(160);
      expect(step.tryFirst.length).toBeLessThanOrEqual(90);
    }
  });

  it('count as "3 of 8"', () => {
    expect(tourCounter(0)).toBe('1 of 8');
    expect(tourCounter(2)).toBe('3 of 8');
    expect(tourCounter(7)).toBe('8 of 8');
  });
});

describe('moving through the tour', () => {
  it('goes on a step with Next and back one with Back, never before the first', () => {
    expect(tourTarget(2, 'next')).toEqual({ step: 3 });
    expect(tourTarget(2, 'back')).toEqual({ step: 1 });
    expect(tourTarget(0, 'back')).toEqual({ step: 0 });
  });

  it('finishes with Next on the last step, and ends as skipped from anywhere', () => {
    expect(tourTarget(tourSteps.length - 1, 'next')).toEqual({ end: 'finished' });
    expect(tourTarget(0, 'skip')).toEqual({ end: 'skipped' });
    expect(tourTarget(5, 'skip')).toEqual({ end: 'skipped' });
  });
});

describe('the callout keys', () => {
  it('map arrows, Enter and Escape to the tour', () => {
    expect(tourKeyCommand('ArrowRight', false)).toBe('next');
    expect(tourKeyCommand('ArrowLeft', true)).toBe('back');
    expect(tourKeyCommand('Escape', true)).toBe('skip');
    expect(tourKeyCommand('Enter', false)).toBe('next');
  });

  it("leave Enter on a button to the button, and other keys to the page", () => {
    expect(tourKeyCommand('Enter', true)).toBeNull();
    expect(tourKeyCommand('3', false)).toBeNull();
    expect(tourKeyCommand('ArrowDown', false)).toBeNull();
  });
});
