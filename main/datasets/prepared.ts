/**
 * Prepared training data: a dataset's images as tensor caches at one
 * resolution, kept in cache/prepared and rebuilt when the dataset changes.
 * An unchanged dataset asked again gets the cache it already has.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { StudioError, type Domain, type PreparedCache, type PrepareRequest } from '../../preload/contract';
import type { Job } from '../jobs/jobs';
import type { Library } from '../library/library';
import type { DatasetRow } from '../library/repos/datasets';
import { itemsForTraining } from '../library/repos/items';
import { findPrepared, preparedRows, recordPrepared, type PreparedOptions } from '../library/repos/prepared';
import { cacheFingerprint, prepareImages, type ImagePreparation } from './prepare';

/** Random crops are reproducible: the same dataset and options give the same cache. */
const randomCropSeed = 1;

interface Group {
  readonly domain: Domain | null;
  readonly items: readonly { readonly blobHash: string; readonly label: number | null }[];
}

/**
 * Prepares every group of the dataset at the request's settings; a
 * translation run can ask for each domain in its own colours (grey sketches,
 * colour photos) with `channelsByDomain`.
 */
export async function prepareDataset(
  library: Library,
  dataset: DatasetRow,
  request: PrepareRequest,
  job: Job,
  channelsByDomain?: Readonly<Record<Domain, 1 | 3>>,
): Promise<PreparedCache[]> {
  const common: PreparedOptions = {
    resolution: request.resolution,
    crop: request.crop ?? 'center',
    mirror: request.mirror ?? false,
    channels: request.channels ?? 3,
  };
  if (dataset.kind === 'paired' && common.crop === 'random') {
    throw new StudioError('INVALID_ARGUMENT', 'crop: random crops would move A and B apart in a paired dataset; use center or pad');
  }
  const { groups, classNames } = groupsOf(library, dataset);
  if (groups.every((group) => group.items.length === 0)) throw new StudioError('INVALID_ARGUMENT', `"${dataset.name}" has no images to prepare`);
  const total = groups.reduce((sum, group) => sum + group.items.length, 0);
  const folder = join(library.folders.cache, 'prepared');
  mkdirSync(folder, { recursive: true });

  let done = 0;
  const caches: PreparedCache[] = [];
  for (const group of groups) {
    const options: PreparedOptions = group.domain && channelsByDomain ? { ...common, channels: channelsByDomain[group.domain] } : common;
    const preparation: ImagePreparation = { ...options, seed: randomCropSeed };
    const fingerprint = cacheFingerprint({ items: group.items, classNames, preparation });
    const path = join(folder, `${dataset.id}-${group.domain ?? 'all'}-${options.resolution}-${fingerprint.slice(0, 16)}.lstc`);
    const known = findPrepared(library.db, dataset.id, fingerprint);
    if (!known || !existsSync(library.fileOf(known.path))) {
      const header = await prepareImages(
        group.items.map((item) => ({ blobPath: library.blobs.pathOf(item.blobHash), label: item.label })),
        { ...preparation, outputPath: path, classNames, fingerprint },
        (completed) => job.update(done + completed, total, `${group.domain ? `Domain ${group.domain}: ` : ''}${completed} of ${group.items.length} images`),
        job.signal,
      );
      const replaced = recordPrepared(library.db, {
        datasetId: dataset.id,
        domain: group.domain,
        resolution: options.resolution,
        options,
        fingerprint,
        revision: dataset.revision,
        path: library.storedPathOf(path),
        count: header.count,
        size: statSync(path).size,
      });
      for (const old of replaced) rmSync(library.fileOf(old), { force: true });
    }
    done += group.items.length;
    caches.push(...preparedCaches(library, dataset).filter((cache) => cache.path === path));
  }
  return caches;
}

export function preparedCaches(library: Library, dataset: DatasetRow): PreparedCache[] {
  return preparedRows(library.db, dataset.id).map((row) => {
    const options = JSON.parse(row.options) as PreparedOptions;
    const path = library.fileOf(row.path);
    return {
      domain: row.domain,
      resolution: row.resolution,
      crop: options.crop,
      mirror: options.mirror,
      channels: options.channels,
      count: row.count,
      sizeBytes: row.size,
      path,
      current: row.revision === dataset.revision && existsSync(path),
    };
  });
}

/** Deletes every cache file of a dataset (its rows go with the dataset). */
export function removePreparedCaches(library: Library, datasetId: number): void {
  const folder = join(library.folders.cache, 'prepared');
  if (!existsSync(folder)) return;
  for (const name of readdirSync(folder)) if (name.startsWith(`${datasetId}-`)) rmSync(join(folder, name), { force: true });
}

/**
 * Image sets prepare as one group with class indexes; paired sets as A and B
 * in pair order (complete pairs only), so example i of each is one pair;
 * unpaired sets as A and B each in import order.
 */
function groupsOf(library: Library, dataset: DatasetRow): { groups: Group[]; classNames: string[] } {
  const items = itemsForTraining(library.db, dataset.id);
  const classNames = sortedClassNames(items.map((item) => item.classLabel));
  const label = (classLabel: string | null) => (classLabel === null ? null : classNames.indexOf(classLabel));
  const toGroupItem = (item: (typeof items)[number]) => ({ blobHash: item.blobHash, label: label(item.classLabel) });
  if (dataset.kind === 'images') return { groups: [{ domain: null, items: items.map(toGroupItem) }], classNames };
  if (dataset.kind === 'unpaired') {
    return { groups: (['A', 'B'] as const).map((domain) => ({ domain, items: items.filter((item) => item.domain === domain).map(toGroupItem) })), classNames };
  }
  const byKey = new Map<string, { A?: (typeof items)[number]; B?: (typeof items)[number] }>();
  for (const item of items) if (item.pairKey && item.domain) byKey.set(item.pairKey, { ...byKey.get(item.pairKey), [item.domain]: item });
  const pairs = [...byKey.entries()].filter(([, pair]) => pair.A && pair.B).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    groups: (['A', 'B'] as const).map((domain) => ({ domain, items: pairs.map(([, pair]) => toGroupItem(pair[domain]!)) })),
    classNames,
  };
}

/** Numeric labels (MNIST's 0–9) in numeric order, others alphabetically. */
export function sortedClassNames(labels: readonly (string | null)[]): string[] {
  const names = [...new Set(labels.filter((label): label is string => label !== null))];
  const numeric = names.every((name) => /^\d+$/.test(name));
  return names.sort(numeric ? (a, b) => Number(a) - Number(b) : (a, b) => a.localeCompare(b));
}
