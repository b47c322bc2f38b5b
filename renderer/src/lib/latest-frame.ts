/**
 * Live translation while drawing: at most one frame in flight, and never a
 * queue. Each change only marks the drawing dirty; when the studio answers,
 * the loop reads the drawing as it is *now* and sends that, so frames drawn
 * meanwhile are dropped rather than translated late. The drawing is read
 * (encoded) only when it is about to be sent, so a fast pen costs nothing
 * extra.
 */
export interface LatestFrameLoop {
  /** The drawing changed: translate it as soon as the frame in flight (if any) is back. */
  changed(): void;
  /** Stops sending; an answer still in flight is dropped. */
  stop(): void;
  readonly inFlight: boolean;
}

export interface LatestFrameHandlers<Frame, Answer> {
  /** Reads the drawing as it is now; null when there is nothing to send (yet). */
  readonly read: () => Promise<Frame | null>;
  readonly send: (frame: Frame) => Promise<Answer>;
  readonly onAnswer: (answer: Answer) => void;
  readonly onError: (error: Error) => void;
  /** The least time between two sends, so a fast machine does not spin the engine flat out. */
  readonly minIntervalMs?: number;
  readonly now?: () => number;
  readonly wait?: (ms: number) => Promise<void>;
}

export function latestFrameLoop<Frame, Answer>(handlers: LatestFrameHandlers<Frame, Answer>): LatestFrameLoop {
  const { read, send, onAnswer, onError, minIntervalMs = 0 } = handlers;
  const now = handlers.now ?? (() => performance.now());
  const wait = handlers.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let dirty = false;
  let running = false;
  let stopped = false;
  let lastSent = -Infinity;

  async function pump(): Promise<void> {
    running = true;
    try {
      while (dirty && !stopped) {
        const gap = lastSent + minIntervalMs - now();
        if (gap > 0) await wait(gap);
        if (stopped) return;
        dirty = false;
        const frame = await read();
        if (frame === null || stopped) continue;
        lastSent = now();
        try {
          const answer = await send(frame);
          if (!stopped) onAnswer(answer);
        } catch (error) {
          if (!stopped) onError(error as Error);
        }
      }
    } finally {
      running = false;
    }
  }

  return {
    changed() {
      if (stopped) return;
      dirty = true;
      if (!running) void pump();
    },
    stop() {
      stopped = true;
    },
    get inFlight() {
      return running;
    },
  };
}

/** Frames per second over the last `windowMs`, from the times frames arrived. */
export class FrameRate {
  readonly #arrivals: number[] = [];
  readonly #windowMs: number;

  constructor(windowMs = 2000) {
    this.#windowMs = windowMs;
  }

  /** Records a frame at `at` and answers the rate, or null until two frames within the window (a pause in drawing starts afresh). */
  record(at: number): number | null {
    this.#arrivals.push(at);
    while (this.#arrivals[0]! < at - this.#windowMs) this.#arrivals.shift();
    return this.rate;
  }

  get rate(): number | null {
    const first = this.#arrivals[0];
    const last = this.#arrivals.at(-1);
    if (first === undefined || last === undefined || last <= first) return null;
    return ((this.#arrivals.length - 1) * 1000) / (last - first);
  }

  reset(): void {
    this.#arrivals.length = 0;
  }
}
