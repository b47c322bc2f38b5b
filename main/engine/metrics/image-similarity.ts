/**
 * How close translated images are to their targets, the numbers pix2pix runs
 * report on held-out pairs: mean absolute error, PSNR and SSIM (Wang et al.
 * 2004: an 11×11 Gaussian window of σ 1.5, 'valid' as in the authors' code,
 * C1 = (0.01)², C2 = (0.03)² for values in [0, 1]), each averaged over the
 * images (and SSIM over the channels). Plain arrays, no backend.
 */
import { checkImageBatch, toPlanar, type ImageBatch, type PlanarImages } from './image-batch';
import { axisTaps, resampleSeparable, type AxisTaps } from './separable-resample';

export interface Similarity {
  /** Mean |a − b| with pixels in [0, 1]: 0 is identical. */
  readonly l1: number;
  /** Peak signal-to-noise ratio in dB (higher is closer), capped at 100 for identical images. */
  readonly psnr: number;
  /** Structural similarity, 1 for identical images. */
  readonly ssim: number;
}

const windowSize = 11;
const windowSigma = 1.5;
const c1 = 0.01 ** 2;
const c2 = 0.03 ** 2;
const psnrCap = 100;

export function imageSimilarity(a: ImageBatch, b: ImageBatch): Similarity {
  checkImageBatch(a, 'images');
  checkImageBatch(b, 'targets');
  if (a.count !== b.count || a.height !== b.height || a.width !== b.width || a.channels !== b.channels) {
    throw new RangeError(`${a.count} images of ${a.width}×${a.height}×${a.channels} cannot be compared with ${b.count} of ${b.width}×${b.height}×${b.channels}`);
  }
  const imageBytes = a.height * a.width * a.channels;
  let l1 = 0;
  let psnr = 0;
  for (let image = 0; image < a.count; image++) {
    let absolute = 0;
    let squared = 0;
    for (let index = image * imageBytes; index < (image + 1) * imageBytes; index++) {
      const difference = a.pixels[index]! - b.pixels[index]!;
      absolute += Math.abs(difference);
      squared += difference * difference;
    }
    l1 += absolute / imageBytes / 255;
    const mse = squared / imageBytes;
    psnr += mse === 0 ? psnrCap : Math.min(psnrCap, 10 * Math.log10((255 * 255) / mse));
  }
  return { l1: l1 / a.count, psnr: psnr / a.count, ssim: meanSsim(toPlanar(a), toPlanar(b)) };
}

/** The mean of the SSIM map over every image and channel; images smaller than the window use a window of their size. */
function meanSsim(x: PlanarImages, y: PlanarImages): number {
  const rows = gaussianWindow(x.height);
  const columns = gaussianWindow(x.width);
  const blur = (data: Float32Array) => resampleSeparable({ ...x, data }, rows, columns).data;
  const product = (p: Float32Array, q: Float32Array) => p.map((value, index) => value * q[index]!);
  const meanX = blur(x.data);
  const meanY = blur(y.data);
  const squaresX = blur(product(x.data, x.data));
  const squaresY = blur(product(y.data, y.data));
  const products = blur(product(x.data, y.data));
  let sum = 0;
  for (let index = 0; index < meanX.length; index++) {
    const mx = meanX[index]!;
    const my = meanY[index]!;
    const varianceX = squaresX[index]! - mx * mx;
    const varianceY = squaresY[index]! - my * my;
    const covariance = products[index]! - mx * my;
    sum += ((2 * mx * my + c1) * (2 * covariance + c2)) / ((mx * mx + my * my + c1) * (varianceX + varianceY + c2));
  }
  return sum / meanX.length;
}

/** A normalised Gaussian window slid along an axis, only where it fits ('valid'). */
function gaussianWindow(length: number): AxisTaps {
  const size = Math.min(windowSize, length);
  const centre = (size - 1) / 2;
  const raw = Array.from({ length: size }, (_, tap) => Math.exp(-((tap - centre) ** 2) / (2 * windowSigma ** 2)));
  const total = raw.reduce((sum, weight) => sum + weight, 0);
  return axisTaps(length, length - size + 1, (output) => raw.map((weight, tap): [number, number] => [output + tap, weight / total]));
}
