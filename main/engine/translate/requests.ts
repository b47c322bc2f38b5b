/** The engine's translate request: one image through a checkpoint's generator, whole or tiled, on the chosen backend. */
import { ensureBackend } from '../backends';
import type { ImageBatch } from '../metrics/image-batch';
import type { EngineRequest, StepProgress } from '../protocol';
import { loadTranslator } from './loaded-translator';
import { translateTiled, translateWhole } from './translate-image';

type TranslateRequest = Extract<EngineRequest, { type: 'translate' }>;

export async function handleTranslate(request: TranslateRequest, progress: (value: StepProgress) => void, shouldStop: () => boolean): Promise<ImageBatch> {
  const { backend, checkpoint, direction, image, tiles } = request.params;
  await ensureBackend(backend);
  const model = loadTranslator(checkpoint, direction);
  if (!tiles) return translateWhole(model, image);
  return translateTiled(model, image, tiles.overlap, tiles.statistics, {
    shouldStop,
    onProgress: (completed, total) => progress({ completed, total, message: `Tile ${completed} of ${total}` }),
  });
}
