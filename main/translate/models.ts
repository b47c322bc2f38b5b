/** The trained translation models Translate and Style can use: each checkpoint of each pix2pix and CycleGAN run. */
import { StudioError, type Direction, type TranslateModel } from '../../preload/contract';
import { directionsOf, drawsFromNoise, type ModelConfig, type TranslationModelConfig } from '../engine/models/config';
import type { EngineAccess } from '../jobs/engine-work';
import { intactCheckpoint } from '../library/intact-checkpoint';
import type { Library } from '../library/library';
import { blobUrl } from '../library/repos/asset-urls';
import { findCheckpoint, findRun, planOf, previewAt, type CheckpointRow, type RunRow } from '../library/repos/runs';

/** One checkpoint chosen for a translation, with its direction settled. */
export interface ChosenTranslator {
  readonly checkpoint: CheckpointRow;
  readonly run: RunRow;
  readonly config: TranslationModelConfig;
  readonly direction: Direction;
}

/** A translator about to run: its checkpoint's file checked, or the run's newest intact one in its place (and said so). */
export interface UsableTranslator extends ChosenTranslator {
  readonly file: string;
}

export function translatorToUse(library: Library, access: EngineAccess, checkpointId: number, direction: Direction | undefined): UsableTranslator {
  const chosen = chooseTranslator(library, checkpointId, direction);
  const intact = intactCheckpoint(library, chosen.checkpoint, access.notify);
  return { ...chosen, checkpoint: intact.checkpoint, file: intact.file };
}

export function chooseTranslator(library: Library, checkpointId: number, direction: Direction | undefined): ChosenTranslator {
  const checkpoint = findCheckpoint(library.db, checkpointId);
  if (!checkpoint) throw new StudioError('NOT_FOUND', `checkpointId: no checkpoint ${checkpointId} in this project`);
  const run = findRun(library.db, checkpoint.run_id)!;
  const config = planOf(run).model as unknown as ModelConfig;
  if (drawsFromNoise(config)) {
    const family = config.architecture === 'fastgan' ? 'FastGAN' : 'DCGAN';
    throw new StudioError('INVALID_ARGUMENT', `checkpointId: checkpoint ${checkpointId} is a ${family}, which draws images from noise rather than translating them; Translate uses pix2pix and CycleGAN models (use it in Explore)`);
  }
  const directions = directionsOf(config);
  const chosen = direction ?? directions[0]!;
  if (!directions.includes(chosen)) throw new StudioError('INVALID_ARGUMENT', `direction: run "${run.name}" translates ${directions.join(' and ')} only, not ${chosen}`);
  return { checkpoint, run, config, direction: chosen };
}

/** Newest first. */
export function translateModels(library: Library): TranslateModel[] {
  const ids = library.db
    .prepare("SELECT c.id FROM checkpoints c JOIN runs r ON r.id = c.run_id WHERE r.architecture IN ('pix2pix', 'cyclegan') ORDER BY c.created_at DESC, c.id DESC")
    .pluck()
    .all() as number[];
  return ids.map((id) => {
    const { checkpoint, run, config } = chooseTranslator(library, id, undefined);
    const preview = previewAt(library.db, run.id, checkpoint.step);
    return {
      checkpointId: checkpoint.id,
      runId: run.id,
      runName: run.name,
      architecture: config.architecture,
      step: checkpoint.step,
      resolution: config.resolution,
      dataset: run.dataset_name,
      directions: directionsOf(config),
      channels: { A: config.channelsA, B: config.channelsB },
      metrics: JSON.parse(checkpoint.metrics) as Record<string, number>,
      createdAt: checkpoint.created_at,
      previewUrl: preview ? blobUrl(preview) : null,
    };
  });
}

/** What every stored translation records of the model that made it. */
export function translatorProvenance(translator: ChosenTranslator): Record<string, unknown> {
  const { checkpoint, run, config, direction } = translator;
  return { checkpointId: checkpoint.id, checkpointSha256: checkpoint.sha256, runId: run.id, step: checkpoint.step, architecture: config.architecture, direction };
}
