/**
 * A runtime schema for the argument list of every method: the dispatcher's
 * gate. The compiler checks each against the StudioApi interface, so a method
 * cannot be added to one without the other.
 */
import { z } from 'zod';
import type { StudioApi } from '../contract';
import { exportSchemas } from './export-schemas';
import { gallerySchemas } from './gallery-schemas';
import { modelsSchemas } from './models-schemas';
import { id, jobId, serverPath, type ArgumentSchemas } from './schema-parts';

const datasetName = z
  .string({ error: 'must be a dataset name' })
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'is longer than 200 characters')
  .refine((value) => !/[\u0000-\u001f]/.test(value), 'must not contain control characters');
const datasetKind = z.enum(['images', 'paired', 'unpaired'], { error: 'must be images, paired or unpaired' });
const threshold = z.number().min(0, 'must be from 0 to 1').max(1, 'must be from 0 to 1');

const runId = id;
const runRef = z.strictObject({ runId });
const seed = z.int({ error: 'must be a whole number' }).min(0, 'must be 0 or more').max(2 ** 32 - 1, 'must fit in 32 bits');
const steps = z.int({ error: 'must be a whole number' }).min(1, 'must be at least 1').max(10_000_000, 'must be at most 10,000,000');
const resolution = z.union([z.literal(32), z.literal(64), z.literal(128), z.literal(256), z.literal(512), z.literal(1024)], { error: 'must be 32, 64, 128, 256, 512 or 1024' });
const modelKind = z.enum(['fastgan', 'dcgan', 'pix2pix', 'cyclegan'], { error: 'must be fastgan, dcgan, pix2pix or cyclegan' });
const direction = z.enum(['AtoB', 'BtoA'], { error: 'must be AtoB or BtoA' });
const rate = z.number().gt(0, 'must be above 0').max(0.1, 'must be at most 0.1');
const every = z.int().min(1, 'must be at least 1').max(1_000_000);
const trainingOptions = {
  resolution,
  preset: z.enum(['quick', 'balanced', 'quality']).optional(),
  steps: steps.optional(),
  batchSize: z.int().min(2, 'must be at least 2').max(512, 'must be at most 512').optional(),
  seed: seed.optional(),
  conditional: z.boolean().optional(),
  width: z.int().min(4, 'must be at least 4').max(256, 'must be at most 256').optional(),
  loss: z.enum(['non-saturating', 'hinge']).optional(),
  upsample: z.enum(['bilinear', 'nearest', 'transposed'], { error: 'must be bilinear, nearest or transposed' }).optional(),
  augment: z.boolean().optional(),
  r1Gamma: z.number().min(0).max(100).optional(),
  emaDecay: z.number().min(0).max(0.99999).optional(),
  learningRateG: rate.optional(),
  learningRateD: rate.optional(),
  learningRate: rate.optional(),
  direction: direction.optional(),
  l1Weight: z.number().min(0, 'must be 0 or more').max(1000, 'must be at most 1000').optional(),
  residualBlocks: z.int().min(1, 'must be at least 1').max(16, 'must be at most 16').optional(),
  cycleWeight: z.number().min(0, 'must be 0 or more').max(100, 'must be at most 100').optional(),
  identityWeight: z.number().min(0, 'must be from 0 to 1').max(1, 'must be from 0 to 1').optional(),
  checkpointEvery: every.optional(),
  previewEvery: every.optional(),
  metricsEvery: every.optional(),
};

