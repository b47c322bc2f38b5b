/**
 * models.inspect and models.import. A bundle's networks are checked against
 * its config by the engine and written as a checkpoint; a checkpoint from
 * another project is copied and checked as it is (weights, optimizers and
 * all). Either way the file is finished under a staging name before anything
 * is recorded, and recorded with its run in one transaction.
 */
import { randomBytes } from 'node:crypto';
import { rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { StudioError, type ImportModelReport, type ImportModelRequest, type ModelSourceRef, type ModelSourceSummary } from '../../preload/contract';
import type { CheckpointState } from '../formats/checkpoint-file';
import { SeededRandom } from '../engine/random';
import { drawsFromNoise, type ModelConfig } from '../engine/models/config';
import { followInJob, type EngineAccess } from '../jobs/engine-work';
import type { Job, Jobs } from '../jobs/jobs';
import type { Library } from '../library/library';
import { recordImportedRun, type ImportedRun, type ImportOrigin } from './imported-runs';
import { bundleSummary, checkpointSummary, resolveSource, type ModelSource } from './model-sources';
import { copyCheckpointFile, sha256OfFile } from './source-files';

type BundleSource = Extract<ModelSource, { kind: 'bundle' }>;
type CheckpointSource = Extract<ModelSource, { kind: 'checkpoint' }>;

export async function inspectModel(library: Library, access: EngineAccess, ref: ModelSourceRef): Promise<ModelSourceSummary> {
  const source = await resolveSource(library, ref);
  if (source.kind === 'bundle') {
    await checkBundle(access, source, null);
    return bundleSummary(source);
  }
  return checkpointSummary(source, await checkedState(access, source.file));
}

export async function importModel(library: Library, access: EngineAccess, jobs: Jobs, request: ImportModelRequest): Promise<ImportModelReport> {
  const source = await resolveSource(library, request);
  return jobs.run(
    'model-import',
    `Importing ${basename(source.kind === 'bundle' ? source.folder : source.file)}`,
    async (job) => {
      const staging = join(library.folders.checkpoints, `.import-${randomBytes(6).toString('hex')}.lsck.tmp`);
      try {
        job.update(0, 2, 'Checking the model');
        const prepared = source.kind === 'bundle' ? await stageBundle(access, source, staging, job) : await stageCheckpoint(access, source, staging, job);
        if (job.signal.aborted) throw new StudioError('CANCELLED', `${job.title} was cancelled`);
        job.update(1, 2, 'Recording the run');
        const name = request.name ?? `${prepared.summary.runName} (imported)`;
        const { runId, checkpointId } = recordImportedRun(library, { ...prepared.run, name });
        return { runId, runName: name, checkpointId, summary: prepared.summary };
      } finally {
        rmSync(staging, { force: true });
      }
    },
    (report) => `${report.runName}: checkpoint ${report.checkpointId}`,
    request.jobId,
  );
}

interface Prepared {
  readonly summary: ModelSourceSummary;
  readonly run: Omit<ImportedRun, 'name'>;
}

async function stageBundle(access: EngineAccess, source: BundleSource, staging: string, job: Job): Promise<Prepared> {
  const { manifest } = source;
  const { training, provenance } = manifest;
  const config = importedConfig(manifest.config);
  const state: CheckpointState = {
    config,
    seed: training.seed,
    step: provenance.step,
    random: new SeededRandom(training.seed).state,
    data: { epoch: 0, index: 0 },
    trainSeconds: training.trainSeconds,
    metrics: manifest.metrics,
  };
  const written = (await checkBundle(access, source, { state, staging, job }))!;
  const summary = bundleSummary(source);
  return {
    summary,
    run: {
      architecture: config.architecture,
      plan: {
        model: { ...config },
        seed: training.seed,
        totalSteps: provenance.step,
        checkpointEvery: training.checkpointEvery,
        previewEvery: training.previewEvery,
        metricsEvery: training.metricsEvery,
        imported: origin('bundle', source.folder, summary),
      },
      step: provenance.step,
      trainSeconds: training.trainSeconds,
      metrics: manifest.metrics,
      staged: { path: staging, ...written },
    },
  };
}

/**
 * A bundle holds one FastGAN or DCGAN generator (its moving average, usually):
 * imported, that is the checkpoint's generator, and there is no average left to choose.
 */
function importedConfig(config: ModelConfig): ModelConfig {
  return drawsFromNoise(config) ? { ...config, emaDecay: 0 } : config;
}

/**
 * The engine checks every network's weights against the config, and each file
 * against the SHA-256 bundle.json records (a bundle exported before they were
 * recorded cannot be verified); with `into`, it writes them as a checkpoint there.
 */
async function checkBundle(access: EngineAccess, source: BundleSource, into: { state: CheckpointState; staging: string; job: Job } | null): Promise<{ size: number; sha256: string } | null> {
  const { manifest } = source;
  const writeTo = into && { path: into.staging, state: into.state };
  const task = access.engine.start('importBundle', {
    backend: access.compute.forced,
    folder: source.folder,
    config: importedConfig(manifest.config),
    networks: manifest.networks,
    fileSha256: manifest.fileSha256 ?? null,
    writeTo,
  });
  const result = await followInJob(task, into?.job);
  if (!result.ok) throw new StudioError('INVALID_ARGUMENT', result.problem);
  return result.written;
}

async function stageCheckpoint(access: EngineAccess, source: CheckpointSource, staging: string, job: Job): Promise<Prepared> {
  await copyCheckpointFile(source.file, staging);
  // The copy is what is recorded, so the copy is what is hashed and checked.
  const sha256 = await sha256OfFile(staging);
  if (sha256 !== source.sha256) throw new StudioError('INVALID_ARGUMENT', `path: ${source.file} changed while it was being imported`);
  const state = await checkedState(access, staging, job, source.file);
  const summary = checkpointSummary(source, state);
  const known = source.origin?.plan;
  return {
    summary,
    run: {
      architecture: state.config.architecture,
      plan: {
        model: { ...state.config },
        seed: state.seed,
        totalSteps: state.step,
        checkpointEvery: known?.checkpointEvery ?? Math.max(1, state.step),
        previewEvery: known?.previewEvery ?? Math.max(1, state.step),
        metricsEvery: known?.metricsEvery ?? Math.max(1, state.step),
        imported: origin('checkpoint', source.file, summary),
      },
      step: state.step,
      trainSeconds: state.trainSeconds,
      metrics: state.metrics,
      staged: { path: staging, size: statSync(staging).size, sha256 },
    },
  };
}

/** `shownAs`: the name problems give the file (the original, when a staged copy is checked). */
async function checkedState(access: EngineAccess, file: string, job?: Job, shownAs = file): Promise<CheckpointState> {
  const result = await followInJob(access.engine.start('checkCheckpoint', { backend: access.compute.forced, path: file }), job);
  if (!result.ok) throw new StudioError('INVALID_ARGUMENT', result.problem.split(file).join(shownAs));
  return result.state;
}

function origin(from: ImportOrigin['from'], path: string, summary: ModelSourceSummary): ImportOrigin {
  return { from, path, project: summary.project, runName: summary.runName, dataset: summary.dataset, checkpointSha256: summary.checkpointSha256, classNames: summary.classNames, importedAt: Date.now() };
}
