import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../../preload/contract';
import { EventBus } from '../../../../main/api/events';
import { datasetsService } from '../../../../main/datasets/service';
import { countZipEntries, readZipImages } from '../../../../main/datasets/sources/zip';
import { Jobs } from '../../../../main/jobs/jobs';
import { CurrentProject } from '../../../../main/library/current-project';
import { fashionMnistIdx } from '../../../fixtures/fashion-mnist';
import { patternImage } from './fixtures';

/** A read of a device or a pipe must end at once: an import that hangs is the failure. */
const promptly = 10_000;

/** An IDX file of unsigned bytes: magic 0x0000 08 <dimensions>, the sizes, then the data. */
function idx(sizes: number[], data: Buffer): Buffer {
  const header = Buffer.alloc(4 + 4 * sizes.length);
  header[2] = 0x08;
  header[3] = sizes.length;
  sizes.forEach((size, axis) => header.writeUInt32BE(size, 4 + 4 * axis));
  return Buffer.concat([header, data]);
}

/** What a folder import does with files that are not what they say, or not files at all: each is a problem, the rest imports. */
describe('importing files that are not what they claim', () => {
  let base: string;
  let project: CurrentProject;
  let service: ReturnType<typeof datasetsService>;

  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'studio-import-named-'));
    const events = new EventBus();
    project = new CurrentProject(events);
    project.create(join(base, 'project'));
    service = datasetsService(project, new Jobs(events));
  });
  afterEach(() => project.close());

  const importInto = (paths: string[]): Promise<ImportReport> => service.import({ dataset: 'Set', kind: 'images', paths });
  const problemsOf = (report: ImportReport) => report.problems.map(({ source, kind, message }) => ({ source, kind, message }));

  it('lists an IDX file whose header lies as a problem, and imports the good IDX set beside it', async () => {
    const folder = join(base, 'mnist');
    mkdirSync(folder);
    fashionMnistIdx(folder, 20);
    // Says 60,000 images of 28×28; holds a thousand bytes.
    writeFileSync(join(folder, 'lying-images-idx3-ubyte'), idx([60_000, 28, 28], Buffer.alloc(1000)));
    writeFileSync(join(folder, 'absurd-images-idx3-ubyte'), idx([1, 100_000, 28], Buffer.alloc(28)));
    // Good images, but labels for another set.
    writeFileSync(join(folder, 'other-images-idx3-ubyte'), idx([2, 2, 2], Buffer.alloc(8)));
    writeFileSync(join(folder, 'other-labels-idx1-ubyte'), idx([3], Buffer.from([0, 1, 2])));
    const report = await importInto([folder]);
    expect(report.imported + report.duplicates).toBe(20);
    expect(problemsOf(report)).toEqual([
      { source: 'absurd-images-idx3-ubyte', kind: 'corrupt', message: 'absurd-images-idx3-ubyte describes 28×100000 images, which cannot be right.' },
      { source: 'lying-images-idx3-ubyte', kind: 'truncated', message: 'lying-images-idx3-ubyte is truncated: its header describes 60000 images of 28×28 (47040016 bytes) but it holds 1016 bytes.' },
      { source: 'other-images-idx3-ubyte', kind: 'corrupt', message: 'other-images-idx3-ubyte was not imported: other-labels-idx1-ubyte has 3 labels but other-images-idx3-ubyte has 2 images.' },
    ]);
    expect((await service.get({ dataset: 'Set' })).itemCount).toBe(report.imported);
  });

  it('lists a labels file that is a FIFO as a problem without waiting on it, and imports the rest', { timeout: promptly }, async () => {
    const folder = join(base, 'piped');
    mkdirSync(folder);
    writeFileSync(join(folder, 'digits-images-idx3-ubyte'), idx([2, 2, 2], Buffer.from([0, 1, 2, 3, 4, 5, 6, 7])));
    execFileSync('mkfifo', [join(folder, 'digits-labels-idx1-ubyte')]);
    await patternImage(1).png().toFile(join(folder, 'photo.png'));
    const report = await importInto([folder]);
    expect(report.imported).toBe(1);
    expect(problemsOf(report)).toEqual([
      { source: 'digits-labels-idx1-ubyte', kind: 'unreadable', message: 'digits-labels-idx1-ubyte is a pipe (FIFO), not a regular file; it was skipped.' },
      { source: 'digits-images-idx3-ubyte', kind: 'unreadable', message: 'digits-images-idx3-ubyte was not imported: digits-labels-idx1-ubyte is a pipe (FIFO), not a regular file.' },
    ]);
  });

  it('lists a FIFO in the folder and /dev/zero named directly as problems saying what they are', { timeout: promptly }, async () => {
    const folder = join(base, 'mixed');
    mkdirSync(folder);
    execFileSync('mkfifo', [join(folder, 'waiting.png')]);
    await patternImage(2).png().toFile(join(folder, 'photo.png'));
    const report = await importInto([folder, '/dev/zero']);
    expect(report.imported).toBe(1);
    expect(problemsOf(report)).toEqual([
      { source: 'waiting.png', kind: 'unreadable', message: 'waiting.png is a pipe (FIFO), not a regular file; it was skipped.' },
      { source: 'zero', kind: 'unreadable', message: 'zero is a device, not a regular file; it was skipped.' },
    ]);
  });

  it('lists an image file past the size limit as too large without reading it', async () => {
    const folder = join(base, 'huge');
    mkdirSync(folder);
    // Sparse: 300 MB on paper, nothing on disk.
    writeFileSync(join(folder, 'poster.tif'), '');
    truncateSync(join(folder, 'poster.tif'), 300 * 1024 * 1024);
    const report = await importInto([folder]);
    expect(problemsOf(report)).toEqual([{ source: 'poster.tif', kind: 'too-large', message: 'poster.tif is 300 MB; the limit is 256 MB.' }]);
  });

  it('reads no zip that is a FIFO, even named to the zip reader directly', { timeout: promptly }, async () => {
    const path = join(base, 'archive.zip');
    execFileSync('mkfifo', [path]);
    const results = [];
    for await (const result of readZipImages(path, { maxEntryBytes: 1_000_000, maxTotalBytes: 10_000_000 })) results.push(result);
    expect(results).toEqual([{ source: 'archive.zip', kind: 'unreadable', message: 'archive.zip is a pipe (FIFO), not a regular file.' }]);
    expect(await countZipEntries(path)).toBe(1);
  });
});
