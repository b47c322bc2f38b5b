import type { EngineChannel, EngineProgress, EngineReply, EngineRequestMap, EngineRequestType, SpawnEngine } from './protocol';

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly onProgress: ((progress: EngineProgress) => void) | undefined;
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
    onProgress?: (progress: EngineProgress) => void,
  ): Promise<EngineRequestMap[K]['result']> {
    const channel = this.#ensureChannel();
    const seq = this.#nextSeq++;
    return new Promise((resolve, reject) => {
      this.#pending.set(seq, { resolve: resolve as (value: unknown) => void, reject, onProgress });
      channel.send({ seq, type, params } as Extract<Parameters<EngineChannel['send']>[0], { type: K }>);
    });
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
      pending.onProgress?.(reply);
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
