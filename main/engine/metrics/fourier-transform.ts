/**
 * The power spectrum of grey images, for the spectral metrics: a 2-D discrete
 * Fourier transform done as 1-D transforms of every row, then every column.
 * Sides that are powers of two (what the models train at) take an iterative
 * radix-2 FFT; any other side takes the direct O(n²) sum, which is still
 * quick for the small images whose side is not a power of two (28 px IDX
 * digits, say). Plain arrays, no backend, so the metric runs anywhere.
 */

/** An in-place transform of one complex sequence of a fixed length. */
interface Transform1d {
  transform(real: Float64Array, imaginary: Float64Array): void;
}

/**
 * Sums the power spectra of one image after another, for a fixed image size.
 * Each image's periodic component is transformed (Moisan 2011, "Periodic
 * plus smooth image decomposition"): a transform treats an image as a tile
 * repeating without end, so the jump from one edge to the opposite one would
 * otherwise put a bright cross of leakage along both axes, strong and
 * different from image to image, right where axis-aligned artefacts show.
 * Taking out the smooth component those jumps imply removes the cross and
 * leaves every other frequency where it was.
 */
export class PowerSpectrumAccumulator {
  readonly height: number;
  readonly width: number;
  /** Row-major: `power[u * width + v]` for vertical frequency u and horizontal frequency v, each 0 … side − 1. */
  readonly power: Float64Array;
  count = 0;
  readonly #rows: Transform1d;
  readonly #columns: Transform1d;
  /** 2cos(2πu/height) + 2cos(2πv/width) − 4: the periodic Laplacian's eigenvalue at each frequency. */
  readonly #laplacian: Float64Array;
  /** 1 − e^(2πik/side) for each frequency k of the columns, then of the rows: how a jump laid on both opposite edges transforms. */
  readonly #verticalSeam: { readonly real: Float64Array; readonly imaginary: Float64Array };
  readonly #horizontalSeam: { readonly real: Float64Array; readonly imaginary: Float64Array };
  readonly #real: Float64Array;
  readonly #imaginary: Float64Array;
  readonly #rowJumps: { readonly real: Float64Array; readonly imaginary: Float64Array };
  readonly #columnJumps: { readonly real: Float64Array; readonly imaginary: Float64Array };
  readonly #column: { readonly real: Float64Array; readonly imaginary: Float64Array };

  constructor(height: number, width: number) {
    this.height = height;
    this.width = width;
    const size = height * width;
    this.power = new Float64Array(size);
    this.#rows = transformOfLength(width);
    this.#columns = height === width ? this.#rows : transformOfLength(height);
    this.#laplacian = Float64Array.from({ length: size }, (_, bin) => 2 * Math.cos((2 * Math.PI * Math.floor(bin / width)) / height) + 2 * Math.cos((2 * Math.PI * (bin % width)) / width) - 4);
    const seam = (side: number) => ({
      real: Float64Array.from({ length: side }, (_, k) => 1 - Math.cos((2 * Math.PI * k) / side)),
      imaginary: Float64Array.from({ length: side }, (_, k) => -Math.sin((2 * Math.PI * k) / side)),
    });
    this.#verticalSeam = seam(height);
    this.#horizontalSeam = seam(width);
    this.#real = new Float64Array(size);
    this.#imaginary = new Float64Array(size);
    this.#rowJumps = { real: new Float64Array(width), imaginary: new Float64Array(width) };
    this.#columnJumps = { real: new Float64Array(height), imaginary: new Float64Array(height) };
    this.#column = { real: new Float64Array(height), imaginary: new Float64Array(height) };
  }

  /** Adds the power spectrum of the image `plane[start … start + height·width)`; its zero frequency (the mean brightness) is left at 0. */
  add(plane: Float32Array, start: number): void {
    const { height, width } = this;
    const size = height * width;
    const real = this.#real;
    const imaginary = this.#imaginary;
    for (let index = 0; index < size; index++) real[index] = plane[start + index]!;
    imaginary.fill(0);
    // The jumps across the seams: bottom row to top, right column to left. Laid with opposite signs on the two
    // edges, they are what the smooth component is the Poisson solution of, and they transform in 1-D.
    const rowJumps = this.#rowJumps;
    const columnJumps = this.#columnJumps;
    const last = (height - 1) * width;
    for (let column = 0; column < width; column++) rowJumps.real[column] = real[last + column]! - real[column]!;
    for (let row = 0; row < height; row++) columnJumps.real[row] = real[row * width + width - 1]! - real[row * width]!;
    rowJumps.imaginary.fill(0);
    columnJumps.imaginary.fill(0);
    this.#rows.transform(rowJumps.real, rowJumps.imaginary);
    this.#columns.transform(columnJumps.real, columnJumps.imaginary);
    this.#transform2d(real, imaginary);
    const vertical = this.#verticalSeam;
    const horizontal = this.#horizontalSeam;
    for (let bin = 1; bin < size; bin++) {
      const u = Math.floor(bin / width);
      const v = bin - u * width;
      // The seams' transform at (u, v): rowJumps(v) · (1 − e^(2πiu/height)) + columnJumps(u) · (1 − e^(2πiv/width)).
      const seamReal =
        rowJumps.real[v]! * vertical.real[u]! - rowJumps.imaginary[v]! * vertical.imaginary[u]! + columnJumps.real[u]! * horizontal.real[v]! - columnJumps.imaginary[u]! * horizontal.imaginary[v]!;
      const seamImaginary =
        rowJumps.real[v]! * vertical.imaginary[u]! + rowJumps.imaginary[v]! * vertical.real[u]! + columnJumps.real[u]! * horizontal.imaginary[v]! + columnJumps.imaginary[u]! * horizontal.real[v]!;
      const laplacian = this.#laplacian[bin]!;
      const periodicReal = real[bin]! - seamReal / laplacian;
      const periodicImaginary = imaginary[bin]! - seamImaginary / laplacian;
      this.power[bin]! += periodicReal * periodicReal + periodicImaginary * periodicImaginary;
    }
    this.count++;
  }

