/**
 * Paired-dataset tools: make a sketch-to-image (or greyscale-to-colour) set
 * from any image set, and check whether a pair's A and B line up.
 */
import { readFile } from 'node:fs/promises';
import { StudioError, type DatasetSummary, type MakePairsRequest, type PairCheck } from '../../preload/contract';
import type { Job } from '../jobs/jobs';
import { mapInOrder } from '../jobs/ordered-map';
import { BlobStore } from '../library/blobs';
import type { Library } from '../library/library';
import { createDataset, datasetSummary, touchDataset, type DatasetRow } from '../library/repos/datasets';
import { insertItem, itemsPage, pairItems } from '../library/repos/items';
import type { DatasetItem } from '../../preload/contract';
import { lineDrawing } from './line-drawing';
import { checkPair, greyscaleOf } from './pair-tools';
import { fingerprintOf, type ImageFingerprint } from './fingerprint';

const pageSize = 500;
const imagesInFlight = 3;

export async function makePairedDataset(library: Library, source: DatasetRow, request: MakePairsRequest, job: Job): Promise<DatasetSummary> {
  const { db, blobs } = library;
  const target = createDataset(db, request.into, 'paired', `Made from "${source.name}" by ${request.method === 'line-drawing' ? 'line drawing' : 'greyscale'}`);
  const makeA = (bytes: Buffer) =>
    request.method === 'greyscale'
      ? greyscaleOf(bytes)
      : lineDrawing(bytes, {
          ...(request.lowThreshold !== undefined && { lowThreshold: request.lowThreshold }),
          ...(request.highThreshold !== undefined && { highThreshold: request.highThreshold }),
          ...(request.blurSigma !== undefined && { blurSigma: request.blurSigma }),
        });
  const total = itemsPage(db, source.id, 0, 1).total;
  const usedKeys = new Set<string>();
  let done = 0;

  const commit = db.transaction((item: DatasetItem, made: { hash: string; bytes: Buffer; a: ImageFingerprint; b: ImageFingerprint }) => {
    const pairKey = uniqueKey(item.originalName, usedKeys);
    BlobStore.record(db, made.hash, made.bytes.length, { mediaType: 'image/png', width: item.width, height: item.height });
    const common = { datasetId: target.id, originalName: item.originalName, width: item.width, height: item.height, classLabel: item.classLabel, pairKey, nearDuplicateOf: null };
    insertItem(db, { ...common, blobHash: made.hash, domain: 'A', ...made.a });
    insertItem(db, { ...common, blobHash: item.blobHash, domain: 'B', ...made.b });
    touchDataset(db, target.id);
  });

  for (let offset = 0; offset < total && !job.signal.aborted; offset += pageSize) {
    await mapInOrder(
      itemsPage(db, source.id, offset, pageSize).items,
      imagesInFlight,
      async (item) => {
        const original = await readFile(blobs.pathOf(item.blobHash));
        const bytes = await makeA(original);
        const [a, b] = await Promise.all([fingerprintOf(bytes), fingerprintOf(original)]);
        return { hash: blobs.write(bytes), bytes, a, b };
      },
      (made, item) => {
        commit(item, made);
        job.update(++done, total, item.originalName);
      },
      job.signal,
    );
  }
  return datasetSummary(db, target.id);
}

export async function checkDatasetPair(library: Library, dataset: DatasetRow, pairKey: string): Promise<PairCheck> {
  const { A, B } = pairItems(library.db, dataset.id, pairKey);
  if (!A || !B) throw new StudioError('NOT_FOUND', `"${dataset.name}" has no complete pair "${pairKey}"`);
  const [aBytes, bBytes] = await Promise.all([readFile(library.blobs.pathOf(A.blobHash)), readFile(library.blobs.pathOf(B.blobHash))]);
  const check = await checkPair(aBytes, bBytes);
  return {
    pairKey,
    a: A,
    b: B,
    aligned: check.aligned,
    alignment: check.alignment,
    bestShift: check.bestShift,
    sameSize: check.sameSize,
    overlayUrl: `data:image/png;base64,${check.overlay.toString('base64')}`,
  };
}

/** Names repeat across subfolders and zips; pair keys may not. */
function uniqueKey(name: string, used: Set<string>): string {
  let key = name;
  for (let n = 2; used.has(key); n++) key = `${name} (${n})`;
  used.add(key);
  return key;
}
