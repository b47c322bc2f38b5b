/** Tensor work for a service: the engine to ask and the backend to ask it on, and following a request inside a job. */
import { StudioError } from '../../preload/contract';
import type { EngineHost } from '../engine/host';
import type { ComputeBackends } from '../system/compute';
import type { Job } from './jobs';

export interface EngineAccess {
  readonly engine: EngineHost;
  readonly compute: ComputeBackends;
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
