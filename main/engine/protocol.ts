/**
 * Messages between the main process and the engine process. Every request
 * carries a seq number and is settled exactly once, by a `settled` reply or,
 * if the engine dies first, by the host failing it.
 */
import type { BackendReport } from '../../preload/contract';

export interface EngineRequestMap {
  probeBackends: { params: Record<string, never>; result: BackendReport };
}

export type EngineRequestType = keyof EngineRequestMap;

export type EngineRequest = {
  [K in EngineRequestType]: { readonly seq: number; readonly type: K; readonly params: EngineRequestMap[K]['params'] };
}[EngineRequestType];

export type EngineReply =
  | { readonly kind: 'progress'; readonly seq: number; readonly completed: number; readonly total: number; readonly message: string }
  | { readonly kind: 'settled'; readonly seq: number; readonly ok: true; readonly value: unknown }
  | { readonly kind: 'settled'; readonly seq: number; readonly ok: false; readonly error: string };

export interface EngineProgress {
  readonly completed: number;
  readonly total: number;
  readonly message: string;
}

/** The host's side of one engine process, whatever started it. */
export interface EngineChannel {
  send(request: EngineRequest): void;
  onMessage(listener: (reply: EngineReply) => void): void;
  /** Called once, with a reason a person can read, when the process ends. */
  onExit(listener: (reason: string) => void): void;
  kill(): void;
}

export type SpawnEngine = () => EngineChannel;
