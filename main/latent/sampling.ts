/** Grids by seed (stored) and previews of any points (not stored). */
import type { LatentImage, PreviewImages, PreviewRequest, SampleRequest } from '../../preload/contract';
import type { Library } from '../library/library';
import { drawLatents, pngOf, storeImages, type Painter } from './drawing';
import { checkClass, generatorToDraw } from './models';
import { resolvePoint, resolveSource, withClass } from './sources';

export async function sampleGrid(library: Library, painter: Painter, request: SampleRequest): Promise<LatentImage[]> {
  const generator = generatorToDraw(library, painter, request.checkpointId, request.ema);
  checkClass(generator, request.class, 'class');
  const truncation = request.truncation ?? 1;
  // Image i of a grid is seed + i: any one of them can be drawn again alone.
  const latents = Array.from({ length: request.count }, (_, index) =>
    resolveSource(library, generator, { kind: 'seed', seed: (request.seed + index) >>> 0, class: request.class }, 'seed'),
  );
  const batch = await drawLatents(painter, generator, latents.map((latent) => latent.code), truncation);
  return storeImages(
    library,
    generator,
    truncation,
    batch,
    latents.map((latent) => ({ kind: 'sample', latent: latent.record, details: {}, parents: [] })),
  );
}

export async function previewPoints(library: Library, painter: Painter, request: PreviewRequest): Promise<PreviewImages> {
  const generator = generatorToDraw(library, painter, request.checkpointId, request.ema);
  checkClass(generator, request.class, 'class');
  const codes = request.points.map((point, index) => withClass(resolvePoint(library, generator, point, `points.${index}`), request.class));
  const batch = await drawLatents(painter, generator, codes, request.truncation ?? 1);
  const pngs = await Promise.all(codes.map((_, index) => pngOf(batch, index)));
  return { images: pngs.map((png) => `data:image/png;base64,${png.toString('base64')}`) };
}
