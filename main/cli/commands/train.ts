import { parseArgs } from 'node:util';
import type { RunDetail, RunSummary, TrainingProgress } from '../../../preload/contract';
import { isNoiseModel } from '../../../preload/model-kinds';
import { call, type Studio } from '../../studio';
import { openProjectOption, withStudio, type CliIo } from '../context';
import { MetricStream } from '../metric-stream';
import { backendOption, integerOption, oneOf } from '../options';
import { trainingProgressLine } from '../progress';
import { resolutionsOf } from '../../training/presets';
import { UsageError } from '../usage';

const settled = new Set(['completed', 'paused', 'stopped', 'failed']);

/**
 * `latent-studio train`: starts (or with --resume, continues) a run and
 * follows it to the end. Ctrl+C pauses it with a checkpoint (exit 130);
 * `--resume RUN` later continues exactly where it stopped. With --json,
 * stdout is JSON Lines: every metric point as it is recorded
 * (`{"type":"metric","runId","step","name","value"}`), then the run as it
 * ended (`{"type":"run", ...RunDetail}`).
 */
export async function trainCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      project: { type: 'string' },
      dataset: { type: 'string' },
      model: { type: 'string', default: 'fastgan' },
      resolution: { type: 'string' },
      width: { type: 'string' },
      direction: { type: 'string' },
      blocks: { type: 'string' },
      upsample: { type: 'string' },
      steps: { type: 'string' },
      batch: { type: 'string' },
      seed: { type: 'string' },
      preset: { type: 'string' },
      conditional: { type: 'boolean', default: false },
      backend: { type: 'string' },
      resume: { type: 'string' },
    },
    strict: true,
  });
  const backend = backendOption(values.backend);
  const steps = integerOption(values.steps, '--steps');
  const resume = integerOption(values.resume, '--resume');
  if (resume === undefined && !values.dataset) throw new UsageError('train needs --dataset NAME (or --resume RUN to continue a run)');
  const model = oneOf(values.model, ['fastgan', 'dcgan', 'pix2pix', 'cyclegan'] as const, '--model')!;
  // Image GANs start small; translation models at the size a drawing or a photo is worked on.
  // FastGAN's 512 and 1024 px are offered here too: the studio refuses them itself unless the backend is a GPU.
  const resolution = Number(oneOf(values.resolution ?? (isNoiseModel(model) ? '32' : '128'), resolutionsOf[model].map(String), `--resolution (for ${model})`));
  const direction = oneOf(values.direction, ['AtoB', 'BtoA'] as const, '--direction');
  if (direction !== undefined && model !== 'pix2pix') throw new UsageError('--direction is for --model pix2pix (a CycleGAN learns both directions)');
  if (values.blocks !== undefined && model !== 'cyclegan') throw new UsageError('--blocks is for --model cyclegan');
  const upsample = oneOf(values.upsample, ['bilinear', 'nearest', 'transposed'] as const, '--upsample');
  if (upsample === 'transposed' && model === 'fastgan') throw new UsageError('--upsample transposed is for --model dcgan, pix2pix or cyclegan (FastGAN resizes: bilinear or nearest)');
  if (values.conditional && !isNoiseModel(model)) throw new UsageError('--conditional is for --model fastgan or dcgan');

  return withStudio(io, async (studio) => {
    await openProjectOption(studio, io, values.project);
    const started =
      resume !== undefined
        ? await call<RunSummary>(studio, 'training.resume', [{ runId: resume, ...(steps !== undefined && { steps }) }])
        : await call<RunSummary>(studio, 'training.start', [
            {
              dataset: values.dataset,
              model,
              resolution,
              ...(steps !== undefined && { steps }),
              ...(values.width !== undefined && { width: integerOption(values.width, '--width') }),
              ...(direction !== undefined && { direction }),
              ...(values.blocks !== undefined && { residualBlocks: integerOption(values.blocks, '--blocks') }),
              ...(upsample !== undefined && { upsample }),
              ...(values.batch !== undefined && { batchSize: integerOption(values.batch, '--batch') }),
              ...(values.seed !== undefined && { seed: integerOption(values.seed, '--seed') }),
              ...(values.preset !== undefined && { preset: oneOf(values.preset, ['quick', 'balanced', 'quality'] as const, '--preset') }),
              ...(values.conditional && { conditional: true }),
            },
          ]);
    const detail = await follow(studio, io, started, values.json);
    io.progress(null);
    if (values.json) io.stdout(`${JSON.stringify({ type: 'run', ...detail })}\n`);
    else io.stdout(describe(detail));
    return detail.status === 'failed' ? 1 : detail.status === 'paused' ? 130 : 0;
  }, backend);
}

/** Prints progress (and with `json`, each metric point) until the run settles; Ctrl+C pauses it. */
async function follow(studio: Studio, io: CliIo, run: RunSummary, json: boolean): Promise<RunDetail> {
  const runId = run.id;
  let swd: number | null = null;
  const metrics = new MetricStream(studio, runId, run.step, (points) => {
    for (const point of points) {
      if (json) io.stdout(`${JSON.stringify({ type: 'metric', runId, ...point })}\n`);
      if (point.name === 'swd') swd = point.value;
    }
  });
  const pause = () => void call(studio, 'training.pause', [{ runId }]).catch(() => {});
  process.once('SIGINT', pause);
  try {
    await new Promise<void>((resolve, reject) => {
      const unsubscribe = studio.events.subscribe((event, payload) => {
        if (event !== 'trainingProgress') return;
        const progress = payload as TrainingProgress;
        if (progress.runId !== runId) return;
        const done = settled.has(progress.status);
        if (done) unsubscribe();
        // The line waits for the points recorded with this progress, so it shows the newest SWD.
        metrics.read().then(() => {
          io.progress(trainingProgressLine(progress, swd));
          if (done) resolve();
        }, reject);
      });
      // A run that failed at once (its dataset gone, its only checkpoint damaged) may have settled before this listened.
      call<RunDetail>(studio, 'training.get', [{ runId }]).then((detail) => {
        if (!settled.has(detail.status)) return;
        unsubscribe();
        metrics.read().then(resolve, reject);
      }, reject);
    });
  } finally {
    process.off('SIGINT', pause);
  }
  return call<RunDetail>(studio, 'training.get', [{ runId }]);
}

function describe(run: RunDetail): string {
  const lines = [
    `Run ${run.id} (${run.name}) ${run.status} at step ${run.step} of ${run.totalSteps} after ${run.trainSeconds.toFixed(0)} s of training`,
    ...Object.entries(run.latest).map(([name, value]) => `  ${name.padEnd(18)} ${value.toPrecision(4)}`),
    ...run.checkpoints.map((checkpoint) => `  checkpoint ${checkpoint.id} at step ${checkpoint.step}`),
    ...run.warnings.map((warning) => `  ! ${warning}`),
  ];
  if (run.error) lines.push(`  ✗ ${run.error}`);
  if (run.status === 'paused') lines.push(`Continue with: latent-studio train --resume ${run.id}`);
  return `${lines.join('\n')}\n`;
}
