import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { scratchFolder } from './fixtures';
import yazl from 'yazl';
import { countZipEntries, readZipImages, type ZipLimits } from '../../../../main/datasets/sources/zip';
import { StudioError } from '../../../../preload/contract';

const roomy: ZipLimits = { maxEntryBytes: 1_000_000, maxTotalBytes: 10_000_000 };
const centralDirectorySignature = 0x02014b50;

async function zipOf(entries: Record<string, Buffer | null>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, bytes] of Object.entries(entries)) {
    if (bytes === null) zip.addEmptyDirectory(name);
    else zip.addBuffer(bytes, name);
  }
  zip.end();
  return buffer(zip.outputStream);
}

/** Rewrites one field of every central-directory record, the way a forged or damaged zip would carry it. */
function patchCentralDirectory(zip: Buffer, field: 'flags' | 'method' | 'uncompressedSize', value: number): Buffer {
  const patched = Buffer.from(zip);
  for (let offset = 0; offset + 4 <= patched.length; offset++) {
    if (patched.readUInt32LE(offset) !== centralDirectorySignature) continue;
    if (field === 'flags') patched.writeUInt16LE(patched.readUInt16LE(offset + 8) | value, offset + 8);
    if (field === 'method') patched.writeUInt16LE(value, offset + 10);
    if (field === 'uncompressedSize') patched.writeUInt32LE(value, offset + 24);
  }
  return patched;
}

async function read(path: string, limits = roomy) {
  const results = [];
  for await (const result of readZipImages(path, limits)) results.push(result);
  return results;
}

function summary(results: Awaited<ReturnType<typeof read>>): string[] {
  return results.map((result) => ('kind' in result ? `${result.kind}: ${result.source}` : `${result.classLabel}: ${result.relativePath}`));
}

describe('readZipImages', () => {
  const { folder, save } = scratchFolder('studio-zip-');

  it('reads files with their folder as class, passing over folders and junk', async () => {
    const path = save('pets.zip', await zipOf({
      'cats/': null,
      'cats/a.png': Buffer.from('a'),
      'cats/kittens/b.png': Buffer.from('b'),
      'dogs/c.jpg': Buffer.from('c'),
      'top.png': Buffer.from('d'),
      'dogs/.DS_Store': Buffer.from('junk'),
      '__MACOSX/cats/._a.png': Buffer.from('junk'),
      'Thumbs.db': Buffer.from('junk'),
    }));
    const results = await read(path);
    expect(summary(results)).toEqual(['cats: cats/a.png', 'cats: cats/kittens/b.png', 'dogs: dogs/c.jpg', 'null: top.png']);
    expect(results[2]).toMatchObject({ bytes: Buffer.from('c') });
    expect(await countZipEntries(path)).toBe(results.length);
  });

  it('imports a zipped folder like the folder itself: its subfolders are the classes', async () => {
    const path = save('animals.zip', await zipOf({
      'animals/cats/a.png': Buffer.from('a'),
      'animals/dogs/b.png': Buffer.from('b'),
      'animals/c.png': Buffer.from('c'),
      '__MACOSX/animals/._c.png': Buffer.from('junk'),
    }));
    expect(summary(await read(path))).toEqual(['cats: animals/cats/a.png', 'dogs: animals/dogs/b.png', 'null: animals/c.png']);
  });

  it('refuses an entry that would unpack past the limit for one file, and goes on', async () => {
    const path = save('bomb.zip', await zipOf({ 'zeros.png': Buffer.alloc(5_000_000), 'small.png': Buffer.from('ok') }));
    const results = await read(path);
    expect(summary(results)).toEqual(['too-large: bomb.zip/zeros.png', 'null: small.png']);
    expect(results[0]).toMatchObject({ message: 'bomb.zip/zeros.png is too large: it unpacks to 5 MB, more than the 1 MB limit for one file.' });
  });

  it('stops reading once the whole archive passes the total limit', async () => {
    const entries = Object.fromEntries(['a', 'b', 'c', 'd'].map((name) => [`${name}.png`, Buffer.alloc(400_000, name)]));
    const path = save('many.zip', await zipOf(entries));
    const results = await read(path, { maxEntryBytes: 1_000_000, maxTotalBytes: 1_000_000 });
    expect(summary(results)).toEqual(['null: a.png', 'null: b.png', 'too-large: many.zip']);
    expect(results[2]).toMatchObject({ message: 'many.zip holds more than 1 MB of files; the import stopped before c.png.' });
  });

  it('never inflates an entry past the size its header declares', async () => {
    const forged = patchCentralDirectory(await zipOf({ 'liar.png': Buffer.alloc(5_000_000) }), 'uncompressedSize', 1_000);
    const results = await read(save('forged.zip', forged));
    expect(summary(results)).toEqual(['corrupt: forged.zip/liar.png']);
    expect(results[0]).toMatchObject({ message: expect.stringMatching(/^forged\.zip\/liar\.png unpacks to more data than the zip declares/) });
  });

  it.each([
    ['flags', 0x1, /is encrypted/],
    ['method', 14, /zip method 14/],
  ] as const)('reports entries it cannot unpack (%s) as unsupported', async (field, value, message) => {
    const path = save(`${field}.zip`, patchCentralDirectory(await zipOf({ 'x.png': Buffer.from('x') }), field, value));
    const results = await read(path);
    expect(summary(results)).toEqual([`unsupported: ${field}.zip/x.png`]);
    expect(results[0]).toMatchObject({ message });
  });

  it('reports a damaged or fake zip as one problem naming it', async () => {
    const whole = await zipOf({ 'a.png': randomBytes(50_000) });
    for (const [name, bytes] of [['cut.zip', whole.subarray(0, whole.length >> 1)], ['noise.zip', randomBytes(10_000)]] as const) {
      const results = await read(save(name, bytes));
      expect(results).toHaveLength(1);
      expect(await countZipEntries(join(folder, name))).toBe(1);
      expect(results[0]).toMatchObject({ source: name, kind: 'corrupt', message: expect.stringMatching(new RegExp(`^${name.replace('.', '\\.')} is not a readable zip archive \\(.+\\)\\.$`)) });
    }
  });

  it('refuses a zip path that does not exist', async () => {
    await expect(read(join(folder, 'missing.zip'))).rejects.toThrow(StudioError);
  });
});
