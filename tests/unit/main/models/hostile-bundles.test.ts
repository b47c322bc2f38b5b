import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportModelReport, ImportModelReport, ModelSourceSummary } from '../../../../preload/contract';
import { forkEngine } from '../../../../main/engine/fork';
import { appPaths } from '../../../../main/paths';
import { createStudio, type Studio } from '../../../../main/studio';
import { caller, recordFileHashes } from './harness';

const starter = join(appPaths().root, 'assets', 'starter');
const starterBundles = ['fashion-dcgan-32', 'landscapes-dcgan-64', 'sketch-to-day-pix2pix-128', 'day-to-night-pix2pix-128'];
const cli = join(appPaths().root, 'dist', 'main', 'cli.js');

type Json = Record<string, any>;
const readJson = (path: string): Json => JSON.parse(readFileSync(path, 'utf8'));
const writeJson = (path: string, value: unknown) => writeFileSync(path, JSON.stringify(value));
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Model bundles made to hurt: damaged or altered weights, links out of the
 * bundle, absurd sizes, devices and FIFOs. Each is refused with an error
 * naming the file or field, quickly, and leaves the project as it was. No
 * training: the starter Fashion-MNIST bundle (exported before bundles
 * recorded hashes) is imported and exported again for fresh bundles.
 */
