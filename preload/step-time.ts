/**
 * Shared by the main process (preset estimates) and the renderer (custom
 * settings): a training step's time scaled from one measured at another
 * batch size and width. Time grows with the images in a batch and about with
 * the square of the width (a convolution's cost is in-channels × out-channels);
 * the narrowest and last layers grow more slowly, so a much wider model comes
 * out somewhat slower than it is.
 */
export interface MeasuredStep {
  readonly secondsPerStep: number;
  readonly batchSize: number;
  readonly width: number;
}

export function scaledSecondsPerStep(measured: MeasuredStep, batchSize: number, width: number): number {
  return measured.secondsPerStep * (batchSize / measured.batchSize) * (width / measured.width) ** 2;
}