  /** In place: every row, then every column. */
  #transform2d(real: Float64Array, imaginary: Float64Array): void {
    const { height, width } = this;
    for (let row = 0; row < height; row++) this.#rows.transform(real.subarray(row * width, (row + 1) * width), imaginary.subarray(row * width, (row + 1) * width));
    const column = this.#column;
    for (let index = 0; index < width; index++) {
      for (let row = 0; row < height; row++) {
        column.real[row] = real[row * width + index]!;
        column.imaginary[row] = imaginary[row * width + index]!;
      }
      this.#columns.transform(column.real, column.imaginary);
      for (let row = 0; row < height; row++) {
        real[row * width + index] = column.real[row]!;
        imaginary[row * width + index] = column.imaginary[row]!;
      }
    }
  }
}

/** F(k) = Σ x(n) e^(−2πi kn / length), the same convention (no scaling) for either method. */
export function transformOfLength(length: number): Transform1d {
  if (!Number.isInteger(length) || length < 1) throw new RangeError(`a Fourier transform needs a whole length of at least 1, not ${length}`);
  return (length & (length - 1)) === 0 ? radix2Transform(length) : directTransform(length);
}

/** Cooley–Tukey, iterative: bit-reversed order, then log₂(length) passes of butterflies with precomputed twiddles. */
function radix2Transform(length: number): Transform1d {
  const reversed = new Uint32Array(length);
  const bits = Math.log2(length);
  for (let index = 0; index < length; index++) {
    let reversedIndex = 0;
    for (let bit = 0; bit < bits; bit++) reversedIndex |= ((index >> bit) & 1) << (bits - 1 - bit);
    reversed[index] = reversedIndex;
  }
  const cosines = Float64Array.from({ length: length / 2 }, (_, k) => Math.cos((2 * Math.PI * k) / length));
  const sines = Float64Array.from({ length: length / 2 }, (_, k) => -Math.sin((2 * Math.PI * k) / length));
  return {
    transform(real, imaginary) {
      for (let index = 0; index < length; index++) {
        const other = reversed[index]!;
        if (other <= index) continue;
        const swappedReal = real[index]!;
        real[index] = real[other]!;
        real[other] = swappedReal;
        const swappedImaginary = imaginary[index]!;
        imaginary[index] = imaginary[other]!;
        imaginary[other] = swappedImaginary;
      }
      for (let span = 2; span <= length; span *= 2) {
        const half = span / 2;
        const twiddleStride = length / span;
        for (let start = 0; start < length; start += span) {
          for (let offset = 0; offset < half; offset++) {
            const cosine = cosines[offset * twiddleStride]!;
            const sine = sines[offset * twiddleStride]!;
            const even = start + offset;
            const odd = even + half;
            const oddReal = real[odd]! * cosine - imaginary[odd]! * sine;
            const oddImaginary = real[odd]! * sine + imaginary[odd]! * cosine;
            real[odd] = real[even]! - oddReal;
            imaginary[odd] = imaginary[even]! - oddImaginary;
            real[even]! += oddReal;
            imaginary[even]! += oddImaginary;
          }
        }
      }
    },
  };
}

function directTransform(length: number): Transform1d {
  const cosines = Float64Array.from({ length }, (_, k) => Math.cos((2 * Math.PI * k) / length));
  const sines = Float64Array.from({ length }, (_, k) => -Math.sin((2 * Math.PI * k) / length));
  const outReal = new Float64Array(length);
  const outImaginary = new Float64Array(length);
  return {
    transform(real, imaginary) {
      for (let frequency = 0; frequency < length; frequency++) {
        let sumReal = 0;
        let sumImaginary = 0;
        for (let index = 0; index < length; index++) {
          // The angle's table index: frequency · index mod length, kept exact in integers.
          const turn = (frequency * index) % length;
          sumReal += real[index]! * cosines[turn]! - imaginary[index]! * sines[turn]!;
          sumImaginary += real[index]! * sines[turn]! + imaginary[index]! * cosines[turn]!;
        }
        outReal[frequency] = sumReal;
        outImaginary[frequency] = sumImaginary;
      }
      real.set(outReal);
      imaginary.set(outImaginary);
    },
  };
}
