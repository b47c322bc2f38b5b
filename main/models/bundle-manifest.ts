/**
 * bundle.json: what a model bundle holds, for machines — its networks and
 * files, the model's config and the run's training settings (so an import
 * rebuilds the same networks and records the same run), what the inputs and
 * outputs mean, where it came from, and each file's SHA-256. Parsed strictly
 * on import: a field that is missing or wrong is named, and a config whose
 * sizes no studio model has is refused before anything is built from it.
 */
import { z } from 'zod';
import { StudioError, type ModelArchitecture, type WeightPrecision } from '../../preload/contract';
import { parseBundleJson, staysInsideBundle } from '../engine/bundle/bundle-files';
import type { FileHashes } from '../engine/bundle/file-hashes';
import { bundleFiles, bundleLayout, type BundleNetworkLayout } from '../engine/bundle/layout';
import { modelConfigSchema } from '../engine/models/config-schema';
import { firstIssue } from '../formats/schema-issue';
import { drawsFromNoise, type ModelConfig } from '../engine/models/config';

export const manifestFormat = 'latent-studio-model-bundle';
export const manifestVersion = 1;

export interface BundleNetworkEntry extends BundleNetworkLayout {
  readonly parameters: number;
  readonly inputs: readonly TensorDescription[];
  readonly output: TensorDescription;
}

export interface TensorDescription {
  readonly name: string;
  readonly shape: readonly (number | null)[];
  readonly dtype: 'float32' | 'int32';
  readonly meaning: string;
}

export interface BundleManifest {
  readonly format: typeof manifestFormat;
  readonly version: typeof manifestVersion;
  readonly architecture: ModelArchitecture;
  readonly networks: readonly BundleNetworkEntry[];
  /** Layers layers.js registers; empty when the model is stock TF.js throughout. */
  readonly customLayers: readonly string[];
  /** How the weights files store the weights (bundles from before float16 exports are float32). */
  readonly precision: WeightPrecision;
  /** The SHA-256 of each file the engine wrote (model.json, weights, layers.js); absent from bundles exported before it was recorded, which import unverified. */
  readonly fileSha256?: FileHashes;
  /** What the networks were built from (main/engine/models/config.ts). */
  readonly config: ModelConfig;
  readonly training: { readonly seed: number; readonly totalSteps: number; readonly checkpointEvery: number; readonly previewEvery: number; readonly metricsEvery: number; readonly trainSeconds: number };
  /** FastGAN and DCGAN: class i's name; empty for an unconditional model (and a translation model). */
  readonly classNames: readonly string[];
  /** Quality measured at the checkpoint. */
  readonly metrics: Readonly<Record<string, number>>;
  readonly provenance: {
    readonly project: string;
    readonly runId: number;
    readonly runName: string;
    readonly step: number;
    readonly checkpointId: number;
    readonly checkpointSha256: string;
    readonly dataset: string | null;
    /** ISO 8601: when the checkpoint was written. */
    readonly trainedAt: string;
    readonly exportedAt: string;
    readonly studioVersion: string;
  };
}

/** The tensors a network takes and gives, as a reader of bundle.json (or the README) needs them. */
export function tensorsOf(config: ModelConfig, layout: BundleNetworkLayout): { inputs: TensorDescription[]; output: TensorDescription } {
  if (drawsFromNoise(config)) {
    const noise: TensorDescription = { name: 'g_noise', shape: [null, config.latentSize], dtype: 'float32', meaning: 'the latent: independent draws from N(0, 1)' };
    const label: TensorDescription = { name: 'g_label', shape: [null, 1], dtype: 'int32', meaning: `the class of each image, 0 to ${config.classes - 1}` };
    return {
      inputs: config.classes > 0 ? [noise, label] : [noise],
      output: { name: 'image', shape: [null, config.resolution, config.resolution, config.channels], dtype: 'float32', meaning: 'images in [-1, 1]: pixel = round((value + 1) × 127.5)' },
    };
  }
  const [from, to] = layout.direction === 'BtoA' ? (['B', 'A'] as const) : (['A', 'B'] as const);
  const channels = (side: 'A' | 'B') => (side === 'A' ? config.channelsA : config.channelsB);
  return {
    inputs: [{ name: 'image', shape: [null, null, null, channels(from)], dtype: 'float32', meaning: `domain ${from} images in [-1, 1] (value = pixel / 127.5 − 1), each side a multiple of ${config.architecture === 'pix2pix' ? config.resolution : 4}` }],
    output: { name: 'output', shape: [null, null, null, channels(to)], dtype: 'float32', meaning: `domain ${to} images in [-1, 1], the input's size` },
  };
}

