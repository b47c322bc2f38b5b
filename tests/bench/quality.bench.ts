/**
 * `npm run bench -- quality`: what each recipe draws for the same data in the
 * same wall-clock time on this machine, by the run metrics (SWD, the spectral
 * artefact score, diversity) and by eye (sample grids written to look at).
 *
 *   Fashion-MNIST, 4,000 images at 32 px (Debian's dataset-fashion-mnist);
 *   the scene generator's landscapes, 2,000 day scenes at 64 px:
 *     DCGAN as the papers built it (4×4 transposed convolutions),
 *     DCGAN with resize-convolution (the studio's DCGAN default),
 *     FastGAN (the studio's default for an image set),
 *   each trained for the same budget; and on Fashion-MNIST FastGAN at its
 *   default settings for 600 steps, against the targets of issue 15: SWD at
 *   least 40% below step 0 and a spectral score within 1.5× of real images'.
 *
 *   Scene pairs at 128 px, day → night (200 pairs, 20 held out): pix2pix as
 *   the paper built it (transposed convolutions, zero padding) and the
 *   studio's (resize-convolution, reflection padding) for the same budget,
 *   against the best global colour map (a 3×3 affine colour transform fitted
 *   to the training pairs by least squares) in held-out L1; and a 512 px
 *   scene translated in tiles, whose grid or banding would show as
 *   upsampling-harmonic peaks in its spectrum against the real night image.
 *
 *   The FastGAN implementation against its PyTorch peer
 *   (peers/fastgan_torch.py, the same network and recipe): the same 4,000
 *   padded Fashion-MNIST images, 400 steps, three seeds each, SWD measured by
 *   the studio's metric on both sides' samples; issue 15 asks for ours within
 *   15% of PyTorch's. The two draw different random numbers, so it is the
 *   means over seeds that compare.
 *
 * BENCH_QUALITY_MINUTES sets the budget per recipe (default 10; the
 * comparison is only fair on a quiet machine), BENCH_QUALITY_CASES picks
 * cases (fashion,landscapes,pix2pix,peer), BENCH_QUALITY_OUT the folder for
 * the grids (default docs/quality), BENCH_PYTHON the peer's Python
 * (/usr/bin/python3, with python3-torch and libopenblas0-openmp).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import sharp from 'sharp';
import { rawImage } from '../../main/images/raw-image';
import { registerWasmTrainingKernels } from '../../main/engine/kernels/register';
import { enableWasmThreads } from '../../main/engine/kernels/threads';
import { generatePixels, gridOf, latentsForSeeds, predictWith } from '../../main/engine/latent/generate';
import { loadGenerator } from '../../main/engine/latent/loaded-generator';
import type { ImageBatch } from '../../main/engine/metrics/image-batch';
import { imageSimilarity } from '../../main/engine/metrics/image-similarity';
import { compareSpectra, spectralProfile } from '../../main/engine/metrics/spectral-artefacts';
import { defaultDcganConfig, defaultPix2pixConfig, type ImageGanConfig, type ModelConfig, type Pix2pixConfig } from '../../main/engine/models/config';
import type { TrainingData } from '../../main/engine/protocol';
import { SeededRandom } from '../../main/engine/random';
import { BatchSource, splitHeldOut } from '../../main/engine/train/data';
import { imageGanNetworks } from '../../main/engine/train/image-gan/networks';
import { measureQuality, qualityMetrics, qualityReference, type QualityReference } from '../../main/engine/train/image-gan/quality';
import { train } from '../../main/engine/train/loop';
import { loadTranslator } from '../../main/engine/translate/loaded-translator';
import { translateTiled, translateWhole } from '../../main/engine/translate/translate-image';
import { writeTensorCache } from '../../main/formats/tensor-cache';
import { describeScene } from '../../main/scenes/describe-scene';
import { renderScenePng } from '../../main/scenes/render-scene';
import { planRun } from '../../main/training/plan';
import { fashionMnistCache } from '../fixtures/fashion-mnist';
import { openblasFolder } from './shared-workers';

const budgetSeconds = 60 * Number(process.env['BENCH_QUALITY_MINUTES'] ?? 10);
const cases = (process.env['BENCH_QUALITY_CASES'] ?? 'fashion,landscapes,pix2pix').split(',');
const out = process.env['BENCH_QUALITY_OUT'] ?? join(import.meta.dirname, '../../docs/quality');
const scratch = mkdtempSync(join(tmpdir(), 'bench-quality-'));
const seed = 1;
const gridColumns = 8;

interface Trained {
  readonly checkpoint: string;
  readonly steps: number;
  readonly seconds: number;
}

/** Trains until `steps` or the budget, whichever comes first; the loop writes a checkpoint where it stops. */
async function trainFor(name: string, config: ModelConfig, data: TrainingData, limit: { steps?: number; seconds?: number }, runSeed = seed): Promise<Trained> {
  const folder = join(scratch, name);
  const totalSteps = limit.steps ?? 10_000_000;
  let checkpoint = '';
  let trainSeconds = 0;
  const started = performance.now();
  const result = await train(
    { backend: null, config, seed: runSeed, totalSteps, data, checkpointDir: join(folder, 'checkpoints'), previewDir: join(folder, 'previews'), resumeFrom: null, checkpointEvery: totalSteps, previewEvery: totalSteps, metricsEvery: totalSteps + 1 },
    (event) => {
      if (event.type === 'checkpoint') checkpoint = event.path;
      if (event.type === 'metrics') trainSeconds = event.trainSeconds;
    },
    () => limit.seconds !== undefined && (performance.now() - started) / 1000 > limit.seconds,
  );
  return { checkpoint, steps: result.step, seconds: result.trainSeconds || trainSeconds };
}

