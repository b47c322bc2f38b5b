/**
 * What models.import and models.inspect are pointed at, recognised: a
 * bundle's folder (bundle.json beside model.json; either file names its
 * folder too), a checkpoint file, or a project's folder with a checkpoint id.
 * A checkpoint's header carries its model's config; its run's name, plan and
 * dataset come from its project's library when it lies in one. Only folders
 * and regular files are taken, and every file is read through a checked open.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { StudioError, type ModelSourceRef, type ModelSourceSummary } from '../../preload/contract';
import { maxBundleJsonBytes, readBundleFile } from '../engine/bundle/bundle-files';
import { bundleFiles } from '../engine/bundle/layout';
import { directionsOf, drawsFromNoise, type ModelConfig } from '../engine/models/config';
import { kindOfFile } from '../files/user-file';
import type { CheckpointState } from '../formats/checkpoint-file';
import type { Library } from '../library/library';
import { libraryFileName } from '../library/project';
import { parseManifest, type BundleManifest } from './bundle-manifest';
import { foreignCheckpointById, foreignCheckpointOfFile, type ForeignCheckpoint } from './foreign-library';
import { sha256OfFile } from './source-files';

export type ModelSource =
  | { readonly kind: 'bundle'; readonly folder: string; readonly manifest: BundleManifest }
  | { readonly kind: 'checkpoint'; readonly file: string; readonly sha256: string; readonly origin: ForeignCheckpoint | null };

export async function resolveSource(library: Library, ref: ModelSourceRef): Promise<ModelSource> {
  const path = resolve(ref.path);
  if (!existsSync(path)) throw new StudioError('NOT_FOUND', `path: nothing at ${path}`);
  const stats = statSync(path);
  // A device or a FIFO would be read forever, or block the read until someone writes to it.
  if (!stats.isFile() && !stats.isDirectory()) throw new StudioError('INVALID_ARGUMENT', `path: ${path} is ${kindOfFile(stats)}, not a model bundle's folder or a checkpoint file`);
  const isFolder = stats.isDirectory();
  if (ref.checkpointId !== undefined) {
    if (!isFolder || !existsSync(join(path, libraryFileName))) throw new StudioError('INVALID_ARGUMENT', `checkpointId: goes with a project's folder, and ${path} is not one`);
    const origin = foreignCheckpointById(path, ref.checkpointId);
    return checkpointSource(library, origin.path, origin);
  }
  if (!isFolder) {
    const name = basename(path);
    if (name === 'model.json' || name === bundleFiles.manifest) return bundleSource(dirname(path));
    return checkpointSource(library, path, null);
  }
  if (existsSync(join(path, bundleFiles.manifest)) || existsSync(join(path, 'model.json'))) return bundleSource(path);
  if (existsSync(join(path, libraryFileName))) throw new StudioError('INVALID_ARGUMENT', `checkpointId: ${path} is a project; say which of its checkpoints to import`);
  throw new StudioError('INVALID_ARGUMENT', `path: ${path} is neither a model bundle (model.json and bundle.json) nor a project`);
}

async function bundleSource(folder: string): Promise<ModelSource> {
  if (!existsSync(join(folder, 'model.json'))) throw new StudioError('INVALID_ARGUMENT', `model.json: missing from ${folder}`);
  const manifestPath = join(folder, bundleFiles.manifest);
  if (!existsSync(manifestPath)) {
    throw new StudioError('INVALID_ARGUMENT', `bundle.json: missing from ${folder}; a TF.js model alone does not say how it was built (export it from Latent Studio to get one)`);
  }
  return { kind: 'bundle', folder, manifest: parseManifest(await readBundleFile(folder, bundleFiles.manifest, bundleFiles.manifest, maxBundleJsonBytes)) };
}

async function checkpointSource(library: Library, file: string, known: ForeignCheckpoint | null): Promise<ModelSource> {
  if (!existsSync(file)) throw new StudioError('NOT_FOUND', `path: the checkpoint file ${file} is missing`);
  const sha256 = await sha256OfFile(file);
  const origin = known ?? foreignCheckpointOfFile(file, sha256);
  if (origin && resolve(origin.projectRoot) === resolve(library.folders.root)) {
    throw new StudioError('ALREADY_EXISTS', `path: ${file} is checkpoint ${origin.checkpointId} of this project already`);
  }
  return { kind: 'checkpoint', file, sha256, origin };
}

export function bundleSummary(source: Extract<ModelSource, { kind: 'bundle' }>): ModelSourceSummary {
  const { manifest } = source;
  const { provenance } = manifest;
  return {
    kind: 'bundle',
    path: source.folder,
    ...modelFacts(manifest.config, manifest.classNames),
    runName: provenance.runName,
    step: provenance.step,
    dataset: provenance.dataset,
    checkpointSha256: provenance.checkpointSha256,
    project: provenance.project,
    createdAt: Date.parse(provenance.trainedAt),
  };
}

export function checkpointSummary(source: Extract<ModelSource, { kind: 'checkpoint' }>, state: CheckpointState): ModelSourceSummary {
  const { origin } = source;
  return {
    kind: 'checkpoint',
    path: source.file,
    ...modelFacts(state.config, origin?.classNames ?? []),
    runName: origin?.runName ?? basename(source.file, extname(source.file)),
    step: state.step,
    dataset: origin?.dataset ?? null,
    checkpointSha256: source.sha256,
    project: origin?.projectName ?? null,
    createdAt: origin?.createdAt ?? statSync(source.file).mtimeMs,
  };
}

type ModelFacts = Pick<ModelSourceSummary, 'architecture' | 'resolution' | 'latentSize' | 'classNames' | 'directions' | 'usableIn'>;

function modelFacts(config: ModelConfig, classNames: readonly string[]): ModelFacts {
  if (drawsFromNoise(config)) {
    const names = classNames.length === config.classes ? classNames : Array.from({ length: config.classes }, (_, index) => `Class ${index}`);
    return { architecture: config.architecture, resolution: config.resolution, latentSize: config.latentSize, classNames: names, directions: [], usableIn: 'explore' };
  }
  return { architecture: config.architecture, resolution: config.resolution, latentSize: null, classNames: [], directions: directionsOf(config), usableIn: 'translate' };
}
