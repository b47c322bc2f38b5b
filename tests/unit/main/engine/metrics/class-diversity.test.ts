import { beforeAll, describe, expect, it } from 'vitest';
import { fashionBatch, hasFashionMnist, padded32, range, readFashionMnist, withNoise } from './image-fixtures';
import type { IdxDataset } from '../../../../../main/datasets/sources/idx';
import { classCollapseWarning, measureClassDiversity, minimumImagesPerClass } from '../../../../../main/engine/metrics/class-diversity';
import { measureDiversity, modeCollapseScore, modeCollapseWarning } from '../../../../../main/engine/metrics/diversity';
import type { ImageBatch } from '../../../../../main/engine/metrics/image-batch';

const classNames = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

/** Flat 8×8 grey images, one level each. */
function flatImages(levels: readonly number[]): ImageBatch {
  const pixels = new Uint8Array(levels.length * 64);
  levels.forEach((level, image) => pixels.fill(level, image * 64, (image + 1) * 64));
  return { pixels, count: levels.length, height: 8, width: 8, channels: 1 };
}

describe('per-class diversity', () => {
  it('scores each class against the real images of that class, and reports the lowest', () => {
    // Class 0's samples spread 0–60 like its real images; class 1's sit within 6 grey levels where its real images spread 0–200.
    const generated = flatImages([0, 200, 20, 203, 40, 206, 60, 209]);
    const labels = Int32Array.from([0, 1, 0, 1, 0, 1, 0, 1]);
    const result = measureClassDiversity(generated, labels, [flatImages([0, 20, 40, 60]), flatImages([0, 100, 150, 200])]);
    expect(result.perClass[0]).toBeCloseTo(1, 5);
    expect(result.perClass[1]).toBeLessThan(0.1);
    expect(result.min).toBe(result.perClass[1]);
  });

  it(`leaves a class unmeasured with fewer than ${minimumImagesPerClass} images on either side, or no real ones`, () => {
    const generated = flatImages([0, 10, 20, 30, 40, 50, 60]);
    const labels = Int32Array.from([0, 0, 0, 0, 1, 1, 1]);
    const real = flatImages([0, 20, 40, 60]);
    expect(measureClassDiversity(generated, labels, [real, real, null])).toEqual({ perClass: [expect.any(Number), null, null], min: expect.any(Number) });
    expect(measureClassDiversity(generated, labels, [null, real])).toEqual({ perClass: [null, null], min: null });
    expect(() => measureClassDiversity(generated, labels.subarray(1), [real])).toThrow(/labels/);
  });

  it('warns naming each collapsed class with its score, and not for healthy ones', () => {
    expect(classCollapseWarning([{ name: 'Trouser', score: 0.9 }])).toBeNull();
    const warning = classCollapseWarning([
      { name: 'Trouser', score: 0.06 },
      { name: 'Bag', score: 0.8 },
      { name: 'Sandal', score: 0.12 },
    ]);
    expect(warning).toMatch(/^Mode collapse within 2 classes \(Trouser 6%, Sandal 12%\)/);
    expect(warning).not.toContain('Bag');
    expect(classCollapseWarning([{ name: 'Class 3', score: modeCollapseScore - 0.01 }])).toMatch(/within one class \(Class 3 29%\)/);
    expect(classCollapseWarning([{ name: '7', score: 0.05 }])).toMatch(/within one class \(class 7 5%\)/);
  });
});

describe.skipIf(!hasFashionMnist)('per-class diversity on Fashion-MNIST', () => {
  let test: IdxDataset;
  let realByClass: ImageBatch[];
  let real: ImageBatch;
  /** 256 samples whose classes cycle 0–9, as the metrics' seeds give them. */
  const labels = Int32Array.from(range(0, 256), (index) => index % 10);
  const ofClass = (label: number, first: number, count: number) => range(first, 10_000 - first).filter((index) => test.label(index) === label).slice(0, count);

  beforeAll(async () => {
    test = await readFashionMnist('t10k');
    realByClass = range(0, 10).map((label) => padded32(fashionBatch(test, ofClass(label, 0, 64))));
    real = padded32(fashionBatch(test, range(0, 512)));
  });

  /** Real images from the other half of the set, in the generated samples' class order. */
  const otherReal = () => {
    const byClass = range(0, 10).map((label) => ofClass(label, 5000, 26));
    return labels.map((label, index) => byClass[label]![Math.floor(index / 10)]!);
  };

  it('finds real images of each class as varied as the real ones, without a warning', () => {
    const used = otherReal();
    const { perClass, min } = measureClassDiversity(padded32(fashionBatch(test, Array.from(used))), labels, realByClass, { seed: 1 });
    expect(perClass.every((score) => score !== null)).toBe(true);
    expect(min).toBeGreaterThan(0.7);
    expect(classCollapseWarning(perClass.map((score, label) => ({ name: classNames[label]!, score: score! })))).toBeNull();
  });

  it('catches a generator that draws one image per class, which the overall score misses', () => {
    // Like the shipped conditional model: recognisable classes, but same-class samples only a few grey levels apart.
    const oneEach = range(0, 10).map((label) => ofClass(label, 5000, 1)[0]!);
    const generated = padded32(withNoise(fashionBatch(test, Array.from(labels, (label) => oneEach[label]!)), 2, 7));
    const overall = measureDiversity(generated, real, { seed: 1 }).score;
    expect(overall).toBeGreaterThan(modeCollapseScore);
    expect(modeCollapseWarning(overall)).toBeNull();

    const { perClass, min } = measureClassDiversity(generated, labels, realByClass, { seed: 1 });
    expect(min).toBeLessThan(0.15);
    const warning = classCollapseWarning(perClass.map((score, label) => ({ name: classNames[label]!, score: score! })));
    expect(warning).toMatch(/^Mode collapse within 10 classes/);
    for (const name of classNames) expect(warning).toContain(name);
  });

  it('names only the class that collapsed when the others are healthy', () => {
    const bag = ofClass(8, 5000, 1)[0]!;
    const used = otherReal().map((index, position) => (labels[position] === 8 ? bag : index));
    const { perClass } = measureClassDiversity(padded32(withNoise(fashionBatch(test, Array.from(used)), 2, 3)), labels, realByClass, { seed: 1 });
    const warning = classCollapseWarning(perClass.map((score, label) => ({ name: classNames[label]!, score: score! })));
    expect(warning).toMatch(/within one class \(Bag \d+%\)/);
  });
});
