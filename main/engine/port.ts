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

/** How often the engine looks for its parent where no channel event tells it (utilityProcess). */
const parentCheckMs = 500;

export function connectToHost(): EnginePort {
  exitWithParent();
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
    // A reply the parent can no longer take (it is gone) is dropped: the disconnect handler ends the process.
    reply: (message) => void send(message, undefined, undefined, () => {}),
  };
}

/**
 * The engine is only ever the studio's helper: once its parent is gone
 * (killed, crashed) nobody will read its results, and a training run going
 * on would write checkpoints nobody records. It leaves at once, quietly.
 */
function exitWithParent(): void {
  process.once('disconnect', () => process.exit(0));
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.exit(0);
  }, parentCheckMs).unref();
}
