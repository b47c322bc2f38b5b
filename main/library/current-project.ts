import type { ProjectSummary } from '../../preload/contract';
import type { EventBus } from '../api/events';
import { createProject, openProject } from './project';

/** The project every service works in; switching it tells every window. */
export class CurrentProject {
  readonly #events: EventBus;
  #project: ProjectSummary | null = null;

  constructor(events: EventBus) {
    this.#events = events;
  }

  get summary(): ProjectSummary | null {
    return this.#project;
  }

  open(path: string): ProjectSummary {
    return this.#switchTo(openProject(path));
  }

  create(path: string): ProjectSummary {
    return this.#switchTo(createProject(path));
  }

  #switchTo(project: ProjectSummary): ProjectSummary {
    this.#project = project;
    this.#events.emit('projectChanged', project);
    return project;
  }
}
