/**
 * The two sides of a translation dataset: domain A's and B's tensor caches
 * (for a paired set, example i of each is one pair), checked against the
 * model they are to train, and the examples held out of training for the
 * held-out metrics and the previews.
 */
import * as tf from '@tensorflow/tfjs-core';
import { openTensorCache, type TensorCacheReader } from '../../formats/tensor-cache';
import type { ImageBatch } from '../metrics/image-batch';
import type { TranslationModelConfig } from '../models/config';
import { readImages, splitHeldOut } from './data';

export interface DomainCaches {
  readonly A: string;
  readonly B: string;
}

export interface DomainData {
  readonly reader: TensorCacheReader;
  /** Examples training draws from. */
  readonly training: Uint32Array;
  /** Examples kept out of training, as bytes. */
  readonly heldOut: ImageBatch;
}

/** Opens both caches and splits each; pairs must have as many examples on either side. */
export function openDomains(config: TranslationModelConfig, caches: DomainCaches, paired: boolean): { A: DomainData; B: DomainData; close(): void } {
  const readers: TensorCacheReader[] = [];
  const close = () => readers.forEach((reader) => reader.close());
  try {
    const open = (domain: 'A' | 'B') => {
      const reader = openTensorCache(caches[domain]);
      readers.push(reader);
      const channels = domain === 'A' ? config.channelsA : config.channelsB;
      const { height, width, count } = reader.header;
      if (height !== config.resolution || width !== config.resolution || reader.header.channels !== channels) {
        throw new Error(`${reader.path} holds ${width}×${height}×${reader.header.channels} images; the model wants ${config.resolution}×${config.resolution}×${channels} on side ${domain}`);
      }
      const minimum = config.heldOut + config.batchSize;
      if (count < minimum) {
        throw new Error(`side ${domain} has ${count} images: too few for a batch of ${config.batchSize} with ${config.heldOut} held out for the metrics; import more`);
      }
      const split = splitHeldOut(count, config.heldOut);
      const heldOut: ImageBatch = { count: split.heldOut.length, height, width, channels, pixels: reader.readBatch(Array.from(split.heldOut)) };
      return { reader, training: split.training, heldOut };
    };
    const A = open('A');
    const B = open('B');
    if (paired && A.reader.header.count !== B.reader.header.count) {
      throw new Error(`a paired dataset needs as many A images as B images; ${caches.A} has ${A.reader.header.count}, ${caches.B} ${B.reader.header.count}`);
    }
    return { A, B, close };
  } catch (error) {
    close();
    throw error;
  }
}

/** The examples at `indices` of one side, as [-1, 1] tensors. */
export function batchOf(domain: DomainData, indices: readonly number[]): tf.Tensor4D {
  return readImages(domain.reader, indices);
}
