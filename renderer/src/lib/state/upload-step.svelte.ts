/**
 * Getting picked files to the studio before a translation can start (in a
 * browser they are uploaded first): a step of its own, which Cancel stops
 * like the job after it.
 */
export class UploadStep {
  running = $state(false);
  #abort: AbortController | null = null;

  async run<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    this.running = true;
    this.#abort = new AbortController();
    try {
      return await work(this.#abort.signal);
    } finally {
      this.running = false;
      this.#abort = null;
    }
  }

  cancel(): void {
    this.#abort?.abort();
  }
}
