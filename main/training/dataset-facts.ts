import sharp from 'sharp';
import { StudioError } from '../../preload/contract';
import type { Library } from '../library/library';
import { classCounts, datasetSummary, type DatasetRow } from '../library/repos/datasets';
import { itemsPage } from '../library/repos/items';
import type { DatasetFacts } from './plan';

/** Enough of the first images to tell a grey set (Fashion-MNIST, sketches) from a colour one. */
const imagesLooked = 32;

/** What a run needs to know about its dataset: colour or grey, how many classes, how many images. */
export async function datasetFacts(library: Library, dataset: DatasetRow): Promise<DatasetFacts> {
  if (dataset.kind !== 'images') {
    throw new StudioError('INVALID_ARGUMENT', `dataset: "${dataset.name}" is a ${dataset.kind} dataset; DCGAN trains on a set of images`);
  }
  const itemCount = datasetSummary(library.db, dataset.id).itemCount;
  if (itemCount === 0) throw new StudioError('INVALID_ARGUMENT', `dataset: "${dataset.name}" has no images yet; import some first`);
  const sample = itemsPage(library.db, dataset.id, 0, imagesLooked).items;
  const channels = await Promise.all(sample.map(async (item) => (await sharp(library.blobs.pathOf(item.blobHash)).metadata()).channels));
  const grey = channels.every((count) => count === 1 || count === 2);
  return {
    channels: grey ? 1 : 3,
    classCount: classCounts(library.db, dataset.id).filter((entry) => entry.label !== null).length,
    itemCount,
  };
}
