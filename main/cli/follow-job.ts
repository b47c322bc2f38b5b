import type { JobProgress } from '../../preload/contract';
import type { Studio } from '../studio';
import type { CliIo } from './context';
import { progressLine } from './progress';

/**
 * Runs `work` while its jobs of `kind` draw a progress line on stderr; Ctrl+C
 * cancels them (the call then settles as cancelled) rather than killing the
 * process half-way through a write.
 */
export async function followJob<T>(studio: Studio, io: CliIo, kind: string, work: () => Promise<T>): Promise<T> {
  const stopProgress = studio.events.subscribe((event, payload) => {
    if (event === 'jobProgress' && (payload as JobProgress).kind === kind) io.progress(progressLine(payload as JobProgress));
  });
  const cancel = () => studio.jobs.cancelAll();
  process.once('SIGINT', cancel);
  try {
    return await work();
  } finally {
    io.progress(null);
    process.off('SIGINT', cancel);
    stopProgress();
  }
}
