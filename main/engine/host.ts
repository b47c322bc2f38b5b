import type { EngineChannel, EngineReply, EngineRequest, EngineRequestMap, EngineRequestType, SpawnEngine } from './protocol';

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly onProgress: ((progress: unknown) => void) | undefined;
}

/** A request in flight: its result, and a way to ask the engine to stop it early. */
export interface EngineTask<T> {
  readonly result: Promise<T>;
  cancel(): void;
}

/**
 * Starts the engine process on first use and supervises it: each request
 * settles exactly once, and if the process dies every request in flight
 * fails with the reason instead of hanging. The next request starts a new one.
 */
export class EngineHost {
  readonly #spawn: SpawnEngine;
  readonly #pending = new Map<number, Pending>();
  #channel: EngineChannel | null = null;
  #nextSeq = 1;

  constructor(spawn: SpawnEngine) {
    this.#spawn = spawn;
  }

  request<K extends EngineRequestType>(
    type: K,
    params: EngineRequestMap[K]['params'],
    onProgress?: (progress: EngineRequestMap[K]['progress']) => void,
  ): Promise<EngineRequestMap[K]['result']> {
    return this.start(type, params, onProgress).result;
  }

  /** Like request, with a cancel that asks the engine to stop the request at its next safe point. */
  start<K extends EngineRequestType>(
    type: K,
    params: EngineRequestMap[K]['params'],
    onProgress?: (progress: EngineRequestMap[K]['progress']) => void,
  ): EngineTask<EngineRequestMap[K]['result']> {
    const channel = this.#ensureChannel();
    const seq = this.#nextSeq++;
    const result = new Promise<EngineRequestMap[K]['result']>((resolve, reject) => {
      this.#pending.set(seq, { resolve: resolve as (value: unknown) => void, reject, onProgress: onProgress as ((progress: unknown) => void) | undefined });
      channel.send({ seq, type, params } as EngineRequest);
    });
    return {
      result,
      cancel: () => {
        if (this.#pending.has(seq) && this.#channel === channel) void this.request('cancel', { seq }).catch(() => {});
      },
    };
  }

  /** Stops the engine; requests in flight fail with `reason`. */
  stop(reason = 'the engine was stopped'): void {
    const channel = this.#channel;
    if (!channel) return;
    this.#failAll(reason);
    this.#channel = null;
    channel.kill();
  }

  #ensureChannel(): EngineChannel {
    if (this.#channel) return this.#channel;
    const channel = this.#spawn();
    channel.onMessage((reply) => this.#receive(reply));
    channel.onExit((reason) => {
      if (this.#channel !== channel) return;
      this.#channel = null;
      this.#failAll(`The engine process stopped: ${reason}`);
    });
    this.#channel = channel;
    return channel;
  }

  #receive(reply: EngineReply): void {
    const pending = this.#pending.get(reply.seq);
    if (!pending) return; // Already failed by an exit; a late reply must not settle it twice.
    if (reply.kind === 'progress') {
      pending.onProgress?.(reply.progress);
      return;
    }
    this.#pending.delete(reply.seq);
    if (reply.ok) pending.resolve(reply.value);
    else pending.reject(new Error(reply.error));
  }

  #failAll(reason: string): void {
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const request of pending) request.reject(new Error(reason));
  }
}
