import { describe, expect, it } from 'vitest';
import { placeTourCallout } from '../../../renderer/src/lib/tour-placement';

const tabHeight = 56;

describe('placing the tour callout', () => {
  it('sits right of the tab, its top level with the tab, the arrow at the tab middle', () => {
    const placed = placeTourCallout({ top: 60, right: 90, height: tabHeight }, 220, 800);
    expect(placed).toEqual({ left: 104, top: 60, arrowTop: 28 });
  });

  it('moves up to stay inside the window near its bottom, the arrow still on the tab', () => {
    const placed = placeTourCallout({ top: 700, right: 90, height: tabHeight }, 220, 800);
    expect(placed.top).toBe(800 - 220 - 12);
    expect(placed.top + placed.arrowTop).toBe(700 + tabHeight / 2);
  });

  it('keeps inside the top edge, and its arrow inside its rounded corners', () => {
    const placed = placeTourCallout({ top: -40, right: 90, height: tabHeight }, 220, 800);
    expect(placed.top).toBe(12);
    expect(placed.arrowTop).toBe(16);
  });

  it('keeps to the top in a window shorter than the callout', () => {
    expect(placeTourCallout({ top: 300, right: 90, height: tabHeight }, 500, 400).top).toBe(12);
  });
});
