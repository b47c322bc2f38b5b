import type { CropMode, DatasetSummary, ImportReport, PairMethod, PreparedCache } from '../../../../preload/contract';
import type { Studio } from '../api';
import type { FileStaging, PickedItem } from '../file-staging';
import { DatasetLibrary } from './datasets.svelte';
import { ImportSession, type Pairing } from './import-session.svelte';
import { ItemBrowser } from './item-browser.svelte';
import { PairChecker } from './pair-checker.svelte';
import { TrackedJob } from './tracked-job.svelte';

export interface PrepareOptions {
  readonly resolution: number;
  readonly crop: CropMode;
  readonly mirror: boolean;
  readonly channels: 1 | 3;
}

export interface MakePairsOptions {
  readonly into: string;
  readonly method: PairMethod;
  readonly lowThreshold: number;
  readonly highThreshold: number;
}

/**
 * Everything the Datasets view works with, and the actions that span more
 * than one piece: opening a dataset resets the grid, the import and the pair
 * checker; finishing a job refreshes what it changed. Lives as long as the
 * app, so an import keeps its progress while the user visits another view.
 */
export class DatasetsWorkspace {
  readonly library: DatasetLibrary;
  readonly browser: ItemBrowser;
  readonly importer: ImportSession;
  readonly preparing: TrackedJob<readonly PreparedCache[]>;
  readonly makingPairs: TrackedJob<DatasetSummary>;
  readonly pairChecker: PairChecker;

  readonly #studio: Studio;

  constructor(studio: Studio, staging: FileStaging) {
    this.#studio = studio;
    this.browser = new ItemBrowser(studio);
    this.library = new DatasetLibrary(studio, () => this.browser.reload());
    this.importer = new ImportSession(studio, staging);
    this.preparing = new TrackedJob(studio);
    this.makingPairs = new TrackedJob(studio);
    this.pairChecker = new PairChecker(studio);
    studio.onProjectChanged(() => this.#reset(null));
    void this.library.refreshList();
  }

  async open(name: string | null): Promise<void> {
    if (name === this.library.selectedName) return;
    this.#reset(name);
    await this.library.select(name);
  }

  async create(name: string, kind: DatasetSummary['kind']): Promise<string | null> {
    const problem = await this.library.create(name, kind);
    if (problem === null) this.#reset(this.library.selectedName);
    return problem;
  }

  async remove(name: string): Promise<string | null> {
    const problem = await this.library.remove(name);
    if (problem === null && this.library.selectedName === null) this.#reset(null);
    return problem;
  }

  async importPicked(zones: readonly (readonly PickedItem[])[], pairing?: Pairing): Promise<ImportReport | null> {
    const target = this.#importTarget(pairing);
    if (!target) return null;
    const report = await this.importer.importPicked(target, zones);
    await this.library.refresh();
    return report;
  }

  async importPaths(paths: readonly string[], pairing?: Pairing): Promise<ImportReport | null> {
    const target = this.#importTarget(pairing);
    if (!target) return null;
    const report = await this.importer.importPaths(target, paths);
    await this.library.refresh();
    return report;
  }

  async prepare(options: PrepareOptions): Promise<void> {
    const dataset = this.library.selectedName;
    if (!dataset || this.preparing.running) return;
    await this.preparing.run((jobId) => this.#studio.datasets.prepare({ dataset, ...options, jobId }));
    await this.library.refresh();
  }

  async makePairs(options: MakePairsOptions): Promise<DatasetSummary | null> {
    const dataset = this.library.selectedName;
    if (!dataset || this.makingPairs.running) return null;
    const { lowThreshold, highThreshold, ...rest } = options;
    const made = await this.makingPairs.run((jobId) =>
      this.#studio.datasets.makePairs({ dataset, ...rest, ...(options.method === 'line-drawing' && { lowThreshold, highThreshold }), jobId }),
    );
    await this.library.refreshList();
    return made;
  }

  openItem(index: number): void {
    this.browser.open(index);
    this.#forgetOtherPair();
  }

  /** The near-duplicate link: opens an item that may be anywhere in the dataset. */
  async openItemById(id: number): Promise<void> {
    await this.browser.openById(id);
    this.#forgetOtherPair();
  }

  async checkPairOfOpenedItem(): Promise<void> {
    const dataset = this.library.selectedName;
    const item = this.browser.opened;
    if (dataset && item) await this.pairChecker.run(dataset, item);
  }

  /** The pair check belongs to the pair it was made for; opening another pair's item hides it. */
  #forgetOtherPair(): void {
    if (this.pairChecker.pairKey !== (this.browser.opened?.pairKey ?? null)) this.pairChecker.clear();
  }

  #importTarget(pairing: Pairing | undefined) {
    const dataset = this.library.detail;
    if (!dataset) return null;
    return { dataset: dataset.name, kind: dataset.kind, pairing: dataset.kind === 'paired' ? pairing : undefined };
  }

  #reset(name: string | null): void {
    this.browser.showDataset(name);
    this.pairChecker.clear();
    this.importer.dismiss();
    this.makingPairs.clear();
    this.preparing.clear();
  }
}
