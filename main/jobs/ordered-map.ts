/**
 * Runs `work` on up to `concurrency` inputs at once and hands the results to
 * `consume` strictly in input order, so decoding overlaps while writes and
 * commits stay deterministic. Stops taking new inputs once `signal` aborts;
 * work already started is finished and consumed. If anything fails, it waits
 * for the work in flight before rejecting, so nothing runs on afterwards.
 */
export async function mapInOrder<I, O>(
  inputs: AsyncIterable<I> | Iterable<I>,
  concurrency: number,
  work: (input: I) => Promise<O>,
  consume: (output: O, input: I) => void | Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const inFlight: { input: I; output: Promise<O> }[] = [];
  const drainOne = async () => {
    const next = inFlight.shift()!;
    await consume(await next.output, next.input);
  };
  try {
    for await (const input of inputs) {
      if (signal?.aborted) break;
      const output = work(input);
      // Seen when awaited in order; this keeps an early rejection from counting as unhandled.
      output.catch(() => {});
      inFlight.push({ input, output });
      if (inFlight.length >= concurrency) await drainOne();
    }
    while (inFlight.length > 0) await drainOne();
  } finally {
    await Promise.allSettled(inFlight.map((running) => running.output));
  }
}
