/**
 * layers.js, written into a bundle whose model uses layers stock TF.js lacks:
 * dependency-free re-creations of the studio's OneHot, InstanceNormalization,
 * ReflectionPadding2D, GatedLinearUnit and BilinearUpsampling2D for
 * inference, registered with whatever TF.js the caller passes. They compute
 * with the same ops in the same order as the studio's
 * (main/engine/models/one-hot.ts, instance-norm.ts, reflection-pad.ts,
 * fastgan-glu.ts, bilinear-upsample.ts),
 * so a model draws the same numbers in the studio and outside it; the tests
 * load a bundle with only tfjs and this file, in a fresh process, to hold
 * them to that. Plain ES2020 in a UMD wrapper: require() it, load it with a
 * <script> tag (it sets `latentStudioLayers`), or import it through a bundler.
 */
export const layersScript = String.raw`/**
 * Latent Studio's custom TF.js layers, for loading this bundle's model.json
 * in a TensorFlow.js runtime without the studio. Register them once, before
 * tf.loadLayersModel:
 *
 *   registerLatentStudioLayers(tf);             // @tensorflow/tfjs
 *   registerLatentStudioLayers(tfCore, tfLayers); // @tensorflow/tfjs-core + @tensorflow/tfjs-layers
 *
 * They are for inference: none of them defines a gradient of its own.
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory();
  else root.latentStudioLayers = factory();
})(typeof self !== 'undefined' ? self : globalThis, function () {
  'use strict';

  function singleShape(inputShape) {
    return Array.isArray(inputShape[0]) ? inputShape[0] : inputShape;
  }

  function firstTensor(inputs) {
    return Array.isArray(inputs) ? inputs[0] : inputs;
  }

  /** Registers the layers with tf (tfjs-core's serialization) as subclasses of tfl.layers.Layer; returns the classes. */
  function registerLatentStudioLayers(tf, tfl) {
    var layers = (tfl || tf).layers;
    if (!layers || !layers.Layer) throw new Error('registerLatentStudioLayers needs TF.js layers: pass @tensorflow/tfjs, or tfjs-core and tfjs-layers');

    /** int32 class labels [n] or [n, 1] → one-hot rows [n, depth]. */
    class OneHot extends layers.Layer {
      constructor(config) {
        super(config);
        this.depth = config.depth;
      }
      computeOutputShape(inputShape) {
        return [singleShape(inputShape)[0], this.depth];
      }
      call(inputs) {
        var depth = this.depth;
        return tf.tidy(function () {
          return tf.oneHot(tf.cast(tf.reshape(firstTensor(inputs), [-1]), 'int32'), depth);
        });
      }
      getConfig() {
        return Object.assign({}, super.getConfig(), { depth: this.depth });
      }
    }
    OneHot.className = 'OneHot';

    /** Each feature map of each image to zero mean and unit variance over its pixels; no learnt scale or shift. */
    class InstanceNormalization extends layers.Layer {
      constructor(config) {
        super(config);
        this.epsilon = config.epsilon === undefined ? 1e-5 : config.epsilon;
      }
      call(inputs) {
        var epsilon = this.epsilon;
        return tf.tidy(function () {
          var x = firstTensor(inputs);
          var window = [x.shape[1], x.shape[2]];
          var mean = tf.avgPool(x, window, window, 'valid');
          var variance = tf.avgPool(tf.square(tf.sub(x, mean)), window, window, 'valid');
          return tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, epsilon)));
        });
      }
      getConfig() {
        return Object.assign({}, super.getConfig(), { epsilon: this.epsilon });
      }
    }
    InstanceNormalization.className = 'InstanceNormalization';

    /** Pads height and width by mirroring at the edges (without repeating the edge pixel). */
    class ReflectionPadding2D extends layers.Layer {
      constructor(config) {
        super(config);
        this.padding = config.padding;
      }
      computeOutputShape(inputShape) {
        var shape = singleShape(inputShape);
        var padding = this.padding;
        var grow = function (size) {
          return size == null ? null : size + 2 * padding;
        };
        return [shape[0], grow(shape[1]), grow(shape[2]), shape[3]];
      }
      call(inputs) {
        var p = this.padding;
        return tf.mirrorPad(firstTensor(inputs), [[0, 0], [p, p], [p, p], [0, 0]], 'reflect');
      }
      getConfig() {
        return Object.assign({}, super.getConfig(), { padding: this.padding });
      }
    }
    ReflectionPadding2D.className = 'ReflectionPadding2D';

    /** Splits the feature maps in half, a and b, and lets a through by sigmoid(b). */
    class GatedLinearUnit extends layers.Layer {
      computeOutputShape(inputShape) {
        var shape = singleShape(inputShape);
        var channels = shape[shape.length - 1];
        return shape.slice(0, -1).concat([channels == null ? null : channels / 2]);
      }
      call(inputs) {
        return tf.tidy(function () {
          var halves = tf.split(firstTensor(inputs), 2, -1);
          return tf.mul(halves[0], tf.sigmoid(halves[1]));
        });
      }
    }
    GatedLinearUnit.className = 'GatedLinearUnit';

    /** Doubles height and width by bilinear interpolation with half-pixel centres: a nearest resize, then a [1, 2, 1]/4 blur. */
    class BilinearUpsampling2D extends layers.Layer {
      computeOutputShape(inputShape) {
        var shape = singleShape(inputShape);
        var double = function (size) {
          return size == null ? null : 2 * size;
        };
        return [shape[0], double(shape[1]), double(shape[2]), shape[3]];
      }
      call(inputs) {
        return tf.tidy(function () {
          var x = firstTensor(inputs);
          var nearest = tf.image.resizeNearestNeighbor(x, [2 * x.shape[1], 2 * x.shape[2]]);
          var padded = tf.mirrorPad(nearest, [[0, 0], [1, 1], [1, 1], [0, 0]], 'reflect');
          return tf.avgPool(tf.avgPool(padded, 2, 1, 'valid'), 2, 1, 'valid');
        });
      }
    }
    BilinearUpsampling2D.className = 'BilinearUpsampling2D';

    var classes = {
      OneHot: OneHot,
      InstanceNormalization: InstanceNormalization,
      ReflectionPadding2D: ReflectionPadding2D,
      GatedLinearUnit: GatedLinearUnit,
      BilinearUpsampling2D: BilinearUpsampling2D,
    };
    Object.keys(classes).forEach(function (name) {
      tf.serialization.registerClass(classes[name]);
    });
    return classes;
  }

  return { registerLatentStudioLayers: registerLatentStudioLayers };
});
`;
