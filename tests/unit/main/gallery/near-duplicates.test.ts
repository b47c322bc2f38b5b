import sharp, { type Sharp } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobProgress, StudioEvents } from '../../../../preload/contract';
import { EventBus } from '../../../../main/api/events';
import { trash } from '../../../../main/gallery/curation';
import { findNearDuplicates } from '../../../../main/gallery/near-duplicates';
import { Jobs } from '../../../../main/jobs/jobs';
import { smallProject, type SmallProject } from './small-project';

const side = 64;

/** A detailed picture: a gradient, rings around a centre and a checker, each picture placing them differently. */
function picture(variant: number): Sharp {
  const pixels = Buffer.alloc(side * side * 3);
  const cx = 20 + variant * 9;
  const cy = 44 - variant * 7;
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const at = (y * side + x) * 3;
      const ring = Math.floor(Math.hypot(x - cx, y - cy) / 6) % 2;
      pixels[at] = (x * 4 + variant * 60) % 256;
      pixels[at + 1] = ring ? 220 : 30;
      pixels[at + 2] = ((x >> 3) + (y >> 3) + variant) % 2 ? 200 : 40;
    }
  }
  return sharp(pixels, { raw: { width: side, height: side, channels: 3 } });
}

describe('gallery near duplicates', () => {
  let project: SmallProject;
  let jobs: Jobs;
  const progress: JobProgress[] = [];
  const ids: Record<string, number> = {};
  const png = { mediaType: 'image/png', width: side, height: side };
  beforeAll(async () => {
    project = smallProject();
    const events = new EventBus();
    events.subscribe((event, payload) => {
      if (event === 'jobProgress') progress.push(payload as StudioEvents['jobProgress']);
    });
    jobs = new Jobs(events);
    const original = await picture(0).png().toBuffer();
    ids['original'] = project.storeImage(original, png, {}, 1000);
    // The same picture brightened a little and re-saved through JPEG: a near duplicate, not the same bytes.
    const retouched = await sharp(await picture(0).modulate({ brightness: 1.04 }).jpeg({ quality: 80 }).toBuffer()).png().toBuffer();
    ids['retouched'] = project.storeImage(retouched, png, {}, 2000);
    ids['copy'] = project.storeImage(original, png, {}, 3000);
    ids['other'] = project.storeImage(await picture(1).png().toBuffer(), png, {}, 4000);
    ids['another'] = project.storeImage(await picture(2).png().toBuffer(), png, {}, 5000);
    ids['another, smaller'] = project.storeImage(await picture(2).resize(48, 48).png().toBuffer(), { ...png, width: 48, height: 48 }, {}, 6000);
    ids['frames'] = project.storeImage(Buffer.from('PK\u0003\u0004 not an image'), { mediaType: 'application/zip', width: side, height: side }, { kind: 'animation' }, 7000);
  });
  afterAll(() => project.close());
  const name = (id: number) => Object.keys(ids).find((key) => ids[key] === id);

  it('can be cancelled, reporting so', async () => {
    const running = findNearDuplicates(project.library, jobs, { jobId: 'near-duplicates-1' });
    expect(jobs.cancel('near-duplicates-1')).toBe(true);
    expect(await running).toMatchObject({ cancelled: true });
    expect(progress.at(-1)).toMatchObject({ jobId: 'near-duplicates-1', state: 'cancelled' });
    progress.length = 0;
    project.library.db.prepare('DELETE FROM blob_fingerprints').run();
  });

  it('groups near-identical images over the whole gallery, the one to keep first', async () => {
    const report = await findNearDuplicates(project.library, jobs, {});
    expect(report.groups.map((group) => group.items.map((item) => name(item.id)))).toEqual([
      ['original', 'retouched', 'copy'],
      ['another', 'another, smaller'],
    ]);
    expect(report).toMatchObject({ compared: 6, skipped: 1, cancelled: false });
    expect(progress.at(-1)).toMatchObject({ kind: 'gallery-near-duplicates', state: 'done' });
    // Progress counts distinct images: the copy shares the original's, and the ZIP is looked at and remembered as no picture.
    expect(progress.some((event) => event.state === 'running' && event.completed === 6 && event.total === 6)).toBe(true);
    expect(project.library.db.prepare('SELECT count(*) FROM blob_fingerprints WHERE phash IS NOT NULL').pluck().get()).toBe(5);
    expect(project.library.db.prepare('SELECT count(*) FROM blob_fingerprints').pluck().get()).toBe(6);
  });

  it('finds the near duplicates of one output, at the threshold asked for', async () => {
    const of = async (outputId: number, threshold?: number) =>
      (await findNearDuplicates(project.library, jobs, { outputId, threshold })).groups.map((group) => group.items.map((item) => name(item.id)));
    expect(await of(ids['retouched']!)).toEqual([['original', 'retouched', 'copy']]);
    expect(await of(ids['other']!)).toEqual([]);
    expect(await of(ids['original']!, 0)).toEqual([['original', 'copy']]);
    expect(await of(ids['frames']!)).toEqual([]);
  });

  it('leaves the trash out unless asked, and names an unknown output', async () => {
    trash(project.library.db, [ids['copy']!]);
    const live = await findNearDuplicates(project.library, jobs, {});
    expect(live.groups[0]!.items.map((item) => name(item.id))).toEqual(['original', 'retouched']);
    const all = await findNearDuplicates(project.library, jobs, { includeTrashed: true });
    expect(all.groups[0]!.items.map((item) => name(item.id))).toEqual(['original', 'retouched', 'copy']);
    expect(() => findNearDuplicates(project.library, jobs, { outputId: 999 })).toThrow(expect.objectContaining({ code: 'NOT_FOUND', message: 'outputId: no output 999 in this project' }));
  });
});
