/**
 * How far a generated image is from a target, for projection: a pixel loss
 * plus a Laplacian-pyramid loss (Bojanowski et al. 2018, "Optimizing the
 * Latent Space of Generative Networks"). The pyramid compares the detail at
 * each scale separately, so coarse layout and fine edges both pull on the
 * latent, where a pixel loss alone settles for a blur. Nothing is downloaded:
 * no pretrained perceptual network is needed.
 *
 * Written with differentiable tfjs ops that every backend can take gradients
 * of (the wasm backend has no depthwise-convolution gradient, so each channel
 * is filtered as its own image with an ordinary convolution).
 */
import * as tf from '@tensorflow/tfjs-core';

/** The 5-tap binomial filter [1 4 6 4 1]/16 in both directions, as a conv2d kernel [5, 5, 1, 1]. */
function binomialKernel(): tf.Tensor4D {
  const taps = [1, 4, 6, 4, 1].map((tap) => tap / 16);
  return tf.tensor4d(taps.flatMap((row) => taps.map((column) => row * column)), [5, 5, 1, 1]);
}

/** [n, h, w, c] → [n·c, h, w, 1]: every channel an image of its own. */
function channelsAsImages(images: tf.Tensor4D): tf.Tensor4D {
  const [count, height, width, channels] = images.shape;
  return tf.reshape(tf.transpose(images, [0, 3, 1, 2]), [count * channels, height, width, 1]);
}

/** Band-pass levels, finest first, then the coarsest blurred level; `levels` in all. */
export function laplacianLevels(images: tf.Tensor4D, levels: number): tf.Tensor4D[] {
  const kernel = binomialKernel();
  const result: tf.Tensor4D[] = [];
  let current = channelsAsImages(images);
  for (let level = 1; level < levels; level++) {
    const smaller = tf.conv2d(current, kernel, 2, 'same');
    const back = tf.image.resizeBilinear(smaller, [current.shape[1], current.shape[2]]);
    result.push(tf.sub(current, back));
    current = smaller;
  }
  result.push(current);
  return result;
}

/** Levels down to 4×4 or 8 levels, whichever comes first. */
export function levelCountFor(resolution: number): number {
  return Math.min(8, Math.max(1, Math.log2(resolution / 4) + 1));
}

/**
 * Per image: mean squared pixel error plus Σ 2^(-2j) mean |ΔL_j| over the
 * pyramid levels, with images in [-1, 1]. [n, h, w, c] twice → [n].
 */
export function reconstructionLoss(generated: tf.Tensor4D, target: tf.Tensor4D): tf.Tensor1D {
  return tf.tidy(() => {
    const count = generated.shape[0];
    const pixel = tf.mean(tf.reshape(tf.squaredDifference(generated, target), [count, -1]), 1);
    const levels = levelCountFor(generated.shape[1]);
    const ours = laplacianLevels(generated, levels);
    const theirs = laplacianLevels(tf.broadcastTo(target, generated.shape) as tf.Tensor4D, levels);
    const pyramid = ours.reduce<tf.Tensor>((sum, level, index) => {
      // Channels were folded into the batch: unfold them before averaging per image.
      const perImage = tf.mean(tf.reshape(tf.abs(tf.sub(level, theirs[index]!)), [count, -1]), 1);
      return tf.add(sum, tf.mul(perImage, 2 ** (-2 * index)));
    }, tf.zeros([count]));
    return tf.add(pixel, pyramid) as tf.Tensor1D;
  });
}
