import { forkEngine } from '../engine/fork';
import { appPaths, defaultProjectPath, settingsFileOf, userDataDir, type AppPaths } from '../paths';
import { createStudio, openOrCreateProject, type Studio } from '../studio';
import { openDefaultProject } from '../starter/open-default-project';
import type { StarterReport } from '../starter/seed-starter';
import { StudioError, type BackendName, type StudioMode } from '../../preload/contract';

/** What a command needs from outside: where to write, where the app is. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** A progress line on stderr, redrawn in place on a terminal; null clears it. */
  readonly progress: (line: string | null) => void;
  readonly paths: AppPaths;
  readonly env: NodeJS.ProcessEnv;
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

export function studioFor(mode: StudioMode, io: CliIo, backend?: BackendName): Studio {
  return createStudio(mode, forkEngine(io.paths.engineEntry), { backend: backend ?? null, settingsFile: settingsFileOf(userDataDir(io.env)) });
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
export async function withStudio<T>(io: CliIo, work: (studio: Studio) => Promise<T>, backend?: BackendName): Promise<T> {
  const studio = studioFor('cli', io, backend);
  try {
    return await work(studio);
  } finally {
    studio.close();
  }
}
