import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { settingsFileOf, userDataDir } from '../../paths';
import { isLoopback } from '../../server/auth';
import { startServer, type RunningServer } from '../../server/server';
import type { Studio } from '../../studio';
import type { StarterReport } from '../../starter/seed-starter';
import { loadSettings } from '../../system/settings';
import { openProjectOption, studioFor, type CliIo } from '../context';
import { backendOption } from '../options';
import { UsageError } from '../usage';

export const defaultPort = 5417;

/** How long a stop may take before the process exits anyway: a job stuck in native code must not keep serve alive. */
const stopGraceMs = 5000;
/** How long the process may outlive a finished stop: the studio is closed, so what still runs can only fail. */
const afterStopGraceMs = 1000;

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
      'allow-dir': { type: 'string', multiple: true, default: [] },
    },
    strict: true,
  });
  const port = parsePort(values.port);
  const chosenFolders = allowedFolders(values['allow-dir'], loadSettings(settingsFileOf(userDataDir(io.env))).allowDirs ?? []);
  // Refused before anything listens: the operator decides what other machines' users may reach.
  if (!isLoopback(values.host) && chosenFolders === null) {
    throw new UsageError(
      `--host ${values.host} lets other machines reach this studio: name the folders its users may read and write with --allow-dir DIR (repeatable), or --allow-dir none for the project folder alone`,
    );
  }
  const allowDirs = chosenFolders ?? [];

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
      allowDirs,
    });
  } catch (error) {
    studio.close();
    throw error;
  }
  let stopping: Promise<void> | null = null;
  starter?.catch((error: unknown) => {
    if (!stopping) io.stderr(`Could not finish the starter project: ${(error as Error).message}\n`);
  });
  // Probe in the background: the status bar shows it as a job, and it must not delay the URL.
  studio.compute.report().catch((error: unknown) => {
    if (!stopping) io.stderr(`Backend probe failed: ${(error as Error).message}\n`);
  });

  if (values.json) {
    io.stdout(`${JSON.stringify({ url: server.url, port: server.port, token: server.token, project: studio.project.summary, allowDirs })}\n`);
  } else {
    const folders = ['the project folder', ...allowDirs].join(', ');
    io.stdout(`Latent Studio is serving ${studio.project.summary?.name ?? ''} at\n\n  ${server.url}\n\nOpen it in a browser on this machine. Its users may read and write files in ${folders}. Press Ctrl+C to stop.\n`);
  }
  if (!isLoopback(values.host)) {
    io.stderr(`Warning: listening on ${values.host}, reachable from other machines; anyone with the URL's token can use this studio.\n`);
  }

  let signalStop: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (signalStop = resolve));
  // Once only: a second call returns the first stop.
  const stop = () =>
    (stopping ??= (async () => {
      const closing = server.close();
      // Cancels the jobs and stops the engine while the connections close.
      studio.close();
      await closing;
      signalStop();
    })());
  return { server, studio, stopped, stop };
}

/**
 * The folders browser users may use besides the project: the settings' list
 * and each --allow-dir, or none at all for `--allow-dir none`. Null when
 * neither names any, so a non-loopback bind can insist on a choice.
 */
function allowedFolders(flags: readonly string[], fromSettings: readonly string[]): readonly string[] | null {
  if (flags.includes('none')) {
    if (flags.length > 1) throw new UsageError('--allow-dir none means the project folder alone: it cannot be combined with folders');
    return [];
  }
  const named = flags.map((flag) => {
    const folder = resolve(flag);
    if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--allow-dir ${flag}: there is no such folder`);
    return folder;
  });
  const folders = [...new Set([...fromSettings, ...named])];
  return folders.length > 0 ? folders : null;
}

/**
 * Stops serve on SIGINT or SIGTERM. A second signal, a stop that has not
 * finished within stopGraceMs, or a process still alive shortly after the
 * stop finished (background work that missed the cancellation) exits at
 * once: a service manager's SIGTERM must end it within seconds. The exit code
 * says whether the stop itself finished.
 */
export function stopOnSignals(handle: ServeHandle, io: CliIo): void {
  let signalled = false;
  const exitNow = (code: number, why: string): never => {
    io.stderr(`latent-studio: ${why}; exiting now\n`);
    return process.exit(code);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) exitNow(1, `${signal} again`);
    signalled = true;
    // Unref'd, both: a process that ends by itself never sees them.
    setTimeout(() => exitNow(1, `serve did not stop within ${stopGraceMs / 1000} s`), stopGraceMs).unref();
    handle.stop().then(
      () => setTimeout(() => exitNow(0, 'work was still running after serve stopped'), afterStopGraceMs).unref(),
      (error: unknown) => io.stderr(`latent-studio: stopping serve failed: ${(error as Error).message}\n`),
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, got "${text}"`);
  return port;
}
