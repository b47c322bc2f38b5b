import { createWriteStream, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { EventBus } from '../../../../main/api/events';
import { openTensorCache } from '../../../../main/formats/tensor-cache';
import { datasetsService } from '../../../../main/datasets/service';
import { Jobs } from '../../../../main/jobs/jobs';
import { CurrentProject } from '../../../../main/library/current-project';
import { patternImage } from './fixtures';

describe('preparing datasets and making pairs', () => {
  let base: string;
  let project: CurrentProject;
  let service: ReturnType<typeof datasetsService>;

  beforeEach(async () => {
    base = mkdtempSync(join(tmpdir(), 'studio-prepare-'));
    const events = new EventBus();
    project = new CurrentProject(events);
    project.create(join(base, 'project'));
    service = datasetsService(project, new Jobs(events));
  });
  afterEach(() => project.close());

  async function zipOf(files: Record<string, Buffer>): Promise<string> {
    const path = join(base, 'images.zip');
    const zip = new yazl.ZipFile();
    for (const [name, bytes] of Object.entries(files)) zip.addBuffer(bytes, name);
    zip.end();
    await new Promise<void>((resolve, reject) => zip.outputStream.pipe(createWriteStream(path)).on('close', () => resolve()).on('error', reject));
    return path;
  }

  it('imports a zip with class folders, prepares a cache once, and rebuilds it when the dataset changes', async () => {
    const files: Record<string, Buffer> = {};
    for (let n = 0; n < 6; n++) files[`flowers/${n < 4 ? 'rose' : 'tulip'}/${n}.png`] = await patternImage(300 + n, 80, 60).png().toBuffer();
    const report = await service.import({ dataset: 'Flowers', kind: 'images', paths: [await zipOf(files)] });
    expect([report.imported, report.problems]).toEqual([6, []]);
    expect((await service.get({ dataset: 'Flowers' })).classCounts).toEqual([
      { label: 'rose', count: 4 },
      { label: 'tulip', count: 2 },
    ]);

    const [cache] = await service.prepare({ dataset: 'Flowers', resolution: 32, mirror: true });
    expect(cache).toMatchObject({ domain: null, resolution: 32, count: 12, current: true, crop: 'center' });
    const reader = openTensorCache(cache!.path);
    expect([reader.header.count, reader.header.width, reader.header.channels, reader.header.classNames]).toEqual([12, 32, 3, ['rose', 'tulip']]);
    reader.close();
    const [again] = await service.prepare({ dataset: 'Flowers', resolution: 32, mirror: true });
    expect(again!.path).toBe(cache!.path);

    const more = join(base, 'more');
    mkdirSync(more);
    await patternImage(400).png().toFile(join(more, 'new.png'));
    await service.import({ dataset: 'Flowers', paths: [more] });
    expect((await service.get({ dataset: 'Flowers' })).prepared[0]!.current).toBe(false);
    const [rebuilt] = await service.prepare({ dataset: 'Flowers', resolution: 32, mirror: true });
    expect([rebuilt!.count, rebuilt!.current]).toEqual([14, true]);
    expect(existsSync(cache!.path)).toBe(false);
    expect((await service.get({ dataset: 'Flowers' })).prepared).toHaveLength(1);
  });

  it('makes a sketch-to-image set whose pairs line up, and prepares A and B in pair order', async () => {
    const folder = join(base, 'photos');
    mkdirSync(folder);
    for (let n = 0; n < 4; n++) await patternImage(500 + n, 128, 96).png().toFile(join(folder, `${n}.png`));
    await service.import({ dataset: 'Photos', kind: 'images', paths: [folder] });
    const pairs = await service.makePairs({ dataset: 'Photos', into: 'Sketches', method: 'line-drawing' });
    expect([pairs.kind, pairs.itemCount]).toEqual(['paired', 8]);
    const detail = await service.get({ dataset: 'Sketches' });
    expect([detail.pairCount, detail.domainCounts]).toEqual([4, { A: 4, B: 4 }]);
    const check = await service.checkPair({ dataset: 'Sketches', pairKey: '0.png' });
    expect(check).toMatchObject({ aligned: true, sameSize: true });
    expect(check.alignment).toBeGreaterThan(0.4);
    expect(check.overlayUrl).toMatch(/^data:image\/png;base64,/);
    await expect(service.checkPair({ dataset: 'Sketches', pairKey: 'missing.png' })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const caches = await service.prepare({ dataset: 'Sketches', resolution: 32 });
    expect(caches.map((cache) => [cache.domain, cache.count])).toEqual([['A', 4], ['B', 4]]);
    await expect(service.prepare({ dataset: 'Sketches', resolution: 32, crop: 'random' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });

    await service.makePairs({ dataset: 'Photos', into: 'Colourise', method: 'greyscale' });
    expect((await service.get({ dataset: 'Colourise' })).pairCount).toBe(4);
    await expect(service.makePairs({ dataset: 'Photos', into: 'Sketches', method: 'greyscale' })).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
  });

  it('deletes a dataset with its prepared caches', async () => {
    const folder = join(base, 'one');
    mkdirSync(folder);
    await patternImage(600).png().toFile(join(folder, 'a.png'));
    await service.import({ dataset: 'One', kind: 'images', paths: [folder] });
    const [cache] = await service.prepare({ dataset: 'One', resolution: 16 });
    await service.delete({ dataset: 'One' });
    expect(existsSync(cache!.path)).toBe(false);
    await expect(service.get({ dataset: 'One' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
