/**
 * One separable resampler for every filter the metrics use (pyramid blur and
 * decimation, zero-insertion upsampling, area shrinking): each axis is
 * described by a table saying which input pixels, with which weights, make
 * each output pixel. Borders, decimation and zero insertion are all folded into
 * the tables, so the pixel loops do only the arithmetic that contributes.
 */
import type { PlanarImages } from './image-batch';

/** Output pixel `o` along an axis is Σ weights[o·tapsPerOutput + t] × input[indices[o·tapsPerOutput + t]]. */
export interface AxisTaps {
  readonly inputSize: number;
  readonly outputSize: number;
  readonly tapsPerOutput: number;
  readonly indices: Int32Array;
  readonly weights: Float32Array;
}

/** Builds a table from each output pixel's (input index, weight) pairs; shorter lists are padded with zero weights. */
export function axisTaps(inputSize: number, outputSize: number, tapsFor: (output: number) => [index: number, weight: number][]): AxisTaps {
  const lists = Array.from({ length: outputSize }, (_, output) => tapsFor(output));
  const tapsPerOutput = Math.max(...lists.map((list) => list.length));
  const indices = new Int32Array(outputSize * tapsPerOutput);
  const weights = new Float32Array(outputSize * tapsPerOutput);
  lists.forEach((list, output) => {
    list.forEach(([index, weight], tap) => {
      indices[output * tapsPerOutput + tap] = index;
      weights[output * tapsPerOutput + tap] = weight;
    });
  });
  return { inputSize, outputSize, tapsPerOutput, indices, weights };
}

/** Applies `columns` along each row, then `rows` down each column, to every plane. */
export function resampleSeparable(images: PlanarImages, rows: AxisTaps, columns: AxisTaps): PlanarImages {
  const { data, count, channels, height, width } = images;
  if (rows.inputSize !== height || columns.inputSize !== width) {
    throw new RangeError(`taps for ${columns.inputSize}×${rows.inputSize} images cannot resample ${width}×${height} ones`);
  }
  const outputHeight = rows.outputSize;
  const outputWidth = columns.outputSize;
  const output = new Float32Array(count * channels * outputHeight * outputWidth);
  const alongRows = new Float32Array(height * outputWidth);
  for (let plane = 0; plane < count * channels; plane++) {
    filterAlongRows(data, plane * height * width, height, width, columns, alongRows);
    filterDownColumns(alongRows, outputWidth, rows, output, plane * outputHeight * outputWidth);
  }
  return { data: output, count, channels, height: outputHeight, width: outputWidth };
}

/** Tap by tap down all the rows at once: the plane sits in cache, and the inner loop keeps one weight and one offset. */
function filterAlongRows(source: Float32Array, start: number, height: number, width: number, taps: AxisTaps, target: Float32Array): void {
  const { outputSize, tapsPerOutput, indices, weights } = taps;
  target.fill(0);
  for (let output = 0; output < outputSize; output++) {
    for (let tap = output * tapsPerOutput; tap < (output + 1) * tapsPerOutput; tap++) {
      const weight = weights[tap]!;
      if (weight === 0) continue;
      const column = start + indices[tap]!;
      for (let row = 0; row < height; row++) target[row * outputSize + output]! += weight * source[column + row * width]!;
    }
  }
}

/** Whole rows at a time, so the inner loop runs along memory. */
function filterDownColumns(source: Float32Array, width: number, taps: AxisTaps, target: Float32Array, start: number): void {
  const { outputSize, tapsPerOutput, indices, weights } = taps;
  for (let output = 0; output < outputSize; output++) {
    const targetRow = start + output * width;
    for (let tap = output * tapsPerOutput; tap < (output + 1) * tapsPerOutput; tap++) {
      const weight = weights[tap]!;
      if (weight === 0) continue;
      const sourceRow = indices[tap]! * width;
      for (let column = 0; column < width; column++) target[targetRow + column]! += weight * source[sourceRow + column]!;
    }
  }
}
