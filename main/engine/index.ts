/**
 * The engine process: all tensor work happens here, away from the UI and the
 * database. It answers requests from the main process over its port.
 */
import { probeBackends } from './backends';
import { connectToHost, type EnginePort } from './port';
import type { EngineRequest } from './protocol';

const port = connectToHost();
port.onRequest((request) => void serve(port, request));

async function serve(port: EnginePort, request: EngineRequest): Promise<void> {
  const progress = (completed: number, total: number, message: string) =>
    port.reply({ kind: 'progress', seq: request.seq, completed, total, message });
  try {
    switch (request.type) {
      case 'probeBackends':
        port.reply({ kind: 'settled', seq: request.seq, ok: true, value: await probeBackends(progress) });
        break;
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    port.reply({ kind: 'settled', seq: request.seq, ok: false, error: message });
  }
}
