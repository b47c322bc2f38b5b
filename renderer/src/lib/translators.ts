/**
 * How the Translate and Style views name trained translation models and
 * their directions. Pure, so the naming rules are unit-tested.
 */
import type { Direction, TranslateModel } from '../../../preload/contract';
import { directionLabels } from './model-families';

/** "Shoes · pix2pix 128 px · step 1,000": the run's name (which names the family and size unless renamed) and the checkpoint. */
export function translatorLabel(model: TranslateModel): string {
  return `${model.runName} · step ${model.step.toLocaleString('en')}`;
}


/** What the held-out measurements say, in words a person can weigh: "held-out L1 0.120 · PSNR 18.2 dB · SSIM 0.61". */
export function qualitySummary(metrics: Readonly<Record<string, number>>): string | null {
  const parts: string[] = [];
  const { heldOutL1, heldOutPsnr, heldOutSsim, cycleError } = metrics;
  if (heldOutL1 !== undefined) parts.push(`held-out L1 ${heldOutL1.toFixed(3)}`);
  if (heldOutPsnr !== undefined) parts.push(`PSNR ${heldOutPsnr.toFixed(1)} dB`);
  if (heldOutSsim !== undefined) parts.push(`SSIM ${heldOutSsim.toFixed(2)}`);
  if (cycleError !== undefined) parts.push(`cycle error ${cycleError.toFixed(3)}`);
  return parts.length > 0 ? parts.join(' · ') : null;
}

/** One look the Style view offers: a model and the way it goes (a CycleGAN offers two). */
export interface StyleOption {
  readonly key: string;
  readonly checkpointId: number;
  readonly direction: Direction;
  readonly label: string;
}

/**
 * Each model's newest checkpoint, each way it translates: the looks to choose
 * among. A `pinned` checkpoint (one a link asked for) stands for its run instead.
 */
export function styleOptions(models: readonly TranslateModel[], pinned: number | null = null): StyleOption[] {
  const perRun = new Map<number, TranslateModel>();
  for (const model of models) {
    const known = perRun.get(model.runId);
    if (known?.checkpointId === pinned) continue;
    if (!known || model.checkpointId === pinned || model.step > known.step) perRun.set(model.runId, model);
  }
  const newestStep = new Map<number, number>();
  for (const model of models) newestStep.set(model.runId, Math.max(newestStep.get(model.runId) ?? 0, model.step));
  return [...perRun.values()].flatMap((model) =>
    model.directions.map((direction) => ({
      key: `${model.checkpointId}:${direction}`,
      checkpointId: model.checkpointId,
      direction,
      label: `${model.runName} ${directionLabels[direction]}${model.step < newestStep.get(model.runId)! ? ` (step ${model.step.toLocaleString('en')})` : ''}`,
    })),
  );
}

/**
 * The drawing canvas's side in pixels: at least 256, so lines look like
 * lines, and at least the model's size, so nothing is lost on the way in.
 */
export function canvasSideFor(resolution: number): number {
  return Math.max(256, resolution);
}

/** The checkpoint a link asked for (#/translate?checkpoint=12), when it is a number. */
export function requestedCheckpoint(hash: string): number | null {
  const query = hash.split('?')[1];
  const value = query ? new URLSearchParams(query).get('checkpoint') : null;
  const id = value === null ? NaN : Number(value);
  return Number.isInteger(id) && id > 0 ? id : null;
}
