/**
 * The engine process: all tensor work happens here, away from the UI and the
 * database. It answers requests from the main process over its port; a long
 * request checks between steps whether it has been asked to stop.
 */
import { ensureBackend } from './backends';
import { handleBundle } from './bundle/requests';
import { handleLatent } from './latent/requests';
import { handleTraining } from './train/requests';
import { handleTranslate } from './translate/requests';
import { connectToHost, type EnginePort } from './port';
import type { EngineRequest } from './protocol';

const port = connectToHost();
const cancelled = new Set<number>();
const running = new Set<number>();

port.onRequest((request) => void serve(port, request));

async function serve(port: EnginePort, request: EngineRequest): Promise<void> {
  const progress = (value: unknown) => port.reply({ kind: 'progress', seq: request.seq, progress: value });
  running.add(request.seq);
  try {
    const value = await handle(request, progress, () => cancelled.has(request.seq));
    port.reply({ kind: 'settled', seq: request.seq, ok: true, value });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    port.reply({ kind: 'settled', seq: request.seq, ok: false, error: message });
  } finally {
    running.delete(request.seq);
    cancelled.delete(request.seq);
  }
}

async function handle(request: EngineRequest, progress: (value: unknown) => void, shouldStop: () => boolean): Promise<unknown> {
  switch (request.type) {
    case 'probeBackends':
      return ensureBackend(request.params.force, (completed, total, message) => progress({ completed, total, message }));
    case 'cancel': {
      const target = request.params.seq;
      if (!running.has(target)) return false;
      cancelled.add(target);
      return true;
    }
    case 'render':
    case 'project':
      return handleLatent(request, progress, shouldStop);
    case 'train':
    case 'estimate':
      return handleTraining(request, progress, shouldStop);
    case 'translate':
      return handleTranslate(request, progress, shouldStop);
    case 'exportBundle':
    case 'importBundle':
    case 'checkCheckpoint':
      return handleBundle(request, progress);
  }
}

