import { parseArgs } from 'node:util';
import type { DatasetSummary } from '../../../preload/contract';
import { openProjectOption, withStudio, type CliIo } from '../context';
import { call } from '../../studio';

/** `latent-studio datasets`: the project's datasets, one a line. */
export async function datasetsCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { json: { type: 'boolean', default: false }, project: { type: 'string' } },
    strict: true,
  });
  return withStudio(io, async (studio) => {
    await openProjectOption(studio, io, values.project);
    const datasets = await call<DatasetSummary[]>(studio, 'datasets.list');
    if (values.json) io.stdout(`${JSON.stringify(datasets, null, 2)}\n`);
    else if (datasets.length === 0) io.stdout('No datasets yet: add one with `latent-studio import NAME PATH...`\n');
    else {
      const width = Math.max(...datasets.map((d) => d.name.length), 4);
      io.stdout(`${'NAME'.padEnd(width)}  KIND      IMAGES  UPDATED\n`);
      for (const d of datasets) {
        io.stdout(`${d.name.padEnd(width)}  ${d.kind.padEnd(8)}  ${String(d.itemCount).padStart(6)}  ${new Date(d.updatedAt).toISOString().slice(0, 16).replace('T', ' ')}\n`);
      }
    }
    return 0;
  }, undefined, 'read');
}
