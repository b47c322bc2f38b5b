/** The training namespace of the API: arguments arrive validated by the dispatcher. */
import { randomInt } from 'node:crypto';
import { StudioError, type PresetEstimate, type StudioApi } from '../../preload/contract';
import { scaledSecondsPerStep } from '../../preload/step-time';
import { isNoiseModel } from '../../preload/model-kinds';
import type { EngineHost } from '../engine/host';
import type { CurrentProject } from '../library/current-project';
import { requireDataset } from '../library/repos/datasets';
import { createRun, findRun, listRuns, metricSeries, planOf, setPlan, setRunStatus, type RunRow } from '../library/repos/runs';
import type { ComputeBackends } from '../system/compute';
import { datasetFacts, type DatasetFacts } from './dataset-facts';
import { checkBackendFits, defaultRunName, planRun } from './plan';
import { largestCpuResolution, presetNames } from './presets';
import { runDetail, runSummary } from './runs-view';
import type { Trainer } from './trainer';

/** The numbers a preset estimate is measured for: colour images, enough that no batch is cut short. */
const estimateFacts: Readonly<Record<'images' | 'domains', DatasetFacts>> = {
  images: { kind: 'images', channels: 3, classCount: 0, itemCount: 1_000_000 },
  domains: { kind: 'domains', channelsA: 3, channelsB: 3, pairs: 1_000_000, countA: 1_000_000, countB: 1_000_000 },
};

export function trainingService(project: CurrentProject, trainer: Trainer, engine: EngineHost, compute: ComputeBackends): StudioApi['training'] {
  const estimates = new Map<string, number>();
  const requireRun = (runId: number): RunRow => {
    const run = findRun(project.library.db, runId);
    if (!run) throw new StudioError('NOT_FOUND', `No training run ${runId} in this project`);
    return run;
  };
  const summaryOf = (runId: number) => runSummary(project.library.db, requireRun(runId));

  return {
    start: async (request) => {
      const library = project.library;
      const dataset = requireDataset(library.db, request.dataset);
      const facts = await datasetFacts(library, dataset, request.model);
      if (request.conditional && facts.kind === 'images' && facts.classCount < 2) {
        throw new StudioError('INVALID_ARGUMENT', `conditional: "${dataset.name}" has ${facts.classCount} class label(s); a class-conditional model needs at least 2`);
      }
      if (request.resolution > largestCpuResolution) checkBackendFits(request, (await compute.report()).active);
      const { plan } = planRun(request, facts, () => randomInt(2 ** 31));
      const name = request.name ?? defaultRunName({ ...request, dataset: dataset.name });
      const runId = createRun(library.db, name, dataset.id, request.model, plan);
      trainer.enqueue(runId);
      return summaryOf(runId);
    },

    pause: async ({ runId }) => {
      const run = requireRun(runId);
      if (!trainer.halt(runId, 'paused')) throw new StudioError('INVALID_ARGUMENT', `Run ${runId} is ${run.status}, not training`);
      return summaryOf(runId);
    },

    resume: async ({ runId, steps }) => {
      const run = requireRun(runId);
      if (trainer.isBusyWith(runId)) throw new StudioError('INVALID_ARGUMENT', `Run ${runId} is already ${run.status}`);
      // An imported model came without the dataset it learned from: there is nothing here to train it further on.
      if ('imported' in planOf(run)) throw new StudioError('INVALID_ARGUMENT', `runId: run "${run.name}" was imported without its dataset and cannot train further here; start a new run to fine-tune`);
      if (run.status === 'completed' && steps === undefined) {
        throw new StudioError('INVALID_ARGUMENT', `steps: run ${runId} has finished its ${planOf(run).totalSteps} steps; give a larger total to train further`);
      }
      if (steps !== undefined) {
        if (steps <= run.step) throw new StudioError('INVALID_ARGUMENT', `steps: run ${runId} is already at step ${run.step}; the new total must be larger`);
        setPlan(project.library.db, runId, { ...planOf(run), totalSteps: steps });
      }
      setRunStatus(project.library.db, runId, 'queued');
      trainer.enqueue(runId);
      return summaryOf(runId);
    },

    stop: async ({ runId }) => {
      const run = requireRun(runId);
      if (!trainer.halt(runId, 'stopped')) throw new StudioError('INVALID_ARGUMENT', `Run ${runId} is ${run.status}; only a training or paused run can be stopped`);
      return summaryOf(runId);
    },

    list: async () => listRuns(project.library.db).map((run) => runSummary(project.library.db, run)),

    get: async ({ runId }) => runDetail(project.library.db, requireRun(runId)),

    metrics: async ({ runId, names, afterStep }) => metricSeries(project.library.db, requireRun(runId).id, names, afterStep),

    // Only the Quick preset, the smallest, is timed (a few real steps on the
    // active backend); the others are scaled from it by batch and width, so
    // that asking never keeps the engine busy for minutes with a Quality step.
    estimate: async ({ model, resolution }) => {
      const report = await compute.report();
      const facts = estimateFacts[isNoiseModel(model) ? 'images' : 'domains'];
      const plans = presetNames.map((preset) => ({ preset, ...planRun({ dataset: '', model, resolution, preset }, facts, () => 0) }));
      const timed = plans[0]!.config;
      const key = `${report.active}:${JSON.stringify(timed)}`;
      let secondsPerStep = estimates.get(key);
      if (secondsPerStep === undefined) {
        secondsPerStep = (await engine.request('estimate', { backend: compute.forced, config: timed })).secondsPerStep;
        estimates.set(key, secondsPerStep);
      }
      const measured = { secondsPerStep, batchSize: timed.batchSize, width: timed.width };
      return plans.map(({ preset, config, plan }): PresetEstimate => {
        const perStep = scaledSecondsPerStep(measured, config.batchSize, config.width);
        return { preset, steps: plan.totalSteps, batchSize: config.batchSize, width: config.width, secondsPerStep: perStep, totalSeconds: perStep * plan.totalSteps };
      });
    },
  };
}
