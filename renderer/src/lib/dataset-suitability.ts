/**
 * Why a dataset cannot train the chosen model family, in words that say what
 * to do about it: the form shows this instead of letting main refuse the
 * start. Main checks the same (main/training/dataset-facts.ts) and has the
 * last word; these are the cases a person meets while choosing.
 */
import type { DatasetDetail, DatasetSummary, ModelKind } from '../../../preload/contract';
import { modelLabels } from './model-families';
import { isNoiseModel } from '../../../preload/model-kinds';

export type DatasetShape = Pick<DatasetSummary, 'name' | 'kind' | 'itemCount'>;
/** The chosen dataset's counts per side, once read: null until then. */
export type DatasetCounts = Pick<DatasetDetail, 'domainCounts' | 'pairCount'>;

export function unsuitableReason(model: ModelKind, dataset: DatasetShape, counts: DatasetCounts | null): string | null {
  const { name, kind } = dataset;
  switch (model) {
    case 'fastgan':
    case 'dcgan': {
      const family = modelLabels[model];
      if (kind === 'paired') return `${name} is a paired dataset. ${family} learns from a set of images; to translate its A images into B, choose pix2pix or CycleGAN.`;
      if (kind === 'unpaired') return `${name} is an unpaired dataset. ${family} learns from a set of images; to translate between its two sides, choose CycleGAN.`;
      break;
    }
    case 'pix2pix':
      if (kind === 'images') return `${name} is an image set. pix2pix learns from pairs, each an A image and its B: make a paired dataset in Datasets (import pairs, or make line drawings from this set).`;
      if (kind === 'unpaired') return `${name} is unpaired. pix2pix learns from matching pairs; CycleGAN learns from two unpaired sides.`;
      break;
    case 'cyclegan':
      if (kind === 'images') return `${name} is an image set. CycleGAN learns two sides, A and B: make an unpaired (or paired) dataset in Datasets.`;
      break;
  }
  if (dataset.itemCount === 0) return `${name} has no images yet: import some in Datasets first.`;
  if (!isNoiseModel(model) && counts) {
    const { A, B } = counts.domainCounts;
    if (A === 0 || B === 0) return `${name} has ${A} A and ${B} B images: both sides need images. Import the missing side in Datasets.`;
    if (model === 'pix2pix' && counts.pairCount === 0) return `${name} has no complete pairs yet (an A image with its B): pix2pix learns from pairs.`;
  }
  return null;
}
