import { parseArgs } from 'node:util';
import type { DoctorReport } from '../../../preload/contract';
import { withStudio, type CliIo } from '../context';
import { call } from '../../studio';
import { formatDoctorReport } from '../format-doctor';
import { backendOption } from '../options';

/** Exit code 1 when no backend loads: nothing can be trained or sampled then. */
export async function doctorCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { json: { type: 'boolean', default: false }, project: { type: 'string' }, backend: { type: 'string' } },
    strict: true,
  });
  return withStudio(io, async (studio) => {
    if (values.project) await call(studio, 'library.open', [{ path: values.project }]);
    const report = await call<DoctorReport>(studio, 'system.doctor');
    io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatDoctorReport(report));
    return report.backends.active ? 0 : 1;
  }, backendOption(values.backend), 'read');
}
