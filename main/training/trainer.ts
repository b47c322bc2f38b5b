/**
 * Runs training, one run at a time, in the engine process, and records what
 * the engine reports: metrics, preview grids (as outputs), checkpoints (with
 * retention). Pausing and stopping ask the engine to stop after the step
 * under way; it writes a checkpoint there, so resuming continues exactly.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { RunStatus } from '../../preload/contract';
import type { EventBus } from '../api/events';
import { prepareDataset } from '../datasets/prepared';
import type { EngineHost, EngineTask } from '../engine/host';
import { drawsFromNoise, type ModelConfig } from '../engine/models/config';
import type { TrainEvent, TrainingData, TrainResult } from '../engine/protocol';
import type { Job, Jobs } from '../jobs/jobs';
import { BlobStore } from '../library/blobs';
import type { CurrentProject } from '../library/current-project';
import type { Library } from '../library/library';
import { blobUrl } from '../library/repos/asset-urls';
import { findDataset } from '../library/repos/datasets';
import { intactCheckpoint } from '../library/intact-checkpoint';
import { insertOutput } from '../library/repos/outputs';
import {
  checkpointsOf,
  deleteCheckpoint,
  findRun,
  planOf,
  recordCheckpoint,
  recordMetrics,
  setRunProgress,
  setRunStatus,
  type RunRow,
} from '../library/repos/runs';
import type { ComputeBackends } from '../system/compute';
import { checkpointsToDelete, qualityMetricOf } from './retention';

type StopReason = 'paused' | 'stopped';

interface Active {
  readonly runId: number;
  readonly task: EngineTask<TrainResult>;
  stopAs: StopReason | null;
}

export class Trainer {
  readonly #project: CurrentProject;
  readonly #engine: EngineHost;
  readonly #compute: ComputeBackends;
  readonly #jobs: Jobs;
  readonly #events: EventBus;
  readonly #queue: number[] = [];
  #active: Active | null = null;
  #draining = false;
  /** Set when the app quits: a run ending then stays 'running' in the library and is resumed as interrupted. */
  #closed = false;

  constructor(project: CurrentProject, engine: EngineHost, compute: ComputeBackends, jobs: Jobs, events: EventBus) {
    this.#project = project;
    this.#engine = engine;
    this.#compute = compute;
    this.#jobs = jobs;
    this.#events = events;
  }

  /** Queues a run (already recorded as queued); it starts when the engine is free. */
  enqueue(runId: number): void {
    if (!this.#queue.includes(runId) && this.#active?.runId !== runId) this.#queue.push(runId);
    void this.#drain();
  }

  /** Pauses or stops a queued or running run, or stops a paused one; false when there is nothing to do. */
  halt(runId: number, as: StopReason): boolean {
    if (this.#closed) return false;
    const queued = this.#queue.indexOf(runId);
    if (queued >= 0) {
      this.#queue.splice(queued, 1);
      this.#settle(this.#project.library, runId, as, null);
      return true;
    }
    if (this.#active?.runId !== runId) {
      if (as !== 'stopped' || findRun(this.#project.library.db, runId)?.status !== 'paused') return false;
      this.#settle(this.#project.library, runId, 'stopped', null);
      return true;
    }
    this.#active.stopAs = as;
    this.#active.task.cancel();
    return true;
  }

  /** Stops recording: the library is about to close. The engine's stop ends the run in flight. */
  close(): void {
    this.#closed = true;
    this.#queue.length = 0;
  }

  /** Whether a run is training or waiting to. */
  get busy(): boolean {
    return this.#active !== null || this.#queue.length > 0;
  }

  isBusyWith(runId: number): boolean {
    return this.#active?.runId === runId || this.#queue.includes(runId);
  }

  async #drain(): Promise<void> {
    if (this.#draining) return;
    this.#draining = true;
    try {
      for (let runId = this.#queue.shift(); runId !== undefined; runId = this.#queue.shift()) await this.#train(runId);
    } finally {
      this.#draining = false;
    }
  }

  async #train(runId: number): Promise<void> {
    const library = this.#project.library;
    const run = findRun(library.db, runId);
    if (!run) return;
    const plan = planOf(run);
    const config = plan.model as unknown as ModelConfig;
    const job = this.#jobs.start('training', `Training ${run.name}`, plan.totalSteps);
    setRunStatus(library.db, runId, 'running');
    this.#emit(run, 'running', run.step, plan.totalSteps, 'Preparing the dataset');
    let result: TrainResult | null = null;
    let error: string | null = null;
    try {
      const data = await this.#prepare(library, run, config, job);
      const resumeFrom = this.#resumePoint(library, run, plan.totalSteps);
      const session = new SessionRate(run.step);
      const task = this.#engine.start(
        'train',
        {
          backend: this.#compute.forced,
          config,
          seed: plan.seed,
          totalSteps: plan.totalSteps,
          data,
          checkpointDir: join(library.folders.checkpoints, `run-${runId}`),
          previewDir: join(library.folders.cache, 'previews', `run-${runId}`),
          resumeFrom,
          checkpointEvery: plan.checkpointEvery,
          previewEvery: plan.previewEvery,
          metricsEvery: plan.metricsEvery,
        },
        (event) => this.#record(library, run, plan.totalSteps, event, session, job),
      );
      this.#active = { runId, task, stopAs: null };
      // Cancelling the run's job (the status bar's cancel, the CLI's Ctrl+C) pauses it: nothing is lost.
      job.signal.addEventListener('abort', () => this.halt(runId, 'paused'));
      result = await task.result;
    } catch (caught) {
      error = (caught as Error).message;
    }
    const stopAs = this.#active?.runId === runId ? this.#active.stopAs : null;
    this.#active = null;
    const status: RunStatus = error ? 'failed' : result?.stopped ? (stopAs ?? 'paused') : 'completed';
    this.#settle(library, runId, status, error, result);
    if (status === 'failed') job.fail(error ?? 'failed');
    else if (status === 'completed') job.finish(`Trained ${result?.step ?? 0} steps`);
    else job.cancelled(`${status === 'paused' ? 'Paused' : 'Stopped'} at step ${result?.step ?? run.step}`);
  }

  /**
   * The newest checkpoint whose file is intact, to resume from (null for a
   * run not yet started). A damaged newest one is marked, and the run goes
   * on from the one before, saying so.
   */
  #resumePoint(library: Library, run: RunRow, totalSteps: number): string | null {
    const newest = checkpointsOf(library.db, run.id).at(-1);
    if (!newest) return null;
    const chosen = intactCheckpoint(library, newest, (notice) => this.#events.emit('notice', notice));
    if (chosen.fallback) this.#emit(run, 'running', chosen.checkpoint.step, totalSteps, chosen.fallback);
    return chosen.file;
  }

  /**
   * The dataset as tensor caches at the run's resolution, made once and reused
   * while the dataset is unchanged: one for a FastGAN or DCGAN; A and B for a translation
   * model, with mirrored copies (the papers' random flips; a pair is flipped
   * whole, since both sides are prepared in the same order).
   */
  async #prepare(library: Library, run: RunRow, config: ModelConfig, job: Job): Promise<TrainingData> {
    const dataset = run.dataset_name ? findDataset(library.db, run.dataset_name) : undefined;
    if (!dataset) throw new Error(`The dataset of ${run.name} no longer exists`);
    const request = { dataset: dataset.name, resolution: config.resolution, crop: 'center' as const };
    if (drawsFromNoise(config)) {
      const [cache] = await prepareDataset(library, dataset, { ...request, channels: config.channels, mirror: false }, job);
      if (!cache) throw new Error(`${dataset.name} has no images to train on`);
      return { kind: 'images', cache: cache.path };
    }
    const caches = await prepareDataset(library, dataset, { ...request, mirror: true }, job, { A: config.channelsA, B: config.channelsB });
    const pathOf = (domain: 'A' | 'B') => {
      const cache = caches.find((candidate) => candidate.domain === domain);
      if (!cache) throw new Error(`${dataset.name} has no ${domain} images to train on`);
      return cache.path;
    };
    return { kind: 'domains', A: pathOf('A'), B: pathOf('B') };
  }

  #record(library: Library, run: RunRow, totalSteps: number, event: TrainEvent, session: SessionRate, job: Job): void {
    if (this.#closed) return;
    const { db, blobs } = library;
    switch (event.type) {
      case 'metrics': {
        db.transaction(() => {
          recordMetrics(db, run.id, event.values);
          setRunProgress(db, run.id, event.step, event.trainSeconds);
        })();
        session.observe(event.step, event.trainSeconds);
        const latest = (name: string) => event.values.findLast((value) => value.name === name)?.value ?? null;
        const eta = session.secondsPerStep === null ? null : session.secondsPerStep * (totalSteps - event.step);
        job.update(event.step, totalSteps, `Step ${event.step.toLocaleString('en')}`);
        this.#emit(run, 'running', event.step, totalSteps, `Step ${event.step}`, { lossD: latest('lossD'), lossG: latest('lossG'), imagesPerSecond: latest('imagesPerSecond'), etaSeconds: eta });
        return;
      }
      case 'preview': {
        const bytes = readFileSync(event.path);
        const hash = blobs.write(bytes);
        // Recorded before the next event, so a run never settles ahead of its last preview. A PNG's size is in its header.
        db.transaction(() => {
          BlobStore.record(db, hash, bytes.length, { mediaType: 'image/png', width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) });
          insertOutput(db, { blobHash: hash, kind: 'preview', runId: run.id, datasetId: run.dataset_id, provenance: { tool: 'training-preview', runId: run.id, step: event.step, seed: planOf(run).seed } });
        })();
        rmSync(event.path, { force: true });
        this.#emit(run, 'running', event.step, totalSteps, `Preview at step ${event.step}`, { previewUrl: blobUrl(hash) });
        return;
      }
      case 'checkpoint': {
        const { id: checkpointId, retired } = db.transaction(() => {
          const id = recordCheckpoint(db, { run_id: run.id, step: event.step, path: library.storedPathOf(event.path), size: event.size, sha256: event.sha256, metrics: { ...event.metrics } });
          const rows = checkpointsOf(db, run.id);
          const best = qualityMetricOf((planOf(run).model as unknown as ModelConfig).architecture);
          const retained = rows.map((row) => ({ id: row.id, step: row.step, score: (JSON.parse(row.metrics) as Record<string, number>)[best] }));
          const doomed = checkpointsToDelete(retained);
          for (const doomedId of doomed) deleteCheckpoint(db, doomedId);
          return { id, retired: doomed.map((doomedId) => rows.find((row) => row.id === doomedId)!.path) };
        })();
        // Only once the commit has retired them: a crash before this leaves files the next open removes, never rows without files.
        for (const stored of retired) rmSync(library.fileOf(stored), { force: true });
        this.#emit(run, 'running', event.step, totalSteps, `Checkpoint at step ${event.step}`, { checkpointId });
        return;
      }
    }
  }

  #settle(library: Library, runId: number, status: RunStatus, error: string | null, result?: TrainResult | null): void {
    if (this.#closed) return;
    const run = findRun(library.db, runId);
    if (!run) return;
    library.db.transaction(() => {
      if (result) setRunProgress(library.db, runId, result.step, result.trainSeconds);
      setRunStatus(library.db, runId, status, error);
    })();
    const message = error ?? { completed: 'Finished', paused: 'Paused', stopped: 'Stopped', queued: 'Queued', running: 'Running', failed: 'Failed' }[status];
    this.#emit(run, status, result?.step ?? run.step, planOf(run).totalSteps, message);
  }

  #emit(run: RunRow, status: RunStatus, step: number, totalSteps: number, message: string, extra: Partial<{ lossD: number | null; lossG: number | null; imagesPerSecond: number | null; etaSeconds: number | null; previewUrl: string; checkpointId: number }> = {}): void {
    this.#events.emit('trainingProgress', {
      runId: run.id,
      status,
      step,
      totalSteps,
      lossD: extra.lossD ?? null,
      lossG: extra.lossG ?? null,
      imagesPerSecond: extra.imagesPerSecond ?? null,
      etaSeconds: extra.etaSeconds ?? null,
      previewUrl: extra.previewUrl ?? null,
      checkpointId: extra.checkpointId ?? null,
      message,
    });
  }
}

/** Seconds per step in this session (after a resume, earlier sessions' speed may not apply). */
class SessionRate {
  readonly #firstStep: number;
  #first: { step: number; seconds: number } | null = null;
  secondsPerStep: number | null = null;

  constructor(firstStep: number) {
    this.#firstStep = firstStep;
  }

  observe(step: number, trainSeconds: number): void {
    if (!this.#first) {
      this.#first = { step, seconds: trainSeconds };
      return;
    }
    if (step > this.#first.step && step > this.#firstStep) this.secondsPerStep = (trainSeconds - this.#first.seconds) / (step - this.#first.step);
  }
}
