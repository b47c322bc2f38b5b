import type { JobProgress } from '../../preload/contract';
import { formatDuration } from '../../preload/format';

/** "Importing into Shoes  1,204/10,000  12%  ETA 1 min 5 s  shoes/boot-0012.png" */
export function progressLine(job: JobProgress): string {
  const percent = job.total > 0 ? Math.floor((job.completed / job.total) * 100) : 0;
  const eta = job.etaSeconds === null ? '' : `  ETA ${formatDuration(job.etaSeconds)}`;
  return `${job.title}  ${job.completed.toLocaleString('en')}/${job.total.toLocaleString('en')}  ${percent}%${eta}  ${job.message}`;
}