async function writePng(name: string, image: ImageBatch): Promise<string> {
  mkdirSync(out, { recursive: true });
  const path = join(out, `${name}.png`);
  await rawImage(image.pixels, image.width, image.height, image.channels as 1 | 3).png().toFile(path);
  return path;
}

const format = (value: number, digits = 1) => value.toFixed(digits);

// ---- image sets: DCGAN (transposed), DCGAN (resize), FastGAN ---------------

interface ImageCase {
  readonly name: string;
  readonly cache: string;
  readonly resolution: 32 | 64;
  readonly channels: 1 | 3;
}

/** The recipes as the Train view would start them (plan.ts) at the Balanced preset, on this set. */
function recipesFor(set: ImageCase, itemCount: number): { label: string; config: ImageGanConfig }[] {
  const facts = { kind: 'images', channels: set.channels, classCount: 0, itemCount } as const;
  const planned = (model: 'dcgan' | 'fastgan', extra: object = {}) => planRun({ dataset: set.name, model, resolution: set.resolution, ...extra }, facts, () => seed).config as ImageGanConfig;
  return [
    { label: 'DCGAN, transposed (2016)', config: planned('dcgan', { upsample: 'transposed' }) },
    { label: 'DCGAN, resize-conv', config: planned('dcgan') },
    { label: 'FastGAN (default)', config: planned('fastgan') },
  ];
}

interface Measured {
  readonly label: string;
  readonly steps: number;
  readonly secondsPerStep: number;
  readonly before: Record<string, number>;
  readonly after: Record<string, number>;
  readonly grid: string;
}

async function measureRecipe(set: ImageCase, label: string, config: ImageGanConfig, reference: QualityReference, limit: { steps?: number; seconds?: number }): Promise<Measured> {
  const untrained = imageGanNetworks(config, new SeededRandom(seed));
  const before = await measureQuality(untrained.sampler, config, reference);
  untrained.dispose();
  const slug = `${set.name}-${label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/-+$/, '')}`;
  const trained = await trainFor(slug, config, { kind: 'images', cache: set.cache }, limit);
  const loaded = loadGenerator(trained.checkpoint, true);
  const after = await measureQuality(loaded.generator, config, reference);
  const samples = await generatePixels(predictWith(loaded.generator), config, latentsForSeeds(config, Array.from({ length: gridColumns * gridColumns }, (_, n) => n)));
  const grid = await writePng(slug, gridOf(samples, gridColumns));
  return { label, steps: trained.steps, secondsPerStep: trained.seconds / Math.max(1, trained.steps), before, after, grid };
}

