import { findView, views, type ViewId } from '../views';

/**
 * Which view is showing. The URL hash is the source of truth (#/explore), so
 * reloads, the back button and links all land on the right view.
 */
export class Navigation {
  current = $state<ViewId>('library');
  readonly #page: Window;

  constructor(page: Window) {
    this.#page = page;
    // A query after the id (#/translate?checkpoint=12) is for the view to read.
    const sync = () => (this.current = findView(page.location.hash.replace(/^#\/?/, '').split('?')[0]!)?.id ?? 'library');
    sync();
    page.addEventListener('hashchange', sync);
  }

  go(id: ViewId): void {
    this.current = id;
    this.#page.location.hash = `#/${id}`;
  }

  /** Moves `step` views along the rail, wrapping around; returns where it went. */
  move(step: number): ViewId {
    const index = views.findIndex((view) => view.id === this.current);
    const target = views[(index + step + views.length) % views.length]!.id;
    this.go(target);
    return target;
  }
}
