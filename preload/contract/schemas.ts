/**
 * A runtime schema for the argument list of every method: the dispatcher's
 * gate. The compiler checks each against the StudioApi interface, so a method
 * cannot be added to one without the other.
 */
import { z } from 'zod';
import type { StudioApi } from '../contract';

const projectPath = z
  .string({ error: 'must be a folder path' })
  .trim()
  .min(1, 'must not be empty')
  .max(4096, 'is longer than 4096 characters')
  .refine((value) => !value.includes('\0'), 'must not contain NUL characters');

type ArgumentSchemas<Api> = {
  readonly [N in keyof Api]: {
    readonly [M in keyof Api[N]]: Api[N][M] extends (...args: infer A) => unknown
      ? z.ZodType<A, unknown>
      : never;
  };
};

const datasetName = z
  .string({ error: 'must be a dataset name' })
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'is longer than 200 characters')
  .refine((value) => !/[\u0000-\u001f]/.test(value), 'must not contain control characters');
const datasetKind = z.enum(['images', 'paired', 'unpaired'], { error: 'must be images, paired or unpaired' });
const threshold = z.number().min(0, 'must be from 0 to 1').max(1, 'must be from 0 to 1');
const jobId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'must be 8–64 letters, digits or dashes').optional();

const id = z.int({ error: 'must be a whole number' }).min(1, 'must be a positive id');
const runId = id;
const runRef = z.strictObject({ runId });
const seed = z.int({ error: 'must be a whole number' }).min(0, 'must be 0 or more').max(2 ** 32 - 1, 'must fit in 32 bits');
const steps = z.int({ error: 'must be a whole number' }).min(1, 'must be at least 1').max(10_000_000, 'must be at most 10,000,000');
const resolution = z.union([z.literal(32), z.literal(64), z.literal(128)], { error: 'must be 32, 64 or 128' });
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
  augment: z.boolean().optional(),
  r1Gamma: z.number().min(0).max(100).optional(),
  emaDecay: z.number().min(0).max(0.99999).optional(),
  learningRateG: rate.optional(),
  learningRateD: rate.optional(),
  checkpointEvery: every.optional(),
  previewEvery: every.optional(),
  metricsEvery: every.optional(),
};

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
    open: z.tuple([z.strictObject({ path: projectPath })]),
    create: z.tuple([z.strictObject({ path: projectPath })]),
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
        paths: z.array(projectPath).min(1, 'must name at least one file or folder').max(10_000),
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
        model: z.literal('dcgan', { error: 'must be dcgan' }),
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
    estimate: z.tuple([z.strictObject({ model: z.literal('dcgan'), resolution })]),
  },
  latent: {
    sample: z.tuple([
      z.strictObject({
        checkpointId: id,
        count: z.int().min(1, 'must be at least 1').max(1024, 'must be at most 1024'),
        seed,
        ema: z.boolean().optional(),
      }),
    ]),
  },
} as const satisfies ArgumentSchemas<StudioApi>;