/**
 * What real images score against the reference: groups of 256 other images of
 * the set (none of the reference's, which would flatter them), averaged over
 * four groups, since one group's spectral score varies with the draw alone
 * (1.1 to 2.9 over eight groups of Fashion-MNIST, mostly in the harmonic
 * term's largest-of-many-bins reading). This is the floor a recipe is held to.
 */
function realScores(data: BatchSource, itemCount: number, set: ImageCase, reference: QualityReference): { scores: Record<string, number>; sample: ImageBatch } {
  const shape = { height: set.resolution, width: set.resolution, channels: set.channels };
  const imageBytes = set.resolution * set.resolution * set.channels;
  // BatchSource.sample spreads its picks evenly: the reference holds these indices, and sample(itemCount) every image in order.
  const inReference = new Set(Array.from({ length: reference.real.count }, (_, n) => Math.floor((n * itemCount) / reference.real.count)));
  const everything = data.sample(itemCount).pixels;
  const others = Array.from({ length: itemCount }, (_, index) => index).filter((index) => !inReference.has(index));
  const groups = Array.from({ length: 4 }, (_, group) => {
    const pixels = new Uint8Array(256 * imageBytes);
    for (let n = 0; n < 256; n++) {
      const index = others[(group * 256 + n) % others.length]!;
      pixels.set(everything.subarray(index * imageBytes, (index + 1) * imageBytes), n * imageBytes);
    }
    return { pixels, count: 256, ...shape };
  });
  const measured = groups.map((group) => qualityMetrics(group, null, reference));
  const scores = Object.fromEntries(Object.keys(measured[0]!).map((key) => [key, measured.reduce((sum, scores) => sum + scores[key]!, 0) / measured.length]));
  return { scores, sample: groups[0]! };
}

async function imageCase(set: ImageCase, itemCount: number): Promise<void> {
  const data = new BatchSource(set.cache, 8, seed);
  const config = { ...defaultDcganConfig, resolution: set.resolution, channels: set.channels, classes: 0 };
  const reference = qualityReference(data, config);
  const { scores: real, sample: realSample } = realScores(data, itemCount, set, reference);
  data.close();
  await writePng(`${set.name}-real`, gridOf({ ...realSample, count: gridColumns * gridColumns }, gridColumns));

  const results: Measured[] = [];
  for (const { label, config: recipe } of recipesFor(set, itemCount)) {
    results.push(await measureRecipe(set, label, recipe, reference, { seconds: budgetSeconds }));
    report(set, real, results.at(-1)!);
  }
  if (set.name === 'fashion') {
    // Issue 15's target: the default recipe, 600 steps.
    const fastgan = recipesFor(set, itemCount).at(-1)!.config;
    const target = await measureRecipe(set, 'FastGAN 600 steps', fastgan, reference, { steps: 600 });
    report(set, real, target);
    const swdDrop = 1 - target.after['swd']! / target.before['swd']!;
    const spectralRatio = target.after['spectral']! / real['spectral']!;
    console.log(`  target: SWD ${format(100 * swdDrop, 0)}% below step 0 (≥ 40%: ${swdDrop >= 0.4 ? 'met' : 'NOT met'}), spectral ${format(spectralRatio, 2)}× real (≤ 1.5×: ${spectralRatio <= 1.5 ? 'met' : 'NOT met'})`);
  }
}

function report(set: ImageCase, real: Record<string, number>, result: Measured): void {
  const { before, after } = result;
  console.log(
    `  ${set.name.padEnd(10)} ${result.label.padEnd(26)} ${String(result.steps).padStart(6)} steps ${format(result.secondsPerStep, 2).padStart(6)} s/step` +
      `  SWD ${format(before['swd']!).padStart(6)} → ${format(after['swd']!).padStart(6)} (real ${format(real['swd']!)})` +
      `  spectral ${format(after['spectral']!, 2)} (real ${format(real['spectral']!, 2)})  diversity ${format(after['diversity']!, 2)}  grid ${result.grid}`,
  );
}

// ---- data ------------------------------------------------------------------

async function sceneImages(count: number, size: number, view: 'day' | 'night', firstSeed: number): Promise<Uint8Array[]> {
  const images: Uint8Array[] = [];
  for (let n = 0; n < count; n++) {
    const png = await renderScenePng(describeScene(firstSeed + n), { width: size, height: size }, view);
    images.push(new Uint8Array(await sharp(png).removeAlpha().raw().toBuffer()));
  }
  return images;
}

