import { resolve } from 'node:path';
import { StudioError, type ProjectSummary } from '../../preload/contract';
import type { EventBus } from '../api/events';
import { defaultAccess, openLibrary, type Library, type LibraryAccess } from './library';
import { createProjectFolder } from './project';

/**
 * The project every service works in; switching it closes the old library
 * (releasing its lock) and tells every window. `access` says whether this
 * process writes its projects (the app, serve, writing commands) or only
 * reads them.
 */
export class CurrentProject {
  readonly #events: EventBus;
  readonly #access: LibraryAccess;
  #library: Library | null = null;

  constructor(events: EventBus, access: LibraryAccess = defaultAccess) {
    this.#events = events;
    this.#access = access;
  }

  get summary(): ProjectSummary | null {
    return this.#library?.summary ?? null;
  }

  /** The open library, or a clear error for services that need one. */
  get library(): Library {
    if (!this.#library) throw new StudioError('NOT_FOUND', 'No project is open: open or create one in the Library view');
    return this.#library;
  }

  /** A project that fails to open leaves the current one open, unless it is the current one (whose lock must be let go first). */
  open(path: string): ProjectSummary {
    if (this.#library && resolve(this.#library.folders.root) === resolve(path)) this.close();
    return this.#switchTo(openLibrary(path, this.#access));
  }

  create(path: string): ProjectSummary {
    return this.#switchTo(openLibrary(createProjectFolder(path).root, this.#access));
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
