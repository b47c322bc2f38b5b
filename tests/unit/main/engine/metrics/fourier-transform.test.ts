import { describe, expect, it } from 'vitest';
import { PowerSpectrumAccumulator, transformOfLength } from '../../../../../main/engine/metrics/fourier-transform';
import { SeededRandom } from '../../../../../main/engine/random';

/** The textbook sum, for comparison. */
function naiveTransform(real: readonly number[]): { real: number[]; imaginary: number[] } {
  const length = real.length;
  const out = { real: [] as number[], imaginary: [] as number[] };
  for (let k = 0; k < length; k++) {
    let re = 0;
    let im = 0;
    for (let n = 0; n < length; n++) {
      re += real[n]! * Math.cos((-2 * Math.PI * k * n) / length);
      im += real[n]! * Math.sin((-2 * Math.PI * k * n) / length);
    }
    out.real.push(re);
    out.imaginary.push(im);
  }
  return out;
}

describe('Fourier transform of one sequence', () => {
  for (const length of [1, 2, 8, 64, 6, 28]) {
    it(`matches the textbook sum at length ${length} (${(length & (length - 1)) === 0 ? 'radix 2' : 'direct'})`, () => {
      const random = new SeededRandom(length);
      const values = Array.from({ length }, () => random.normal());
      const real = Float64Array.from(values);
      const imaginary = new Float64Array(length);
      transformOfLength(length).transform(real, imaginary);
      const expected = naiveTransform(values);
      for (let k = 0; k < length; k++) {
        expect(real[k]).toBeCloseTo(expected.real[k]!, 9);
        expect(imaginary[k]).toBeCloseTo(expected.imaginary[k]!, 9);
      }
    });
  }

  it('refuses a length that is not a whole positive number', () => {
    expect(() => transformOfLength(0)).toThrow(/at least 1/);
    expect(() => transformOfLength(2.5)).toThrow(/whole/);
  });
});

describe('power spectrum of images', () => {
  it('puts a pixel checkerboard in the one bin at half the sampling rate on both axes', () => {
    const side = 16;
    const plane = Float32Array.from({ length: side * side }, (_, index) => ((Math.floor(index / side) + (index % side)) % 2 === 0 ? 0.75 : 0.25));
    const spectrum = new PowerSpectrumAccumulator(side, side);
    spectrum.add(plane, 0);
    const peak = (side / 2) * side + side / 2;
    // Amplitude 0.25 over 256 pixels: |F| = 64, less the little the seams' smooth component takes (|F| = 60).
    expect(Math.sqrt(spectrum.power[peak]!)).toBeCloseTo(60, 6);
    spectrum.power.forEach((power, bin) => {
      if (bin !== peak) expect(power).toBeLessThan(0.01 * spectrum.power[peak]!);
    });
  });

  it('leaves no cross of leakage from the seams where an image tiles: a ramp keeps 1/side² of its plain power on the axis', () => {
    const [height, width] = [8, 16];
    const ramp = Float32Array.from({ length: height * width }, (_, index) => (index % width) / width);
    const spectrum = new PowerSpectrumAccumulator(height, width);
    spectrum.add(ramp, 0);
    for (let frequency = 1; frequency < width; frequency++) {
      // A row of the ramp x / width transforms to 1 / (e^(−iθ) − 1); its periodic component's, to that over the width.
      const theta = (2 * Math.PI * frequency) / width;
      const plain = height ** 2 / ((Math.cos(theta) - 1) ** 2 + Math.sin(theta) ** 2);
      expect(spectrum.power[frequency]! / plain).toBeCloseTo(1 / width ** 2, 9);
    }
    expect(spectrum.power[0]).toBe(0);
  });

  it('sums image after image, on non-square images too', () => {
    const [height, width] = [8, 12];
    const random = new SeededRandom(3);
    const images = Float32Array.from({ length: 2 * height * width }, () => random.uniform());
    const both = new PowerSpectrumAccumulator(height, width);
    const singles = [0, 1].map((image) => {
      const single = new PowerSpectrumAccumulator(height, width);
      single.add(images, image * height * width);
      both.add(images, image * height * width);
      return single.power;
    });
    expect(both.count).toBe(2);
    both.power.forEach((power, bin) => expect(power).toBeCloseTo(singles[0]![bin]! + singles[1]![bin]!, 9));
  });
});
