import { parseArgs } from 'node:util';
import { isLoopback } from '../../server/auth';
import { startServer, type RunningServer } from '../../server/server';
import type { Studio } from '../../studio';
import type { StarterReport } from '../../starter/seed-starter';
import { openProjectOption, studioFor, type CliIo } from '../context';
import { backendOption } from '../options';
import { UsageError } from '../usage';

export const defaultPort = 5417;

export interface ServeHandle {
  readonly server: RunningServer;
  readonly studio: Studio;
  /** Resolves when the server has been stopped by a signal. */
  readonly stopped: Promise<void>;
  stop(): Promise<void>;
}

export async function serveCommand(argv: string[], io: CliIo): Promise<ServeHandle> {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      project: { type: 'string' },
      backend: { type: 'string' },
      port: { type: 'string', default: String(defaultPort) },
      host: { type: 'string', default: '127.0.0.1' },
      'no-starter': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const port = parsePort(values.port);

  const studio = studioFor('serve', io, backendOption(values.backend));
  let server: RunningServer;
  let starter: Promise<StarterReport> | null = null;
  try {
    ({ starter } = await openProjectOption(studio, io, values.project, values['no-starter'] ? null : io.paths.starterDir));
    server = await startServer({
      studio,
      host: values.host,
      port,
      rendererDir: io.paths.rendererDir,
      assetsDir: io.paths.assetsDir,
    });
  } catch (error) {
    studio.close();
    throw error;
  }
  let stopping = false;
  starter?.catch((error: unknown) => {
    if (!stopping) io.stderr(`Could not finish the starter project: ${(error as Error).message}\n`);
  });
  // Probe in the background: the status bar shows it as a job, and it must not delay the URL.
  studio.compute.report().catch((error: unknown) => {
    if (!stopping) io.stderr(`Backend probe failed: ${(error as Error).message}\n`);
  });

  if (values.json) {
    io.stdout(`${JSON.stringify({ url: server.url, port: server.port, token: server.token, project: studio.project.summary })}\n`);
  } else {
    io.stdout(`Latent Studio is serving ${studio.project.summary?.name ?? ''} at\n\n  ${server.url}\n\nOpen it in a browser on this machine. Press Ctrl+C to stop.\n`);
  }
  if (!isLoopback(values.host)) {
    io.stderr(`Warning: listening on ${values.host}, reachable from other machines; anyone with the URL's token can use this studio.\n`);
  }

  let signalStop: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (signalStop = resolve));
  const stop = async () => {
    stopping = true;
    await server.close();
    studio.close();
    signalStop();
  };
  return { server, studio, stopped, stop };
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, got "${text}"`);
  return port;
}
