/** The engine's model-bundle requests: write a bundle, turn one into a checkpoint, check a checkpoint from elsewhere. */
import { ensureBackend } from '../backends';
import type { EngineRequest, StepProgress } from '../protocol';
import { checkCheckpoint } from './check-checkpoint';
import type { CheckedCheckpoint, ExportedBundle, ImportedBundle } from './messages';
import { readBundle } from './read-bundle';
import { writeBundle } from './write-bundle';

type BundleRequest = Extract<EngineRequest, { type: 'exportBundle' | 'importBundle' | 'checkCheckpoint' }>;

export async function handleBundle(request: BundleRequest, progress: (value: StepProgress) => void): Promise<ExportedBundle | ImportedBundle | CheckedCheckpoint> {
  await ensureBackend(request.params.backend);
  switch (request.type) {
    case 'exportBundle':
      return writeBundle(request.params, (completed, total, name) => progress({ completed, total, message: completed < total ? `Writing ${name}` : 'Written' }));
    case 'importBundle':
      return readBundle(request.params);
    case 'checkCheckpoint':
      return checkCheckpoint(request.params);
  }
}
