/**
 * The near-duplicate finder, over the whole gallery or for one output. Every
 * image is fingerprinted the first time (the job's progress), as datasets
 * fingerprint what they import: a 64-bit dHash proposes candidates, a
 * brightness-normalised grey signature confirms them. Over the whole gallery
 * images are linked to every earlier one they nearly duplicate, and linked
 * images form the groups; outputs of one image are always in one group.
 */
import { readFile } from 'node:fs/promises';
import { StudioError, type GalleryItem, type NearDuplicateGroup, type NearDuplicatesReport, type NearDuplicatesRequest } from '../../preload/contract';
import { fingerprintOf, nearDuplicateSignatureDistance, signatureDistance, type ImageFingerprint } from '../datasets/fingerprint';
import type { Job, Jobs } from '../jobs/jobs';
import type { Library } from '../library/library';
import { outputsWithFingerprints, saveFingerprints, type ComparedOutput, type StoredFingerprint } from '../library/repos/fingerprints';
import { findOutput } from '../library/repos/outputs';
import { HashIndex, hashBitsApart, maxIndexedBits, splitHash } from './hash-index';
import { itemsByIds } from './items';

/** Candidates by hash as loosely as the index allows: the signature decides. */
const hashBits = maxIndexedBits;
const batchSize = 16;

export function findNearDuplicates(library: Library, jobs: Jobs, request: NearDuplicatesRequest): Promise<NearDuplicatesReport> {
  const target = request.outputId === undefined ? null : findOutput(library.db, request.outputId);
  if (request.outputId !== undefined && !target) throw new StudioError('NOT_FOUND', `outputId: no output ${request.outputId} in this project`);
  const threshold = request.threshold ?? nearDuplicateSignatureDistance;
  // A trashed output's duplicates are looked for among the trash too.
  const includeTrashed = (request.includeTrashed ?? false) || (target?.deleted_at ?? null) !== null;
  return jobs.run(
    'gallery-near-duplicates',
    target ? `Finding near duplicates of output ${target.id}` : 'Finding near duplicates in the gallery',
    async (job) => {
      const outputs = await withFingerprints(library, includeTrashed, job);
      const compared = outputs.filter((output) => output.fingerprint !== null);
      const groups = target ? groupOfOne(compared, target.id, threshold) : groupsOfAll(compared, threshold);
      return {
        groups: groups.map((ids) => ({ items: keeperFirst(itemsByIds(library.db, ids)) })).sort(biggestFirst),
        compared: compared.length,
        skipped: outputs.length - compared.length,
        cancelled: job.signal.aborted,
      };
    },
    (report) => `${report.groups.length} groups of near duplicates among ${report.compared} images`,
    request.jobId,
  );
}

interface Fingerprinted {
  readonly id: number;
  readonly blobHash: string;
  readonly fingerprint: ImageFingerprint | null;
}

/** The outputs with their fingerprints, making those missing; cancelling leaves the rest unfingerprinted (and out of the comparison). */
async function withFingerprints(library: Library, includeTrashed: boolean, job: Job): Promise<Fingerprinted[]> {
  const rows = outputsWithFingerprints(library.db, includeTrashed);
  const known = new Map<string, ImageFingerprint | null>();
  const missing = new Map<string, string>();
  for (const row of rows) {
    if (row.fingerprinted) known.set(row.blob_hash, storedOf(row));
    else missing.set(row.blob_hash, row.media_type);
  }
  const pending = [...missing];
  for (let start = 0; start < pending.length && !job.signal.aborted; start += batchSize) {
    job.update(start, pending.length, `Fingerprinting images: ${start} of ${pending.length}`);
    const batch = await Promise.all(pending.slice(start, start + batchSize).map(async ([hash, mediaType]) => ({ hash, fingerprint: await fingerprintBlob(library, hash, mediaType) })));
    const made = batch.filter((entry): entry is { hash: string; fingerprint: StoredFingerprint | null } => entry.fingerprint !== undefined);
    saveFingerprints(library.db, made);
    for (const entry of made) known.set(entry.hash, entry.fingerprint);
  }
  job.update(pending.length, pending.length, 'Comparing images');
  return rows.map((row) => ({ id: row.id, blobHash: row.blob_hash, fingerprint: known.get(row.blob_hash) ?? null }));
}

function storedOf(row: ComparedOutput): ImageFingerprint | null {
  return row.phash === null || row.signature === null ? null : { phash: row.phash, signature: new Uint8Array(row.signature) };
}

/** Null for what is not a still image; undefined (not remembered, tried again next time) when the file cannot be read now. */
async function fingerprintBlob(library: Library, hash: string, mediaType: string): Promise<ImageFingerprint | null | undefined> {
  if (!mediaType.startsWith('image/')) return null;
  let bytes: Buffer;
  try {
    bytes = await readFile(library.blobs.pathOf(hash));
  } catch {
    return undefined;
  }
  try {
    return await fingerprintOf(bytes);
  } catch {
    return null;
  }
}

/** Groups of output ids: images linked to the earlier images they nearly duplicate, and outputs sharing an image. */
function groupsOfAll(outputs: readonly Fingerprinted[], threshold: number): number[][] {
  const images = new Map<string, { node: number; outputIds: number[] }>();
  const signatures: Uint8Array[] = [];
  const index = new HashIndex();
  const parent: number[] = [];
  const root = (node: number): number => {
    while (parent[node] !== node) node = parent[node] = parent[parent[node]!]!;
    return node;
  };
  for (const output of outputs) {
    const known = images.get(output.blobHash);
    if (known) {
      known.outputIds.push(output.id);
      continue;
    }
    const { phash, signature } = output.fingerprint!;
    const hash = splitHash(phash);
    const node = parent.push(parent.length) - 1;
    index.near(hash, hashBits, (earlier) => {
      if (signatureDistance(signatures[earlier]!, signature) <= threshold) parent[root(earlier)] = root(node);
    });
    index.add(hash);
    signatures.push(signature);
    images.set(output.blobHash, { node, outputIds: [output.id] });
  }
  const groups = new Map<number, number[]>();
  for (const image of images.values()) {
    const group = groups.get(root(image.node));
    if (group) group.push(...image.outputIds);
    else groups.set(root(image.node), [...image.outputIds]);
  }
  return [...groups.values()].filter((group) => group.length > 1);
}

function groupOfOne(outputs: readonly Fingerprinted[], targetId: number, threshold: number): number[][] {
  const target = outputs.find((output) => output.id === targetId)?.fingerprint;
  if (!target) return [];
  const targetHash = splitHash(target.phash);
  const near = outputs.filter(
    (output) =>
      output.id !== targetId &&
      hashBitsApart(splitHash(output.fingerprint!.phash), targetHash) <= hashBits &&
      signatureDistance(output.fingerprint!.signature, target.signature) <= threshold,
  );
  return near.length === 0 ? [] : [[targetId, ...near.map((output) => output.id)]];
}

/** The one to keep first: a favourite, then the most stars, then the oldest. */
function keeperFirst(items: GalleryItem[]): GalleryItem[] {
  return items.sort((a, b) => Number(b.favourite) - Number(a.favourite) || b.rating - a.rating || a.createdAt - b.createdAt || a.id - b.id);
}

function biggestFirst(a: NearDuplicateGroup, b: NearDuplicateGroup): number {
  return b.items.length - a.items.length || a.items[0]!.id - b.items[0]!.id;
}
