import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { createGzip, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { scratchFolder } from './fixtures';
import { classNamesFileFor, isIdxClassNamesFile, isIdxImagesFile, labelsFileFor, readIdxDataset } from '../../../../main/datasets/sources/idx';

/** An IDX file of unsigned bytes: magic 0x0000 08 <dimensions>, the sizes, then the data. */
function idx(sizes: number[], data: number[], type = 0x08): Buffer {
  const header = Buffer.alloc(4 + 4 * sizes.length);
  header[2] = type;
  header[3] = sizes.length;
  sizes.forEach((size, axis) => header.writeUInt32BE(size, 4 + 4 * axis));
  return Buffer.concat([header, Buffer.from(data)]);
}

/** Three 4×2 images whose pixels count up from 0, 10 and 20. */
const threeImages = idx([3, 2, 4], [0, 10, 20].flatMap((start) => Array.from({ length: 8 }, (_, pixel) => start + pixel)));
const threeLabels = idx([3], [7, 0, 2]);

const fashionMnist = '/usr/share/datasets/fashion-mnist';
const mebibyte = 1024 * 1024;

/** A gzip file of `header` followed by `zeroBytes` zeros, compressed a mebibyte at a time so the test never holds them. */
async function gzipBomb(header: Buffer, zeroBytes: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const compressed = buffer(gzip);
  gzip.write(header);
  const zeros = Buffer.alloc(mebibyte);
  for (let written = 0; written < zeroBytes; written += zeros.length) {
    if (!gzip.write(zeros)) await once(gzip, 'drain');
  }
  gzip.end();
  return compressed;
}

describe('IDX datasets', () => {
  const { folder, save } = scratchFolder('studio-idx-');

  it('reads images as views into one buffer, with their labels', async () => {
    const dataset = await readIdxDataset(save('images.idx', threeImages), save('labels.idx', threeLabels));
    expect(dataset).toMatchObject({ count: 3, width: 4, height: 2 });
    expect([...dataset.image(1)]).toEqual([10, 11, 12, 13, 14, 15, 16, 17]);
    expect(dataset.image(0).buffer).toBe(dataset.image(2).buffer);
    expect([0, 1, 2].map((index) => dataset.label(index))).toEqual([7, 0, 2]);
    expect(() => dataset.image(3)).toThrow(RangeError);
  });

  it('reads gzip by its bytes, whatever the name says, and works without labels', async () => {
    const dataset = await readIdxDataset(save('images-no-gz-suffix', gzipSync(threeImages)), null);
    expect(dataset.count).toBe(3);
    expect([...dataset.image(2)].at(-1)).toBe(27);
    expect(dataset.label(0)).toBeNull();
  });

  it.each([
    ['not an IDX file', Buffer.from('hello there, not idx'), /bad\.idx is not an IDX file/],
    ['a header cut short', threeImages.subarray(0, 10), /bad\.idx ends inside its IDX header/],
    ['pixels cut short', threeImages.subarray(0, 30), /bad\.idx is truncated: its header describes 3 images of 4×2 \(40 bytes\) but it holds 30 bytes/],
    ['extra bytes', Buffer.concat([threeImages, Buffer.alloc(5)]), /bad\.idx has 5 bytes more than the 3 images of 4×2 its header describes/],
    ['float pixels', idx([1, 1, 1], [0, 0, 0, 0], 0x0d), /bad\.idx holds IDX elements of type 0x0d/],
    ['a labels file', threeLabels, /bad\.idx has 1 dimension, but an IDX images file.*were images and labels swapped\?/],
    ['no images', idx([0, 28, 28], []), /bad\.idx holds no images/],
    ['zero-width images', idx([1, 28, 0], []), /bad\.idx describes 0×28 images/],
    ['damaged gzip', gzipSync(threeImages).subarray(0, 20), /bad\.idx is a damaged gzip file/],
  ])('refuses an images file with %s, naming it', async (_, bytes, message) => {
    const path = save('bad.idx', bytes);
    await expect(readIdxDataset(path, null)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(message) });
    await expect(readIdxDataset(path, null)).rejects.toMatchObject({ message: expect.stringContaining(path) });
  });

  it('refuses labels that do not match the images', async () => {
    const images = save('images.idx', threeImages);
    await expect(readIdxDataset(images, save('short-labels.idx', idx([2], [1, 2])))).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/short-labels\.idx has 2 labels but images\.idx has 3 images/),
    });
    await expect(readIdxDataset(images, images)).rejects.toMatchObject({ message: expect.stringMatching(/has 3 dimensions, but an IDX labels file/) });
  });

  it('names the classes from classes.txt beside the labels, label 0 first; without it the label is the name', async () => {
    const { save: saveHere } = scratchFolder('studio-idx-names-');
    const images = saveHere('shoes-images-idx3-ubyte', threeImages);
    const labels = saveHere('shoes-labels-idx1-ubyte', threeLabels);
    expect(classNamesFileFor(labels)).toBeNull();
    expect((await readIdxDataset(images, labels)).className(0)).toBe('7');
    const names = saveHere('classes.txt', Buffer.from('Boot\r\nSandal\nSneaker\nClog\nMule\nLoafer\nPump\nBrogue\n\n'));
    expect(classNamesFileFor(labels)).toBe(names);
    expect(isIdxClassNamesFile(names)).toBe(true);
    const dataset = await readIdxDataset(images, labels, names);
    expect([0, 1, 2].map((index) => dataset.className(index))).toEqual(['Brogue', 'Boot', 'Sneaker']);
    expect((await readIdxDataset(images, null, names)).className(0)).toBeNull();
  });

  it.each([
    ['too few names for the labels', 'Boot\nSandal\n', /classes\.txt names 2 classes, but labels\.idx uses label 7/],
    ['an empty line', 'Boot\n\nSneaker\n4\n5\n6\n7\n8\n', /classes\.txt has an empty line 2/],
    ['a name twice', 'Boot\nSandal\nBoot\n4\n5\n6\n7\n8\n', /classes\.txt names two classes “Boot” \(lines 1 and 3\)/],
  ])('refuses class names with %s, naming the file', async (_, text, message) => {
    const names = save('classes.txt', Buffer.from(text));
    await expect(readIdxDataset(save('images.idx', threeImages), save('labels.idx', threeLabels), names)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(message) });
  });

  it('treats classes.txt as class names only beside an IDX labels file', () => {
    const { save: saveHere } = scratchFolder('studio-idx-notes-');
    expect(isIdxClassNamesFile(saveHere('classes.txt', Buffer.from('just notes')))).toBe(false);
  });

  it('stops a gzip bomb behind a plausible header at the first byte past what the header describes', { timeout: 10_000 }, async () => {
    // 1,000 images of 28×28 are 784 KB; behind them, 256 MB of zeros in a file of a few hundred KB.
    const path = save('bomb-images-idx3-ubyte.gz', await gzipBomb(idx([1000, 28, 28], []), 256 * mebibyte));
    const before = process.memoryUsage().rss;
    const started = performance.now();
    const refusal: unknown = await readIdxDataset(path, null).catch((error: unknown) => error);
    expect(performance.now() - started).toBeLessThan(5_000);
    // Loose: inflating the whole bomb takes 256 MB or more.
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * mebibyte);
    expect(refusal).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: `${path} holds more than the 1000 images of 28×28 (784016 bytes) its header describes once inflated; it was not read further`,
    });
  });

  it('refuses a header that describes more than an IDX file can hold, before reading on', { timeout: 10_000 }, async () => {
    const path = save('huge-images-idx3-ubyte.gz', await gzipBomb(idx([100_000, 256, 256], []), 16 * mebibyte));
    await expect(readIdxDataset(path, null)).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: `${path} describes 100000 images of 256×256 (6250 MB), more than the 2048 MB an IDX dataset file can hold; it was not read`,
    });
  });

  it('refuses a labels file that is a FIFO without waiting on it', { timeout: 10_000 }, async () => {
    const { folder: here, save: saveHere } = scratchFolder('studio-idx-fifo-');
    const images = saveHere('pipe-images-idx3-ubyte', threeImages);
    const labels = join(here, 'pipe-labels-idx1-ubyte');
    execFileSync('mkfifo', [labels]);
    expect(labelsFileFor(images)).toBe(labels);
    await expect(readIdxDataset(images, labels)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: `${labels} is a pipe (FIFO), not a regular file` });
  });

  it('refuses a file that is not there', async () => {
    await expect(readIdxDataset(join(folder, 'missing-images-idx3-ubyte'), null)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('recognises images files by name and finds their labels beside them', () => {
    expect(isIdxImagesFile('/data/train-images-idx3-ubyte.gz')).toBe(true);
    expect(isIdxImagesFile('t10k-images-idx3-ubyte')).toBe(true);
    expect(isIdxImagesFile('C:/mnist/train-images.idx3-ubyte')).toBe(true);
    expect(isIdxImagesFile('emnist-letters-train-images-idx3-ubyte.gz')).toBe(true);
    expect(isIdxImagesFile('train-labels-idx1-ubyte.gz')).toBe(false);
    expect(isIdxImagesFile('images-idx3-ubyte.zip')).toBe(false);

    const images = save('kmnist-images-idx3-ubyte.gz', gzipSync(threeImages));
    expect(labelsFileFor(images)).toBeNull();
    const labels = save('kmnist-labels-idx1-ubyte.gz', gzipSync(threeLabels));
    expect(labelsFileFor(images)).toBe(labels);
    const dotted = save('train-images.idx3-ubyte', threeImages);
    const compressedLabels = save('train-labels.idx1-ubyte.gz', gzipSync(threeLabels));
    expect(labelsFileFor(dotted)).toBe(compressedLabels);
  });

  it.skipIf(!existsSync(join(fashionMnist, 't10k-images-idx3-ubyte.gz')))('reads the Fashion-MNIST test set', async () => {
    const images = join(fashionMnist, 't10k-images-idx3-ubyte.gz');
    const dataset = await readIdxDataset(images, labelsFileFor(images));
    expect(dataset).toMatchObject({ count: 10_000, width: 28, height: 28 });
    expect(dataset.label(0)).toBe(9);
    expect(dataset.image(9_999)).toHaveLength(784);
    expect(dataset.image(0).some((pixel) => pixel > 0)).toBe(true);
  });
});
