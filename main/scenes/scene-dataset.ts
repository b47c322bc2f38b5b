/**
 * A paired dataset of generated landscapes: for each seed, its day image, the
 * same scene at night and its sketch, under matching names so that any two
 * folders import as a paired set (`--pairing matched-folders`); or, laid out
 * side by side, sketch|day and day|night images for `--pairing side-by-side`.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { StudioError } from '../../preload/contract';
import { fileError, writeCompleteFile } from '../export/files';
import { describeScene, maxSceneSeed } from './describe-scene';
import { renderScenePng, sceneViews, type SceneView } from './render-scene';
import type { SceneSize } from './scene';

export const sceneLayouts = ['folders', 'side-by-side'] as const;
export type SceneLayout = (typeof sceneLayouts)[number];

/** The pairs the side-by-side layout writes: A on the left, B on the right. */
export const sideBySidePairs = [
  { folder: 'sketch-day', left: 'sketch', right: 'day' },
  { folder: 'day-night', left: 'day', right: 'night' },
] as const satisfies readonly { folder: string; left: SceneView; right: SceneView }[];

export interface SceneDatasetRequest {
  readonly out: string;
  readonly count: number;
  /** The first scene's seed; scene k (from 0) is seed + k, and is named after its seed. */
  readonly seed: number;
  readonly size: SceneSize;
  readonly layout: SceneLayout;
}

export interface SceneDatasetReport {
  readonly out: string;
  /** Scenes written: all that were asked for, unless cancelled. */
  readonly count: number;
  readonly cancelled: boolean;
  readonly seeds: readonly [first: number, last: number];
  readonly size: SceneSize;
  readonly layout: SceneLayout;
  /** The folders written, each holding one file per scene. */
  readonly folders: readonly string[];
  readonly seconds: number;
}

export interface SceneProgress {
  readonly completed: number;
  readonly total: number;
  readonly file: string;
}

/** Smallest and largest side a scene renders at; beyond 4096 px the PNGs stop being a dataset and start being posters. */
export const sceneSizeLimits = { min: 16, max: 4096 } as const;

/** `scene-0042.png` for seed 42: the name says which scene it is. */
export function sceneFileName(seed: number): string {
  return `scene-${String(seed).padStart(4, '0')}.png`;
}

export function sceneDatasetFolders(layout: SceneLayout): string[] {
  return layout === 'folders' ? [...sceneViews] : sideBySidePairs.map((pair) => pair.folder);
}

/** Every file the request would write, for refusing the whole run before it starts when any is taken. */
export function sceneDatasetTargets(request: SceneDatasetRequest): string[] {
  const folders = sceneDatasetFolders(request.layout);
  return Array.from({ length: request.count }, (_, index) => folders.map((folder) => join(request.out, folder, sceneFileName(request.seed + index)))).flat();
}

/**
 * Writes the dataset, several scenes at a time (librsvg renders one image per
 * thread), each file complete or absent. Never overwrites: a file that
 * exists already stops the run. `signal` stops it after the scenes in hand.
 */
export async function writeSceneDataset(
  request: SceneDatasetRequest,
  onProgress: (progress: SceneProgress) => void = () => {},
  signal?: AbortSignal,
): Promise<SceneDatasetReport> {
  checkRequest(request);
  const started = performance.now();
  const folders = sceneDatasetFolders(request.layout);
  for (const folder of folders.map((name) => join(request.out, name))) {
    try {
      mkdirSync(folder, { recursive: true });
    } catch (error) {
      throw fileError(error, folder, 'folder');
    }
  }
  let next = 0;
  let completed = 0;
  let failed = false;
  const worker = async () => {
    while (next < request.count && !signal?.aborted && !failed) {
      const seed = request.seed + next++;
      const name = sceneFileName(seed);
      try {
        const images = await renderSceneFiles(seed, request.size, request.layout);
        folders.forEach((folder, index) => writeCompleteFile(join(request.out, folder, name), images[index]!, false));
      } catch (error) {
        failed = true; // the other workers stop taking scenes
        throw error;
      }
      onProgress({ completed: ++completed, total: request.count, file: name });
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, request.count) }, worker));
  // Workers take seeds in order and finish the scene in hand, so what was written is always the first `completed` seeds.
  return {
    out: request.out,
    count: completed,
    cancelled: completed < request.count,
    seeds: [request.seed, request.seed + completed - 1],
    size: request.size,
    layout: request.layout,
    folders: folders.map((folder) => join(request.out, folder)),
    seconds: (performance.now() - started) / 1000,
  };
}

/** One scene's files, in the order of `sceneDatasetFolders(layout)`. */
async function renderSceneFiles(seed: number, size: SceneSize, layout: SceneLayout): Promise<Buffer[]> {
  const scene = describeScene(seed);
  const views = await Promise.all(sceneViews.map((view) => renderScenePng(scene, size, view)));
  const byView = Object.fromEntries(sceneViews.map((view, index) => [view, views[index]!])) as Record<SceneView, Buffer>;
  if (layout === 'folders') return views;
  return Promise.all(sideBySidePairs.map((pair) => sharp([byView[pair.left], byView[pair.right]], { join: { across: 2 } }).png().toBuffer()));
}

function checkRequest(request: SceneDatasetRequest): void {
  const { min, max } = sceneSizeLimits;
  for (const side of ['width', 'height'] as const) {
    const value = request.size[side];
    if (!Number.isInteger(value) || value < min || value > max) throw new StudioError('INVALID_ARGUMENT', `size: the ${side} must be a whole number of pixels from ${min} to ${max}, got ${value}`);
  }
  if (!Number.isSafeInteger(request.count) || request.count < 1) throw new StudioError('INVALID_ARGUMENT', `count must be at least 1, got ${request.count}`);
  if (!Number.isSafeInteger(request.seed) || request.seed < 0 || request.seed + request.count - 1 > maxSceneSeed) {
    throw new StudioError('INVALID_ARGUMENT', `seed must be a whole number from 0 to ${maxSceneSeed - request.count + 1} for ${request.count} scenes, got ${request.seed}`);
  }
  const taken = sceneDatasetTargets(request).find((target) => existsSync(target));
  if (taken) throw new StudioError('ALREADY_EXISTS', `${taken} already exists; scenes are never overwritten — choose another folder or --seed`);
}
