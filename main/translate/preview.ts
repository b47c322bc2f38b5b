/**
 * Live translation while drawing: the drawing fitted to the model's square,
 * translated, brought back to the drawing's size and blended by strength.
 * Nothing is stored; the renderer keeps at most one of these in flight and
 * drops the frames drawn meanwhile, so the answer is always about the newest.
 */
import type { PreviewTranslationRequest, TranslationPreview } from '../../preload/contract';
import type { EngineAccess } from '../jobs/engine-work';
import type { Library } from '../library/library';
import { translatorToUse } from './models';
import { pngOf } from './pixels';
import { loadSource } from './source';
import { translateSource } from './translation';

export async function previewTranslation(library: Library, access: EngineAccess, request: PreviewTranslationRequest): Promise<TranslationPreview> {
  const started = performance.now();
  const translator = translatorToUse(library, access, request.checkpointId, request.direction);
  const source = await loadSource(library, { png: request.png }, 'png');
  const { image } = await translateSource(access, translator, source, { tiling: 'fit' }, request.strength ?? 1);
  const png = await pngOf(image);
  return { png: png.toString('base64'), width: image.width, height: image.height, milliseconds: performance.now() - started };
}
