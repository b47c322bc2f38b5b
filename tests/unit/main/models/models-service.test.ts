import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExploreModel, ExportModelReport, ImportModelReport, JobProgress, LatentImage, ModelSourceSummary, RunDetail, TranslateModel, TranslationResult } from '../../../../preload/contract';
import { seedClass, seedVector } from '../../../../main/engine/latent/seed-latent';
import { forkEngine } from '../../../../main/engine/fork';
import { appPaths } from '../../../../main/paths';
import { createStudio, type Studio } from '../../../../main/studio';
import { fashionMnistIdx } from '../../../fixtures/fashion-mnist';
import { writeSideBySidePairs } from '../../../fixtures/translation-pairs';
import { blobPixels, caller, recordFileHashes, runFresh, trained } from './harness';

/**
 * models.export and models.import with the real engine (built by npm run
 * build): tiny models trained on wasm, then drawn on the cpu backend, where a
 * fresh TF.js process computes with the same kernels, so "the same image"
 * can be checked to the last pixel.
 */
describe('models service', () => {
  let studio: Studio;
  let base: string;
  let projectA: string;
  let dcgan: RunDetail;
  let conditional: RunDetail;
  let fastgan: RunDetail;
  let pix2pix: RunDetail;
  let cyclegan: RunDetail;
  let input: string;
  const call = caller(() => studio);
  const lastCheckpoint = (run: RunDetail) => run.checkpoints.at(-1)!.id;
  const exported = (name: string, request: Record<string, unknown>) => call<ExportModelReport>('models.export', { folder: join(base, name), ...request });
  const sample = async (checkpointId: number, seed: number) => (await call<LatentImage[]>('latent.sample', { checkpointId, seed, count: 1 }))[0]!;
  const inputPixels = async () => [...(await sharp(input).removeAlpha().raw().toBuffer())];

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'studio-models-'));
    projectA = join(base, 'project-a');
    studio = createStudio('cli', forkEngine(appPaths().engineEntry), { backend: 'wasm' });
    await call('library.create', { path: projectA });
    await call('datasets.import', { dataset: 'Fashion', kind: 'images', paths: [fashionMnistIdx(base, 120)] });
    const pairs = await writeSideBySidePairs(join(base, 'pairs'), 8, 64);
    await call('datasets.import', { dataset: 'Shapes', kind: 'paired', paths: [pairs] });
    // Fast learning and a short average, so a few steps already draw varied images to compare.
    // Nearest resizing: a DCGAN built from stock layers alone, which a bundle can carry without layers.js (bilinear needs it, as FastGAN's bundle shows).
    dcgan = await trained(call, { dataset: 'Fashion', model: 'dcgan', resolution: 32, width: 4, steps: 10, checkpointEvery: 10, batchSize: 8, seed: 1, learningRateG: 0.005, learningRateD: 0.005, emaDecay: 0.5, upsample: 'nearest' });
    conditional = await trained(call, { dataset: 'Fashion', model: 'dcgan', resolution: 32, width: 4, steps: 2, checkpointEvery: 2, batchSize: 8, seed: 2, conditional: true, upsample: 'nearest' });
    // A FastGAN just initialised draws flat grey (its batch norms' running statistics still at their start): a few more, faster steps.
    fastgan = await trained(call, { dataset: 'Fashion', model: 'fastgan', resolution: 32, width: 4, steps: 16, checkpointEvery: 16, batchSize: 4, seed: 5, learningRateG: 0.006, learningRateD: 0.006, emaDecay: 0.5 });
    pix2pix = await trained(call, { dataset: 'Shapes', model: 'pix2pix', resolution: 64, width: 4, steps: 2, checkpointEvery: 2, seed: 3 });
    cyclegan = await trained(call, { dataset: 'Shapes', model: 'cyclegan', resolution: 64, width: 4, residualBlocks: 1, steps: 2, checkpointEvery: 2, seed: 4 });
    input = join(base, 'input.png');
    await sharp(join(pairs, 'pair-002.png')).extract({ left: 0, top: 0, width: 64, height: 64 }).png().toFile(input);
    // Drawing from here on uses the cpu backend, whose kernels a stock TF.js has too.
    await call('system.setBackend', { backend: 'cpu' });
  }, 240_000);
  afterAll(() => studio?.close());

  describe('export', () => {
    it('writes a DCGAN’s moving average as model.json, weights, README and bundle.json, with its settings and provenance', async () => {
      const report = await exported('dcgan', { checkpointId: lastCheckpoint(dcgan) });
      expect(report.files.map((file) => file.name)).toEqual(['README.md', 'bundle.json', 'model.json', 'weights.bin']);
      expect(report).toMatchObject({ folder: join(base, 'dcgan'), architecture: 'dcgan', customLayers: [], networks: [{ modelFile: 'model.json', network: 'ema', direction: null }] });
      expect(report.bytes).toBe(report.files.reduce((sum, file) => sum + file.bytes, 0));
      expect(readdirSync(base).filter((name) => name.includes('.partial-'))).toEqual([]);

      const manifest = JSON.parse(readFileSync(join(report.folder, 'bundle.json'), 'utf8'));
      const checkpoint = dcgan.checkpoints.at(-1)!;
      expect(manifest).toMatchObject({
        format: 'latent-studio-model-bundle',
        version: 1,
        config: { architecture: 'dcgan', resolution: 32, channels: 1, width: 4, latentSize: 128, classes: 0 },
        training: { seed: 1, totalSteps: 10 },
        provenance: { project: 'project-a', runId: dcgan.id, runName: dcgan.name, step: 10, checkpointId: checkpoint.id, checkpointSha256: checkpoint.sha256, dataset: 'Fashion' },
        networks: [{ network: 'ema', modelFile: 'model.json', weightsFile: 'weights.bin', inputs: [{ name: 'g_noise', shape: [null, 128], dtype: 'float32' }], output: { shape: [null, 32, 32, 1] } }],
      });
      const readme = readFileSync(join(report.folder, 'README.md'), 'utf8');
      for (const fact of [dcgan.name, checkpoint.sha256, 'Fashion', '| latent size | 128 |', 'tf.loadLayersModel', 'moving average']) expect(readme).toContain(fact);
      const modelJson = JSON.parse(readFileSync(join(report.folder, 'model.json'), 'utf8'));
      expect(modelJson).toMatchObject({ format: 'layers-model', weightsManifest: [{ paths: ['weights.bin'] }] });
    });

    it('never overwrites a folder with something in it unless told, and keeps both when asked', async () => {
      const folder = join(base, 'occupied');
      mkdirSync(folder);
      writeFileSync(join(folder, 'notes.txt'), 'mine');
      await expect(exported('occupied', { checkpointId: lastCheckpoint(dcgan) })).rejects.toMatchObject({ code: 'ALREADY_EXISTS', message: expect.stringMatching(/^folder: .*occupied is not empty/) });
      expect(readdirSync(folder)).toEqual(['notes.txt']);
      expect((await exported('occupied', { checkpointId: lastCheckpoint(dcgan), conflict: 'keep-both' })).folder).toBe(`${folder}-2`);
      const replaced = await exported('occupied', { checkpointId: lastCheckpoint(dcgan), conflict: 'overwrite', ema: false });
      expect(replaced.networks[0]!.network).toBe('generator');
      expect(readdirSync(folder).sort()).toEqual(['README.md', 'bundle.json', 'model.json', 'weights.bin']);
      expect(readdirSync(base).filter((name) => name.startsWith('.occupied'))).toEqual([]);
      await expect(exported('x', { checkpointId: lastCheckpoint(pix2pix), ema: true })).rejects.toMatchObject({ message: expect.stringMatching(/^ema: .*only image GANs \(FastGAN, DCGAN\)/) });
      await expect(exported('x', { checkpointId: 999 })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/^checkpointId: /) });
    });

    it('reports progress as a job, and a cancelled export leaves nothing behind', async () => {
      const jobId = 'model-export-cancel-1';
      const seen: JobProgress[] = [];
      const unsubscribe = studio.events.subscribe((event, payload) => {
        const progress = payload as JobProgress;
        if (event !== 'jobProgress' || progress.jobId !== jobId) return;
        seen.push(progress);
        // As system.cancelJob does, once the job is registered (just after its first event).
        if (seen.length === 1) queueMicrotask(() => expect(studio.jobs.cancel(jobId)).toBe(true));
      });
      try {
        await expect(exported('cancelled', { checkpointId: lastCheckpoint(cyclegan), jobId })).rejects.toMatchObject({ code: 'CANCELLED' });
      } finally {
        unsubscribe();
      }
      expect(seen[0]).toMatchObject({ kind: 'model-export', state: 'running' });
      expect(seen.at(-1)!.state).toBe('cancelled');
      expect(existsSync(join(base, 'cancelled'))).toBe(false);
      expect(readdirSync(base).filter((name) => name.includes('.partial-'))).toEqual([]);
    });

    it('a DCGAN bundle loads in a fresh TF.js with stock layers only and draws the studio’s image of a seed', async () => {
      const folder = join(base, 'dcgan');
      const image = await sample(lastCheckpoint(dcgan), 7);
      const fresh = await runFresh(folder, 'model.json', { noise: [...seedVector(7, 128)], count: 1, latentSize: 128 }, { layers: false });
      expect(fresh.shape).toEqual([1, 32, 32, 1]);
      expect(new Set(fresh.pixels).size).toBeGreaterThan(10);
      expect(fresh.pixels).toEqual(await blobPixels(studio, image.blobHash, true));
    });

    it('a conditional DCGAN ships layers.js for its one-hot layer, and draws the same image of a seed and class with it', async () => {
      const report = await exported('conditional', { checkpointId: lastCheckpoint(conditional) });
      expect(report.customLayers).toEqual(['OneHot']);
      expect(report.files.map((file) => file.name)).toContain('layers.js');
      const image = await sample(lastCheckpoint(conditional), 13);
      const fresh = await runFresh(report.folder, 'model.json', { noise: [...seedVector(13, 128)], labels: [seedClass(13, 10)], count: 1, latentSize: 128 });
      expect(fresh.layers).toContain('OneHot');
      expect(fresh.pixels).toEqual(await blobPixels(studio, image.blobHash, true));
      await expect(runFresh(report.folder, 'model.json', { noise: [...seedVector(13, 128)], labels: [3], count: 1, latentSize: 128 }, { layers: false })).rejects.toThrow(/OneHot/);
    });

    it('a FastGAN bundle ships layers.js for its gated linear units, and in a fresh TF.js draws the studio’s image of a seed', async () => {
      const report = await exported('fastgan', { checkpointId: lastCheckpoint(fastgan) });
      expect(report).toMatchObject({ architecture: 'fastgan', customLayers: ['BilinearUpsampling2D', 'GatedLinearUnit'], networks: [{ modelFile: 'model.json', network: 'ema', direction: null }] });
      expect(report.files.map((file) => file.name)).toEqual(['README.md', 'bundle.json', 'layers.js', 'model.json', 'weights.bin']);
      const manifest = JSON.parse(readFileSync(join(report.folder, 'bundle.json'), 'utf8'));
      expect(manifest).toMatchObject({
        architecture: 'fastgan',
        config: { architecture: 'fastgan', resolution: 32, channels: 1, width: 4, latentSize: 256, classes: 0 },
        classNames: [],
        networks: [{ network: 'ema', inputs: [{ name: 'g_noise', shape: [null, 256], dtype: 'float32' }], output: { shape: [null, 32, 32, 1] } }],
      });
      const readme = readFileSync(join(report.folder, 'README.md'), 'utf8');
      for (const fact of ['FastGAN generator', '| latent size | 256 |', '| loss | hinge |', '| reconstruction weight |', 'tf.randomNormal([4, 256])', 'registerLatentStudioLayers']) expect(readme).toContain(fact);

      const image = await sample(lastCheckpoint(fastgan), 7);
      const noise = { noise: [...seedVector(7, 256)], count: 1, latentSize: 256 };
      const fresh = await runFresh(report.folder, 'model.json', noise);
      expect(fresh.shape).toEqual([1, 32, 32, 1]);
      expect(fresh.layers).toEqual(expect.arrayContaining(['BilinearUpsampling2D', 'GatedLinearUnit']));
      expect(new Set(fresh.pixels).size).toBeGreaterThan(10);
      expect(fresh.pixels).toEqual(await blobPixels(studio, image.blobHash, true));
      await expect(runFresh(report.folder, 'model.json', noise, { layers: false })).rejects.toThrow(/GatedLinearUnit/);
    });

    it('a pix2pix bundle (instance norm, reflection padding, no dropout) translates exactly as Translate does', async () => {
      const report = await exported('pix2pix', { checkpointId: lastCheckpoint(pix2pix) });
      expect(report).toMatchObject({ architecture: 'pix2pix', customLayers: ['BilinearUpsampling2D', 'InstanceNormalization', 'ReflectionPadding2D'], networks: [{ network: 'generator', direction: 'AtoB' }] });
      const translated = await call<TranslationResult>('translate.image', { checkpointId: lastCheckpoint(pix2pix), source: { path: input }, tiling: 'fit' });
      const fresh = await runFresh(report.folder, 'model.json', { pixels: await inputPixels(), height: 64, width: 64, channels: 3 });
      expect(fresh.layers).not.toContain('SeededDropout');
      expect(new Set(fresh.pixels).size).toBeGreaterThan(20);
      expect(fresh.pixels).toEqual(await blobPixels(studio, translated.blobHash));
    });

    it('a float16 bundle is half the weights and draws within a level or two of the full one, in a fresh TF.js', async () => {
      const full = await exported('pix2pix-full', { checkpointId: lastCheckpoint(pix2pix) });
      const half = await exported('pix2pix-half', { checkpointId: lastCheckpoint(pix2pix), precision: 'float16' });
      const weightBytes = (report: ExportModelReport) => report.files.find((file) => file.name === 'weights.bin')!.bytes;
      expect(half.precision).toBe('float16');
      expect(weightBytes(half)).toBe(weightBytes(full) / 2);
      const modelJson = JSON.parse(readFileSync(join(half.folder, 'model.json'), 'utf8'));
      expect(modelJson.weightsManifest[0].weights.every((spec: { quantization?: { dtype: string } }) => spec.quantization?.dtype === 'float16')).toBe(true);
      expect(readFileSync(join(half.folder, 'README.md'), 'utf8')).toContain('stored as float16');
      const image = { pixels: await inputPixels(), height: 64, width: 64, channels: 3 };
      const [fromFull, fromHalf] = [await runFresh(full.folder, 'model.json', image), await runFresh(half.folder, 'model.json', image)];
      const differences = fromHalf.pixels.map((value, index) => Math.abs(value - fromFull.pixels[index]!));
      expect(Math.max(...differences)).toBeLessThanOrEqual(3);
      expect(differences.filter((difference) => difference > 0).length).toBeLessThan(differences.length / 4);
    });

    it('a CycleGAN bundle holds both generators, each translating as Translate does', async () => {
      const report = await exported('cyclegan', { checkpointId: lastCheckpoint(cyclegan) });
      expect(report.customLayers).toEqual(['BilinearUpsampling2D', 'InstanceNormalization', 'ReflectionPadding2D']);
      expect(report.networks.map((network) => [network.modelFile, network.direction])).toEqual([['model.json', 'AtoB'], ['model-BtoA.json', 'BtoA']]);
      expect(report.files.map((file) => file.name)).toEqual(['README.md', 'bundle.json', 'layers.js', 'model-BtoA.json', 'model.json', 'weights-BtoA.bin', 'weights.bin']);
      const translated = await call<TranslationResult>('translate.image', { checkpointId: lastCheckpoint(cyclegan), direction: 'BtoA', source: { path: input }, tiling: 'fit' });
      const fresh = await runFresh(report.folder, 'model-BtoA.json', { pixels: await inputPixels(), height: 64, width: 64, channels: 3 });
      expect(fresh.pixels).toEqual(await blobPixels(studio, translated.blobHash));
    });
  });

  describe('import', () => {
    let reference: { dcgan: number[]; raw: number[]; pix2pix: number[]; fastgan: number[] };
    let projectB: string;
    const runCount = () => (studio.project.library.db.prepare('SELECT count(*) FROM runs').pluck().get() as number);
    const stagedFiles = () => readdirSync(join(projectB, 'checkpoints'), { recursive: true }).map(String).filter((name) => name.includes('.tmp'));

    beforeAll(async () => {
      const raw = await call<LatentImage[]>('latent.sample', { checkpointId: lastCheckpoint(dcgan), seed: 7, count: 1, ema: false });
      const translated = await call<TranslationResult>('translate.image', { checkpointId: lastCheckpoint(pix2pix), source: { path: input }, tiling: 'fit' });
      reference = {
        dcgan: await blobPixels(studio, (await sample(lastCheckpoint(dcgan), 7)).blobHash, true),
        raw: await blobPixels(studio, raw[0]!.blobHash, true),
        pix2pix: await blobPixels(studio, translated.blobHash),
        fastgan: await blobPixels(studio, (await sample(lastCheckpoint(fastgan), 7)).blobHash, true),
      };
      projectB = join(base, 'project-b');
      await call('library.create', { path: projectB });
    });

    it('says what a bundle holds before importing it', async () => {
      const summary = await call<ModelSourceSummary>('models.inspect', { path: join(base, 'conditional') });
      expect(summary).toMatchObject({ kind: 'bundle', architecture: 'dcgan', runName: conditional.name, step: 2, resolution: 32, latentSize: 128, project: 'project-a', dataset: 'Fashion', usableIn: 'explore' });
      expect(summary.classNames).toHaveLength(10);
      expect(runCount()).toBe(0);
    });

    it('imports a DCGAN bundle as a completed run that Explore draws the same seed from, pixel for pixel', async () => {
      const report = await call<ImportModelReport>('models.import', { path: join(base, 'dcgan') });
      expect(report.runName).toBe(`${dcgan.name} (imported)`);
      const run = await call<RunDetail>('training.get', { runId: report.runId });
      expect(run).toMatchObject({ status: 'completed', step: 10, dataset: null, imported: true, config: { architecture: 'dcgan', width: 4, emaDecay: 0 } });
      expect(run.checkpoints.map((checkpoint) => checkpoint.id)).toEqual([report.checkpointId]);
      const model = (await call<ExploreModel[]>('latent.models')).find((entry) => entry.checkpointId === report.checkpointId)!;
      expect(model).toMatchObject({ runName: report.runName, resolution: 32, hasEma: false });
      expect(await blobPixels(studio, (await sample(report.checkpointId, 7)).blobHash, true)).toEqual(reference.dcgan);
    });

    it('imports a FastGAN bundle as a run that Explore, not Translate, lists and draws the same seed from, pixel for pixel', async () => {
      const summary = await call<ModelSourceSummary>('models.inspect', { path: join(base, 'fastgan') });
      expect(summary).toMatchObject({ kind: 'bundle', architecture: 'fastgan', runName: fastgan.name, step: 16, resolution: 32, latentSize: 256, classNames: [], directions: [], usableIn: 'explore' });
      const report = await call<ImportModelReport>('models.import', { path: join(base, 'fastgan') });
      const run = await call<RunDetail>('training.get', { runId: report.runId });
      expect(run).toMatchObject({ status: 'completed', step: 16, imported: true, config: { architecture: 'fastgan', width: 4, emaDecay: 0 } });
      const model = (await call<ExploreModel[]>('latent.models')).find((entry) => entry.checkpointId === report.checkpointId)!;
      expect(model).toMatchObject({ runName: report.runName, resolution: 32, channels: 1, latentSize: 256, hasEma: false, classNames: [] });
      expect(await blobPixels(studio, (await sample(report.checkpointId, 7)).blobHash, true)).toEqual(reference.fastgan);
      expect((await call<TranslateModel[]>('translate.models')).map((entry) => entry.checkpointId)).not.toContain(report.checkpointId);
    });

    it('keeps a conditional model’s class names, and refuses to train an imported run further', async () => {
      const report = await call<ImportModelReport>('models.import', { path: join(base, 'conditional') });
      const model = (await call<ExploreModel[]>('latent.models')).find((entry) => entry.checkpointId === report.checkpointId)!;
      const summary = await call<ModelSourceSummary>('models.inspect', { path: join(base, 'conditional') });
      expect(model.classNames).toEqual(summary.classNames);
      expect(model.classNames[0]).not.toBe('Class 0');
      await expect(call('training.resume', { runId: report.runId, steps: 10 })).rejects.toMatchObject({ message: expect.stringMatching(/^runId: run ".*" was imported without its dataset/) });
      expect((await call<RunDetail>('training.get', { runId: report.runId })).status).toBe('completed');
    });

    it('imports a pix2pix bundle that Translate uses at once, translating exactly as before', async () => {
      const report = await call<ImportModelReport>('models.import', { path: join(base, 'pix2pix', 'model.json'), name: 'Shapes, brought over' });
      const model = (await call<TranslateModel[]>('translate.models')).find((entry) => entry.checkpointId === report.checkpointId)!;
      expect(model).toMatchObject({ runName: 'Shapes, brought over', architecture: 'pix2pix', directions: ['AtoB'], resolution: 64 });
      const translated = await call<TranslationResult>('translate.image', { checkpointId: report.checkpointId, source: { path: input }, tiling: 'fit' });
      expect(await blobPixels(studio, translated.blobHash)).toEqual(reference.pix2pix);
    });

    it('imports a float16 bundle, which Translate uses within a level or two of the original', async () => {
      const report = await call<ImportModelReport>('models.import', { path: join(base, 'pix2pix-half') });
      const translated = await call<TranslationResult>('translate.image', { checkpointId: report.checkpointId, source: { path: input }, tiling: 'fit' });
      const pixels = await blobPixels(studio, translated.blobHash);
      expect(Math.max(...pixels.map((value, index) => Math.abs(value - reference.pix2pix[index]!)))).toBeLessThanOrEqual(3);
    });

    it('imports a checkpoint file from another project whole, named from that project’s library', async () => {
      const file = dcgan.checkpoints.at(-1)!;
      const path = (await call<ModelSourceSummary>('models.inspect', { path: projectA, checkpointId: file.id })).path;
      const report = await call<ImportModelReport>('models.import', { path });
      expect(report.summary).toMatchObject({ kind: 'checkpoint', runName: dcgan.name, project: 'project-a', dataset: 'Fashion', checkpointSha256: file.sha256 });
      const run = await call<RunDetail>('training.get', { runId: report.runId });
      expect(run.checkpoints[0]!.sha256).toBe(file.sha256);
      expect(run.config).toMatchObject({ emaDecay: dcgan.config['emaDecay'] });
      expect(await blobPixels(studio, (await sample(report.checkpointId, 7)).blobHash, true)).toEqual(reference.dcgan);
      const raw = await call<LatentImage[]>('latent.sample', { checkpointId: report.checkpointId, seed: 7, count: 1, ema: false });
      expect(await blobPixels(studio, raw[0]!.blobHash, true)).toEqual(reference.raw);
      await expect(call('models.import', { path: projectA })).rejects.toMatchObject({ message: expect.stringMatching(/^checkpointId: .* is a project/) });
      const own = join(projectB, 'checkpoints', `run-${report.runId}`);
      await expect(call('models.import', { path: join(own, readdirSync(own)[0]!) })).rejects.toMatchObject({ code: 'ALREADY_EXISTS', message: expect.stringMatching(/of this project already$/) });
    });

    it('imports a checkpoint by its project and id: a CycleGAN goes both ways in Translate', async () => {
      const report = await call<ImportModelReport>('models.import', { path: projectA, checkpointId: lastCheckpoint(cyclegan) });
      expect(report.summary).toMatchObject({ kind: 'checkpoint', architecture: 'cyclegan', directions: ['AtoB', 'BtoA'], usableIn: 'translate' });
      const model = (await call<TranslateModel[]>('translate.models')).find((entry) => entry.checkpointId === report.checkpointId)!;
      expect(model).toMatchObject({ runName: `${cyclegan.name} (imported)`, directions: ['AtoB', 'BtoA'] });
      await expect(call('models.import', { path: projectA, checkpointId: 999 })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/^checkpointId: .* has no checkpoint 999/) });
    });

    describe('refuses a malformed bundle, naming the file or field, and leaves the project as it was', () => {
      const variant = (name: string, change: (folder: string) => void) => {
        const folder = join(base, 'broken', name);
        cpSync(join(base, 'dcgan'), folder, { recursive: true });
        change(folder);
        return folder;
      };
      const editManifest = (folder: string, edit: (manifest: Record<string, any>) => void) => {
        const manifest = JSON.parse(readFileSync(join(folder, 'bundle.json'), 'utf8'));
        edit(manifest);
        writeFileSync(join(folder, 'bundle.json'), JSON.stringify(manifest));
      };
      const cases: [string, (folder: string) => void, RegExp][] = [
        ['no model.json', (folder) => rmSync(join(folder, 'model.json')), /^model\.json: missing from /],
        ['no bundle.json', (folder) => rmSync(join(folder, 'bundle.json')), /^bundle\.json: missing from /],
        ['short weights', (folder) => {
          truncateSync(join(folder, 'weights.bin'), 1000);
          recordFileHashes(folder);
        }, /^weights\.bin: 1000 bytes of weights, but model\.json's weightsManifest lists \d+/],
        ['unknown architecture', (folder) => editManifest(folder, (manifest) => void (manifest['config'].architecture = 'stylegan')), /^bundle\.json: config\.architecture must be fastgan, dcgan, pix2pix or cyclegan/],
        ['another shape', (folder) => editManifest(folder, (manifest) => void (manifest['config'].width = 8)), /^model\.json: weight g_dense\/kernel is \[128,256\], but a dcgan generator at 32 px, width 8 has \[128,512\]/],
        ['bad JSON', (folder) => writeFileSync(join(folder, 'bundle.json'), '{ "format": '), /^bundle\.json: is not valid JSON/],
        ['uint8 weights', (folder) => {
          const modelJson = JSON.parse(readFileSync(join(folder, 'model.json'), 'utf8'));
          modelJson.weightsManifest[0].weights[0].quantization = { dtype: 'uint8', scale: 0.01, min: -1 };
          writeFileSync(join(folder, 'model.json'), JSON.stringify(modelJson));
          recordFileHashes(folder);
        }, /^model\.json: weight g_dense\/kernel is quantized to uint8; only full-precision and float16 weights can be imported/],
        ['no provenance step', (folder) => editManifest(folder, (manifest) => void delete manifest['provenance'].step), /^bundle\.json: provenance\.step /],
      ];
      for (const [name, change, message] of cases) {
        it(name, async () => {
          const before = runCount();
          const folder = variant(name.replaceAll(' ', '-'), change);
          await expect(call('models.import', { path: folder })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(message) });
          expect(runCount()).toBe(before);
          expect(stagedFiles()).toEqual([]);
        });
      }

      it('and a damaged checkpoint file', async () => {
        const damaged = join(base, 'damaged.lsck');
        const folder = join(projectA, 'checkpoints', `run-${dcgan.id}`);
        const bytes = readFileSync(join(folder, readdirSync(folder)[0]!));
        bytes[bytes.length - 10] = 255 - bytes[bytes.length - 10]!;
        writeFileSync(damaged, bytes);
        const before = runCount();
        await expect(call('models.import', { path: damaged })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining(`${damaged} is not a usable checkpoint: its weights do not match their checksum`) });
        expect(runCount()).toBe(before);
        expect(stagedFiles()).toEqual([]);
      });
    });
  });
});

