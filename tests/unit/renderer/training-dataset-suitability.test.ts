import { describe, expect, it } from 'vitest';
import { unsuitableReason, type DatasetCounts, type DatasetShape } from '../../../renderer/src/lib/dataset-suitability';

const images: DatasetShape = { name: 'Fashion', kind: 'images', itemCount: 200 };
const paired: DatasetShape = { name: 'Shapes', kind: 'paired', itemCount: 24 };
const unpaired: DatasetShape = { name: 'Scenes', kind: 'unpaired', itemCount: 16 };
const counts = (A: number, B: number, pairCount: number): DatasetCounts => ({ domainCounts: { A, B }, pairCount });

describe('which datasets suit which family', () => {
  it('lets each family train on the kinds it learns from', () => {
    expect(unsuitableReason('fastgan', images, null)).toBeNull();
    expect(unsuitableReason('dcgan', images, null)).toBeNull();
    expect(unsuitableReason('pix2pix', paired, counts(12, 12, 12))).toBeNull();
    expect(unsuitableReason('cyclegan', unpaired, counts(8, 8, 0))).toBeNull();
    // CycleGAN ignores the pairing of a paired set.
    expect(unsuitableReason('cyclegan', paired, counts(12, 12, 12))).toBeNull();
  });

  it('points a DCGAN on two sides at the translation families, now trained here too', () => {
    const reason = unsuitableReason('dcgan', paired, null);
    expect(reason).toMatch(/^Shapes is a paired dataset\. DCGAN learns from a set of images.*choose pix2pix or CycleGAN/);
    expect(reason).not.toMatch(/Translate view/);
    expect(unsuitableReason('dcgan', unpaired, null)).toMatch(/unpaired dataset.*choose CycleGAN\.$/);
  });

  it('names FastGAN in its own reasons', () => {
    expect(unsuitableReason('fastgan', paired, null)).toMatch(/^Shapes is a paired dataset\. FastGAN learns from a set of images.*choose pix2pix or CycleGAN/);
    expect(unsuitableReason('fastgan', unpaired, null)).toMatch(/^Scenes is an unpaired dataset\. FastGAN learns from a set of images.*choose CycleGAN\.$/);
    expect(unsuitableReason('fastgan', { ...images, itemCount: 0 }, null)).toBe('Fashion has no images yet: import some in Datasets first.');
    // Side counts mean nothing to an image set.
    expect(unsuitableReason('fastgan', images, counts(0, 0, 0))).toBeNull();
  });

  it('sends a translation family on an image set to Datasets for a paired or unpaired one', () => {
    expect(unsuitableReason('pix2pix', images, null)).toMatch(/^Fashion is an image set\. pix2pix learns from pairs.*make a paired dataset in Datasets/);
    expect(unsuitableReason('cyclegan', images, null)).toMatch(/^Fashion is an image set\. CycleGAN learns two sides.*unpaired \(or paired\) dataset in Datasets/);
    expect(unsuitableReason('pix2pix', unpaired, null)).toMatch(/pix2pix learns from matching pairs; CycleGAN learns from two unpaired sides/);
  });

  it('says what is missing from a dataset of the right kind', () => {
    expect(unsuitableReason('dcgan', { ...images, itemCount: 0 }, null)).toBe('Fashion has no images yet: import some in Datasets first.');
    expect(unsuitableReason('pix2pix', { ...paired, itemCount: 0 }, null)).toMatch(/no images yet/);
    expect(unsuitableReason('cyclegan', unpaired, counts(8, 0, 0))).toMatch(/has 8 A and 0 B images: both sides need images/);
    expect(unsuitableReason('pix2pix', paired, counts(6, 6, 0))).toMatch(/no complete pairs yet/);
    // Until the details are read, only the kind and the count decide.
    expect(unsuitableReason('pix2pix', paired, null)).toBeNull();
  });
});
