import { parseArgs } from 'node:util';
import type { DatasetKind, ImportReport } from '../../../preload/contract';
import { openProjectOption, withStudio, type CliIo } from '../context';
import { call } from '../../studio';
import { oneOf } from '../options';
import { followJob } from '../follow-job';
import { UsageError } from '../usage';

const kinds: readonly DatasetKind[] = ['images', 'paired', 'unpaired'];
const pairings = ['side-by-side', 'matched-folders'] as const;

/** `latent-studio import NAME PATH...`: exit 0 when done, 1 on failure, 130 when cancelled with Ctrl+C (run it again to resume). */
export async function importCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      project: { type: 'string' },
      kind: { type: 'string' },
      pairing: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [dataset, ...paths] = positionals;
  if (!dataset || paths.length === 0) throw new UsageError('import needs a dataset name and at least one file or folder');
  const kind = oneOf(values.kind, kinds, '--kind');
  const pairing = oneOf(values.pairing, pairings, '--pairing');

  return withStudio(io, async (studio) => {
    await openProjectOption(studio, io, values.project);
    const report = await followJob(studio, io, 'import', () =>
      call<ImportReport>(studio, 'datasets.import', [{ dataset, paths, ...(kind && { kind }), ...(pairing && { pairing }) }]),
    );
    io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : describe(report));
    return report.cancelled ? 130 : 0;
  });
}

function describe(report: ImportReport): string {
  const lines = [
    `${report.cancelled ? 'Cancelled' : 'Imported'} ${report.imported} image${report.imported === 1 ? '' : 's'} into ${report.dataset.name} in ${report.seconds.toFixed(1)} s` +
      (report.resumed ? ` (resumed: ${report.alreadyDone} files were done before)` : ''),
    `  ${report.duplicates} exact duplicates skipped, ${report.nearDuplicates} near duplicates flagged, ${report.problems.length} problems`,
    `  ${report.dataset.name} now holds ${report.dataset.itemCount} images`,
    ...report.problems.map((problem) => `  ✗ ${problem.message}`),
  ];
  if (report.cancelled) lines.push('Run the same command again to pick up where it stopped.');
  return `${lines.join('\n')}\n`;
}
