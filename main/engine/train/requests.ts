/** The engine's training requests: train and estimate, each on the chosen backend. */
import { ensureBackend } from '../backends';
import type { EngineRequest } from '../protocol';
import { train } from './loop';
import { timeSteps } from './timing';

type TensorRequest = Extract<EngineRequest, { type: 'train' | 'estimate' }>;

export async function handleTraining(request: TensorRequest, progress: (value: unknown) => void, shouldStop: () => boolean): Promise<unknown> {
  await ensureBackend(request.params.backend);
  switch (request.type) {
    case 'train':
      return train(request.params, progress, shouldStop);
    case 'estimate':
      return { secondsPerStep: await timeSteps(request.params.config) };
  }
}