describe('hostile model bundles', () => {
  let studio: Studio;
  let base: string;
  let project: string;
  /** Fresh exports of the starter Fashion-MNIST model, with hashes: float32 and float16. */
  let full: ExportModelReport;
  let half: ExportModelReport;
  const call = caller(() => studio);
  const runCount = () => studio.project.library.db.prepare('SELECT count(*) FROM runs').pluck().get() as number;
  const stagedFiles = () => readdirSync(join(project, 'checkpoints'), { recursive: true }).map(String).filter((name) => name.includes('.tmp'));

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'studio-hostile-'));
    project = join(base, 'project');
    studio = createStudio('cli', forkEngine(appPaths().engineEntry), { backend: 'cpu' });
    await call('library.create', { path: project });
  }, 60_000);
  afterAll(() => {
    studio?.close();
    rmSync(base, { recursive: true, force: true });
  });

  it('the starter bundles, exported before bundles recorded hashes, still inspect and import', async () => {
    for (const name of starterBundles) {
      expect(readJson(join(starter, name, 'bundle.json'))['fileSha256']).toBeUndefined();
      await call<ModelSourceSummary>('models.inspect', { path: join(starter, name) });
      const report = await call<ImportModelReport>('models.import', { path: join(starter, name) });
      expect(report.summary).toMatchObject({ kind: 'bundle', path: join(starter, name) });
    }
    expect(runCount()).toBe(starterBundles.length);
  }, 120_000);

  it('a fresh export records the SHA-256 of each file it wrote, and an import verifies them', async () => {
    const fashion = studio.project.library.db.prepare(`SELECT c.id FROM checkpoints c JOIN runs r ON r.id = c.run_id WHERE r.name LIKE 'Fashion-MNIST%'`).pluck().get() as number;
    full = await call<ExportModelReport>('models.export', { checkpointId: fashion, folder: join(base, 'full') });
    half = await call<ExportModelReport>('models.export', { checkpointId: fashion, folder: join(base, 'half'), precision: 'float16' });
    for (const report of [full, half]) {
      const recorded = readJson(join(report.folder, 'bundle.json'))['fileSha256'] as Record<string, string>;
      expect(Object.keys(recorded).sort()).toEqual(['layers.js', 'model.json', 'weights.bin']);
      for (const [name, hash] of Object.entries(recorded)) expect(sha256(readFileSync(join(report.folder, name)))).toBe(hash);
    }
    const before = runCount();
    await call<ImportModelReport>('models.import', { path: full.folder });
    await call<ImportModelReport>('models.import', { path: half.folder });
    expect(runCount()).toBe(before + 2);
  }, 120_000);

  describe('refuses, naming the file or field, and leaves the project as it was', () => {
    const outside = () => join(base, 'outside');
    const variant = (from: () => ExportModelReport, name: string, change: (folder: string) => void) => {
      const folder = join(base, 'hostile', name);
      cpSync(from().folder, folder, { recursive: true });
      change(folder);
      return folder;
    };
    /** A bundle as exported before bundles recorded hashes. */
    const forgetHashes = (folder: string) => {
      const manifest = readJson(join(folder, 'bundle.json'));
      delete manifest['fileSha256'];
      writeJson(join(folder, 'bundle.json'), manifest);
    };
    const editManifest = (folder: string, edit: (manifest: Json) => void) => {
      const manifest = readJson(join(folder, 'bundle.json'));
      edit(manifest);
      writeJson(join(folder, 'bundle.json'), manifest);
    };
    const firstWeight = (folder: string) => readJson(join(folder, 'model.json'))['weightsManifest'][0].weights[0].name as string;
    const expectRefused = async (folder: string, message: RegExp) => {
      const before = runCount();
      for (const method of ['models.inspect', 'models.import']) {
        await expect(call(method, { path: folder })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(message) });
      }
      expect(runCount()).toBe(before);
      expect(stagedFiles()).toEqual([]);
    };

    beforeAll(() => {
      mkdirSync(outside());
      writeFileSync(join(outside(), 'secret.json'), '{"secret": "do not show me"}\nmore text');
    });

    it('a weights file with one bit flipped', async () => {
      const folder = variant(() => full, 'bit-flip', (path) => {
        const weights = readFileSync(join(path, 'weights.bin'));
        weights[1000] = weights[1000]! ^ 0x10;
        writeFileSync(join(path, 'weights.bin'), weights);
      });
      await expectRefused(folder, /^weights\.bin: its SHA-256 is not the one bundle\.json records/);
    });

    it('a model.json altered after export', async () => {
      const folder = variant(() => full, 'altered-model', (path) => writeFileSync(join(path, 'model.json'), `${readFileSync(join(path, 'model.json'), 'utf8')} `));
      await expectRefused(folder, /^model\.json: its SHA-256 is not the one bundle\.json records/);
    });

    it('a NaN weight, even in a bundle that records no hashes', async () => {
      const folder = variant(() => full, 'nan', (path) => {
        const weights = readFileSync(join(path, 'weights.bin'));
        weights.writeFloatLE(Number.NaN, 5 * 4);
        writeFileSync(join(path, 'weights.bin'), weights);
        forgetHashes(path);
      });
      await expectRefused(folder, new RegExp(`^model\\.json: weight ${firstWeight(folder)} holds NaN at index 5`));
    });

    it('an infinite weight in a float16 bundle', async () => {
      const folder = variant(() => half, 'inf-float16', (path) => {
        const weights = readFileSync(join(path, 'weights.bin'));
        weights.writeUInt16LE(0xfc00, 3 * 2); // −∞ as a half
        writeFileSync(join(path, 'weights.bin'), weights);
        recordFileHashes(path);
      });
      await expectRefused(folder, new RegExp(`^model\\.json: weight ${firstWeight(folder)} holds -Infinity at index 3`));
    });

    it('a model.json that is a link to /etc/passwd, without quoting it', async () => {
      const folder = variant(() => full, 'link-passwd', (path) => {
        rmSync(join(path, 'model.json'));
        symlinkSync('/etc/passwd', join(path, 'model.json'));
      });
      await expectRefused(folder, /^model\.json: leads outside the bundle/);
      const error = await call('models.inspect', { path: folder }).catch((failure: Error) => failure);
      expect((error as Error).message).not.toContain(readFileSync('/etc/passwd', 'utf8').split('\n')[0]!.slice(0, 8));
    });

    it('a weights file that is a link to a file outside the bundle, identical as it is', async () => {
      const folder = variant(() => full, 'link-weights', (path) => {
        cpSync(join(path, 'weights.bin'), join(outside(), 'weights.bin'));
        rmSync(join(path, 'weights.bin'));
        symlinkSync(join(outside(), 'weights.bin'), join(path, 'weights.bin'));
      });
      await expectRefused(folder, /^weights\.bin: leads outside the bundle/);
    });

    it('a bundle.json that is a link out of the bundle, without quoting what it leads to', async () => {
      const folder = variant(() => full, 'link-manifest', (path) => {
        rmSync(join(path, 'bundle.json'));
        symlinkSync(join(outside(), 'secret.json'), join(path, 'bundle.json'));
      });
      await expectRefused(folder, /^bundle\.json: leads outside the bundle/);
      const error = await call('models.inspect', { path: folder }).catch((failure: Error) => failure);
      expect((error as Error).message).not.toContain('do not show me');
    });

    it('weights named by a path that leaves the bundle', async () => {
      for (const [name, path] of [['dot-dot', '../weights.bin'], ['absolute', '/etc/passwd']] as const) {
        const folder = variant(() => full, name, (bundle) => {
          const model = readJson(join(bundle, 'model.json'));
          model['weightsManifest'][0].paths = [path];
          writeJson(join(bundle, 'model.json'), model);
          recordFileHashes(bundle);
        });
        await expectRefused(folder, new RegExp(`^model\\.json: names ${path.replaceAll('.', '\\.')}, which lies outside the bundle`));
      }
    });

    it('weights longer than model.json lists, or one file listed over and over, read no further than the list', async () => {
      const longer = variant(() => full, 'longer', (path) => {
        writeFileSync(join(path, 'weights.bin'), Buffer.concat([readFileSync(join(path, 'weights.bin')), Buffer.alloc(64)]));
        recordFileHashes(path);
      });
      await expectRefused(longer, /^weights\.bin: brings the weights past the \d+ bytes model\.json's weightsManifest lists$/);
      const repeated = variant(() => full, 'repeated', (path) => {
        const model = readJson(join(path, 'model.json'));
        model['weightsManifest'][0].paths = Array.from({ length: 1000 }, () => 'weights.bin');
        writeJson(join(path, 'model.json'), model);
        recordFileHashes(path);
      });
      await expectRefused(repeated, /^weights\.bin: brings the weights past the \d+ bytes model\.json's weightsManifest lists$/);
    });

    it('a file bundle.json records no hash for', async () => {
      const folder = variant(() => full, 'unrecorded', (path) => {
        cpSync(join(path, 'weights.bin'), join(path, 'weights-2.bin'));
        const model = readJson(join(path, 'model.json'));
        model['weightsManifest'][0].paths = ['weights-2.bin'];
        writeJson(join(path, 'model.json'), model);
        recordFileHashes(path);
      });
      await expectRefused(folder, /^weights-2\.bin: bundle\.json records no SHA-256 for it/);
    });

    it('absurd sizes in the config, before anything is built from them', async () => {
      const cases: [string, string, number, RegExp][] = [
        ['width', 'width', 1e9, /^bundle\.json: config\.width must be at most 256$/],
        ['latent', 'latentSize', 1e9, /^bundle\.json: config\.latentSize must be at most 1,024$/],
        ['classes', 'classes', -1, /^bundle\.json: config\.classes must be at least 0$/],
        ['fraction', 'width', 2.5, /^bundle\.json: config\.width must be a whole number$/],
      ];
      for (const [name, field, value, message] of cases) {
        const folder = variant(() => full, `config-${name}`, (path) => editManifest(path, (manifest) => void (manifest['config'][field] = value)));
        await expectRefused(folder, message);
      }
    });

    it('a file name in fileSha256 that leaves the bundle', async () => {
      const folder = variant(() => full, 'hash-name', (path) => editManifest(path, (manifest) => void (manifest['fileSha256']['../weights.bin'] = manifest['fileSha256']['weights.bin'])));
      await expectRefused(folder, /^bundle\.json: fileSha256\["\.\.\/weights\.bin"\] must name a file inside the bundle$/);
    });

    it('a FIFO in place of model.json or bundle.json, at once', async () => {
      for (const file of ['model.json', 'bundle.json']) {
        const folder = variant(() => full, `fifo-${file}`, (path) => {
          rmSync(join(path, file));
          execFileSync('mkfifo', [join(path, file)]);
        });
        await expectRefused(folder, new RegExp(`^${file.replace('.', '\\.')}: .* is a pipe \\(FIFO\\), not a regular file`));
      }
    }, 10_000);
  });

  describe('a device or a FIFO named as the model', () => {
    it('is refused by models.inspect and models.import at once', async () => {
      const fifo = join(base, 'model.lsck');
      execFileSync('mkfifo', [fifo]);
      for (const [path, kind] of [['/dev/zero', 'a device'], [fifo, 'a pipe \\(FIFO\\)']] as const) {
        for (const method of ['models.inspect', 'models.import']) {
          await expect(call<ModelSourceSummary>(method, { path })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(new RegExp(`^path: ${path} is ${kind}, not`)) });
        }
      }
    }, 10_000);

    it('is refused by the built CLI, which returns', () => {
      const env = { ...process.env, XDG_CONFIG_HOME: join(base, 'config') };
      for (const action of ['inspect', 'import']) {
        const result = spawnSync(process.execPath, [cli, 'models', action, '/dev/zero', '--project', join(base, 'cli-project')], { encoding: 'utf8', env, timeout: 9_000 });
        expect(result.status, result.stderr).toBe(1);
        expect(result.stderr).toMatch(/path: \/dev\/zero is a device, not/);
      }
    }, 20_000);
  });
});
