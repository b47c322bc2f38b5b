/**
 * A ZIP written as entries arrive, into a temporary file beside its target:
 * renamed into place when complete, removed when cancelled or failed, so a
 * .zip at the destination is always a whole one. Entries are stored, not
 * deflated: every export format is compressed already. Encoded images wait
 * in memory only until the file has caught up with them.
 */
import { once } from 'node:events';
import { createWriteStream, rmSync, type WriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import yazl from 'yazl';
import { fileError, moveIntoPlace, temporaryPathFor } from './files';

/** How far adding may run ahead of writing before it waits. */
const bufferedBytesLimit = 32 * 1024 * 1024;

export class ZipArchive {
  readonly #target: string;
  readonly #temporary: string;
  readonly #zip = new yazl.ZipFile();
  readonly #file: WriteStream;
  readonly #finished: Promise<void>;
  #added = 0;
  #written = 0;
  #failure: unknown = null;

  constructor(target: string) {
    this.#target = target;
    this.#temporary = temporaryPathFor(target);
    this.#file = createWriteStream(this.#temporary, { flags: 'wx' });
    this.#zip.outputStream.on('data', (chunk: Buffer) => {
      this.#written += chunk.length;
    });
    this.#zip.outputStream.pipe(this.#file);
    this.#finished = new Promise((resolve, reject) => {
      this.#file.on('close', resolve);
      this.#file.on('error', (error) => {
        this.#failure = error;
        reject(error);
      });
    });
    // Failures surface from add() and finish(); this keeps an early one from going unhandled.
    this.#finished.catch(() => {});
  }

  async add(name: string, bytes: Buffer, modified: Date): Promise<void> {
    await this.#throwIfFailed();
    this.#zip.addBuffer(bytes, name, { compress: false, mtime: modified });
    this.#added += bytes.length;
    while (this.#added - this.#written > bufferedBytesLimit && this.#failure === null) {
      await Promise.race([once(this.#zip.outputStream, 'data'), this.#finished]);
    }
    await this.#throwIfFailed();
  }

  /** Completes the archive and moves it into place; the file then holds every entry added. */
  async finish(overwrite: boolean): Promise<void> {
    await this.#throwIfFailed();
    this.#zip.end();
    try {
      await this.#finished;
      await fsync(this.#temporary);
      moveIntoPlace(this.#temporary, this.#target, overwrite);
    } catch (error) {
      await this.discard();
      throw fileError(error, this.#target, 'file');
    }
  }

  /** Stops writing and removes the temporary file: nothing is left at the destination. */
  async discard(): Promise<void> {
    this.#zip.outputStream.unpipe(this.#file);
    // The file opens asynchronously: removing it before it is closed could leave it behind.
    this.#file.destroy();
    await this.#finished.catch(() => {});
    rmSync(this.#temporary, { force: true });
  }

  async #throwIfFailed(): Promise<void> {
    if (this.#failure !== null) {
      await this.discard();
      throw fileError(this.#failure, this.#target, 'file');
    }
  }
}

async function fsync(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
