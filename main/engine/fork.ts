import { fork } from 'node:child_process';
import type { EngineReply, SpawnEngine } from './protocol';

/** Headless (serve mode, CLI, tests): the engine is a forked Node process. */
export function forkEngine(entryPath: string): SpawnEngine {
  return () => {
    const child = fork(entryPath, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return {
      send: (request) => void child.send(request),
      onMessage: (listener) => child.on('message', (message) => listener(message as EngineReply)),
      onExit: (listener) => {
        let reported = false;
        const report = (reason: string) => {
          if (!reported) listener(reason);
          reported = true;
        };
        child.once('error', (error) => report(error.message));
        child.once('exit', (code, signal) =>
          report(signal ? `killed by ${signal}` : `exited with code ${code ?? 'unknown'}`),
        );
      },
      kill: () => void child.kill(),
    };
  };
}