async function sceneCache(name: string, images: readonly Uint8Array[], size: number): Promise<string> {
  const path = join(scratch, `${name}.lstc`);
  await writeTensorCache(path, { count: images.length, height: size, width: size, channels: 3, labels: null, classNames: [], fingerprint: name }, images);
  return path;
}

// ---- pix2pix: day → night ----------------------------------------------------

/** Least-squares fit of night ≈ M·day + b over every pixel of the training pairs: the best a global colour map can do. */
function fitColourMap(days: readonly Uint8Array[], nights: readonly Uint8Array[]): (pixels: Uint8Array) => Uint8Array {
  // Normal equations for each output channel over inputs [r, g, b, 1].
  const xtx = Array.from({ length: 4 }, () => new Float64Array(4));
  const xty = Array.from({ length: 3 }, () => new Float64Array(4));
  days.forEach((day, image) => {
    const night = nights[image]!;
    for (let p = 0; p < day.length; p += 3) {
      const x = [day[p]! / 255, day[p + 1]! / 255, day[p + 2]! / 255, 1];
      for (let i = 0; i < 4; i++) {
        for (let j = 0; j < 4; j++) xtx[i]![j]! += x[i]! * x[j]!;
        for (let c = 0; c < 3; c++) xty[c]![i]! += x[i]! * (night[p + c]! / 255);
      }
    }
  });
  const weights = xty.map((rhs) => solve4(xtx, rhs));
  return (pixels) => {
    const mapped = new Uint8Array(pixels.length);
    for (let p = 0; p < pixels.length; p += 3) {
      const x = [pixels[p]! / 255, pixels[p + 1]! / 255, pixels[p + 2]! / 255, 1];
      for (let c = 0; c < 3; c++) mapped[p + c] = Math.round(255 * Math.min(1, Math.max(0, x.reduce((sum, value, i) => sum + value * weights[c]![i]!, 0))));
    }
    return mapped;
  };
}

/** Gaussian elimination with partial pivoting on a 4×4 system. */
function solve4(matrix: readonly Float64Array[], rhs: Float64Array): number[] {
  const a = matrix.map((row, i) => [...row, rhs[i]!]);
  for (let col = 0; col < 4; col++) {
    const pivot = a.slice(col).reduce((best, row, i) => (Math.abs(row[col]!) > Math.abs(a[best]![col]!) ? col + i : best), col);
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    for (let row = col + 1; row < 4; row++) {
      const factor = a[row]![col]! / a[col]![col]!;
      for (let k = col; k < 5; k++) a[row]![k]! -= factor * a[col]![k]!;
    }
  }
  const solution = [0, 0, 0, 0];
  for (let row = 3; row >= 0; row--) solution[row] = (a[row]![4]! - a[row]!.slice(row + 1, 4).reduce((sum, value, k) => sum + value * solution[row + 1 + k]!, 0)) / a[row]![row]!;
  return solution;
}

const one = (pixels: Uint8Array, size: number): ImageBatch => ({ count: 1, height: size, width: size, channels: 3, pixels });
const batchOf = (images: readonly Uint8Array[], size: number): ImageBatch => ({ count: images.length, height: size, width: size, channels: 3, pixels: Uint8Array.from(images.flatMap((image) => [...image])) });

