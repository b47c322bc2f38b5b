import { tourStepIndexOf, tourSteps, tourTarget, type TourCommand, type TourStep } from '../tour';
import { isFirstLaunch, rememberTourOutcome, type TourStore } from '../tour-memory';
import type { Navigation } from './navigation.svelte';

/**
 * The guided tour: whether it is showing, and where. Its step is the view on
 * screen — each step navigates to its view, and a click on the rail mid-tour
 * takes the tour along rather than leaving it pointing somewhere else.
 */
export class GuidedTour {
  active = $state(false);
  readonly #navigation: Navigation;
  readonly #store: TourStore;

  constructor(navigation: Navigation, store: TourStore) {
    this.#navigation = navigation;
    this.#store = store;
  }

  get index(): number {
    return tourStepIndexOf(this.#navigation.current);
  }

  get step(): TourStep {
    return tourSteps[this.index]!;
  }

  /** Shows the tour unless it has ended once before, by walking it or skipping it. */
  startOnFirstLaunch(): void {
    if (isFirstLaunch(this.#store)) this.start();
  }

  start(): void {
    this.#navigation.go(tourSteps[0]!.view);
    this.active = true;
  }

  command(command: TourCommand): void {
    if (!this.active) return;
    const target = tourTarget(this.index, command);
    if ('end' in target) {
      rememberTourOutcome(this.#store, target.end);
      this.active = false;
    } else {
      this.#navigation.go(tourSteps[target.step]!.view);
    }
  }
}
