import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExportReport, RecallResult, SpriteSheetReport } from '../../../../preload/contract';
import { recordFromXmp } from '../../../../main/export/embedded-provenance';
import { zipEntries } from '../../../../main/cli/zip-entries';
import { appPaths } from '../../../../main/paths';
import { seededProject } from '../export/seeded-project';

const cli = join(appPaths().root, 'dist', 'main', 'cli.js');

describe('latent-studio export and recall (built CLI)', () => {
  let base = '';
  let project = '';
  let ids: number[] = [];
  const env = () => ({ ...process.env, XDG_CONFIG_HOME: join(base, 'config') });
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args, '--project', project], { encoding: 'utf8', env: env(), timeout: 120_000 });

  beforeAll(async () => {
    const seeded = await seededProject('studio-cli-export-', 6);
    base = seeded.base;
    project = seeded.studio.project.summary!.path;
    ids = seeded.samples.map((sample) => sample.outputId);
    const db = seeded.studio.project.library.db;
    const collectionId = Number(db.prepare("INSERT INTO collections (name, created_at) VALUES ('Keepers', ?)").run(Date.now()).lastInsertRowid);
    [ids[3], ids[1]].forEach((id, position) => db.prepare('INSERT INTO collection_members (collection_id, output_id, position, added_at) VALUES (?, ?, ?, ?)').run(collectionId, id, position, Date.now()));
    seeded.studio.close();
  });

  it('exports outputs into a folder by template and size, then refuses to overwrite them unless told how', async () => {
    const out = join(base, 'out');
    const first = run('export', '--outputs', ids.slice(0, 3).join(','), '--out', out, '--format', 'jpeg', '--size', '100', '--template', '{tool}-{seed}-{index}', '--json');
    expect(first.status, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout) as ExportReport;
    expect(report.files.map((file) => file.path)).toEqual(['sample-1-1.jpg', 'sample-2-2.jpg', 'sample-3-3.jpg'].map((name) => join(out, name)));
    const metadata = await sharp(join(out, 'sample-2-2.jpg')).metadata();
    expect(metadata).toMatchObject({ format: 'jpeg', width: 100, height: 100 });
    expect(recordFromXmp(metadata.xmp!.toString())).toMatchObject({ outputId: ids[1], provenance: { latent: { seed: 2 } } });

    const again = run('export', '--outputs', ids.slice(0, 3).join(','), '--out', out, '--format', 'jpeg', '--template', '{tool}-{seed}-{index}');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(`3 files exist already in ${out}: sample-1-1.jpg, sample-2-2.jpg, sample-3-3.jpg; pass --overwrite, --keep-both or --skip`);
    const both = run('export', '--outputs', ids.slice(0, 3).join(','), '--out', out, '--format', 'jpeg', '--template', '{tool}-{seed}-{index}', '--keep-both');
    expect(both.status, both.stderr).toBe(0);
    expect(both.stdout).toMatch(/^Exported 3 images \(\d+ KiB, JPEG\) to .* in \d+\.\d s$/m);
    expect(readdirSync(out)).toHaveLength(6);
    const skip = run('export', '--outputs', ids.slice(0, 4).join(','), '--out', out, '--format', 'jpeg', '--template', '{tool}-{seed}-{index}', '--skip', '--json');
    expect((JSON.parse(skip.stdout) as ExportReport).files.map((file) => file.outputId)).toEqual([ids[3]]);
    const overwrite = run('export', '--outputs', String(ids[0]), '--out', out, '--format', 'jpeg', '--template', '{tool}-{seed}-{index}', '--overwrite');
    expect(overwrite.status, overwrite.stderr).toBe(0);
    expect((await sharp(join(out, 'sample-1-1.jpg')).metadata()).width).toBe(32);
  });

  it('exports a collection by name into a ZIP in the collection’s order', async () => {
    const zip = join(base, 'keepers.zip');
    const result = run('export', '--collection', 'keepers', '--out', zip, '--format', 'webp', '--size', '64x48', '--template', '{collection}-{index}');
    expect(result.status, result.stderr).toBe(0);
    const entries = await zipEntries(readFileSync(zip));
    expect(entries.map((entry) => entry.name)).toEqual(['Keepers-1.webp', 'Keepers-2.webp']);
    const metadata = await sharp(entries[0]!.bytes).metadata();
    expect(metadata).toMatchObject({ width: 64, height: 48 });
    expect(recordFromXmp(metadata.xmp!.toString())).toMatchObject({ outputId: ids[3] });
  });

  it('writes contact sheets and sprite sheets with their atlas', () => {
    const contact = run('export', '--outputs', ids.join(','), '--contact-sheet', join(base, 'sheet.webp'), '--columns', '3', '--cell', '64', '--captions', 'seed {seed}');
    expect(contact.status, contact.stderr).toBe(0);
    expect(contact.stdout).toMatch(/^Wrote a contact sheet of 6 images \(3 × 2, \d+ × \d+ px\) to /);
    const twice = run('export', '--outputs', ids.join(','), '--contact-sheet', join(base, 'sheet.webp'));
    expect(twice.status).toBe(1);
    expect(twice.stderr).toContain(`1 file exists already: ${join(base, 'sheet.webp')}; pass --overwrite or --keep-both`);
    const sprite = run('export', '--outputs', ids.join(','), '--sprite-sheet', join(base, 'sprites.png'), '--padding', '1', '--json');
    expect(sprite.status, sprite.stderr).toBe(0);
    const report = JSON.parse(sprite.stdout) as SpriteSheetReport;
    expect(report).toMatchObject({ atlasPath: join(base, 'sprites.json'), columns: 3, rows: 2, width: 1 + 3 * 33, height: 1 + 2 * 33 });
    expect(Object.keys(JSON.parse(readFileSync(report.atlasPath, 'utf8')).frames)).toHaveLength(6);
    expect(run('export', '--outputs', '1', '--sprite-sheet', join(base, 'x.jpg')).status).toBe(2);
  });

  it('recalls an exported image, and says so when a file carries nothing', async () => {
    const out = join(base, 'recall');
    expect(run('export', '--outputs', String(ids[4]), '--out', out, '--format', 'avif').status).toBe(0);
    const file = join(out, readdirSync(out)[0]!);
    const recalled = run('recall', file, '--json');
    expect(recalled.status, recalled.stderr).toBe(0);
    expect(JSON.parse(recalled.stdout) as RecallResult).toMatchObject({ found: true, output: { outputId: ids[4] }, latent: { seed: 5 }, restore: { view: 'explore' } });
    const text = run('recall', file);
    expect(text.stdout).toMatch(/^Output \d+ is in this project; its checkpoint is here; seed 5\.\n  tool        sample\n  checkpoint  \d+ \(step 500 of “Patterns · DCGAN 32 px”\)\n  latent      seed 5, class 1\n  truncation  0\.7\n  latent arg  output:\d+\n$/);

    const plain = join(base, 'plain.png');
    await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } }).png().toFile(plain);
    const nothing = run('recall', plain);
    expect(nothing.status).toBe(1);
    expect(nothing.stdout).toMatch(/^This image carries no Latent Studio provenance/);
  });

  it('says what is wrong with a command line (exit 2) and with a request (exit 1)', () => {
    expect(run('export', '--out', join(base, 'x')).status).toBe(2);
    expect(run('export', '--outputs', '1', '--collection', 'Keepers', '--out', join(base, 'x')).status).toBe(2);
    expect(run('export', '--outputs', '1', '--out', join(base, 'x'), '--overwrite', '--skip').stderr).toMatch(/--overwrite and --skip cannot be given together/);
    expect(run('export', '--outputs', '1', '--out', join(base, 'x'), '--size', 'huge').stderr).toMatch(/--size must be a long edge/);
    const unknown = run('export', '--outputs', String(ids[0]), '--out', join(base, 'x'), '--template', '{seed}-{colour}');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/template: unknown field \{colour\}/);
    expect(run('export', '--collection', 'Nope', '--out', join(base, 'x')).stderr).toMatch(/no collection named "Nope"/);
    expect(existsSync(join(base, 'x'))).toBe(false);
  });

  it('cancels on Ctrl+C with exit code 130, leaving only complete files', async () => {
    const out = join(base, 'interrupted');
    const child = spawn(process.execPath, [cli, 'export', '--outputs', ids.join(','), '--out', out, '--size', '4096', '--project', project], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const deadline = Date.now() + 60_000;
    const written = () => (existsSync(out) ? readdirSync(out).filter((name) => name.endsWith('.png')) : []);
    while (written().length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill('SIGINT');
    expect(await exited, stderr).toBe(130);
    const left = readdirSync(out);
    expect(left.length).toBeLessThan(ids.length);
    expect(left.every((name) => !name.startsWith('.'))).toBe(true);
    for (const name of left) expect(await sharp(join(out, name)).metadata()).toMatchObject({ width: 4096 });
  }, 90_000);
});
