import { forkEngine } from '../engine/fork';
import { appPaths, defaultProjectPath, settingsFileOf, userDataDir, type AppPaths } from '../paths';
import { createStudio, openOrCreateProject, type Studio } from '../studio';
import { openDefaultProject } from '../starter/open-default-project';
import type { StarterReport } from '../starter/seed-starter';
import type { LibraryAccess } from '../library/library';
import { StudioError, type Notice, type BackendName, type StudioMode } from '../../preload/contract';

/** What a command needs from outside: where to write, where the app is. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** A progress line on stderr, redrawn in place on a terminal; null clears it. */
  readonly progress: (line: string | null) => void;
  readonly paths: AppPaths;
  readonly env: NodeJS.ProcessEnv;
  /** The command line's command (`latent-studio train`), named to a second writer of the same project. */
  readonly command?: string;
}

export function defaultIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    progress: progressWriter(process.stderr),
    paths: appPaths(),
    env: process.env,
  };
}

/** Commands that change a project hold its lock while they run; those that only read it open it read-only and may run beside a writer. */
export type ProjectUse = 'write' | 'read';

export function studioFor(mode: StudioMode, io: CliIo, backend?: BackendName, use: ProjectUse = 'write'): Studio {
  const access: LibraryAccess = use === 'read' ? { mode: 'read' } : { mode: 'write', command: io.command ?? 'latent-studio' };
  return createStudio(mode, forkEngine(io.paths.engineEntry), { backend: backend ?? null, settingsFile: settingsFileOf(userDataDir(io.env)), access });
}

/** Pipes and logs get a line every few seconds instead of a redrawn one. */
function progressWriter(stream: NodeJS.WriteStream): CliIo['progress'] {
  let lastLoggedAt = 0;
  return (line) => {
    if (stream.isTTY) {
      stream.write(line === null ? '\r\x1b[2K' : `\r\x1b[2K${line.slice(0, (stream.columns || 80) - 1)}`);
      return;
    }
    if (line !== null && Date.now() - lastLoggedAt > 5000) {
      lastLoggedAt = Date.now();
      stream.write(`${line}\n`);
    }
  };
}

/**
 * `--project DIR`, or the default project (made on first use), as the desktop
 * app would open it. Given the starter assets, a new default project is
 * filled with them in the background: `starter` (null when there is nothing
 * to add; wrapped, since an async function would wait for a promise it returns).
 */
export async function openProjectOption(studio: Studio, io: CliIo, project: string | undefined, starterDir: string | null = null): Promise<{ readonly starter: Promise<StarterReport> | null }> {
  const { opened, starter } = project === undefined ? await openDefaultProject(studio, defaultProjectPath(userDataDir(io.env)), starterDir) : { opened: await openOrCreateProject(studio, project), starter: null };
  if (!opened.ok) throw new StudioError(opened.error.code, opened.error.message);
  return { starter };
}

/** For commands that run once: a studio for the length of `work`, closed however it ends. */
export async function withStudio<T>(io: CliIo, work: (studio: Studio) => Promise<T>, backend?: BackendName, use: ProjectUse = 'write'): Promise<T> {
  const studio = studioFor('cli', io, backend, use);
  // A damaged checkpoint replaced by an earlier one, say: worth a line on stderr, not a failure.
  const stopNotices = studio.events.subscribe((event, payload) => {
    if (event === 'notice') io.stderr(`latent-studio: ${(payload as Notice).level}: ${(payload as Notice).message}\n`);
  });
  try {
    return await work(studio);
  } finally {
    stopNotices();
    studio.close();
  }
}
