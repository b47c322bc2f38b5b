/**
 * Runs `work` on up to `concurrency` inputs at once and hands the results to
 * `consume` strictly in input order, so decoding overlaps while commits stay
 * deterministic. Stops taking new inputs once `signal` aborts; work already
 * started is finished and consumed.
 */
export async function mapInOrder<I, O>(
  inputs: AsyncIterable<I> | Iterable<I>,
  concurrency: number,
  work: (input: I) => Promise<O>,
  consume: (output: O, input: I) => void,
  signal?: AbortSignal,
): Promise<void> {
  const inFlight: { input: I; output: Promise<O> }[] = [];
  const drainOne = async () => {
    const next = inFlight.shift()!;
    consume(await next.output, next.input);
  };
  for await (const input of inputs) {
    if (signal?.aborted) break;
    const output = work(input);
    // Attached now so a rejection waiting its turn is not reported as unhandled.
    output.catch(() => {});
    inFlight.push({ input, output });
    if (inFlight.length >= concurrency) await drainOne();
  }
  while (inFlight.length > 0) await drainOne();
}
