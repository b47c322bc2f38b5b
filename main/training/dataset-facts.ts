/**
 * What a run needs to know about its dataset before its models can be
 * built: the kind (an image set for DCGAN, pairs for pix2pix, two domains for
 * CycleGAN), grey or colour on each side, classes and counts. A dataset that
 * does not suit the model is refused here, naming the field.
 */
import sharp from 'sharp';
import { StudioError, type Domain, type ModelKind } from '../../preload/contract';
import { isNoiseModel } from '../../preload/model-kinds';
import type { Library } from '../library/library';
import { classCounts, datasetSummary, domainCounts, pairCount, type DatasetRow } from '../library/repos/datasets';
import { itemsPage } from '../library/repos/items';

/** Enough of the first images to tell a grey set (Fashion-MNIST, sketches) from a colour one. */
const imagesLooked = 32;

export interface ImageSetFacts {
  readonly kind: 'images';
  readonly channels: 1 | 3;
  readonly classCount: number;
  readonly itemCount: number;
}

export interface DomainFacts {
  readonly kind: 'domains';
  readonly channelsA: 1 | 3;
  readonly channelsB: 1 | 3;
  /** Complete pairs (pix2pix trains on these), and the images of each side. */
  readonly pairs: number;
  readonly countA: number;
  readonly countB: number;
}

export type DatasetFacts = ImageSetFacts | DomainFacts;

export async function datasetFacts(library: Library, dataset: DatasetRow, model: ModelKind): Promise<DatasetFacts> {
  const refuse = (why: string) => new StudioError('INVALID_ARGUMENT', `dataset: "${dataset.name}" ${why}`);
  if (isNoiseModel(model)) {
    if (dataset.kind !== 'images') throw refuse(`is a ${dataset.kind} dataset; ${model === 'dcgan' ? 'DCGAN' : 'FastGAN'} trains on a set of images`);
    const itemCount = datasetSummary(library.db, dataset.id).itemCount;
    if (itemCount === 0) throw refuse('has no images yet; import some first');
    return {
      kind: 'images',
      channels: await channelsOf(library, dataset, undefined),
      classCount: classCounts(library.db, dataset.id).filter((entry) => entry.label !== null).length,
      itemCount,
    };
  }
  if (dataset.kind === 'images') throw refuse(`is an image set; ${model} translates between two sides, A and B: use a paired${model === 'cyclegan' ? ' or unpaired' : ''} dataset`);
  if (model === 'pix2pix' && dataset.kind !== 'paired') throw refuse('is unpaired; pix2pix learns from pairs (use CycleGAN for unpaired sets)');
  const { A: countA, B: countB } = domainCounts(library.db, dataset.id);
  if (countA === 0 || countB === 0) throw refuse(`has ${countA} A and ${countB} B images; both sides need images`);
  return {
    kind: 'domains',
    channelsA: await channelsOf(library, dataset, 'A'),
    channelsB: await channelsOf(library, dataset, 'B'),
    pairs: dataset.kind === 'paired' ? pairCount(library.db, dataset.id) : 0,
    countA,
    countB,
  };
}

/** 1 when every image looked at is grey, else 3. */
async function channelsOf(library: Library, dataset: DatasetRow, domain: Domain | undefined): Promise<1 | 3> {
  const sample = itemsPage(library.db, dataset.id, 0, imagesLooked, domain ? { domain } : {}).items;
  const channels = await Promise.all(sample.map(async (item) => (await sharp(library.blobs.pathOf(item.blobHash)).metadata()).channels));
  return channels.every((count) => count === 1 || count === 2) ? 1 : 3;
}
