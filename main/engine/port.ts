import type { EngineReply, EngineRequest } from './protocol';

/** Electron's utilityProcess gives the child `process.parentPort`; Node's fork gives `process.send`. */
interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

export interface EnginePort {
  onRequest(listener: (request: EngineRequest) => void): void;
  reply(message: EngineReply): void;
}

export function connectToHost(): EnginePort {
  const parentPort = (process as { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    return {
      onRequest: (listener) => parentPort.on('message', (event) => listener(event.data as EngineRequest)),
      reply: (message) => parentPort.postMessage(message),
    };
  }
  const send = process.send?.bind(process);
  if (!send) throw new Error('The engine must be started by Latent Studio (no IPC channel to the main process).');
  return {
    onRequest: (listener) => process.on('message', (message) => listener(message as EngineRequest)),
    reply: (message) => void send(message),
  };
}
