/** The latent namespace's DTOs: sampling a trained generator. */

export interface SampleRequest {
  readonly checkpointId: number;
  readonly count: number;
  readonly seed: number;
  /** Sample the moving average of the generator's weights (smoother) rather than the raw generator. */
  readonly ema?: boolean | undefined;
}

export interface SampledImage {
  readonly outputId: number;
  readonly seed: number;
  readonly index: number;
  readonly blobHash: string;
  readonly url: string;
}
