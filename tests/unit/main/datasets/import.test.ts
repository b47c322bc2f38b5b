import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportReport, ImportRequest, JobProgress } from '../../../../preload/contract';
import { EventBus } from '../../../../main/api/events';
import { datasetsService } from '../../../../main/datasets/service';
import { Jobs } from '../../../../main/jobs/jobs';
import { CurrentProject } from '../../../../main/library/current-project';
import { fashionMnistIdx } from '../../../fixtures/fashion-mnist';
import { patternImage, pngClaiming } from './fixtures';

describe('dataset import', () => {
  let base: string;
  let project: CurrentProject;
  let service: ReturnType<typeof datasetsService>;

  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'studio-import-'));
    const events = new EventBus();
    project = new CurrentProject(events);
    project.create(join(base, 'project'));
    service = datasetsService(project, new Jobs(events));
  });
  afterEach(() => project.close());

  const importInto = (request: Partial<ImportRequest> & Pick<ImportRequest, 'paths'>): Promise<ImportReport> =>
    service.import({ dataset: 'Set', kind: 'images', ...request });

  it('imports a few thousand real Fashion-MNIST images from IDX files, with their labels', async () => {
    const imagesPath = fashionMnistIdx(base, 2000);
    const report = await importInto({ dataset: 'Fashion', paths: [imagesPath] });
    expect(report.problems).toEqual([]);
    expect(report.imported + report.duplicates).toBe(2000);
    const detail = await service.get({ dataset: 'Fashion' });
    expect(detail.itemCount).toBe(report.imported);
    expect(detail.classCounts.map((c) => c.label).sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    const first = (await service.items({ dataset: 'Fashion', offset: 0, limit: 1 })).items[0]!;
    expect([first.classLabel, first.width, first.height]).toEqual(['9', 28, 28]);
  }, 120_000);

  it('names IDX classes from the classes.txt beside them, which is not reported as an image', async () => {
    const folder = join(base, 'fashion-named');
    mkdirSync(folder);
    fashionMnistIdx(folder, 50);
    writeFileSync(join(folder, 'classes.txt'), ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'].join('\n'));
    const report = await importInto({ dataset: 'Fashion', paths: [folder] });
    expect(report.problems).toEqual([]);
    const detail = await service.get({ dataset: 'Fashion' });
    expect(detail.classCounts.map((c) => c.label)).toContain('Ankle boot');
    expect(detail.classCounts.map((c) => c.label)).not.toContain('9');
    const first = (await service.items({ dataset: 'Fashion', offset: 0, limit: 1 })).items[0]!;
    expect(first.classLabel).toBe('Ankle boot');
  });

  it('labels images by their top-level subfolder, reads zips, and orients photos', async () => {
    const tree = join(base, 'shoes');
    for (const [folder, seed] of [['boots', 1], ['boots/winter', 2], ['sandals', 3]] as const) {
      mkdirSync(join(tree, folder), { recursive: true });
      await patternImage(seed).png().toFile(join(tree, folder, `${seed}.png`));
    }
    await patternImage(4, 120, 80).jpeg().withMetadata({ orientation: 6 }).toFile(join(tree, 'rotated.jpg'));
    const report = await importInto({ paths: [tree] });
    expect([report.imported, report.problems]).toEqual([4, []]);
    const detail = await service.get({ dataset: 'Set' });
    expect(detail.classCounts).toEqual([
      { label: 'boots', count: 2 },
      { label: 'sandals', count: 1 },
      { label: null, count: 1 },
    ]);
    const rotated = (await service.items({ dataset: 'Set', offset: 0, limit: 10, classLabel: null })).items[0]!;
    expect([rotated.width, rotated.height]).toEqual([80, 120]);
  });

  it('reports each bad file clearly and imports the rest', async () => {
    const corpus = join(base, 'hostile');
    mkdirSync(join(corpus, 'loop'), { recursive: true });
    const good = await patternImage(10).png().toBuffer();
    writeFileSync(join(corpus, 'good.png'), good);
    writeFileSync(join(corpus, 'truncated.png'), (await patternImage(11).png().toBuffer()).subarray(0, 2000));
    writeFileSync(join(corpus, 'random.jpg'), Buffer.from(Array.from({ length: 4096 }, (_, n) => (n * 7919) % 251)));
    writeFileSync(join(corpus, 'empty.png'), '');
    writeFileSync(join(corpus, 'bomb.png'), pngClaiming(30000, 30000));
    writeFileSync(join(corpus, 'notes.txt'), 'not an image at all');
    symlinkSync('..', join(corpus, 'loop', 'back'));
    const report = await importInto({ paths: [corpus] });
    expect(report.imported).toBe(1);
    const kinds = Object.fromEntries(report.problems.map((p) => [p.source.split('/').at(-1), p.kind]));
    expect(kinds).toMatchObject({
      'truncated.png': 'truncated',
      'random.jpg': 'not-an-image',
      'empty.png': 'empty',
      'bomb.png': 'too-large',
      'notes.txt': 'not-an-image',
    });
    expect(report.problems.some((p) => p.kind === 'symlink-loop')).toBe(true);
    for (const problem of report.problems) expect(problem.message).toContain(problem.source.split('/').at(-1));
    // The Datasets view lists them from the library too.
    expect((await service.get({ dataset: 'Set' })).problems).toHaveLength(report.problems.length);
  });

  it('skips exact duplicates and flags near duplicates', async () => {
    const folder = join(base, 'dupes');
    mkdirSync(folder);
    const original = patternImage(20, 320, 240);
    await original.clone().png().toFile(join(folder, '1-original.png'));
    await original.clone().png().toFile(join(folder, '2-copy.png'));
    await original.clone().resize(300, 225).jpeg({ quality: 80 }).toFile(join(folder, '3-smaller.jpg'));
    await patternImage(21, 320, 240).png().toFile(join(folder, '4-other.png'));
    const report = await importInto({ paths: [folder] });
    expect([report.imported, report.duplicates, report.nearDuplicates]).toEqual([3, 1, 1]);
    const items = (await service.items({ dataset: 'Set', offset: 0, limit: 10 })).items;
    expect(items.map((item) => item.originalName)).toEqual(['1-original.png', '3-smaller.jpg', '4-other.png']);
    expect(items.map((item) => item.nearDuplicateOf)).toEqual([null, items[0]!.id, null]);
    // Importing the same folder again adds nothing.
    const again = await importInto({ paths: [folder] });
    expect([again.imported, again.duplicates]).toEqual([0, 4]);
  });

  it('builds paired sets from side-by-side images and from matched folders, and unpaired sets from two folders', async () => {
    const sideBySide = join(base, 'facades');
    mkdirSync(sideBySide);
    for (const seed of [30, 31]) {
      const a = await patternImage(seed, 64, 64).png().toBuffer();
      const b = await patternImage(seed + 100, 64, 64).png().toBuffer();
      await sharp({ create: { width: 128, height: 64, channels: 3, background: '#000' } })
        .composite([{ input: a, left: 0, top: 0 }, { input: b, left: 64, top: 0 }])
        .png()
        .toFile(join(sideBySide, `${seed}.png`));
    }
    await service.import({ dataset: 'Facades', kind: 'paired', paths: [sideBySide] });
    const facades = await service.get({ dataset: 'Facades' });
    expect([facades.pairCount, facades.domainCounts]).toEqual([2, { A: 2, B: 2 }]);
    const half = (await service.items({ dataset: 'Facades', offset: 0, limit: 1 })).items[0]!;
    expect([half.width, half.height, half.domain]).toEqual([64, 64, 'A']);

    const [aDir, bDir] = [join(base, 'sketch'), join(base, 'photo')];
    mkdirSync(aDir);
    mkdirSync(bDir);
    for (const seed of [40, 41, 42]) await patternImage(seed).png().toFile(join(aDir, `${seed}.png`));
    for (const seed of [40, 41]) await patternImage(seed + 1).jpeg().toFile(join(bDir, `${seed}.jpg`));
    const matched = await service.import({ dataset: 'Sketches', kind: 'paired', paths: [aDir, bDir] });
    expect(matched.problems).toEqual([expect.objectContaining({ kind: 'unmatched', source: join(aDir, '42.png') })]);
    expect((await service.get({ dataset: 'Sketches' })).pairCount).toBe(2);

    await service.import({ dataset: 'DayNight', kind: 'unpaired', paths: [aDir, bDir] });
    expect((await service.get({ dataset: 'DayNight' })).domainCounts).toEqual({ A: 3, B: 2 });
  });

  it('refuses a kind that does not match the dataset, and a new dataset without a kind', async () => {
    await service.create({ name: 'Set', kind: 'images' });
    await expect(service.import({ dataset: 'Set', kind: 'paired', paths: [base] })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(service.import({ dataset: 'New', paths: [base] })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('kind') });
  });

  it('stops when cancelled, keeps what it imported, and resumes on the same request', async () => {
    const folder = join(base, 'many');
    mkdirSync(folder);
    await Promise.all(Array.from({ length: 60 }, (_, n) => patternImage(200 + n, 96, 72).png().toFile(join(folder, `${String(n).padStart(3, '0')}.png`))));
    // Cancel as soon as the job reports its first files done, as a person pressing Cancel would.
    const events = new EventBus();
    const cancellingJobs = new Jobs(events);
    events.subscribe((event, payload) => {
      const job = payload as JobProgress;
      if (event === 'jobProgress' && job.state === 'running' && job.completed > 0) cancellingJobs.cancel(job.jobId);
    });
    const cancelling = datasetsService(project, cancellingJobs);
    const first = await cancelling.import({ dataset: 'Set', kind: 'images', paths: [folder] });
    expect(first.cancelled).toBe(true);
    expect(first.imported).toBeLessThan(60);
    const second = await importInto({ paths: [folder] });
    expect(second.resumed).toBe(true);
    expect(second.alreadyDone).toBe(first.imported + first.duplicates);
    expect(second.imported + first.imported).toBe(60);
    expect((await service.get({ dataset: 'Set' })).itemCount).toBe(60);
  });
});
