/**
 * How a front door a person launches (the desktop app, `serve`) opens the
 * default project: made on first launch and filled with the starter content
 * in the background, so the window or URL appears at once and the views
 * fill in when it is ready (the status bar shows the job meanwhile).
 * One-off CLI commands make a plain default project instead.
 */
import { existsSync } from 'node:fs';
import type { Envelope, ProjectSummary } from '../../preload/contract';
import { openOrCreateProject, type Studio } from '../studio';
import { seedStarterProject, type StarterReport } from './seed-starter';
import { isStarterPending, markStarterPending } from './starter-marker';

export interface OpenedDefaultProject {
  readonly opened: Envelope<ProjectSummary>;
  /** The starter content being added, or null when the project needs none. */
  readonly starter: Promise<StarterReport> | null;
}

export async function openDefaultProject(studio: Studio, path: string, starterAssets: string | null): Promise<OpenedDefaultProject> {
  const isNew = !existsSync(path);
  const opened = await openOrCreateProject(studio, path);
  if (!opened.ok || starterAssets === null) return { opened, starter: null };
  const root = opened.value.path;
  if (isNew) markStarterPending(root);
  return { opened, starter: isStarterPending(root) ? seedStarterProject(studio, starterAssets, root) : null };
}
