import type { ExportModelReport, ImportModelReport, ModelSourceSummary } from '../../../../preload/contract';
import type { Studio } from '../api';
import { exportableModels, type ExportableModel } from '../export-models';
import { pathProblem } from '../export-request';
import { GuardedWrite } from './export-guarded-write.svelte';
import { TrackedJob } from './tracked-job.svelte';

/** A bundle's folder is one thing: replaced whole, or written beside as "folder-2". */
type BundleAnswer = 'overwrite' | 'keep-both';

/**
 * The Models tab: a checkpoint's generator out as a self-contained TF.js
 * bundle, and a bundle (or another project's checkpoint) in as a new run.
 * An import is inspected first, so the person sees what comes in.
 */
export class ExportModels {
  models = $state.raw<readonly ExportableModel[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);
  checkpointId = $state<number | null>(null);
  /** FastGAN and DCGAN: the moving average of the weights (cleaner images) rather than the generator as last trained. */
  ema = $state(true);
  /** Weights as float16: half the download for a web page, a visually identical image. */
  halfPrecision = $state(false);
  folder = $state('');
  readonly exporting: GuardedWrite<ExportModelReport, BundleAnswer>;

  importPath = $state('');
  /** With a project's folder as the path: which of its checkpoints. */
  importCheckpointId = $state<number | null>(null);
  importName = $state('');
  inspected = $state.raw<ModelSourceSummary | null>(null);
  inspecting = $state(false);
  inspectError = $state<string | null>(null);
  readonly importing: TrackedJob<ImportModelReport>;

  readonly #studio: Studio;

  constructor(studio: Studio) {
    this.#studio = studio;
    this.exporting = new GuardedWrite(studio);
    this.importing = new TrackedJob(studio);
    studio.onProjectChanged(() => {
      this.checkpointId = null;
      this.exporting.clear();
      this.importing.clear();
      void this.refresh();
    });
  }

  get model(): ExportableModel | null {
    return this.models.find((model) => model.checkpointId === this.checkpointId) ?? null;
  }

  async refresh(): Promise<void> {
    try {
      const [generators, translators] = await Promise.all([this.#studio.latent.models(), this.#studio.translate.models()]);
      this.models = exportableModels(generators, translators);
      this.error = null;
    } catch (error) {
      this.error = `Could not read the checkpoints: ${(error as Error).message}`;
    } finally {
      this.loaded = true;
    }
    if (!this.model) this.checkpointId = this.models[0]?.checkpointId ?? null;
  }

  get exportProblem(): string | null {
    if (!this.model) return this.models.length === 0 ? 'This project has no trained checkpoints yet.' : 'Choose a checkpoint.';
    return pathProblem('folder', this.folder);
  }

  async export(): Promise<void> {
    const model = this.model;
    if (!model || this.exportProblem || this.exporting.busy) return;
    const request = { checkpointId: model.checkpointId, folder: this.folder.trim(), precision: this.halfPrecision ? ('float16' as const) : ('float32' as const), ...(model.hasEma ? { ema: this.ema } : {}) };
    await this.exporting.start((conflict, jobId) => this.#studio.models.export({ ...request, conflict, jobId }), ['overwrite', 'keep-both']);
  }

  get importProblem(): string | null {
    const problem = pathProblem('file', this.importPath);
    return problem === null ? null : 'Type the full path of a bundle’s folder, a .ckpt file, or another project’s folder.';
  }

  /** A new path (or checkpoint) to import: what was read of the old one no longer holds. */
  changedSource(): void {
    this.inspected = null;
    this.inspectError = null;
    this.importing.clear();
  }

  /** Reads what the path holds, without importing it. */
  async inspect(): Promise<void> {
    if (this.importProblem || this.inspecting) return;
    this.changedSource();
    this.inspecting = true;
    try {
      this.inspected = await this.#studio.models.inspect(this.#source());
    } catch (error) {
      this.inspectError = (error as Error).message;
    } finally {
      this.inspecting = false;
    }
  }

  async import(): Promise<void> {
    if (!this.inspected || this.importing.running) return;
    const name = this.importName.trim();
    const report = await this.importing.run((jobId) => this.#studio.models.import({ ...this.#source(), ...(name === '' ? {} : { name }), jobId }));
    if (report) await this.refresh();
  }

  #source(): { path: string; checkpointId?: number } {
    const id = this.importCheckpointId;
    return { path: this.importPath.trim(), ...(id !== null && Number.isInteger(id) && id >= 1 ? { checkpointId: id } : {}) };
  }
}
