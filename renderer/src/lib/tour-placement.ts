/** The rail tab a tour step points at, as the page measures it. */
export interface TourAnchor {
  readonly top: number;
  readonly right: number;
  readonly height: number;
}

export interface TourPlacement {
  readonly left: number;
  readonly top: number;
  /** Where the callout's arrow sits, from the callout's top: level with the tab's middle. */
  readonly arrowTop: number;
}

/** Space kept between the callout and the tab, and between the callout and the window's edges. */
const gap = 14;
const margin = 12;
/** The arrow stays this far inside the callout's rounded corners. */
const arrowInset = 16;

/**
 * Puts the callout right of its tab, its top level with the tab's top, so the
 * view's heading above stays in sight; near the window's bottom it moves up
 * to fit, and the arrow slides down to keep pointing at the tab.
 */
export function placeTourCallout(anchor: TourAnchor, calloutHeight: number, viewportHeight: number): TourPlacement {
  const lowest = Math.max(margin, viewportHeight - calloutHeight - margin);
  const top = Math.min(Math.max(margin, anchor.top), lowest);
  const middle = anchor.top + anchor.height / 2 - top;
  const arrowTop = Math.min(Math.max(arrowInset, middle), Math.max(arrowInset, calloutHeight - arrowInset));
  return { left: anchor.right + gap, top, arrowTop };
}
