import packageJson from '../../package.json' with { type: 'json' };
import { datasetsCommand } from './commands/datasets';
import { doctorCommand } from './commands/doctor';
import { exportCommand, recallCommand } from './commands/export';
import { importCommand } from './commands/import';
import { interpolateCommand } from './commands/interpolate';
import { latentsCommand } from './commands/latents';
import { mixCommand } from './commands/mix';
import { modelsCommand } from './commands/models';
import { projectCommand } from './commands/project';
import { sampleCommand } from './commands/sample';
import { scenesCommand } from './commands/scenes';
import { trainCommand } from './commands/train';
import { translateCommand } from './commands/translate';
import { serveCommand, stopOnSignals } from './commands/serve';
import { StudioError } from '../../preload/contract';
import type { CliIo } from './context';
import { usage, UsageError } from './usage';

/**
 * Runs one command line and returns its exit code: 0 success, 1 the command
 * failed, 2 the command line was wrong. Serve keeps running until a signal.
 */
export async function runCli(argv: string[], cliIo: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  const io: CliIo = { ...cliIo, command: `latent-studio ${command ?? ''}`.trim() };
  const json = rest.includes('--json');
  try {
    switch (command) {
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.stdout(usage);
        return command === undefined ? 2 : 0;
      case '--version':
      case '-v':
        io.stdout(`${packageJson.version}\n`);
        return 0;
      case 'doctor':
        return await doctorCommand(rest, io);
      case 'import':
        return await importCommand(rest, io);
      case 'datasets':
        return await datasetsCommand(rest, io);
      case 'train':
        return await trainCommand(rest, io);
      case 'sample':
        return await sampleCommand(rest, io);
      case 'interpolate':
        return await interpolateCommand(rest, io);
      case 'mix':
        return await mixCommand(rest, io);
      case 'project':
        return await projectCommand(rest, io);
      case 'latents':
        return await latentsCommand(rest, io);
      case 'translate':
        return await translateCommand(rest, io);
      case 'scenes':
        return await scenesCommand(rest, io);
      case 'export':
        return await exportCommand(rest, io);
      case 'recall':
        return await recallCommand(rest, io);
      case 'models':
        return await modelsCommand(rest, io);
      case 'serve': {
        const handle = await serveCommand(rest, io);
        stopOnSignals(handle, io);
        await handle.stopped;
        return 0;
      }
      default:
        throw new UsageError(`Unknown command "${command}"`);
    }
  } catch (error) {
    // Ctrl+C during a job: the work stopped cleanly, as asked.
    if (error instanceof StudioError && error.code === 'CANCELLED') {
      io.stderr(`latent-studio: ${error.message}\n`);
      return 130;
    }
    return reportFailure(error, json, io);
  }
}

function reportFailure(error: unknown, json: boolean, io: CliIo): number {
  const isUsage = error instanceof UsageError || (error as { code?: unknown }).code?.toString().startsWith('ERR_PARSE_ARGS');
  const code = isUsage ? 'USAGE' : error instanceof StudioError ? error.code : 'FAILED';
  const message = error instanceof Error ? error.message : String(error);
  if (json) io.stdout(`${JSON.stringify({ ok: false, error: { code, message } })}\n`);
  io.stderr(`latent-studio: ${message}\n${isUsage ? `\n${usage}` : ''}`);
  return isUsage ? 2 : 1;
}