const classIndex = z.int({ error: 'must be a class number' }).min(0, 'must be 0 or more').max(9999, 'must be below 10,000');
const latentName = datasetName;
const mapCoordinate = z.number().min(-1e6, 'must be within a million of the origin').max(1e6, 'must be within a million of the origin');
const latentSource = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('seed'), seed, class: classIndex.optional() }),
    z.strictObject({ kind: z.literal('output'), outputId: id }),
    z.strictObject({ kind: z.literal('saved'), latentId: id }),
    z.strictObject({ kind: z.literal('seed-map'), seed, x: mapCoordinate, y: mapCoordinate }),
  ],
  { error: 'must be a seed, output, saved latent or seed-map point' },
);
const interpolationPath = z.strictObject({
  keyframes: z.array(latentSource).min(2, 'must have at least 2 keyframes').max(64, 'must have at most 64 keyframes'),
  mode: z.enum(['linear', 'spherical'], { error: 'must be linear or spherical' }),
  easing: z.enum(['linear', 'ease-in', 'ease-out', 'ease-in-out'], { error: 'must be linear, ease-in, ease-out or ease-in-out' }),
  loop: z.boolean(),
});
const latentPoint = z.union(
  [latentSource, z.strictObject({ kind: z.literal('path'), path: interpolationPath, at: z.number().min(0, 'must be from 0 to 1').max(1, 'must be from 0 to 1') })],
  { error: 'must be a seed, output, saved latent, seed-map point or path point' },
);
const children = z.int().min(1, 'must be at least 1').max(64, 'must be at most 64');
const mixOperation = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('arithmetic'), a: latentSource, b: latentSource, c: latentSource }),
    z.strictObject({ kind: z.literal('crossover'), parents: z.tuple([latentSource, latentSource]), children, seed }),
    z.strictObject({ kind: z.literal('mutate'), parent: latentSource, strength: z.number().min(0, 'must be from 0 to 1').max(1, 'must be from 0 to 1'), children, seed }),
  ],
  { error: 'must be arithmetic, crossover or mutate' },
);
const renderSettings = {
  checkpointId: id,
  ema: z.boolean().optional(),
  truncation: z.number().min(0, 'must be from 0 to 2').max(2, 'must be from 0 to 2').optional(),
  class: classIndex.optional(),
};

/** Base64 of at most 700 KB of PNG: a drawing, well inside serve mode's 1 MiB request limit. */
const pngBase64 = z
  .string({ error: 'must be PNG bytes in base64' })
  .min(8, 'must be PNG bytes in base64')
  .max(960_000, 'is larger than 700 KB of PNG; pass a file path instead')
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64 (A–Z, a–z, 0–9, +, /)');
const translateSource = z.union([z.strictObject({ path: serverPath }), z.strictObject({ outputId: id }), z.strictObject({ png: pngBase64 })], {
  error: 'must be { path }, { outputId } or { png }',
});
const strength = z.number().min(0, 'must be from 0 to 1').max(1, 'must be from 0 to 1');
const tilingOptions = {
  tiling: z.enum(['auto', 'fit', 'tile'], { error: 'must be auto, fit or tile' }).optional(),
  overlap: z.int().min(0, 'must be 0 or more').max(512, 'must be at most 512').optional(),
  workingSize: z.int().min(16, 'must be at least 16 pixels').max(8192, 'must be at most 8192 pixels').optional(),
};
const translateSettings = {
  checkpointId: id,
  direction: direction.optional(),
  strength: strength.optional(),
  ...tilingOptions,
  tool: z.enum(['translate', 'style'], { error: 'must be translate or style' }).optional(),
};
const batchInputs = z.union(
  [
    z.strictObject({ paths: z.array(serverPath).min(1, 'must name at least one file or folder').max(10_000, 'must name at most 10,000') }),
    z.strictObject({ dataset: datasetName, domain: z.enum(['A', 'B']).optional() }),
  ],
  { error: 'must be { paths } or { dataset, domain? }' },
);

