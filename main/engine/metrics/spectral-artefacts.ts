/**
 * A spectral artefact score: how far generated images' frequency content is
 * from the real images', which sees what the sliced Wasserstein distance does
 * not — the regular checkerboard a stride-2 transposed convolution leaves
 * (Odena et al. 2016), and missing or excess fine detail. Both terms read
 * each set's mean power spectrum of its images in grey (Rec. 601 luma), each
 * image's periodic component (fourier-transform.ts says why); both are in
 * decibels of power, and the score is their sum:
 *
 * - radial: the azimuthally averaged power spectrum, each set's normalised to the same total, compared ring by ring on a log scale
 *   (Durall et al., CVPR 2020, "Watch your Up-Convolution"); the mean
 *   |difference| over the rings. Blur shows here as a deficit at high
 *   frequencies, noise as an excess.
 * - harmonic: how far the power at each upsampling harmonic (multiples of
 *   side/8 along each axis: the 2-, 4- and 8-pixel periods that stacked ×2
 *   upsamplings print) stands out from its 8 neighbouring bins, generated minus
 *   real; the largest excess, or 0 when none stands out more than in the real
 *   images. A checkerboard is a sharp peak exactly there.
 *
 * Scale: 0 for identical spectra; lower is better. Measured with 256 images
 * against 512 others (what a DCGAN run measures): other real images score
 * 0.9–1.3 (Fashion-MNIST at 32 px, painted landscapes at 64 px), and up to
 * 2.2 with only 32 against the 512; the same Fashion-MNIST images with a
 * ±1 grey-level pixel checkerboard over them 9.9, ±2 levels 14.6 (where SWD
 * does not move: 40.0 against 40.7), a checkerboard of 2-pixel squares at ±2
 * levels 3.6 and at ±4 levels 7.6; a ±1% pixel checkerboard modulation of
 * the landscapes 25; a 3×3 box blur 11 (landscapes) to 13 (Fashion-MNIST);
 * Gaussian noise of σ 8 grey levels on the smooth landscapes 5.4; flat grey
 * (an untrained generator) 16.
 */
import { checkImageBatch, toGrey, toPlanar, type ImageBatch } from './image-batch';
import { PowerSpectrumAccumulator } from './fourier-transform';

/** A set's mean power spectrum: what a fixed reference keeps between measurements. */
export interface SpectralProfile {
  /** The analysed window's size: the images' own, up to 128 px a side. */
  readonly height: number;
  readonly width: number;
  readonly count: number;
  /** Mean |F(u, v)|² over the images, row-major by vertical frequency, plus the quantisation floor. */
  readonly power: Float64Array;
}

export interface SpectralArtefacts {
  /** radial + harmonic, in dB: lower is closer to the real images. */
  readonly score: number;
  /** Mean |Δ| in dB over the rings of the normalised, azimuthally averaged spectrum. */
  readonly radial: number;
  /** The largest excess prominence in dB of a harmonic bin over its neighbours, generated against real; at least 0. */
  readonly harmonic: number;
}

/**
 * Above this score the run gets a warning. Real images against real ones
 * stay under 2.2 even with only 32 of them, and a set of one Fashion-MNIST
 * class alone (trousers: other content, not an artefact) scores 4.0; faults a
 * person sees score more: σ 8 noise on smooth landscapes 5.4, a 3×3 blur 11
 * to 13, a pixel checkerboard of ±1 grey level 9.9, one of 2-pixel squares at
 * ±4 levels 7.6.
 */
export const spectralArtefactLimit = 5;

/**
 * Added to every bin's mean power: what rounding to 8 bits contributes, a
 * white noise of variance (1/255)²/12 per pixel, which is Σ over the pixels
 * in a bin of an unscaled transform. Below it, two sets cannot differ in any
 * way their bytes could show, and a flat image's empty spectrum keeps a
 * finite logarithm.
 */
function quantisationFloor(height: number, width: number): number {
  return (height * width) / (12 * 255 * 255);
}

/** Periods (in pixels) whose harmonics are checked: what the last three ×2 upsamplings print. */
const upsamplingPeriods = [2, 4, 8] as const;
/**
 * Larger images are analysed in their central window of this side: the
 * artefacts repeat across the image, so the window shows them at the same
 * frequencies (in cycles per pixel), and 256 images cost about half a second
 * (0.1 s at 64 px) at any size rather than growing with the square of the side.
 */
const analysedSide = 128;

export function spectralProfile(batch: ImageBatch, what = 'the images'): SpectralProfile {
  checkImageBatch(batch, what);
  const grey = toGrey(toPlanar(centralWindow(batch, analysedSide)));
  const { height, width, count } = grey;
  const accumulator = new PowerSpectrumAccumulator(height, width);
  for (let image = 0; image < count; image++) accumulator.add(grey.data, image * height * width);
  const floor = quantisationFloor(height, width);
  const power = accumulator.power.map((sum) => sum / count + floor);
  return { height, width, count, power };
}

export function compareSpectra(generated: SpectralProfile, real: SpectralProfile): SpectralArtefacts {
  if (generated.height !== real.height || generated.width !== real.width) {
    throw new RangeError(`spectra of ${generated.width}×${generated.height} and ${real.width}×${real.height} images cannot be compared`);
  }
  const harmonics = harmonicBins(real.height, real.width);
  const radial = radialDistance(generated, real, new Set(harmonics));
  const harmonic = Math.max(0, ...harmonics.map((bin) => prominence(generated, bin) - prominence(real, bin)));
  return { score: radial + harmonic, radial, harmonic };
}

