/**
 * The composition root every front door shares: Electron, serve mode and the
 * CLI each build one Studio and differ only in how they reach it.
 */
import { existsSync, statSync } from 'node:fs';
import { StudioError, type BackendName, type Envelope, type ProjectSummary, type StudioMode } from '../preload/contract';
import { createDispatcher, type Dispatch } from './api/dispatch';
import { EventBus } from './api/events';
import { createServices } from './api/services';
import { EngineHost } from './engine/host';
import { Jobs } from './jobs/jobs';
import type { SpawnEngine } from './engine/protocol';
import { CurrentProject } from './library/current-project';
import { defaultAccess, type LibraryAccess } from './library/library';
import { isEmptyProjectFolder } from './library/project';
import { ComputeBackends } from './system/compute';
import { loadSettings } from './system/settings';
import { Trainer } from './training/trainer';

export interface Studio {
  readonly dispatch: Dispatch;
  readonly events: EventBus;
  readonly project: CurrentProject;
  readonly compute: ComputeBackends;
  readonly jobs: Jobs;
  /** Stops the engine process and closes the library; call before exit. */
  close(): void;
}

export interface StudioOptions {
  /** Compute on this backend rather than the fastest that loads, for this process (--backend). */
  readonly backend?: BackendName | null;
  /** The app's settings file: the remembered backend choice, unless `backend` overrides it. */
  readonly settingsFile?: string | null;
  /** Whether this process writes its projects (holding each one's lock) or only reads them. */
  readonly access?: LibraryAccess;
}

export function createStudio(mode: StudioMode, spawnEngine: SpawnEngine, options: StudioOptions = {}): Studio {
  const events = new EventBus();
  const engine = new EngineHost(spawnEngine);
  const project = new CurrentProject(events, options.access ?? defaultAccess);
  const jobs = new Jobs(events);
  const settingsFile = options.settingsFile ?? null;
  const compute = new ComputeBackends(engine, jobs, options.backend ?? (settingsFile ? loadSettings(settingsFile).backend : null));
  const trainer = new Trainer(project, engine, compute, jobs, events);
  return {
    dispatch: createDispatcher(createServices({ mode, compute, project, jobs, engine, trainer, settingsFile })),
    events,
    project,
    compute,
    jobs,
    close: () => {
      trainer.close();
      jobs.cancelAll();
      engine.stop();
      project.close();
    },
  };
}

/**
 * A folder that is not there yet becomes a new project: how the default
 * project appears on first run. So does one a killed create left empty.
 */
export function openOrCreateProject(studio: Studio, path: string): Promise<Envelope<ProjectSummary>> {
  const isNew = !existsSync(path) || (statSync(path).isDirectory() && isEmptyProjectFolder(path));
  return studio.dispatch(isNew ? 'library.create' : 'library.open', [{ path }]) as Promise<Envelope<ProjectSummary>>;
}

/** A call through the dispatcher, as a front door makes one: the value, or the service's error thrown. */
export async function call<T>(studio: Studio, method: string, args: unknown[] = []): Promise<T> {
  const envelope = await studio.dispatch(method, args);
  if (!envelope.ok) throw new StudioError(envelope.error.code, envelope.error.message);
  return envelope.value as T;
}
