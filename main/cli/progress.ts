import type { JobProgress, TrainingProgress } from '../../preload/contract';
import { formatDuration } from '../../preload/format';

/** "Importing into Shoes  1,204/10,000  12%  ETA 1 min 5 s  shoes/boot-0012.png" */
export function progressLine(job: JobProgress): string {
  const percent = job.total > 0 ? Math.floor((job.completed / job.total) * 100) : 0;
  const eta = job.etaSeconds === null ? '' : `  ETA ${formatDuration(job.etaSeconds)}`;
  return `${job.title}  ${job.completed.toLocaleString('en')}/${job.total.toLocaleString('en')}  ${percent}%${eta}  ${job.message}`;
}

/** "Run 3  step 1,200/6,000  D 1.204  G 0.913  SWD 41.2  96 img/s  ETA 310 s  Step 1200": the SWD is the newest measured, when there is one. */
export function trainingProgressLine(progress: TrainingProgress, swd: number | null): string {
  const parts = [`Run ${progress.runId}  step ${progress.step.toLocaleString('en')}/${progress.totalSteps.toLocaleString('en')}`];
  if (progress.lossD !== null && progress.lossG !== null) parts.push(`D ${progress.lossD.toFixed(3)}  G ${progress.lossG.toFixed(3)}`);
  if (swd !== null) parts.push(`SWD ${swd.toFixed(1)}`);
  if (progress.imagesPerSecond !== null) parts.push(`${progress.imagesPerSecond.toFixed(0)} img/s`);
  if (progress.etaSeconds !== null) parts.push(`ETA ${Math.round(progress.etaSeconds)} s`);
  parts.push(progress.message);
  return parts.join('  ');
}
