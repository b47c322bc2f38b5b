/**
 * Recall: what an exported image carries, read back from the file — its
 * provenance JSON, from XMP or else EXIF — and what this project can restore
 * from it: the output it came from (when its image is here), the checkpoint
 * (matched by SHA-256), the latent and the settings. Asked to keep it, an
 * image whose output is not here becomes an output of its own, so every
 * latent tool can start from it.
 */
import sharp, { type Metadata } from 'sharp';
import { StudioError, type LatentSource, type RecallRequest, type RecallResult, type RecalledRestore, type RecalledSettings } from '../../preload/contract';
import { maxImageFileBytes, readUserFile } from '../files/user-file';
import { BlobStore } from '../library/blobs';
import type { Library } from '../library/library';
import { blobUrl } from '../library/repos/asset-urls';
import { findOutput, findOutputOfBlob, insertOutput } from '../library/repos/outputs';
import { recordFromJson, recordFromXmp, type EmbeddedRecord, type ImageRecord } from './embedded-provenance';
import { exifImageDescription } from './exif-description';

const latentTools = new Set(['sample', 'mix', 'projection', 'interpolation-frame']);
const nothingToRestore: RecalledRestore = { view: null, checkpoint: null, latent: null, sourceOutputId: null };

export async function recallImage(library: Library, request: RecallRequest): Promise<RecallResult> {
  const bytes = 'path' in request ? await readUserFile(request.path, maxImageFileBytes, 'path') : Buffer.from(request.png, 'base64');
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes).metadata();
  } catch (error) {
    throw new StudioError('INVALID_ARGUMENT', `${'path' in request ? request.path : 'png'}: not an image the studio can read (${(error as Error).message})`);
  }
  const found = embeddedRecord(metadata);
  const image = { width: metadata.width ?? 0, height: metadata.height ?? 0, format: metadata.format === 'heif' ? 'avif' : String(metadata.format) };
  if (!found) {
    return {
      found: false,
      message: 'This image carries no Latent Studio provenance: it was not exported by the studio, or another program removed its metadata',
      carrier: null,
      ...image,
      provenance: null,
      exported: null,
      output: null,
      latent: null,
      settings: null,
      restore: nothingToRestore,
    };
  }
  const { record, carrier } = found;
  if ('sheet' in record) {
    return {
      found: true,
      message: `A ${record.sheet.replace('-', ' ')} of ${record.images.length} images from Latent Studio; recall restores single exported images`,
      carrier,
      ...image,
      provenance: record as unknown as Record<string, unknown>,
      exported: null,
      output: null,
      latent: null,
      settings: null,
      restore: nothingToRestore,
    };
  }
  return restoreFrom(library, record, carrier, image, request, bytes, metadata);
}

function embeddedRecord(metadata: Metadata): { record: EmbeddedRecord; carrier: 'xmp' | 'exif' } | null {
  const fromXmp = metadata.xmp ? recordFromXmp(metadata.xmp.toString('utf8')) : null;
  if (fromXmp) return { record: fromXmp, carrier: 'xmp' };
  const description = metadata.exif ? exifImageDescription(metadata.exif) : null;
  const fromExif = description ? recordFromJson(description) : null;
  return fromExif ? { record: fromExif, carrier: 'exif' } : null;
}

type ImageFacts = Pick<RecallResult, 'width' | 'height' | 'format'>;

function restoreFrom(library: Library, record: ImageRecord, carrier: 'xmp' | 'exif', image: ImageFacts, request: RecallRequest, bytes: Buffer, metadata: Metadata): RecallResult {
  const { provenance } = record;
  const sha = typeof provenance['checkpointSha256'] === 'string' ? provenance['checkpointSha256'] : null;
  const latent = latentOf(provenance['latent']);
  const settings = settingsOf(provenance);
  const checkpoint = sha === null ? null : checkpointBySha(library, sha);
  const original = outputOfRecord(library, record);
  const kept = original === null && request.keep ? keepImage(library, record, bytes, metadata, checkpoint, latent, 'path' in request ? request.path : null) : null;
  const output = original ?? kept;
  const view = latentTools.has(settings.tool ?? '') ? 'explore' : settings.tool === 'translate' ? 'translate' : settings.tool === 'style' ? 'style' : null;
  const latentSource: LatentSource | null =
    latent === null ? null : output !== null ? { kind: 'output', outputId: output.outputId } : latent.seed !== null ? { kind: 'seed', seed: latent.seed, ...(latent.class !== null && { class: latent.class }) } : null;
  // Output ids name outputs of the project the image came from: its source is only this project's when the image is.
  const sourceOutputId = original !== null && settings.source?.outputId != null && findOutput(library.db, settings.source.outputId) ? settings.source.outputId : null;
  const restore: RecalledRestore = { view, checkpoint, latent: latentSource, sourceOutputId };
  return {
    found: true,
    message: messageFor(record, original !== null, kept !== null, checkpoint !== null, sha !== null, latent),
    carrier,
    ...image,
    provenance,
    exported: { outputId: record.outputId, blobHash: record.blobHash, checkpointSha256: sha },
    output,
    latent,
    settings,
    restore,
  };
}