export function measureSpectralArtefacts(generated: ImageBatch, real: ImageBatch): SpectralArtefacts {
  return compareSpectra(spectralProfile(generated, 'the generated images'), spectralProfile(real, 'the real images'));
}

/** A message for the artist when the score says the samples' spectrum is off, naming the likelier cause; else null. */
export function spectralArtefactWarning({ score, harmonic }: Pick<SpectralArtefacts, 'score' | 'harmonic'>): string | null {
  if (!(score > spectralArtefactLimit)) return null;
  const cause =
    harmonic >= score / 2
      ? 'a regular grid or checkerboard (peaks at the upsampling frequencies), the mark of transposed convolutions: ' +
        'try resize-convolution upsampling, or train longer'
      : 'fine detail unlike the real images (blur, or noise), often a model still early in training or too small for the images: ' +
        'train longer or widen the generator';
  return `Spectral artefacts (score ${score.toFixed(1)} dB, real images score under 1): the samples show ${cause}.`;
}

/** The images cut to their central `side` × `side` (each side only where it is longer). */
function centralWindow(batch: ImageBatch, side: number): ImageBatch {
  const { count, height, width, channels } = batch;
  if (height <= side && width <= side) return batch;
  const [windowHeight, windowWidth] = [Math.min(height, side), Math.min(width, side)];
  const [top, left] = [Math.floor((height - windowHeight) / 2), Math.floor((width - windowWidth) / 2)];
  const pixels = new Uint8Array(count * windowHeight * windowWidth * channels);
  const rowBytes = windowWidth * channels;
  for (let image = 0; image < count; image++) {
    for (let row = 0; row < windowHeight; row++) {
      const from = ((image * height + top + row) * width + left) * channels;
      pixels.set(batch.pixels.subarray(from, from + rowBytes), (image * windowHeight + row) * rowBytes);
    }
  }
  return { pixels, count, height: windowHeight, width: windowWidth, channels };
}

function decibels(ratio: number): number {
  return 10 * Math.log10(ratio);
}

/** Bin indexes (u · width + v) where both frequencies are multiples of side/period for some upsampling period, bar the zero frequency. */
function harmonicBins(height: number, width: number): number[] {
  const frequencies = (side: number) => {
    const found = new Set([0]);
    for (const period of upsamplingPeriods) {
      // Neighbouring harmonics must be at least two bins apart, or a peak's neighbours would be peaks too.
      if (side % period !== 0 || side / period < 2) continue;
      for (let multiple = 1; multiple < period; multiple++) found.add((multiple * side) / period);
    }
    return [...found];
  };
  const vertical = frequencies(height);
  const horizontal = frequencies(width);
  return vertical.flatMap((u) => horizontal.map((v) => u * width + v)).filter((bin) => bin !== 0);
}

/** How far a bin's power stands above the mean of its 8 neighbours (wrapping round, as frequencies do), in dB. */
function prominence(profile: SpectralProfile, bin: number): number {
  const { height, width, power } = profile;
  const u = Math.floor(bin / width);
  const v = bin % width;
  let neighbours = 0;
  for (let du = -1; du <= 1; du++) {
    for (let dv = -1; dv <= 1; dv++) {
      if (du === 0 && dv === 0) continue;
      neighbours += power[((u + du + height) % height) * width + ((v + dv + width) % width)]!;
    }
  }
  return decibels(power[bin]! / (neighbours / 8));
}

/**
 * Ring r holds the bins whose frequency, in cycles per image along the
 * shorter side, rounds to r, from 1 out to the corners. Harmonic bins are left
 * out, so a checkerboard counts once (in the harmonic term), and each set's
 * rings are scaled by its own total, so a change of contrast alone is not an
 * artefact.
 */
function radialDistance(generated: SpectralProfile, real: SpectralProfile, harmonics: ReadonlySet<number>): number {
  const rings = ringsOf(real.height, real.width, harmonics);
  const profileOf = ({ power }: SpectralProfile) => {
    const means = rings.map((bins) => bins.reduce((sum, bin) => sum + power[bin]!, 0) / bins.length);
    const total = means.reduce((sum, mean) => sum + mean, 0);
    return means.map((mean) => mean / total);
  };
  const generatedRings = profileOf(generated);
  const realRings = profileOf(real);
  return realRings.reduce((sum, realRing, ring) => sum + Math.abs(decibels(generatedRings[ring]! / realRing)), 0) / rings.length;
}

function ringsOf(height: number, width: number, harmonics: ReadonlySet<number>): number[][] {
  const shorter = Math.min(height, width);
  const signed = (frequency: number, side: number) => (frequency <= side / 2 ? frequency : frequency - side) / side;
  const rings: number[][] = [];
  for (let u = 0; u < height; u++) {
    for (let v = 0; v < width; v++) {
      const bin = u * width + v;
      const ring = Math.round(Math.hypot(signed(u, height), signed(v, width)) * shorter);
      if (ring === 0 || harmonics.has(bin)) continue;
      (rings[ring - 1] ??= []).push(bin);
    }
  }
  return rings.filter((bins) => bins.length > 0);
}
