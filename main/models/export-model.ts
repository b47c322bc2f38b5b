/**
 * models.export: a checkpoint's generator as a self-contained TF.js bundle.
 * The engine writes each network's model.json and weights (and layers.js)
 * into a staging folder; this adds bundle.json and README.md, then renames
 * the folder into place — a cancelled or failed export leaves nothing.
 * bundle.json records each file's SHA-256, which an import checks.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import packageJson from '../../package.json' with { type: 'json' };
import { StudioError, type ExportModelReport, type ExportModelRequest } from '../../preload/contract';
import { bundleFiles, bundleLayout } from '../engine/bundle/layout';
import { drawsFromNoise, type ModelConfig } from '../engine/models/config';
import { followInJob, type EngineAccess } from '../jobs/engine-work';
import type { Jobs } from '../jobs/jobs';
import type { Library } from '../library/library';
import { findCheckpoint, findRun, planOf, type CheckpointRow, type RunRow } from '../library/repos/runs';
import { chooseGenerator } from '../latent/models';
import { intactCheckpoint } from '../library/intact-checkpoint';
import { chooseDestination, listFiles, makeStagingFolder, moveIntoPlace } from './bundle-folder';
import { manifestFormat, manifestVersion, tensorsOf, type BundleManifest } from './bundle-manifest';
import { bundleReadme } from './bundle-readme';

export async function exportModel(library: Library, access: EngineAccess, jobs: Jobs, request: ExportModelRequest): Promise<ExportModelReport> {
  const { checkpoint: asked, run, config, ema, classNames } = exportedCheckpoint(library, request);
  const { checkpoint, file } = intactCheckpoint(library, asked, access.notify);
  const destination = chooseDestination(request.folder, request.conflict ?? 'ask');
  const layout = bundleLayout(config, ema);
  const precision = request.precision ?? 'float32';
  return jobs.run(
    'model-export',
    `Exporting ${run.name} at step ${checkpoint.step}`,
    async (job) => {
      const started = performance.now();
      const staging = makeStagingFolder(destination.folder);
      try {
        const task = access.engine.start('exportBundle', { backend: access.compute.forced, checkpoint: file, networks: layout, folder: staging, precision }, (progress) =>
          job.update(progress.completed, progress.total, progress.message),
        );
        const exported = await followInJob(task, job);
        const plan = planOf(run);
        const manifest: BundleManifest = {
          format: manifestFormat,
          version: manifestVersion,
          architecture: config.architecture,
          networks: layout.map((network, index) => ({ ...network, parameters: exported.networks[index]!.parameters, ...tensorsOf(config, network) })),
          customLayers: exported.customLayers,
          precision,
          fileSha256: exported.fileSha256,
          config,
          training: { seed: plan.seed, totalSteps: plan.totalSteps, checkpointEvery: plan.checkpointEvery, previewEvery: plan.previewEvery, metricsEvery: plan.metricsEvery, trainSeconds: run.train_seconds },
          classNames,
          metrics: JSON.parse(checkpoint.metrics) as Record<string, number>,
          provenance: {
            project: library.summary.name,
            runId: run.id,
            runName: run.name,
            step: checkpoint.step,
            checkpointId: checkpoint.id,
            checkpointSha256: checkpoint.sha256,
            dataset: run.dataset_name,
            trainedAt: new Date(checkpoint.created_at).toISOString(),
            exportedAt: new Date().toISOString(),
            studioVersion: packageJson.version,
          },
        };
        writeFileSync(join(staging, bundleFiles.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
        writeFileSync(join(staging, bundleFiles.readme), bundleReadme(manifest));
        if (job.signal.aborted) throw new StudioError('CANCELLED', `${job.title} was cancelled`);
        const files = listFiles(staging);
        moveIntoPlace(staging, destination);
        return {
          folder: destination.folder,
          files,
          bytes: files.reduce((sum, file) => sum + file.bytes, 0),
          architecture: config.architecture,
          networks: manifest.networks.map(({ modelFile, network, direction, parameters }) => ({ modelFile, network, direction, parameters })),
          customLayers: exported.customLayers,
          precision,
          seconds: (performance.now() - started) / 1000,
        };
      } catch (error) {
        rmSync(staging, { recursive: true, force: true });
        throw error;
      }
    },
    (report) => `${report.files.length} files, ${(report.bytes / 1e6).toFixed(1)} MB in ${report.folder}`,
    request.jobId,
  );
}

interface ExportedCheckpoint {
  readonly checkpoint: CheckpointRow;
  readonly run: RunRow;
  readonly config: ModelConfig;
  readonly ema: boolean;
  readonly classNames: readonly string[];
}

function exportedCheckpoint(library: Library, request: ExportModelRequest): ExportedCheckpoint {
  const checkpoint = findCheckpoint(library.db, request.checkpointId);
  if (!checkpoint) throw new StudioError('NOT_FOUND', `checkpointId: no checkpoint ${request.checkpointId} in this project`);
  const run = findRun(library.db, checkpoint.run_id)!;
  const config = planOf(run).model as unknown as ModelConfig;
  if (drawsFromNoise(config)) {
    // Explore's rules for the moving average and the class names, so the bundle draws what Explore draws.
    const generator = chooseGenerator(library, checkpoint.id, request.ema);
    return { checkpoint, run, config, ema: generator.ema, classNames: generator.classNames };
  }
  if (request.ema !== undefined) throw new StudioError('INVALID_ARGUMENT', `ema: run "${run.name}" is a ${config.architecture} model; only image GANs (FastGAN, DCGAN) keep a moving average`);
  return { checkpoint, run, config, ema: false, classNames: [] };
}