async function pix2pixCase(): Promise<void> {
  const size = 128;
  const [pairs, heldOut] = [200, 20];
  const days = await sceneImages(pairs, size, 'day', 5000);
  const nights = await sceneImages(pairs, size, 'night', 5000);
  const data: TrainingData = { kind: 'domains', A: await sceneCache('day-128', days, size), B: await sceneCache('night-128', nights, size) };
  // The pairs the runs hold out of training, as they choose them.
  const split = splitHeldOut(pairs, heldOut);
  const pick = (images: readonly Uint8Array[], indices: Uint32Array) => Array.from(indices, (index) => images[index]!);
  const testDays = pick(days, split.heldOut);
  const testNights = pick(nights, split.heldOut);

  const colourMap = fitColourMap(pick(days, split.training), pick(nights, split.training));
  const mapped = testDays.map(colourMap);
  const colourL1 = imageSimilarity(batchOf(mapped, size), batchOf(testNights, size)).l1;
  console.log(`  pix2pix    best global colour map (3×3 affine)   held-out L1 ${format(colourL1, 4)}`);

  const base: Pix2pixConfig = { ...defaultPix2pixConfig, resolution: size, channelsA: 3, channelsB: 3, width: 32, heldOut };
  const recipes = [
    { label: 'pix2pix, transposed + zeros (2017)', config: { ...base, upsample: 'transposed', padding: 'zeros' } as const },
    { label: 'pix2pix, resize + reflect (default)', config: base },
  ];
  const rows: ImageBatch[] = [];
  for (const { label, config } of recipes) {
    const trained = await trainFor(`pix2pix-${config.upsample}`, config, data, { seconds: budgetSeconds });
    const model = loadTranslator(trained.checkpoint, 'AtoB');
    const outputs = testDays.map((day) => translateWhole(model, one(day, size)).pixels);
    const l1 = imageSimilarity(batchOf(outputs, size), batchOf(testNights, size)).l1;
    const spectral = compareSpectra(spectralProfile(batchOf(outputs, size), 'outputs'), spectralProfile(batchOf(testNights, size), 'targets'));
    // A large scene in tiles: a grid or banding shows as harmonic peaks against the real night view.
    const [bigDay] = await sceneImages(1, 512, 'day', 9000);
    const [bigNight] = await sceneImages(1, 512, 'night', 9000);
    const tiled = await translateTiled(model, one(bigDay!, 512), 32, one(bigDay!, 512));
    const tiledSpectral = compareSpectra(spectralProfile(tiled, 'tiled'), spectralProfile(one(bigNight!, 512), 'night'));
    await writePng(`pix2pix-${config.upsample}-tiled-512`, tiled);
    rows.push(batchOf([...testDays.slice(0, 6), ...outputs.slice(0, 6), ...testNights.slice(0, 6)], size));
    console.log(
      `  pix2pix    ${label.padEnd(36)} ${String(trained.steps).padStart(6)} steps  held-out L1 ${format(l1, 4)} (${l1 < colourL1 ? 'beats' : 'does NOT beat'} the colour map)` +
        `  spectral ${format(spectral.score, 2)} (harmonic ${format(spectral.harmonic, 2)})  512 px tiled: harmonic ${format(tiledSpectral.harmonic, 2)}`,
    );
  }
  rows.push(batchOf([...testDays.slice(0, 6), ...mapped.slice(0, 6), ...testNights.slice(0, 6)], size));
  for (const [index, name] of ['pix2pix-transposed', 'pix2pix-nearest', 'colour-map'].entries()) {
    console.log(`    grid (day | output | night): ${await writePng(`day-to-night-${name}`, gridOf(rows[index]!, 6))}`);
  }
}

// ---- FastGAN against its PyTorch peer ---------------------------------------

/** uint8 images as a NumPy .npy file (format 1.0), for the peer to read. */
function writeNpy(path: string, pixels: Uint8Array, shape: readonly number[]): void {
  const dictionary = `{'descr': '|u1', 'fortran_order': False, 'shape': (${shape.join(', ')}), }`;
  // Magic, version, header length, then the header padded with spaces so the data starts on a multiple of 64.
  const unpadded = 10 + dictionary.length + 1;
  const header = `${dictionary}${' '.repeat((64 - (unpadded % 64)) % 64)}\n`;
  const prefix = Buffer.alloc(10);
  prefix.write('\x93NUMPY', 0, 'latin1');
  prefix.writeUInt8(1, 6);
  prefix.writeUInt8(0, 7);
  prefix.writeUInt16LE(header.length, 8);
  writeFileSync(path, Buffer.concat([prefix, Buffer.from(header, 'latin1'), pixels]));
}

/** The uint8 data of a .npy file the peer wrote (format 1.0, C order). */
function readNpy(path: string): Uint8Array {
  const file = readFileSync(path);
  const headerLength = file.readUInt16LE(8);
  return new Uint8Array(file.subarray(10 + headerLength));
}

