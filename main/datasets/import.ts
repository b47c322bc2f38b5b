/**
 * Runs an import as a job: decodes a few files at a time, and commits each
 * file in its own transaction (blob row, item rows, the record that the file
 * is done), so a killed import leaves a consistent library and the same
 * request picks up where it stopped.
 */
import type { Database } from 'better-sqlite3';
import type { Domain, ImportProblem, ImportReport, ImportRequest } from '../../preload/contract';
import type { Job } from '../jobs/jobs';
import { mapInOrder } from '../jobs/ordered-map';
import { BlobStore } from '../library/blobs';
import type { Library } from '../library/library';
import { datasetSummary, touchDataset, type DatasetRow } from '../library/repos/datasets';
import { fingerprints, insertItem } from '../library/repos/items';
import { findUnfinishedImport, finishImport, handledSources, recordFile, reopenImport, startImport } from '../library/repos/imports';
import { planImport, type ImportUnit, type PlacedImage } from './import-plan';
import { NearDuplicateIndex } from './near-duplicates';
import { fingerprintOf, type ImageFingerprint } from './fingerprint';
import { nearDuplicateDistance } from './perceptual-hash';
import { isImportProblem } from './problems';

/** sharp decodes on its own thread pool; a few files in flight keep both cores busy without hoarding memory. */
const filesInFlight = 4;
/** The report lists this many problems; the library keeps them all. */
const problemsReported = 500;

interface Decoded {
  readonly unit: ImportUnit;
  readonly result: ImportProblem | { placed: PlacedImage; fingerprint: ImageFingerprint; hash: string }[];
}

export async function runImport(library: Library, dataset: DatasetRow, request: ImportRequest, job: Job): Promise<ImportReport> {
  const { db, blobs } = library;
  const pairing = request.pairing ?? (request.paths.length === 1 ? 'side-by-side' : 'matched-folders');
  const plan = await planImport({ kind: dataset.kind, paths: request.paths, pairing });
  const requestKey = JSON.stringify({ paths: request.paths, pairing: dataset.kind === 'paired' ? pairing : null });

  const earlier = findUnfinishedImport(db, dataset.id, requestKey);
  const importId = earlier ?? startImport(db, dataset.id, requestKey);
  if (earlier) reopenImport(db, earlier);
  const handled = earlier ? handledSources(db, earlier) : new Set<string>();

  const indexes = nearDuplicateIndexes(db, dataset);
  const counts = { imported: 0, duplicates: 0, nearDuplicates: 0, alreadyDone: 0, processed: 0 };
  const problems: ImportProblem[] = [];

  const commit = db.transaction((decoded: Decoded) => {
    const { unit, result } = decoded;
    if (isImportProblem(result)) {
      recordFile(db, importId, unit.source, 'problem', null, result);
      problems.push(result);
      return;
    }
    let firstItem: number | null = null;
    for (const { placed, fingerprint, hash } of result) {
      BlobStore.record(db, hash, placed.image.bytes.length, placed.image);
      const index = indexes(placed.domain);
      const nearDuplicateOf = index.find(fingerprint);
      const itemId = insertItem(db, {
        datasetId: dataset.id,
        blobHash: hash,
        originalName: placed.originalName,
        width: placed.image.width,
        height: placed.image.height,
        classLabel: placed.classLabel,
        domain: placed.domain,
        pairKey: placed.pairKey,
        ...fingerprint,
        nearDuplicateOf,
      });
      if (itemId === null) continue;
      index.add(itemId, fingerprint);
      firstItem ??= itemId;
      if (nearDuplicateOf !== null) counts.nearDuplicates++;
    }
    if (firstItem === null) counts.duplicates++;
    else {
      counts.imported++;
      touchDataset(db, dataset.id);
    }
    recordFile(db, importId, unit.source, firstItem === null ? 'duplicate' : 'imported', firstItem, null);
  });

  let status: 'completed' | 'cancelled' | 'failed' = 'completed';
  try {
    await mapInOrder(
      skipHandled(plan.units, handled, counts),
      filesInFlight,
      async (unit) => ({ unit, result: await decodeUnit(unit, blobs) }),
      (decoded) => {
        commit(decoded);
        counts.processed++;
        job.update(counts.alreadyDone + counts.processed, plan.total, decoded.unit.source);
      },
      job.signal,
    );
    if (job.signal.aborted) status = 'cancelled';
  } catch (error) {
    status = 'failed';
    throw error;
  } finally {
    finishImport(db, importId, status);
  }
  return {
    importId,
    dataset: datasetSummary(db, dataset.id),
    resumed: earlier !== undefined,
    cancelled: status === 'cancelled',
    imported: counts.imported,
    duplicates: counts.duplicates,
    nearDuplicates: counts.nearDuplicates,
    alreadyDone: counts.alreadyDone,
    problems: problems.slice(0, problemsReported),
    seconds: job.elapsedSeconds,
  };
}

/** Decoding and blob writing happen outside the transaction: the files are on disk before any row names them. */
async function decodeUnit(unit: ImportUnit, blobs: BlobStore): Promise<Decoded['result']> {
  const loaded = await unit.load();
  if (isImportProblem(loaded)) return loaded;
  return Promise.all(
    loaded.map(async (placed) => ({ placed, fingerprint: await fingerprintOf(placed.image.bytes), hash: blobs.write(placed.image.bytes) })),
  );
}

async function* skipHandled(units: AsyncIterable<ImportUnit>, handled: ReadonlySet<string>, counts: { alreadyDone: number }): AsyncGenerator<ImportUnit> {
  for await (const unit of units) {
    if (handled.has(unit.source)) counts.alreadyDone++;
    else yield unit;
  }
}

/** One index per domain, seeded with the items already in the dataset. */
function nearDuplicateIndexes(db: Database, dataset: DatasetRow): (domain: Domain | null) => NearDuplicateIndex {
  const indexes = new Map<Domain | null, NearDuplicateIndex>();
  return (domain) => {
    let index = indexes.get(domain);
    if (!index) {
      index = new NearDuplicateIndex(nearDuplicateDistance);
      for (const { id, ...fingerprint } of fingerprints(db, dataset.id, domain)) index.add(id, fingerprint);
      indexes.set(domain, index);
    }
    return index;
  };
}
