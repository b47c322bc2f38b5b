/** The trained generators Explore can use: each checkpoint of each FastGAN and DCGAN run, with what its model is. */
import { StudioError, type ExploreModel } from '../../preload/contract';
import { drawsFromNoise, type ImageGanConfig, type ModelConfig } from '../engine/models/config';
import type { EngineAccess } from '../jobs/engine-work';
import { intactCheckpoint } from '../library/intact-checkpoint';
import type { Library } from '../library/library';
import { blobUrl } from '../library/repos/asset-urls';
import { findCheckpoint, findRun, planOf, previewAt, type CheckpointRow, type RunRow } from '../library/repos/runs';
import { classNamesOfRun } from '../library/run-class-names';

/** One checkpoint, chosen for a tool call, with the settings every tool shares resolved. */
export interface ChosenGenerator {
  readonly checkpoint: CheckpointRow;
  readonly run: RunRow;
  readonly config: ImageGanConfig;
  /** Whether the moving average is drawn: asked for, else whenever the run kept one. */
  readonly ema: boolean;
  readonly classNames: readonly string[];
}

/** A generator about to draw: its checkpoint's file checked, or the run's newest intact one in its place (and said so). */
export interface DrawableGenerator extends ChosenGenerator {
  readonly file: string;
}

export function generatorToDraw(library: Library, access: EngineAccess, checkpointId: number, ema?: boolean): DrawableGenerator {
  const chosen = chooseGenerator(library, checkpointId, ema);
  const intact = intactCheckpoint(library, chosen.checkpoint, access.notify);
  return { ...chosen, checkpoint: intact.checkpoint, file: intact.file };
}

export function chooseGenerator(library: Library, checkpointId: number, ema?: boolean): ChosenGenerator {
  const checkpoint = findCheckpoint(library.db, checkpointId);
  if (!checkpoint) throw new StudioError('NOT_FOUND', `checkpointId: no checkpoint ${checkpointId} in this project`);
  const run = findRun(library.db, checkpoint.run_id)!;
  const config = planOf(run).model as unknown as ModelConfig;
  if (!drawsFromNoise(config)) {
    throw new StudioError('INVALID_ARGUMENT', `checkpointId: checkpoint ${checkpointId} is a ${config.architecture} model, which translates images; Explore draws from FastGAN and DCGAN generators (use it in Translate or Style)`);
  }
  const hasEma = config.emaDecay > 0;
  if (ema && !hasEma) throw new StudioError('INVALID_ARGUMENT', `ema: run "${run.name}" trained without a moving average of its weights`);
  return { checkpoint, run, config, ema: ema ?? hasEma, classNames: classNamesOfRun(library.db, run, config.classes) };
}

/** Newest first. */
export function exploreModels(library: Library): ExploreModel[] {
  const rows = library.db
    // The architectures drawsFromNoise accepts, as the runs table names them.
    .prepare("SELECT c.id FROM checkpoints c JOIN runs r ON r.id = c.run_id WHERE r.architecture IN ('fastgan', 'dcgan') ORDER BY c.created_at DESC, c.id DESC")
    .pluck()
    .all() as number[];
  return rows.map((id) => {
    const { checkpoint, run, config, classNames } = chooseGenerator(library, id);
    const preview = previewAt(library.db, run.id, checkpoint.step);
    return {
      checkpointId: checkpoint.id,
      runId: run.id,
      runName: run.name,
      architecture: config.architecture,
      step: checkpoint.step,
      resolution: config.resolution,
      channels: config.channels,
      latentSize: config.latentSize,
      hasEma: config.emaDecay > 0,
      classNames,
      createdAt: checkpoint.created_at,
      previewUrl: preview ? blobUrl(preview) : null,
    };
  });
}

export function checkClass(generator: ChosenGenerator, value: number | undefined, field: string): void {
  if (value === undefined) return;
  const classes = generator.config.classes;
  if (classes === 0) throw new StudioError('INVALID_ARGUMENT', `${field}: run "${generator.run.name}" is not conditional on classes`);
  if (value >= classes) throw new StudioError('INVALID_ARGUMENT', `${field}: run "${generator.run.name}" has ${classes} classes (0–${classes - 1}), not ${value + 1}`);
}