async function peerCase(): Promise<void> {
  const steps = 400;
  const seeds = [1, 2, 3];
  const count = 4000;
  const cache = await fashionMnistCache(scratch, count);
  const data = new BatchSource(cache, 8, seed);
  const images = data.sample(count).pixels;
  const reference = qualityReference(data, { ...defaultDcganConfig, resolution: 32, channels: 1, classes: 0 });
  data.close();
  const npy = join(scratch, 'fashion-4000.npy');
  writeNpy(npy, images, [count, 32, 32, 1]);
  const config = { ...(planRun({ dataset: 'fashion', model: 'fastgan', resolution: 32 }, { kind: 'images', channels: 1, classCount: 0, itemCount: count }, () => seed).config as ImageGanConfig) };
  if (config.architecture !== 'fastgan') throw new Error('the default image model should be FastGAN');
  const python = process.env['BENCH_PYTHON'] ?? '/usr/bin/python3';
  const openblas = openblasFolder();
  const swd = (pixels: Uint8Array) => qualityMetrics({ pixels, count: pixels.length / 1024, height: 32, width: 32, channels: 1 }, null, reference)['swd']!;
  const ours: number[] = [];
  const theirs: number[] = [];
  for (const runSeed of seeds) {
    const trained = await trainFor(`peer-studio-${runSeed}`, config, { kind: 'images', cache }, { steps }, runSeed);
    const loaded = loadGenerator(trained.checkpoint, true);
    ours.push(swd((await generatePixels(predictWith(loaded.generator), config, latentsForSeeds(config, Array.from({ length: 256 }, (_, n) => n)))).pixels));
    const out = join(scratch, `peer-torch-${runSeed}`);
    const augment = [config.augment?.translation && 'translation', config.augment?.cutout && 'cutout', config.augment?.colour && 'colour'].filter(Boolean).join(',');
    execFileSync(python, [join(import.meta.dirname, 'peers/fastgan_torch.py'), '--data', npy, '--resolution', '32', '--steps', String(steps), '--batch', String(config.batchSize), '--width', String(config.width), '--latent', String(config.latentSize), '--seed', String(runSeed), '--ema', String(config.emaDecay), '--upsample', config.upsample, '--lr-g', String(config.learningRates.generator), '--lr-d', String(config.learningRates.discriminator), '--augment', augment, '--samples', '256', '--threads', '1', '--out', out], {
      env: { ...process.env, OMP_NUM_THREADS: '1', ...(openblas && { LD_LIBRARY_PATH: openblas }) },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    theirs.push(swd(readNpy(join(out, 'samples.npy'))));
    await writePng(`peer-studio-seed${runSeed}`, gridOf(await generatePixels(predictWith(loaded.generator), config, latentsForSeeds(config, Array.from({ length: 64 }, (_, n) => n))), gridColumns));
    console.log(`  peer       seed ${runSeed}: SWD studio ${format(ours.at(-1)!)}, PyTorch ${format(theirs.at(-1)!)}  (PyTorch's grid: ${join(out, 'grid.png')})`);
  }
  const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const ratio = mean(ours) / mean(theirs);
  console.log(`  peer       FastGAN ${steps} steps, mean SWD over ${seeds.length} seeds: studio ${format(mean(ours))}, PyTorch ${format(mean(theirs))}: ${format(ratio, 2)}× (within 15%: ${Math.abs(ratio - 1) <= 0.15 ? 'yes' : ratio < 1 ? 'no, lower (better)' : 'NO, higher'})`);
}

async function main(): Promise<void> {
  tf.env().set('PROD', true);
  await enableWasmThreads();
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
  console.log(`Quality at equal wall-clock budgets: ${budgetSeconds / 60} min per recipe on the wasm backend, seed ${seed}. Lower SWD, spectral and L1 are better; diversity near 1.`);
  if (cases.includes('fashion')) await imageCase({ name: 'fashion', cache: await fashionMnistCache(scratch, 4000), resolution: 32, channels: 1 }, 4000);
  if (cases.includes('landscapes')) await imageCase({ name: 'landscapes', cache: await sceneCache('landscapes-64', await sceneImages(2000, 64, 'day', 1), 64), resolution: 64, channels: 3 }, 2000);
  if (cases.includes('pix2pix')) await pix2pixCase();
  if (cases.includes('peer')) await peerCase();
  writeFileSync(join(scratch, 'done'), '');
}

await main();
