/** The engine's latent requests: render latents and project an image, each on the chosen backend. */
import type { ImageBatch } from '../metrics/image-batch';
import { ensureBackend } from '../backends';
import type { EngineRequest, ProjectionProgress, StepProgress } from '../protocol';
import { generatePixels } from './generate';
import { loadGenerator } from './loaded-generator';
import { project, type Projection } from './projection';
import { forwardOf } from './render';

type LatentRequest = Extract<EngineRequest, { type: 'render' | 'project' }>;

export async function handleLatent(request: LatentRequest, progress: (value: StepProgress | ProjectionProgress) => void, shouldStop: () => boolean): Promise<ImageBatch | Projection> {
  await ensureBackend(request.params.backend);
  const model = loadGenerator(request.params.checkpoint, request.params.ema);
  switch (request.type) {
    case 'render': {
      const { latents, truncation } = request.params;
      return generatePixels(forwardOf(model, truncation), model.config, latents, {
        shouldStop,
        onBatch: (completed, total) => progress({ completed, total, message: `Drawing image ${completed} of ${total}` }),
      });
    }
    case 'project': {
      const { target, steps, seed } = request.params;
      return project(model, target, {
        steps,
        seed,
        class: request.params.class,
        shouldStop,
        onStep: (step, loss) => progress({ completed: step, total: steps, message: `Step ${step} of ${steps}, loss ${loss.toFixed(4)}`, loss }),
      });
    }
  }
}
