import { forkEngine } from '../engine/fork';
import { appPaths, type AppPaths } from '../paths';
import { createStudio, type Studio } from '../studio';
import { StudioError, type StudioMode } from '../../preload/contract';

/** What a command needs from outside: where to write, where the app is. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly paths: AppPaths;
  readonly env: NodeJS.ProcessEnv;
}

export function defaultIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    paths: appPaths(),
    env: process.env,
  };
}

export function studioFor(mode: StudioMode, io: CliIo): Studio {
  return createStudio(mode, forkEngine(io.paths.engineEntry));
}

/** A failed envelope becomes an exception the CLI prints with its code. */
export async function call<T>(studio: Studio, method: string, args: unknown[] = []): Promise<T> {
  const envelope = await studio.dispatch(method, args);
  if (!envelope.ok) throw new StudioError(envelope.error.code, envelope.error.message);
  return envelope.value as T;
}