const whole = (least: number) => z.int({ error: 'must be a whole number' }).min(least, `must be at least ${least}`);
const nonNegative = z.number({ error: 'must be a number' }).nonnegative('must be 0 or more');
const sha256 = z.string({ error: 'must be a SHA-256 in hex' }).regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex');
const fileName = z.string({ error: 'must be a file name' }).refine(staysInsideBundle, 'must name a file inside the bundle');

const description = z.object({ name: z.string(), shape: z.array(z.int().nullable()), dtype: z.enum(['float32', 'int32']), meaning: z.string() });
const manifestSchema = z.object({
  format: z.literal(manifestFormat, { error: `must be "${manifestFormat}"` }),
  version: z.literal(manifestVersion, { error: `must be ${manifestVersion}: this version of the studio reads bundle version ${manifestVersion}` }),
  architecture: z.enum(['fastgan', 'dcgan', 'pix2pix', 'cyclegan'], { error: 'must be fastgan, dcgan, pix2pix or cyclegan' }),
  networks: z.array(
    z.object({
      network: z.string({ error: 'must be a network name' }),
      direction: z.enum(['AtoB', 'BtoA']).nullable(),
      modelFile: z.string({ error: 'must be a file name' }),
      weightsFile: z.string({ error: 'must be a file name' }),
      parameters: whole(0),
      inputs: z.array(description),
      output: description,
    }),
    { error: 'must list the networks' },
  ),
  customLayers: z.array(z.string()),
  precision: z.enum(['float32', 'float16'], { error: 'must be float32 or float16' }).default('float32'),
  fileSha256: z.record(fileName, sha256, { error: 'must map file names to SHA-256s' }).optional(),
  config: modelConfigSchema,
  training: z.object({ seed: whole(0), totalSteps: whole(0), checkpointEvery: whole(1), previewEvery: whole(1), metricsEvery: whole(1), trainSeconds: nonNegative }),
  classNames: z.array(z.string()),
  metrics: z.record(z.string(), z.number()),
  provenance: z.object({
    project: z.string(),
    runId: whole(0),
    runName: z.string({ error: 'must be the run’s name' }).min(1, 'must not be empty'),
    step: whole(0),
    checkpointId: whole(0),
    checkpointSha256: sha256,
    dataset: z.string().nullable(),
    trainedAt: z.iso.datetime({ error: 'must be an ISO 8601 time' }),
    exportedAt: z.iso.datetime({ error: 'must be an ISO 8601 time' }),
    studioVersion: z.string(),
  }),
});

/** bundle.json's bytes as a manifest, or an INVALID_ARGUMENT naming the first field that is wrong. */
export function parseManifest(bytes: Buffer): BundleManifest {
  const parsed = manifestSchema.safeParse(parseBundleJson(bytes, bundleFiles.manifest));
  if (!parsed.success) throw new StudioError('INVALID_ARGUMENT', `${bundleFiles.manifest}: ${firstIssue(parsed.error)}`);
  const manifest = parsed.data as BundleManifest;
  if (manifest.config.architecture !== manifest.architecture) {
    throw new StudioError('INVALID_ARGUMENT', `bundle.json: architecture is ${manifest.architecture}, but config.architecture is ${manifest.config.architecture}`);
  }
  checkNetworks(manifest);
  return manifest;
}

/** The networks must be those a bundle of this config holds, in their files: nothing else is read. */
function checkNetworks(manifest: BundleManifest): void {
  const expected = bundleLayout(manifest.config, manifest.networks[0]?.network === 'ema');
  const describe = (layouts: readonly BundleNetworkLayout[]) => layouts.map((layout) => `${layout.network} in ${layout.modelFile}`).join(', ');
  const same =
    expected.length === manifest.networks.length &&
    expected.every((layout, index) => {
      const entry = manifest.networks[index]!;
      return entry.network === layout.network && entry.direction === layout.direction && entry.modelFile === layout.modelFile && entry.weightsFile === layout.weightsFile;
    });
  if (!same) throw new StudioError('INVALID_ARGUMENT', `bundle.json: networks must be ${describe(expected)} for a ${manifest.architecture} model, not ${describe(manifest.networks) || 'none'}`);
}
