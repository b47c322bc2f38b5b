import { StudioError, type ProjectSummary } from '../../preload/contract';
import type { EventBus } from '../api/events';
import { openLibrary, type Library } from './library';
import { createProjectFolder } from './project';
import { pauseInterruptedRuns } from './repos/runs';

/** The project every service works in; switching it closes the old library and tells every window. */
export class CurrentProject {
  readonly #events: EventBus;
  #library: Library | null = null;

  constructor(events: EventBus) {
    this.#events = events;
  }

  get summary(): ProjectSummary | null {
    return this.#library?.summary ?? null;
  }

  /** The open library, or a clear error for services that need one. */
  get library(): Library {
    if (!this.#library) throw new StudioError('NOT_FOUND', 'No project is open: open or create one in the Library view');
    return this.#library;
  }

  open(path: string): ProjectSummary {
    const library = openLibrary(path);
    // Runs left training by a crash or a kill can be resumed from their last checkpoint.
    pauseInterruptedRuns(library.db);
    return this.#switchTo(library);
  }

  create(path: string): ProjectSummary {
    return this.#switchTo(openLibrary(createProjectFolder(path).root));
  }

  close(): void {
    this.#library?.close();
    this.#library = null;
  }

  #switchTo(library: Library): ProjectSummary {
    this.#library?.close();
    this.#library = library;
    this.#events.emit('projectChanged', library.summary);
    return library.summary;
  }
}
