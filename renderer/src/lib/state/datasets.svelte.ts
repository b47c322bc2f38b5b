import { StudioError, type DatasetDetail, type DatasetKind, type DatasetSummary } from '../../../../preload/contract';
import type { Studio } from '../api';

/** Jobs that change a dataset: when one settles, the list and the open dataset are read again. */
const datasetJobKinds = new Set(['import', 'prepare', 'make-pairs']);

/**
 * The project's datasets and the one that is open. Kept current by pushed
 * events: a new project empties it, and a finished import or preparation —
 * from this window, another one or the CLI — refreshes it.
 */
export class DatasetLibrary {
  list = $state.raw<readonly DatasetSummary[]>([]);
  loaded = $state(false);
  selectedName = $state<string | null>(null);
  detail = $state.raw<DatasetDetail | null>(null);
  /** Why the list or the open dataset could not be read. */
  error = $state<string | null>(null);

  readonly #studio: Studio;
  readonly #onItemsChanged: (detail: DatasetDetail) => void;
  /** Only the latest request for the open dataset may land, when selections come quickly. */
  #detailRequest = 0;

  /** `onItemsChanged`: the open dataset's items changed since it was last read (an import anywhere). */
  constructor(studio: Studio, onItemsChanged: (detail: DatasetDetail) => void = () => {}) {
    this.#studio = studio;
    this.#onItemsChanged = onItemsChanged;
    studio.onProjectChanged(() => {
      this.selectedName = null;
      this.detail = null;
      void this.refreshList();
    });
    studio.onJobProgress((job) => {
      if (job.state !== 'running' && datasetJobKinds.has(job.kind)) void this.refresh();
    });
  }

  get selected(): DatasetSummary | null {
    return this.list.find((dataset) => dataset.name === this.selectedName) ?? null;
  }

  async refreshList(): Promise<void> {
    try {
      this.list = await this.#studio.datasets.list();
      this.loaded = true;
      this.error = null;
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  /** Reads the list and the open dataset again. */
  async refresh(): Promise<void> {
    await Promise.all([this.refreshList(), this.selectedName ? this.#loadDetail(this.selectedName) : undefined]);
  }

  async select(name: string | null): Promise<void> {
    if (name === this.selectedName && this.detail) return;
    this.selectedName = name;
    this.detail = null;
    if (name) await this.#loadDetail(name);
  }

  /** Creates a dataset and opens it; answers the reason it could not be made, or null. */
  async create(name: string, kind: DatasetKind): Promise<string | null> {
    try {
      const made = await this.#studio.datasets.create({ name, kind });
      await this.refreshList();
      await this.select(made.name);
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  }

  /** Deletes a dataset; answers the reason it could not be deleted, or null. */
  async remove(name: string): Promise<string | null> {
    try {
      await this.#studio.datasets.delete({ dataset: name });
      if (this.selectedName === name) await this.select(null);
      await this.refreshList();
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  }

  async #loadDetail(name: string): Promise<void> {
    const request = ++this.#detailRequest;
    try {
      const detail = await this.#studio.datasets.get({ dataset: name });
      if (request !== this.#detailRequest || this.selectedName !== name) return;
      const previous = this.detail;
      this.detail = detail;
      if (previous?.id === detail.id && previous.revision !== detail.revision) this.#onItemsChanged(detail);
      this.error = null;
    } catch (error) {
      if (request !== this.#detailRequest) return;
      if (error instanceof StudioError && error.code === 'NOT_FOUND') {
        // Deleted elsewhere (another window, the CLI): nothing to show any more.
        this.selectedName = null;
        this.detail = null;
        return;
      }
      this.error = (error as Error).message;
    }
  }
}
