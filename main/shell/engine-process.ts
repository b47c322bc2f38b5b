import { utilityProcess } from 'electron';
import type { EngineReply, SpawnEngine } from '../engine/protocol';

/** Under Electron the engine is a utility process: a crash there is a failed job, not a dead app. */
export function utilityEngine(entryPath: string): SpawnEngine {
  return () => {
    const child = utilityProcess.fork(entryPath, [], { serviceName: 'Latent Studio engine', stdio: 'inherit' });
    return {
      send: (request) => child.postMessage(request),
      onMessage: (listener) => child.on('message', (message: unknown) => listener(message as EngineReply)),
      onExit: (listener) => child.once('exit', (code: number) => listener(`exited with code ${code}`)),
      kill: () => void child.kill(),
    };
  };
}
