import type { DatasetKind, ImportReport, ImportRequest } from '../../../../preload/contract';
import type { Studio } from '../api';
import type { FileStaging, PickedItem, StagingProgress } from '../file-staging';
import { TrackedJob } from './tracked-job.svelte';

/** Uploading happens only in serve mode, where files must reach the server before it can import them. */
export type ImportPhase = 'idle' | 'uploading' | 'importing';

export type Pairing = NonNullable<ImportRequest['pairing']>;

export interface ImportTarget {
  readonly dataset: string;
  readonly kind: DatasetKind;
  /** Paired datasets: one side-by-side source, or matched A and B folders. */
  readonly pairing?: Pairing | undefined;
}

/**
 * One import into a dataset, from what was dropped, picked or typed: first
 * the files reach the main process (uploaded, in serve mode), then the import
 * job runs. Either step can be cancelled; the report stays until the next one.
 */
export class ImportSession {
  phase = $state<ImportPhase>('idle');
  upload = $state.raw<StagingProgress | null>(null);
  report = $state.raw<ImportReport | null>(null);
  error = $state<string | null>(null);
  /** How the next paired import reads its sources; the view-wide drop target needs it too. */
  pairing = $state<Pairing>('side-by-side');
  /** Cancel was pressed during the upload, which is stopping. */
  uploadCancelling = $state(false);
  /** The upload was cancelled, so nothing was imported (a cancelled import says so in its report). */
  uploadCancelled = $state(false);
  readonly job: TrackedJob<ImportReport>;
  readonly staging: FileStaging;

  readonly #studio: Studio;
  #uploadAbort: AbortController | null = null;
  /** Upload progress of the zones already sent, so two zones read as one upload. */
  #finishedZones: StagingProgress | null = null;

  constructor(studio: Studio, staging: FileStaging) {
    this.#studio = studio;
    this.staging = staging;
    this.job = new TrackedJob<ImportReport>(studio);
  }

  get busy(): boolean {
    return this.phase !== 'idle';
  }

  /** True while cancelling: the upload stops at once, the import job at its next step. */
  get cancelling(): boolean {
    return this.phase === 'uploading' ? this.uploadCancelling : this.job.cancelling;
  }

  /** Matched-folder pairs and unpaired sets take two sources, A and B; everything else one. */
  zonesFor(kind: DatasetKind): 1 | 2 {
    return kind === 'unpaired' || (kind === 'paired' && this.pairing === 'matched-folders') ? 2 : 1;
  }

  /**
   * Imports picked files: one zone for an image set or side-by-side pairs,
   * two (A, then B) for matched pairs and unpaired sets — each of those must
   * become exactly one path.
   */
  async importPicked(target: ImportTarget, zones: readonly (readonly PickedItem[])[]): Promise<ImportReport | null> {
    if (this.busy) return null;
    this.dismiss();
    this.phase = 'uploading';
    const abort = (this.#uploadAbort = new AbortController());
    const paths: string[] = [];
    try {
      for (const zone of zones) {
        paths.push(
          ...(await this.staging.toPaths(zone, {
            asOneFolder: zones.length > 1,
            signal: abort.signal,
            onProgress: (progress) => (this.upload = this.#addEarlierZones(progress)),
          })),
        );
        this.#finishedZones = this.upload;
      }
    } catch (error) {
      this.phase = 'idle';
      if (abort.signal.aborted) this.uploadCancelled = true;
      else this.error = (error as Error).message;
      return null;
    } finally {
      this.uploadCancelling = false;
      this.#uploadAbort = null;
      this.#finishedZones = null;
    }
    return this.#runImport(target, paths);
  }

  /** Imports files and folders on the machine that runs the studio, by path. */
  async importPaths(target: ImportTarget, paths: readonly string[]): Promise<ImportReport | null> {
    if (this.busy) return null;
    this.dismiss();
    return this.#runImport(target, paths);
  }

  async cancel(): Promise<void> {
    if (this.phase === 'uploading') {
      this.uploadCancelling = true;
      this.#uploadAbort?.abort();
    } else if (this.phase === 'importing') {
      await this.job.cancel();
    }
  }

  /** Forgets the last report and error, e.g. when another dataset is opened. */
  dismiss(): void {
    if (this.busy) return;
    this.report = null;
    this.error = null;
    this.upload = null;
    this.uploadCancelled = false;
  }

  #addEarlierZones(progress: StagingProgress): StagingProgress {
    const done = this.#finishedZones;
    if (!done) return progress;
    return {
      filesDone: done.filesTotal + progress.filesDone,
      filesTotal: done.filesTotal + progress.filesTotal,
      bytesDone: done.bytesTotal + progress.bytesDone,
      bytesTotal: done.bytesTotal + progress.bytesTotal,
    };
  }

  async #runImport(target: ImportTarget, paths: readonly string[]): Promise<ImportReport | null> {
    this.phase = 'importing';
    const request: ImportRequest = { dataset: target.dataset, paths, kind: target.kind, ...(target.pairing && { pairing: target.pairing }) };
    const report = await this.job.run((jobId) => this.#studio.datasets.import({ ...request, jobId }));
    this.phase = 'idle';
    this.report = report;
    this.error = this.job.error;
    return report;
  }
}
