/**
 * One image through a translation model, and storing it. The engine does the
 * tensor work on pixels at the working size (see working-size); everything
 * around it — decoding, resizing, blending by strength — happens here with
 * sharp. A stored result records the model, the direction, the strength, the
 * tiling and its source, and the source (a file or a drawing the first time
 * it is used) becomes an output of its own, the result's parent.
 */
import type { TranslationResult } from '../../preload/contract';
import type { ImageBatch } from '../engine/metrics/image-batch';
import { channelsOf, sizeMultipleOf } from '../engine/models/config';
import { planTiles } from '../engine/translate/tile-plan';
import { followInJob, type EngineAccess } from '../jobs/engine-work';
import type { Job } from '../jobs/jobs';
import { BlobStore } from '../library/blobs';
import type { Library } from '../library/library';
import { blobUrl } from '../library/repos/asset-urls';
import { findOutputOfBlob, insertOutput } from '../library/repos/outputs';
import { translatorProvenance, type ChosenTranslator, type UsableTranslator } from './models';
import { blend, pngOf, rawPixels, resizeRaw } from './pixels';
import type { LoadedSource } from './source';
import { workingSizeOf, type TilingSettings, type WorkingSize } from './working-size';

export interface Translated {
  /** At the source's size, blended by strength. */
  readonly image: ImageBatch;
  readonly working: WorkingSize;
  readonly tiles: number;
}

export interface TranslationControl {
  /** Cancelling the job stops the translation (between tiles). */
  readonly job?: Job | undefined;
  /** Tiles done of all the image's tiles (one for a fitted image). */
  readonly onTiles?: ((completed: number, total: number) => void) | undefined;
}

export async function translateSource(
  access: EngineAccess,
  translator: UsableTranslator,
  source: LoadedSource,
  settings: TilingSettings,
  strength: number,
  control: TranslationControl = {},
): Promise<Translated> {
  const { config, direction } = translator;
  const { input, output } = channelsOf(config, direction);
  const { width, height, bytes } = source.image;
  const working = workingSizeOf(source.image, { resolution: config.resolution, sizeMultiple: sizeMultipleOf(config) }, settings);
  const image = await rawPixels(bytes, working.width, working.height, input);
  let tiles = null;
  if (working.statistics) {
    const { width: statsWidth, height: statsHeight } = working.statistics;
    const statistics = statsWidth === working.width && statsHeight === working.height ? image : await rawPixels(bytes, statsWidth, statsHeight, input);
    tiles = { overlap: working.overlap, statistics };
  }
  const task = access.engine.start('translate', { backend: access.compute.forced, checkpoint: translator.file, direction, image, tiles }, (progress) =>
    control.onTiles?.(progress.completed, progress.total),
  );
  const translated = await resizeRaw(await followInJob(task, control.job), width, height);
  const blended = strength < 1 ? blend(await rawPixels(bytes, width, height, output), translated, strength) : translated;
  const tileCount = working.mode === 'tile' ? planTiles(working.width, working.height, config.resolution, working.overlap).tiles.length : 0;
  return { image: blended, working, tiles: tileCount };
}

export interface StoreOptions {
  readonly tool: 'translate' | 'style';
  readonly strength: number;
  readonly seconds: number;
  readonly datasetId?: number | null;
}

/** Stores the result (and its source, if new) in one transaction. */
export async function storeTranslation(library: Library, translator: ChosenTranslator, source: LoadedSource, translated: Translated, options: StoreOptions): Promise<TranslationResult> {
  const png = await pngOf(translated.image);
  const hash = library.blobs.write(png);
  const sourceHash = source.blobHash ?? library.blobs.write(source.image.bytes);
  const { width, height } = translated.image;
  const { working } = translated;
  return library.db.transaction((): TranslationResult => {
    const sourceOutputId = source.outputId ?? storeSource(library, source, sourceHash);
    BlobStore.record(library.db, hash, png.length, { mediaType: 'image/png', width, height });
    const outputId = insertOutput(library.db, {
      blobHash: hash,
      kind: options.tool === 'style' ? 'style' : 'translation',
      runId: translator.run.id,
      checkpointId: translator.checkpoint.id,
      datasetId: options.datasetId ?? translator.run.dataset_id,
      provenance: {
        tool: options.tool,
        ...translatorProvenance(translator),
        strength: options.strength,
        tiling: working.mode === 'fit' ? { mode: 'fit' } : { mode: 'tile', width: working.width, height: working.height, overlap: working.overlap, tiles: translated.tiles, statistics: working.statistics },
        source: { outputId: sourceOutputId, name: source.name },
        width,
        height,
      },
      parents: [{ outputId: sourceOutputId, role: 'source' }],
    });
    return {
      outputId,
      blobHash: hash,
      url: blobUrl(hash),
      width,
      height,
      sourceOutputId,
      sourceName: source.name,
      sourceUrl: blobUrl(sourceHash),
      checkpointId: translator.checkpoint.id,
      direction: translator.direction,
      strength: options.strength,
      tiles: translated.tiles,
      seconds: options.seconds,
    };
  })();
}

/** A file or drawing used for the first time becomes an output; the same image again reuses it. */
function storeSource(library: Library, source: LoadedSource, hash: string): number {
  const known = findOutputOfBlob(library.db, hash, [source.kind]);
  if (known !== null) return known;
  const { bytes, mediaType, width, height } = source.image;
  BlobStore.record(library.db, hash, bytes.length, { mediaType, width, height });
  return insertOutput(library.db, {
    blobHash: hash,
    kind: source.kind,
    provenance: source.kind === 'sketch' ? { tool: 'sketch', width, height } : { tool: 'upload', purpose: 'translation source', source: source.path },
  });
}
