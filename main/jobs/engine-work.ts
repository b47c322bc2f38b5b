/** Tensor work for a service: the engine to ask and the backend to ask it on, and following a request inside a job. */
import { StudioError, type Notice } from '../../preload/contract';
import type { EngineHost } from '../engine/host';
import type { ComputeBackends } from '../system/compute';
import type { Job, Jobs } from './jobs';

export interface EngineAccess {
  readonly engine: EngineHost;
  readonly compute: ComputeBackends;
  /** Where to say that the work went on differently than asked (a damaged checkpoint replaced by an earlier one). */
  readonly notify: (notice: Notice) => void;
}

export function engineAccess(engine: EngineHost, compute: ComputeBackends, jobs: Jobs): EngineAccess {
  return { engine, compute, notify: (notice) => jobs.notify(notice) };
}

/** Waits for an engine task, cancelling it with the job; a cancelled task ends in CANCELLED. */
export async function followInJob<T>(task: { readonly result: Promise<T>; cancel(): void }, job?: Job): Promise<T> {
  const cancel = () => task.cancel();
  job?.signal.addEventListener('abort', cancel);
  try {
    return await task.result;
  } catch (error) {
    if (job?.signal.aborted) throw new StudioError('CANCELLED', `${job.title} was cancelled`);
    throw error;
  } finally {
    job?.signal.removeEventListener('abort', cancel);
  }
}
