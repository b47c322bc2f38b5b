import { mkdtempSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { openTensorCache, readTensorCacheHeader, writeTensorCache, type TensorCacheHeader } from '../../../../main/formats/tensor-cache';

/** Example i is filled with bytes i, i+1, i+2…, so any mix-up shows. */
function example(index: number, bytes: number): Uint8Array {
  const pixels = new Uint8Array(bytes);
  for (let offset = 0; offset < bytes; offset++) pixels[offset] = index * 7 + offset;
  return pixels;
}

function headerFor(count: number, size = { height: 2, width: 3, channels: 3 }): TensorCacheHeader {
  return {
    count,
    ...size,
    labels: Array.from({ length: count }, (_, index) => (index % 3 === 2 ? null : index % 2)),
    classNames: ['cat', 'dog'],
    fingerprint: 'abc123',
  };
}

describe('tensor cache', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'studio-cache-'));
  });

  it('round-trips the header and every example, single and in batches', async () => {
    const path = join(folder, 'train.lstc');
    const header = headerFor(5);
    await writeTensorCache(path, header, Array.from({ length: 5 }, (_, index) => example(index, 18)));

    expect(readTensorCacheHeader(path)).toEqual(header);
    const cache = openTensorCache(path);
    try {
      expect(cache.header).toEqual(header);
      expect(cache.exampleBytes).toBe(18);
      for (let index = 0; index < 5; index++) expect(cache.readExample(index)).toEqual(example(index, 18));
      const batch = cache.readBatch([4, 0, 2]);
      expect(batch).toEqual(Uint8Array.from([...example(4, 18), ...example(0, 18), ...example(2, 18)]));
      const reused = new Uint8Array(18);
      expect(cache.readExample(3, reused)).toBe(reused);
      expect(reused).toEqual(example(3, 18));
    } finally {
      cache.close();
    }
    const bytes = readFileSync(path);
    expect(bytes.toString('latin1', 0, 4)).toBe('LSTC');
    expect((bytes.length - 5 * 18) % 64).toBe(0);
  });

  it('streams many examples from a writer callback or an async source', async () => {
    const size = { height: 64, width: 64, channels: 3 };
    const bytes = 64 * 64 * 3;
    const count = 200; // 2.4 MB: several write chunks
    const fromCallback = join(folder, 'callback.lstc');
    await writeTensorCache(fromCallback, { ...headerFor(count, size), labels: null }, async (write) => {
      for (let index = 0; index < count; index++) await write(example(index, bytes));
    });
    const fromGenerator = join(folder, 'generator.lstc');
    async function* examples() {
      for (let index = 0; index < count; index++) yield example(index, bytes);
    }
    await writeTensorCache(fromGenerator, { ...headerFor(count, size), labels: null }, examples());

    expect(readFileSync(fromCallback).equals(readFileSync(fromGenerator))).toBe(true);
    const cache = openTensorCache(fromCallback);
    expect(cache.readExample(0)).toEqual(example(0, bytes));
    expect(cache.readExample(137)).toEqual(example(137, bytes));
    expect(cache.readExample(199)).toEqual(example(199, bytes));
    expect(() => cache.readExample(200)).toThrow(/outside the tensor cache/);
    cache.close();
  });

  it('leaves nothing behind when the examples fail part way or do not match the header', async () => {
    const path = join(folder, 'broken.lstc');
    await expect(
      writeTensorCache(path, headerFor(3), async (write) => {
        await write(example(0, 18));
        throw new Error('disk on fire');
      }),
    ).rejects.toThrow('disk on fire');
    await expect(writeTensorCache(path, headerFor(3), [example(0, 18), example(1, 18)])).rejects.toThrow(/2 examples were written.*promises 3/);
    await expect(writeTensorCache(path, headerFor(1), [example(0, 17)])).rejects.toThrow(/17 bytes/);
    await expect(writeTensorCache(path, headerFor(1), [example(0, 18), example(1, 18)])).rejects.toThrow(/More examples/);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('refuses a header that does not describe its examples', async () => {
    const path = join(folder, 'bad.lstc');
    await expect(writeTensorCache(path, { ...headerFor(2), labels: [0] }, [])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(writeTensorCache(path, { ...headerFor(2), labels: [0, 2] }, [])).rejects.toThrow(/class index below 2/);
    await expect(writeTensorCache(path, { ...headerFor(1), width: 0 }, [])).rejects.toThrow(/width/);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('names the file when a cache is truncated, foreign or missing', async () => {
    const path = join(folder, 'cut.lstc');
    await writeTensorCache(path, headerFor(4), Array.from({ length: 4 }, (_, index) => example(index, 18)));
    truncateSync(path, statSync(path).size - 5);
    for (const read of [() => readTensorCacheHeader(path), () => openTensorCache(path)]) {
      expect(read).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/cut\.lstc.*truncated/) }));
    }
    truncateSync(path, 20);
    expect(() => readTensorCacheHeader(path)).toThrow(/cut\.lstc.*truncated inside its header/);

    const foreign = join(folder, 'photo.png');
    writeFileSync(foreign, Buffer.from('\x89PNG\r\n\x1a\n and then some more bytes', 'latin1'));
    expect(() => openTensorCache(foreign)).toThrow(/photo\.png is not a usable tensor cache: it does not start with 'LSTC'/);

    expect(() => openTensorCache(join(folder, 'nowhere.lstc'))).toThrow(expect.objectContaining({ code: 'NOT_FOUND', message: expect.stringContaining('nowhere.lstc') }));
  });

  it('refuses a cache from a newer format version', async () => {
    const path = join(folder, 'future.lstc');
    await writeTensorCache(path, headerFor(1), [example(0, 18)]);
    const bytes = readFileSync(path);
    bytes.writeUInt32LE(99, 4);
    writeFileSync(path, bytes);
    expect(() => readTensorCacheHeader(path)).toThrow(/future\.lstc.*format version 99/);
  });
});
