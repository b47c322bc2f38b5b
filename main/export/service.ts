/** The export namespace: finished images out of the studio with their provenance inside, and recall of it. */
import type { StudioApi } from '../../preload/contract';
import type { Jobs } from '../jobs/jobs';
import type { CurrentProject } from '../library/current-project';
import { makeContactSheet } from './contact-sheet';
import { exportFormats } from './formats';
import { recentExports } from './history';
import { exportImages, planExport } from './images';
import { recallImage } from './recall';
import { sizePresets } from './sizes';
import { makeSpriteSheet } from './sprite-sheet';
import { defaultTemplate, templateFields } from './template';

export function exportService(project: CurrentProject, jobs: Jobs): StudioApi['export'] {
  return {
    options: async () => ({ formats: exportFormats, sizes: sizePresets, templateFields, defaultTemplate }),
    plan: async (request) => planExport(project.library, request),
    images: (request) => exportImages(project.library, jobs, request),
    contactSheet: (request) => makeContactSheet(project.library, jobs, request),
    spriteSheet: (request) => makeSpriteSheet(project.library, jobs, request),
    recall: (request) => recallImage(project.library, request),
    history: async () => recentExports(project.library.db),
  };
}
