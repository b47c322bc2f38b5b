/**
 * Checks a checkpoint file from another project before it joins this one:
 * it must be whole (readCheckpoint verifies its checksum), and every network
 * a bundle of it would hold must load from it into the model its config
 * builds. Answers with the checkpoint's state, or the problem.
 */
import { StudioError } from '../../../preload/contract';
import { readCheckpoint } from '../../formats/checkpoint-file';
import { restoreNetwork } from '../train/snapshot';
import { bundleLayout } from './layout';
import type { CheckCheckpointParams, CheckedCheckpoint } from './messages';
import { buildBundleNetwork } from './networks';

export function checkCheckpoint({ path }: CheckCheckpointParams): CheckedCheckpoint {
  let checkpoint;
  try {
    checkpoint = readCheckpoint(path);
  } catch (error) {
    if (error instanceof StudioError) return { ok: false, problem: error.message };
    throw error;
  }
  const { config } = checkpoint.state;
  const hasEma = [...checkpoint.tensors.keys()].some((name) => name.startsWith('ema/'));
  for (const layout of bundleLayout(config, hasEma)) {
    let model;
    try {
      model = buildBundleNetwork(config, layout);
    } catch (error) {
      return { ok: false, problem: `${path}: its config does not build a model (${(error as Error).message})` };
    }
    try {
      restoreNetwork(model, layout.network, checkpoint.tensors);
    } catch (error) {
      return { ok: false, problem: `${path}: ${(error as Error).message}` };
    } finally {
      model.dispose();
    }
  }
  return { ok: true, state: checkpoint.state };
}
