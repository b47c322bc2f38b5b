import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SheetReport, SpriteSheetReport } from '../../../../preload/contract';
import { recordFromXmp, type SheetRecord } from '../../../../main/export/embedded-provenance';
import { seededProject, side, type SeededProject } from './seeded-project';

/** Contact sheets and sprite sheets: their geometry, captions, atlas and metadata. */
describe('sheets', () => {
  let seeded: SeededProject;
  let ids: number[];

  beforeAll(async () => {
    seeded = await seededProject('studio-sheets-');
    ids = [...seeded.samples.map((sample) => sample.outputId), seeded.vectorSample.outputId];
  });
  afterAll(() => seeded.studio.close());

  const blobRaw = (index: number, size: number) =>
    sharp(seeded.studio.project.library.blobs.pathOf([...seeded.samples, seeded.vectorSample][index]!.blobHash)).resize(size, size, { kernel: 'lanczos3' }).removeAlpha().raw().toBuffer();

  it('lays the images out in a captioned grid on white, and lists them in its XMP', async () => {
    const path = join(seeded.base, 'sheets', 'contact.png');
    const report = await seeded.call<SheetReport>('export.contactSheet', { selection: { outputIds: ids }, columns: 3, cellSize: 96, captions: 'seed {seed} · step {step}', format: 'png', path });
    // 96 px cells, 4 px gaps, 8 px margins, and under each cell 2 px and two lines of 10 px text.
    expect(report).toMatchObject({ path, columns: 3, rows: 2, count: 5, width: 8 * 2 + 3 * 96 + 2 * 4 });
    const captionHeight = (report.height - 8 * 2 - 4) / 2 - 96;
    expect(captionHeight).toBeGreaterThanOrEqual(2 + 2 * 10);
    expect(captionHeight).toBeLessThanOrEqual(2 + 2 * 16);
    const metadata = await sharp(path).metadata();
    expect(metadata).toMatchObject({ width: report.width, height: report.height, space: 'srgb' });
    const record = recordFromXmp(metadata.xmp!.toString()) as SheetRecord;
    expect(record).toMatchObject({ app: 'Latent Studio', sheet: 'contact-sheet' });
    expect(record.images.map((image) => image.outputId)).toEqual(ids);
    expect(record.images[0]!.provenance).toMatchObject({ checkpointSha256: seeded.checkpointSha256, latent: { seed: 1 } });

    const sheet = sharp(path).removeAlpha();
    // The second cell holds the second image, scaled with lanczos3.
    const cell = await sheet.clone().extract({ left: 8 + 96 + 4, top: 8, width: 96, height: 96 }).raw().toBuffer();
    const expected = await blobRaw(1, 96);
    expect(cell.reduce((sum, value, index) => sum + Math.abs(value - expected[index]!), 0) / cell.length).toBeLessThan(2);
    // Its caption is drawn in dark text under the cell; the last row's empty cell stays white.
    const caption = await sheet.clone().extract({ left: 8, top: 8 + 96, width: 96, height: captionHeight }).greyscale().raw().toBuffer();
    expect(Math.min(...caption)).toBeLessThan(128);
    const empty = await sheet.clone().extract({ left: 8 + 2 * 100, top: 8 + 96 + captionHeight + 4, width: 96, height: 96 + captionHeight }).raw().toBuffer();
    expect(Math.min(...empty)).toBe(255);
  });

  it('cuts a caption too long for two lines with an ellipsis, at whole lines', async () => {
    const path = join(seeded.base, 'sheets', 'long.png');
    const long = 'a very long caption that will not fit on two lines of a small cell: {run} {run} {run}';
    const report = await seeded.call<SheetReport>('export.contactSheet', { selection: { outputIds: ids.slice(0, 1) }, cellSize: 64, captions: long, format: 'png', path });
    const captionHeight = report.height - 8 * 2 - 64;
    // The last pixel row of the caption area is white: no line was cut through.
    const bottom = await sharp(path).removeAlpha().extract({ left: 8, top: 8 + captionHeight + 64 - 1, width: 64, height: 1 }).greyscale().raw().toBuffer();
    expect(Math.min(...bottom)).toBeGreaterThan(200);
  });

  it('draws no captions when none are asked for, and refuses to overwrite a sheet unasked', async () => {
    const path = join(seeded.base, 'sheets', 'plain.jpg');
    const report = await seeded.call<SheetReport>('export.contactSheet', { selection: { outputIds: ids.slice(0, 4) }, cellSize: 64, format: 'jpeg', path });
    expect(report).toMatchObject({ columns: 2, rows: 2, width: 8 * 2 + 2 * 64 + 4, height: 8 * 2 + 2 * 64 + 4 });
    expect(await seeded.failure('export.contactSheet', { selection: { outputIds: ids }, format: 'jpeg', path })).toEqual({
      code: 'ALREADY_EXISTS',
      message: `1 file exists already: ${path}; choose overwrite or keep-both`,
    });
    const again = await seeded.call<SheetReport>('export.contactSheet', { selection: { outputIds: ids }, format: 'jpeg', path, conflict: 'keep-both' });
    expect(again.path).toBe(join(seeded.base, 'sheets', 'plain-2.jpg'));
    expect((await seeded.failure('export.contactSheet', { selection: { outputIds: ids }, captions: '{nope}', format: 'png', path: join(seeded.base, 'x.png') })).message).toMatch(/^captions: unknown field \{nope\}/);
  });

  it('packs a sprite sheet with padding and writes a TexturePacker hash atlas whose frames match the pixels', async () => {
    const path = join(seeded.base, 'sprites', 'patterns.png');
    const report = await seeded.call<SpriteSheetReport>('export.spriteSheet', { selection: { outputIds: ids }, columns: 2, padding: 2, template: 'frame-{index}', format: 'png', path });
    expect(report).toMatchObject({ path, atlasPath: join(seeded.base, 'sprites', 'patterns.json'), columns: 2, rows: 3, width: 2 + 2 * (side + 2), height: 2 + 3 * (side + 2) });
    const atlas = JSON.parse(readFileSync(report.atlasPath, 'utf8')) as {
      frames: Record<string, { frame: { x: number; y: number; w: number; h: number }; rotated: boolean; trimmed: boolean; sourceSize: { w: number; h: number }; outputId: number }>;
      meta: { image: string; size: { w: number; h: number }; app: string };
    };
    expect(atlas.meta).toMatchObject({ image: 'patterns.png', size: { w: report.width, h: report.height }, app: 'Latent Studio' });
    expect(Object.keys(atlas.frames)).toEqual(['frame-1.png', 'frame-2.png', 'frame-3.png', 'frame-4.png', 'frame-5.png']);
    expect(atlas.frames['frame-4.png']).toMatchObject({ frame: { x: 2 + side + 2, y: 2 + side + 2, w: side, h: side }, rotated: false, trimmed: false, sourceSize: { w: side, h: side }, outputId: ids[3] });
    expect(report.frames.map((frame) => frame.outputId)).toEqual(ids);

    const sheet = sharp(path);
    expect(await sheet.metadata()).toMatchObject({ hasAlpha: true, width: report.width, height: report.height });
    for (const [index, frame] of report.frames.entries()) {
      const pixels = await sheet.clone().extract({ left: frame.x, top: frame.y, width: frame.w, height: frame.h }).removeAlpha().raw().toBuffer();
      expect(pixels.equals(await blobRaw(index, side))).toBe(true);
    }
    // The padding is transparent.
    const corner = await sheet.clone().extract({ left: 0, top: 0, width: 2, height: 2 }).raw().toBuffer();
    expect([...corner].filter((_, index) => index % 4 === 3)).toEqual([0, 0, 0, 0]);
    expect((recordFromXmp((await sheet.metadata()).xmp!.toString()) as SheetRecord).sheet).toBe('sprite-sheet');
  });

  it('scales sprite frames to a cell size, and numbers sheet and atlas together under keep-both', async () => {
    const path = join(seeded.base, 'sprites', 'patterns.png');
    const report = await seeded.call<SpriteSheetReport>('export.spriteSheet', { selection: { outputIds: ids.slice(0, 4) }, cellSize: 48, format: 'webp', path: join(seeded.base, 'sprites', 'big.webp') });
    expect(report).toMatchObject({ columns: 2, rows: 2, width: 96, height: 96 });
    expect(report.frames[3]).toMatchObject({ x: 48, y: 48, w: 48, h: 48 });
    const again = await seeded.call<SpriteSheetReport>('export.spriteSheet', { selection: { outputIds: ids }, format: 'png', path, conflict: 'keep-both' });
    expect([again.path, again.atlasPath]).toEqual([join(seeded.base, 'sprites', 'patterns-2.png'), join(seeded.base, 'sprites', 'patterns-2.json')]);
    expect(JSON.parse(readFileSync(again.atlasPath, 'utf8')).meta.image).toBe('patterns-2.png');
  });
});
