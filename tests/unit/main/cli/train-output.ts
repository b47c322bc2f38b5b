/** `train --json` prints JSON Lines: metric points as they are recorded, then the run. */
import type { RunDetail } from '../../../../preload/contract';
import type { MetricPoint } from '../../../../main/cli/metric-stream';

export interface TrainOutput {
  readonly metrics: (MetricPoint & { readonly runId: number })[];
  readonly run: RunDetail;
}

export function trainOutput(stdout: string): TrainOutput {
  const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string });
  const last = lines.at(-1) as RunDetail & { type: string };
  if (last.type !== 'run') throw new Error(`train --json should end with the run, not ${JSON.stringify(last)}`);
  const { type: _type, ...run } = last;
  return { metrics: lines.slice(0, -1).map(({ type, ...point }) => (type === 'metric' ? (point as TrainOutput['metrics'][number]) : badLine(type))), run };
}

function badLine(type: string): never {
  throw new Error(`train --json printed a line of type ${type} before the run`);
}
