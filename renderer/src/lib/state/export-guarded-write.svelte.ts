import { StudioError, type ConflictPolicy } from '../../../../preload/contract';
import type { Studio } from '../api';
import { TrackedJob } from './tracked-job.svelte';

/** What the person may answer when files are in the way; Cancel is always offered besides. */
export type ConflictAnswer = Exclude<ConflictPolicy, 'ask'>;

export interface ConflictQuestion<A extends ConflictAnswer = ConflictAnswer> {
  /** The backend's refusal, which names what is in the way. */
  readonly message: string;
  /** The files that exist already, when the caller can list them. */
  readonly files: readonly string[];
  readonly answers: readonly A[];
}

/** Sends the write with a conflict policy: 'ask' first, then the person's answer. */
export type ConflictSend<T, A extends ConflictAnswer> = (conflict: A | 'ask', jobId: string) => Promise<T>;

/**
 * A write that the backend refuses while the files it would write exist
 * (conflict 'ask' answers ALREADY_EXISTS and writes nothing). The refusal
 * becomes a question for the person; their answer goes back with the same
 * request. Nothing is overwritten without that answer. `A` is what the write
 * offers: a sheet or a model bundle is one thing, which cannot be skipped.
 */
export class GuardedWrite<T, A extends ConflictAnswer = ConflictAnswer> {
  readonly job: TrackedJob<T>;
  /** Set while the person is being asked. */
  question = $state.raw<ConflictQuestion<A> | null>(null);
  /** The person answered Cancel: nothing was written. */
  declined = $state(false);

  #pending: ConflictSend<T, A> | null = null;

  constructor(studio: Studio) {
    this.job = new TrackedJob(studio);
  }

  get busy(): boolean {
    return this.job.running || this.question !== null;
  }

  /**
   * Sends with 'ask'. When files are in the way it asks (`question`) and
   * resolves to null; `answer` then finishes the write. `listFiles` names the
   * files for the question, where the backend can say which they are.
   */
  async start(send: ConflictSend<T, A>, answers: readonly A[], listFiles?: () => Promise<readonly string[]>): Promise<T | null> {
    if (this.busy) return null;
    this.declined = false;
    // A holder, not a plain variable: the compiler cannot see an assignment made inside the callback.
    const refused: { error?: StudioError } = {};
    const result = await this.job.run(async (jobId) => {
      try {
        return await send('ask', jobId);
      } catch (error) {
        if (error instanceof StudioError && error.code === 'ALREADY_EXISTS') refused.error = error;
        throw error;
      }
    });
    if (!refused.error) return result;
    this.job.clear(); // The refusal is a question, not a failure.
    const files = listFiles ? await listFiles().catch(() => []) : [];
    this.#pending = send;
    this.question = { message: refused.error.message, files, answers };
    return null;
  }

  /** The person's answer: a policy to write with, or null for Cancel (nothing is written). */
  async answer(choice: A | null): Promise<T | null> {
    const send = this.#pending;
    this.#pending = null;
    this.question = null;
    if (!send) return null;
    if (choice === null) {
      this.declined = true;
      return null;
    }
    return this.job.run((jobId) => send(choice, jobId));
  }

  /** Forgets the last outcome, and any question still open (a new project, new settings). */
  clear(): void {
    this.#pending = null;
    this.question = null;
    this.declined = false;
    this.job.clear();
  }
}
