/**
 * Whether this studio has shown its guided tour, kept in the renderer's
 * localStorage (the page is sandboxed; storage works under Electron's
 * studio:// scheme and in serve mode alike). Namespaced, and versioned so a
 * rewritten tour can be offered once more.
 */
export const tourMemoryKey = 'latent-studio.tour.v1';

/** How the tour last ended: walked to the end, or skipped. */
export type TourOutcome = 'finished' | 'skipped';

/** The part of the Web Storage API the tour needs, so tests can pass a plain map. */
export interface TourStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** True until the tour has ended once, by either way. */
export function isFirstLaunch(store: TourStore): boolean {
  const outcome = store.getItem(tourMemoryKey);
  return outcome !== 'finished' && outcome !== 'skipped';
}

export function rememberTourOutcome(store: TourStore, outcome: TourOutcome): void {
  store.setItem(tourMemoryKey, outcome);
}