/** The exported output, when this project holds its image: by id and image, or by the image alone (another id). */
function outputOfRecord(library: Library, record: ImageRecord): RecallResult['output'] {
  const byId = findOutput(library.db, record.outputId);
  const id =
    byId?.blob_hash === record.blobHash
      ? byId.id
      : ((library.db.prepare('SELECT id FROM outputs WHERE blob_hash = ? ORDER BY deleted_at IS NOT NULL, id LIMIT 1').pluck().get(record.blobHash) as number | undefined) ?? null);
  if (id === null) return null;
  const row = findOutput(library.db, id)!;
  return { outputId: id, url: blobUrl(row.blob_hash), kept: false, trashed: row.deleted_at !== null };
}

function checkpointBySha(library: Library, sha: string): RecalledRestore['checkpoint'] {
  const row = library.db
    .prepare('SELECT c.id, c.run_id, c.step, r.name FROM checkpoints c JOIN runs r ON r.id = c.run_id WHERE c.sha256 = ? ORDER BY c.id DESC LIMIT 1')
    .get(sha) as { id: number; run_id: number; step: number; name: string } | undefined;
  return row ? { checkpointId: row.id, runId: row.run_id, runName: row.name, step: row.step } : null;
}

function latentOf(value: unknown): RecallResult['latent'] {
  if (typeof value !== 'object' || value === null) return null;
  const latent = value as { seed?: unknown; vector?: unknown; class?: unknown };
  const seed = typeof latent.seed === 'number' ? latent.seed : null;
  const vector = typeof latent.vector === 'string' ? latent.vector : null;
  if (seed === null && vector === null) return null;
  return { seed, vector, class: typeof latent.class === 'number' ? latent.class : null };
}

function settingsOf(provenance: Record<string, unknown>): RecalledSettings {
  const number = (key: string) => (typeof provenance[key] === 'number' ? (provenance[key] as number) : null);
  const source = provenance['source'];
  const latentClass = (provenance['latent'] as { class?: unknown } | undefined)?.class;
  return {
    tool: typeof provenance['tool'] === 'string' ? provenance['tool'] : null,
    truncation: number('truncation'),
    class: typeof latentClass === 'number' ? latentClass : number('class'),
    ema: typeof provenance['ema'] === 'boolean' ? provenance['ema'] : null,
    direction: typeof provenance['direction'] === 'string' ? provenance['direction'] : null,
    strength: number('strength'),
    source:
      typeof source === 'object' && source !== null
        ? { outputId: typeof (source as { outputId?: unknown }).outputId === 'number' ? (source as { outputId: number }).outputId : null, name: typeof (source as { name?: unknown }).name === 'string' ? (source as { name: string }).name : null }
        : typeof source === 'string'
          ? { outputId: null, name: source }
          : null,
  };
}

const keptMediaTypes: Readonly<Record<string, string>> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp', heif: 'image/avif' };

/** The recalled image as an upload in this project, carrying its latent, so that { kind: 'output' } reaches it from every tool. */
function keepImage(library: Library, record: ImageRecord, bytes: Buffer, metadata: Metadata, checkpoint: RecalledRestore['checkpoint'], latent: RecallResult['latent'], path: string | null): RecallResult['output'] {
  const mediaType = keptMediaTypes[metadata.format ?? ''];
  if (!mediaType) throw new StudioError('INVALID_ARGUMENT', `keep: ${metadata.format} images cannot be kept in the gallery; recall a PNG, JPEG, WebP or AVIF export`);
  const hash = library.blobs.write(bytes);
  const known = findOutputOfBlob(library.db, hash, ['upload']);
  if (known !== null) return { outputId: known, url: blobUrl(hash), kept: true, trashed: false };
  const outputId = library.db.transaction(() => {
    BlobStore.record(library.db, hash, bytes.length, { mediaType, width: metadata.width ?? 0, height: metadata.height ?? 0 });
    return insertOutput(library.db, {
      blobHash: hash,
      kind: 'upload',
      runId: checkpoint?.runId ?? null,
      checkpointId: checkpoint?.checkpointId ?? null,
      provenance: {
        tool: 'upload',
        purpose: 'recalled',
        source: path,
        ...(latent && { latent: latent.seed !== null ? { seed: latent.seed, class: latent.class } : { vector: latent.vector, class: latent.class } }),
        recalled: { outputId: record.outputId, blobHash: record.blobHash, provenance: record.provenance },
      },
    });
  })();
  return { outputId, url: blobUrl(hash), kept: true, trashed: false };
}

function messageFor(record: ImageRecord, here: boolean, kept: boolean, checkpointHere: boolean, hasCheckpoint: boolean, latent: RecallResult['latent']): string {
  const parts = [
    here ? `Output ${record.outputId} is in this project` : kept ? 'The image is kept in this project’s gallery' : `Output ${record.outputId} is not in this project`,
    hasCheckpoint ? (checkpointHere ? 'its checkpoint is here' : 'its checkpoint is not in this project') : null,
    latent === null ? null : latent.seed !== null ? `seed ${latent.seed}` : 'its latent vector came back',
  ];
  return `${parts.filter((part) => part !== null).join('; ')}.`;
}
