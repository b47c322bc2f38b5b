/**
 * A studio whose project holds outputs stored by the tools' own code, so the
 * gallery reads the provenance the studio really writes: Explore's samples
 * and a mix (main/latent's storeImages), and a Translate result with its
 * source file stored as an upload (main/translate's storeTranslation). No
 * network is trained or run: the checkpoints are rows, and the pixels stand
 * in for what the engine would have drawn.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { LatentImage, TranslationResult } from '../../../../preload/contract';
import { forkEngine } from '../../../../main/engine/fork';
import { defaultDcganConfig, defaultPix2pixConfig } from '../../../../main/engine/models/config';
import type { ImageBatch } from '../../../../main/engine/metrics/image-batch';
import { storeImages } from '../../../../main/latent/drawing';
import { chooseGenerator } from '../../../../main/latent/models';
import type { Library } from '../../../../main/library/library';
import { createDataset } from '../../../../main/library/repos/datasets';
import { createRun, recordCheckpoint } from '../../../../main/library/repos/runs';
import { appPaths } from '../../../../main/paths';
import { createStudio, type Studio } from '../../../../main/studio';
import { loadSource } from '../../../../main/translate/source';
import { storeTranslation } from '../../../../main/translate/translation';
import { chooseTranslator } from '../../../../main/translate/models';

const side = 32;
const plan = { seed: 1, totalSteps: 100, checkpointEvery: 100, previewEvery: 100, metricsEvery: 100 };

export interface ToolOutputs {
  readonly studio: Studio;
  readonly generator: { readonly runId: number; readonly checkpointId: number };
  readonly translator: { readonly runId: number; readonly checkpointId: number };
  readonly samples: readonly LatentImage[];
  readonly mix: LatentImage;
  readonly translation: TranslationResult;
  call<T>(method: string, argument?: unknown): Promise<T>;
  failure(method: string, argument?: unknown): Promise<{ code: string; message: string }>;
}

function stripes(count: number): ImageBatch {
  const pixels = new Uint8Array(count * side * side * 3);
  pixels.forEach((_, index) => (pixels[index] = ((index % (side * 3)) * 7 + Math.floor(index / (side * side * 3)) * 50) % 256));
  return { pixels, count, width: side, height: side, channels: 3 };
}

function trainedRun(library: Library, datasetId: number, name: string, model: Record<string, unknown>): { runId: number; checkpointId: number } {
  const runId = createRun(library.db, name, datasetId, model['architecture'] as string, { model, ...plan });
  const checkpointId = recordCheckpoint(library.db, { run_id: runId, step: 100, path: join(library.folders.root, 'checkpoints', name, 'step-100'), size: 1, sha256: 'f'.repeat(64), metrics: {} });
  return { runId, checkpointId };
}

/** The engine is never started: the gallery needs none. */
export async function toolOutputs(): Promise<ToolOutputs> {
  const base = mkdtempSync(join(tmpdir(), 'studio-gallery-service-'));
  const studio = createStudio('cli', forkEngine(appPaths().engineEntry));
  const call = async <T,>(method: string, argument?: unknown): Promise<T> => {
    const envelope = await studio.dispatch(method, argument === undefined ? [] : [argument]);
    if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code });
    return envelope.value as T;
  };
  const failure = async (method: string, argument?: unknown) => {
    const envelope = await studio.dispatch(method, argument === undefined ? [] : [argument]);
    if (envelope.ok) throw new Error(`${method} succeeded`);
    return envelope.error;
  };
  await call('library.create', { path: join(base, 'project') });
  const library = studio.project.library;
  const dataset = createDataset(library.db, 'Stripes', 'paired');
  const generator = trainedRun(library, dataset.id, 'Stripes · DCGAN', { ...defaultDcganConfig, resolution: side, channels: 3, classes: 0, latentSize: 8 });
  const translator = trainedRun(library, dataset.id, 'Stripes · pix2pix', { ...defaultPix2pixConfig, resolution: side, channelsA: 3, channelsB: 3, heldOut: 0 });

  const chosen = chooseGenerator(library, generator.checkpointId);
  const stored = await storeImages(library, chosen, 0.8, stripes(3), [
    { kind: 'sample', latent: { seed: 11, class: null }, details: {}, parents: [] },
    { kind: 'sample', latent: { seed: 12, class: null }, details: {}, parents: [] },
    { kind: 'mix', latent: { seed: 13, class: null }, details: { operation: 'crossover' }, parents: [] },
  ]);
  const [first, second, mix] = stored as [LatentImage, LatentImage, LatentImage];
  library.db.prepare("INSERT INTO output_parents (output_id, parent_id, role) VALUES (?, ?, 'a'), (?, ?, 'b')").run(mix.outputId, first.outputId, mix.outputId, second.outputId);

  const photo = join(base, 'photo.png');
  writeFileSync(photo, await sharp({ create: { width: side, height: side, channels: 3, background: '#336699' } }).png().toBuffer());
  const source = await loadSource(library, { path: photo });
  const translation = await storeTranslation(
    library,
    chooseTranslator(library, translator.checkpointId, undefined),
    source,
    { image: stripes(1), working: { mode: 'fit', width: side, height: side, overlap: 0, statistics: null }, tiles: 0 },
    { tool: 'translate', strength: 0.75, seconds: 0.1 },
  );
  return { studio, generator, translator, samples: [first, second], mix, translation, call, failure };
}
