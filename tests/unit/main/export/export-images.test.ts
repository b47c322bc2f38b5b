import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportFormat, ExportOptions, ExportPlan, ExportRecord, ExportReport } from '../../../../preload/contract';
import { recordFromJson, recordFromXmp, type ImageRecord } from '../../../../main/export/embedded-provenance';
import { exifImageDescription } from '../../../../main/export/exif-description';
import { findOutput } from '../../../../main/library/repos/outputs';
import { zipEntries } from '../../../../main/cli/zip-entries';
import { seededProject, side, type SeededProject } from './seeded-project';

/** export.images through the dispatcher, over outputs stored by the latent tools' own code. */
describe('export images', () => {
  let seeded: SeededProject;
  let ids: number[];
  let out: (name: string) => string;

  beforeAll(async () => {
    seeded = await seededProject('studio-export-');
    ids = [...seeded.samples.map((sample) => sample.outputId), seeded.vectorSample.outputId];
    out = (name) => join(seeded.base, name);
  });
  afterAll(() => seeded.studio.close());

  const exportTo = (request: Record<string, unknown>) => seeded.call<ExportReport>('export.images', { selection: { outputIds: ids }, format: 'png', ...request });
  const provenanceOf = (outputId: number) => JSON.parse(findOutput(seeded.studio.project.library.db, outputId)!.provenance) as Record<string, unknown>;

  it('offers five formats, the size presets and the template fields', async () => {
    const options = await seeded.call<ExportOptions>('export.options');
    expect(options.formats.map((format) => format.format)).toEqual(['png', 'jpeg', 'webp', 'avif', 'tiff']);
    expect(options.sizes.find((size) => size.preset === 'instagram-square')).toMatchObject({ width: 1080, height: 1080, fit: 'cover' });
    expect(options.templateFields.map((field) => field.field)).toEqual(expect.arrayContaining(['collection', 'seed', 'index', 'id', 'tool', 'checkpoint', 'step', 'date', 'name']));
  });

  it.each(['png', 'jpeg', 'webp', 'avif', 'tiff'] as ExportFormat[])('writes %s files that decode, in sRGB with its profile, carrying the provenance as XMP (and EXIF where the format has it)', async (format) => {
    const report = await exportTo({ format, destination: { folder: out(`formats-${format}`) } });
    expect(report.files).toHaveLength(ids.length);
    expect(report.cancelled).toBe(false);
    for (const file of report.files) {
      const metadata = await sharp(file.path).metadata();
      expect(metadata).toMatchObject({ width: side, height: side, space: 'srgb' });
      expect(metadata.icc!.length).toBeGreaterThan(0);
      const { data } = await sharp(file.path).raw().toBuffer({ resolveWithObject: true });
      expect(data.length).toBe(side * side * (metadata.channels ?? 3));
      const xmp = metadata.xmp!.toString('utf8');
      expect(xmp).toContain('xmlns:latentstudio="https://latent.studio/ns/1.0/"');
      expect(xmp).toMatch(/xmp:CreatorTool="Latent Studio \d+\.\d+\.\d+"/);
      expect(xmp).toMatch(/<dc:description><rdf:Alt><rdf:li xml:lang="x-default">[^<]+<\/rdf:li>/);
      const record = recordFromXmp(xmp) as ImageRecord;
      expect(record).toMatchObject({ app: 'Latent Studio', outputId: file.outputId, blobHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(record.provenance).toEqual(provenanceOf(file.outputId));
      expect(record.provenance).toMatchObject({ checkpointSha256: seeded.checkpointSha256, truncation: 0.7, tool: expect.any(String), latent: expect.any(Object) });
      if (format === 'tiff') continue;
      expect(recordFromJson(exifImageDescription(metadata.exif!)!)).toEqual(record);
    }
  });

  it('names files by template, with every field, sanitised, and numbers the duplicates', async () => {
    const report = await exportTo({ template: '{tool}-{seed}-{index}-{id}-{checkpoint}-{step}-{class}-{truncation}', destination: { folder: out('template') } });
    const [first] = seeded.samples;
    expect(report.files[0]!.path).toBe(join(out('template'), `sample-1-1-${first!.outputId}-${seeded.checkpointId}-500-0-0.7.png`));
    // The mix has a vector latent: no seed, and the separators around it collapse.
    expect(report.files.at(-1)!.path).toBe(join(out('template'), `mix-5-${seeded.vectorSample.outputId}-${seeded.checkpointId}-500-2-0.7.png`));

    const unsafe = await exportTo({ template: 'a/b\\c:d*e?"<>|{run}', destination: { folder: out('unsafe') } });
    expect(readdirSync(out('unsafe')).sort()).toEqual(['a_b_c_d_e_Patterns · DCGAN 32 px.png', ...[2, 3, 4, 5].map((n) => `a_b_c_d_e_Patterns · DCGAN 32 px-${n}.png`)].sort());
    expect(unsafe.files.map((file) => file.outputId)).toEqual(ids);

    const today = new Date();
    const dated = await exportTo({ selection: { outputIds: [ids[0]] }, template: '{date}', destination: { folder: out('dated') } });
    expect(dated.files[0]!.path).toBe(join(out('dated'), `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}.png`));
  });

  it('refuses an unknown template field, naming it, before writing anything', async () => {
    const error = await seeded.failure('export.images', { selection: { outputIds: ids }, format: 'png', template: '{seed}-{colour}', destination: { folder: out('unknown') } });
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toMatch(/^template: unknown field \{colour\}; the fields are \{name\}/);
    expect(existsSync(out('unknown'))).toBe(false);
  });

  it('resizes to presets and custom sizes with lanczos3, up as well as down', async () => {
    const sizeOf = async (size: unknown) => {
      const report = await exportTo({ selection: { outputIds: [ids[0]] }, size, destination: { folder: out(`size-${JSON.stringify(size).replace(/\W/g, '')}`) } });
      return { width: report.files[0]!.width, height: report.files[0]!.height, path: report.files[0]!.path };
    };
    expect(await sizeOf('original')).toMatchObject({ width: 32, height: 32 });
    expect(await sizeOf('long-512')).toMatchObject({ width: 512, height: 512 });
    expect(await sizeOf('instagram-portrait')).toMatchObject({ width: 1080, height: 1350 });
    expect(await sizeOf({ width: 100 })).toMatchObject({ width: 100, height: 100 });
    expect(await sizeOf({ width: 64, height: 16 })).toMatchObject({ width: 64, height: 16 });
    expect(await sizeOf({ width: 64, height: 16, fit: 'inside' })).toMatchObject({ width: 16, height: 16 });
    const contained = await sizeOf({ width: 64, height: 16, fit: 'contain' });
    expect(contained).toMatchObject({ width: 64, height: 16 });
    expect((await sharp(contained.path).metadata()).hasAlpha).toBe(true);

    const upscaled = await sizeOf({ width: 256 });
    const blob = seeded.studio.project.library.blobs.pathOf(seeded.samples[0]!.blobHash);
    const expected = await sharp(blob).resize(256, 256, { kernel: 'lanczos3' }).removeAlpha().raw().toBuffer();
    const nearest = await sharp(blob).resize(256, 256, { kernel: 'nearest' }).removeAlpha().raw().toBuffer();
    const actual = await sharp(upscaled.path).removeAlpha().raw().toBuffer();
    const difference = (a: Buffer, b: Buffer) => a.reduce((sum, value, index) => sum + Math.abs(value - b[index]!), 0) / a.length;
    expect(difference(actual, expected)).toBeLessThan(1);
    expect(difference(actual, nearest)).toBeGreaterThan(2);
  });

  it('writes a ZIP whose entries are named by the template, decode, and carry their metadata', async () => {
    const zip = out('zips/images.zip');
    const report = await exportTo({ format: 'webp', template: 'pattern-{index}', destination: { zip } });
    expect(report.destination).toBe(zip);
    const entries = await zipEntries(readFileSync(zip));
    expect(entries.map((entry) => entry.name)).toEqual(['pattern-1.webp', 'pattern-2.webp', 'pattern-3.webp', 'pattern-4.webp', 'pattern-5.webp']);
    for (const [index, entry] of entries.entries()) {
      const metadata = await sharp(entry.bytes).metadata();
      expect(metadata).toMatchObject({ format: 'webp', width: side, height: side });
      expect(recordFromXmp(metadata.xmp!.toString())).toMatchObject({ outputId: ids[index] });
    }
    expect(readdirSync(out('zips'))).toEqual(['images.zip']);
  });

  it('never overwrites unasked: ask lists what exists, then overwrite, keep-both and skip do as they say', async () => {
    const folder = out('conflicts');
    mkdirSync(folder);
    writeFileSync(join(folder, 'keep-1.png'), 'mine');
    writeFileSync(join(folder, 'keep-3.png'), 'mine too');
    const request = { template: 'keep-{index}', destination: { folder } };

    const plan = await seeded.call<ExportPlan>('export.plan', { selection: { outputIds: ids }, format: 'png', ...request });
    expect(plan.conflicts).toEqual([join(folder, 'keep-1.png'), join(folder, 'keep-3.png')]);
    expect(plan.files.map((file) => file.exists)).toEqual([true, false, true, false, false]);

    const refused = await seeded.failure('export.images', { selection: { outputIds: ids }, format: 'png', ...request });
    expect(refused).toEqual({ code: 'ALREADY_EXISTS', message: `2 files exist already in ${folder}: keep-1.png, keep-3.png; choose overwrite, keep-both or skip` });
    expect(readdirSync(folder).sort()).toEqual(['keep-1.png', 'keep-3.png']);

    const skipped = await exportTo({ ...request, conflict: 'skip' });
    expect(skipped.skipped.map((entry) => entry.path)).toEqual([join(folder, 'keep-1.png'), join(folder, 'keep-3.png')]);
    expect(skipped.files.map((file) => file.path)).toEqual(['keep-2.png', 'keep-4.png', 'keep-5.png'].map((name) => join(folder, name)));
    expect(readFileSync(join(folder, 'keep-1.png'), 'utf8')).toBe('mine');

    const both = await exportTo({ ...request, conflict: 'keep-both' });
    expect(both.files.map((file) => file.path.slice(folder.length + 1))).toEqual(['keep-1-2.png', 'keep-2-2.png', 'keep-3-2.png', 'keep-4-2.png', 'keep-5-2.png']);
    expect(readFileSync(join(folder, 'keep-3.png'), 'utf8')).toBe('mine too');

    const overwritten = await exportTo({ ...request, conflict: 'overwrite' });
    expect(overwritten.files).toHaveLength(5);
    expect((await sharp(join(folder, 'keep-1.png')).metadata()).width).toBe(side);
    expect(readdirSync(folder).filter((name) => name.startsWith('.'))).toEqual([]);

    const zip = out('conflicts/archive.zip');
    await exportTo({ destination: { zip } });
    expect((await seeded.failure('export.images', { selection: { outputIds: ids }, format: 'png', destination: { zip } })).message).toBe(`1 file exists already: ${zip}; choose overwrite, keep-both or skip`);
    expect((await exportTo({ destination: { zip }, conflict: 'keep-both' })).destination).toBe(out('conflicts/archive-2.zip'));
    expect(await exportTo({ destination: { zip }, conflict: 'skip' })).toMatchObject({ files: [], exportId: null, skipped: expect.arrayContaining([expect.objectContaining({ outputId: ids[0] })]) });
  });

  it('fails clearly for a destination that cannot be written, leaving nothing', async () => {
    const file = out('a-file');
    writeFileSync(file, 'not a folder');
    const under = await seeded.failure('export.images', { selection: { outputIds: ids }, format: 'png', destination: { folder: join(file, 'inside') } });
    expect(under).toEqual({ code: 'INVALID_ARGUMENT', message: `Cannot write to ${join(file, 'inside')}: it, or a folder above it, is a file` });
    const itself = await seeded.failure('export.images', { selection: { outputIds: ids }, format: 'png', destination: { folder: file } });
    expect(itself.code).toBe('INVALID_ARGUMENT');
    const zipUnder = await seeded.failure('export.images', { selection: { outputIds: ids }, format: 'png', destination: { zip: join(file, 'x.zip') } });
    expect(zipUnder.message).toMatch(/is a file/);
    // /proc and /sys refuse new entries to everyone, root included (ENOENT and EPERM).
    const proc = await seeded.failure('export.images', { selection: { outputIds: ids }, format: 'png', destination: { folder: '/proc/latent-studio-export/images' } });
    expect(proc.message).toBe('Cannot write to /proc/latent-studio-export/images: that folder cannot be made there; choose another destination');
    const sys = await seeded.failure('export.images', { selection: { outputIds: ids }, format: 'png', destination: { folder: '/sys/latent-studio-export' } });
    expect(sys).toEqual({ code: 'FORBIDDEN', message: 'Cannot write to /sys/latent-studio-export: permission denied; choose a folder you can write to' });
  });

  it('exports a collection in its order and names it in {collection}; refuses missing and trashed outputs', async () => {
    const db = seeded.studio.project.library.db;
    const collectionId = Number(db.prepare("INSERT INTO collections (name, created_at) VALUES ('Best of', ?)").run(Date.now()).lastInsertRowid);
    const member = db.prepare('INSERT INTO collection_members (collection_id, output_id, position, added_at) VALUES (?, ?, ?, ?)');
    [ids[2], ids[0], ids[1]].forEach((id, position) => member.run(collectionId, id, position, Date.now()));
    const report = await seeded.call<ExportReport>('export.images', { selection: { collectionId }, format: 'jpeg', template: '{collection}-{index}-{seed}', destination: { folder: out('collection') } });
    expect(report.files.map((file) => [file.outputId, file.path.slice(out('collection').length + 1)])).toEqual([
      [ids[2], 'Best of-1-3.jpg'],
      [ids[0], 'Best of-2-1.jpg'],
      [ids[1], 'Best of-3-2.jpg'],
    ]);
    expect(await seeded.failure('export.images', { selection: { outputIds: [ids[0], 9999] }, format: 'png', destination: { folder: out('missing') } })).toEqual({
      code: 'NOT_FOUND',
      message: 'selection.outputIds: no output 9999 in this project',
    });
    expect((await seeded.failure('export.images', { selection: { collectionId: 77 }, format: 'png', destination: { folder: out('missing') } })).code).toBe('NOT_FOUND');
    expect((await seeded.failure('export.images', { selection: { outputIds: [] }, format: 'png', destination: { folder: out('missing') } })).message).toMatch(/selection/);
    expect((await seeded.failure('export.images', { selection: { outputIds: ids }, format: 'bmp', destination: { folder: out('missing') } })).message).toMatch(/format.*png, jpeg, webp, avif or tiff/);
  });

  it('records each export in the project history, newest first', async () => {
    const history = await seeded.call<ExportRecord[]>('export.history');
    expect(history[0]).toMatchObject({ kind: 'images', format: 'jpeg', count: 3, destination: out('collection') });
    const row = seeded.studio.project.library.db.prepare('SELECT settings FROM exports WHERE id = ?').pluck().get(history[0]!.exportId) as string;
    expect(JSON.parse(row)).toMatchObject({ kind: 'images', template: '{collection}-{index}-{seed}', conflict: 'ask', size: 'original' });
  });
});
