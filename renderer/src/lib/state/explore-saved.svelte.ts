import type { LatentSource, SavedLatent } from '../../../../preload/contract';
import type { Studio } from '../api';

/** The project's saved latents, newest first as the API lists them; every tool can use one. */
export class SavedLatents {
  list = $state.raw<readonly SavedLatent[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);

  readonly #studio: Studio;

  constructor(studio: Studio) {
    this.#studio = studio;
  }

  async refresh(): Promise<void> {
    try {
      this.list = await this.#studio.latent.saved();
      this.error = null;
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.loaded = true;
    }
  }

  /** Saves and lists it at once; the caller shows a failure where the name was typed. */
  async save(name: string, checkpointId: number, source: LatentSource): Promise<SavedLatent> {
    const saved = await this.#studio.latent.save({ name, checkpointId, source });
    this.list = [saved, ...this.list.filter((latent) => latent.latentId !== saved.latentId)];
    return saved;
  }

  async rename(latentId: number, name: string): Promise<void> {
    const renamed = await this.#studio.latent.rename({ latentId, name });
    this.list = this.list.map((latent) => (latent.latentId === latentId ? renamed : latent));
  }

  async forget(latentId: number): Promise<void> {
    try {
      await this.#studio.latent.forget({ latentId });
      this.list = this.list.filter((latent) => latent.latentId !== latentId);
      this.error = null;
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  reset(): void {
    this.list = [];
    this.loaded = false;
    this.error = null;
  }
}