/** A schema for the argument list of every method: the dispatcher's gate. */
export const argumentSchemas = {
  system: {
    info: z.tuple([]),
    doctor: z.tuple([]),
    cancelJob: z.tuple([z.strictObject({ jobId: z.string().min(1).max(100) })]),
    setBackend: z.tuple([
      z.strictObject({
        backend: z.enum(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'], { error: 'must be tensorflow-gpu, tensorflow, wasm, cpu or null' }).nullable(),
      }),
    ]),
  },
  library: {
    open: z.tuple([z.strictObject({ path: serverPath })]),
    create: z.tuple([z.strictObject({ path: serverPath })]),
    collectGarbage: z.tuple([]),
  },
  datasets: {
    create: z.tuple([z.strictObject({ name: datasetName, kind: datasetKind, notes: z.string().max(10_000).optional() })]),
    list: z.tuple([]),
    get: z.tuple([z.strictObject({ dataset: datasetName })]),
    items: z.tuple([
      z.strictObject({
        dataset: datasetName,
        offset: z.int().min(0, 'must be 0 or more'),
        limit: z.int().min(1, 'must be at least 1').max(1000, 'must be at most 1000'),
        classLabel: z.string().max(200).nullable().optional(),
        domain: z.enum(['A', 'B']).optional(),
      }),
    ]),
    delete: z.tuple([z.strictObject({ dataset: datasetName })]),
    import: z.tuple([
      z.strictObject({
        dataset: datasetName,
        paths: z.array(serverPath).min(1, 'must name at least one file or folder').max(10_000),
        kind: datasetKind.optional(),
        pairing: z.enum(['side-by-side', 'matched-folders']).optional(),
        jobId,
      }),
    ]),
    prepare: z.tuple([
      z.strictObject({
        dataset: datasetName,
        resolution: z.int().min(8, 'must be at least 8').max(1024, 'must be at most 1024'),
        crop: z.enum(['center', 'random', 'pad']).optional(),
        mirror: z.boolean().optional(),
        channels: z.union([z.literal(1), z.literal(3)]).optional(),
        jobId,
      }),
    ]),
    makePairs: z.tuple([
      z.strictObject({
        dataset: datasetName,
        into: datasetName,
        method: z.enum(['line-drawing', 'greyscale']),
        lowThreshold: threshold.optional(),
        highThreshold: threshold.optional(),
        blurSigma: z.number().min(0).max(10).optional(),
        jobId,
      }),
    ]),
    checkPair: z.tuple([z.strictObject({ dataset: datasetName, pairKey: z.string().min(1).max(4096) })]),
  },
  training: {
    start: z.tuple([
      z.strictObject({
        dataset: datasetName,
        model: modelKind,
        name: z.string().trim().min(1).max(200).optional(),
        jobId,
        ...trainingOptions,
      }),
    ]),
    pause: z.tuple([runRef]),
    resume: z.tuple([z.strictObject({ runId, steps: steps.optional() })]),
    stop: z.tuple([runRef]),
    list: z.tuple([]),
    get: z.tuple([runRef]),
    metrics: z.tuple([
      z.strictObject({ runId, names: z.array(z.string().min(1).max(100)).max(100).optional(), afterStep: z.int().min(0).optional() }),
    ]),
    estimate: z.tuple([z.strictObject({ model: modelKind, resolution })]),
  },
  latent: {
    models: z.tuple([]),
    sample: z.tuple([
      z.strictObject({
        ...renderSettings,
        count: z.int().min(1, 'must be at least 1').max(1024, 'must be at most 1024'),
        seed,
      }),
    ]),
    preview: z.tuple([z.strictObject({ ...renderSettings, points: z.array(latentPoint).min(1, 'must name at least one point').max(64, 'must be at most 64 points') })]),
    formats: z.tuple([]),
    interpolate: z.tuple([
      z.strictObject({
        ...renderSettings,
        path: interpolationPath,
        frames: z.int().min(2, 'must be at least 2').max(2000, 'must be at most 2000'),
        fps: z.number().min(1, 'must be at least 1').max(60, 'must be at most 60'),
        format: z.enum(['webp', 'gif', 'apng', 'png', 'mp4'], { error: 'must be webp, gif, apng, png or mp4' }),
        size: z.int().min(8, 'must be at least 8 pixels').max(2048, 'must be at most 2048 pixels').optional(),
        jobId,
      }),
    ]),
    mix: z.tuple([z.strictObject({ ...renderSettings, operation: mixOperation })]),
    project: z.tuple([
      z.strictObject({
        checkpointId: id,
        ema: z.boolean().optional(),
        image: z.union([z.strictObject({ path: serverPath }), z.strictObject({ outputId: id })], { error: 'must be { path } or { outputId }' }),
        class: classIndex.optional(),
        steps: z.int().min(1, 'must be at least 1').max(5000, 'must be at most 5000').optional(),
        jobId,
      }),
    ]),
    save: z.tuple([z.strictObject({ name: latentName, checkpointId: id, source: latentSource })]),
    saved: z.tuple([]),
    rename: z.tuple([z.strictObject({ latentId: id, name: latentName })]),
    forget: z.tuple([z.strictObject({ latentId: id })]),
  },
  translate: {
    models: z.tuple([]),
    image: z.tuple([z.strictObject({ ...translateSettings, source: translateSource, jobId })]),
    preview: z.tuple([z.strictObject({ checkpointId: id, direction: direction.optional(), strength: strength.optional(), png: pngBase64 })]),
    batch: z.tuple([z.strictObject({ ...translateSettings, inputs: batchInputs, jobId })]),
    compare: z.tuple([
      z.strictObject({
        source: translateSource,
        styles: z
          .array(z.strictObject({ checkpointId: id, direction: direction.optional(), strength: strength.optional() }))
          .min(1, 'must name at least one style')
          .max(8, 'must name at most 8 styles'),
        ...tilingOptions,
        jobId,
      }),
    ]),
  },
  gallery: gallerySchemas,
  export: exportSchemas,
  models: modelsSchemas,
} as const satisfies ArgumentSchemas<StudioApi>;
