/**
 * The discriminator's self-supervised reconstruction loss (FastGAN, Liu et
 * al., ICLR 2021): its decoders redraw the (augmented) real image from its
 * 8×8 features and one quadrant of it from one quadrant of its 16×16
 * features; the loss is the mean absolute error of each against the image
 * scaled down by area averaging, summed. The paper uses the LPIPS perceptual
 * distance (a pretrained VGG, which an offline studio does not download) and
 * nearest-neighbour scaling; the mean of a pixel's area is the truer small
 * image for an L1 target.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { FastGanDecoders } from '../../models/fastgan-decoders';
import { reconstructionSide } from '../../models/fastgan-shape';

/** 0 top left, 1 top right, 2 bottom left, 3 bottom right, as the paper numbers them. */
export type Quadrant = 0 | 1 | 2 | 3;

/** The quadrant of maps or images [batch, h, w, c] → [batch, h/2, w/2, c]. */
export function quadrantOf(x: tf.Tensor4D, quadrant: Quadrant): tf.Tensor4D {
  const [, height, width] = x.shape;
  const top = quadrant >= 2 ? height / 2 : 0;
  const left = quadrant % 2 === 1 ? width / 2 : 0;
  return tf.slice(x, [0, top, left, 0], [-1, height / 2, width / 2, -1]);
}

/** Images [batch, s, s, c] → [batch, side, side, c], each pixel the mean of the block it covers. */
export function areaResize(images: tf.Tensor4D, side: number): tf.Tensor4D {
  const factor = images.shape[1] / side;
  if (!Number.isInteger(factor) || factor < 1 || images.shape[2] / side !== factor) {
    throw new Error(`cannot scale ${images.shape[1]}×${images.shape[2]} images to ${side}×${side} by whole blocks`);
  }
  return factor === 1 ? images : tf.avgPool(images, factor, factor, 'valid');
}

/**
 * mean |whole − image| + mean |part − quadrant|, from the discriminator's
 * features of `realImages` (the images it judged, augmentation included),
 * with the decoders in training mode.
 */
export function reconstructionLoss(
  decoders: FastGanDecoders,
  features8: tf.Tensor4D,
  features16: tf.Tensor4D,
  realImages: tf.Tensor4D,
  quadrant: Quadrant,
): tf.Scalar {
  return tf.tidy(() => {
    const side = reconstructionSide(realImages.shape[1]);
    const whole = decoders.whole.apply(features8, { training: true }) as tf.Tensor4D;
    const part = decoders.part.apply(quadrantOf(features16, quadrant), { training: true }) as tf.Tensor4D;
    const wholeError = tf.mean(tf.abs(tf.sub(whole, areaResize(realImages, side))));
    const partError = tf.mean(tf.abs(tf.sub(part, areaResize(quadrantOf(realImages, quadrant), side))));
    return tf.add(wholeError, partError);
  });
}
