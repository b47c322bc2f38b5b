/**
 * Turns what a request names — a seed, an output, a saved latent, a point on
 * the seed map or on a path — into latent codes, and into the record of each
 * that provenance keeps so the image can be made again.
 */
import { StudioError, type InterpolationPath, type LatentPoint, type LatentSource } from '../../preload/contract';
import { seedClass, seedVector } from '../engine/latent/seed-latent';
import type { Library } from '../library/library';
import { findOutput } from '../library/repos/outputs';
import { findSavedLatent, savedVector } from '../library/repos/saved-latents';
import type { ChosenGenerator } from './models';
import { decodeVector, encodeVector, type LatentCode } from './space/code';
import { pointOnPath, type LatentPath } from './space/path';
import { seedMapPoint } from './space/seed-map';

/** A latent as provenance records it: by seed when it is one (short, and readable), else the vector itself. */
export type LatentRecord =
  | { readonly seed: number; readonly class: number | null }
  | { readonly vector: string; readonly class: number | null };

export interface ResolvedLatent {
  readonly code: LatentCode;
  readonly record: LatentRecord;
  /** The output it came from, for lineage. */
  readonly outputId: number | null;
}

export function recordOf(code: LatentCode): LatentRecord {
  return { vector: encodeVector(code.vector), class: code.class };
}

export function codeOfRecord(record: LatentRecord, generator: ChosenGenerator, what: string): LatentCode {
  const { latentSize } = generator.config;
  if ('seed' in record) return { vector: seedVector(record.seed, latentSize), class: record.class };
  const vector = decodeVector(record.vector);
  if (vector.length !== latentSize) {
    throw new StudioError('INVALID_ARGUMENT', `${what} has ${vector.length} numbers, but run "${generator.run.name}" takes latents of ${latentSize}`);
  }
  return { vector, class: record.class };
}

export function resolveSource(library: Library, generator: ChosenGenerator, source: LatentSource, field: string): ResolvedLatent {
  const classes = generator.config.classes;
  switch (source.kind) {
    case 'seed': {
      const record = { seed: source.seed, class: seedClass(source.seed, classes, source.class) };
      return { code: codeOfRecord(record, generator, field), record, outputId: null };
    }
    case 'output': {
      const output = findOutput(library.db, source.outputId);
      if (!output) throw new StudioError('NOT_FOUND', `${field}: no output ${source.outputId} in this project`);
      const record = (JSON.parse(output.provenance) as { latent?: LatentRecord }).latent;
      if (!record) throw new StudioError('INVALID_ARGUMENT', `${field}: output ${source.outputId} (${output.kind}) was not made from a latent`);
      return { code: fitClass(codeOfRecord(record, generator, `${field}: output ${source.outputId}`), classes), record, outputId: output.id };
    }
    case 'seed-map': {
      const code = seedMapPoint(source.seed, source.x, source.y, generator.config.latentSize, classes);
      return { code, record: recordOf(code), outputId: null };
    }
    case 'saved': {
      const saved = findSavedLatent(library.db, source.latentId);
      if (!saved) throw new StudioError('NOT_FOUND', `${field}: no saved latent ${source.latentId} in this project`);
      const code = fitClass(codeOfRecord({ vector: encodeVector(savedVector(saved)), class: saved.class_label }, generator, `${field}: saved latent "${saved.name}"`), classes);
      return { code, record: recordOf(code), outputId: saved.output_id };
    }
  }
}

/**
 * A latent from another model keeps its vector; its class is kept when this
 * model has such a class, and otherwise becomes class 0 (or none at all).
 */
function fitClass(code: LatentCode, classes: number): LatentCode {
  if (classes === 0) return { vector: code.vector, class: null };
  return { vector: code.vector, class: code.class !== null && code.class < classes ? code.class : 0 };
}

export function resolvePath(library: Library, generator: ChosenGenerator, path: InterpolationPath, field: string): { path: LatentPath; keyframes: ResolvedLatent[] } {
  const keyframes = path.keyframes.map((source, index) => resolveSource(library, generator, source, `${field}.keyframes.${index}`));
  return { path: { keyframes: keyframes.map((keyframe) => keyframe.code), mode: path.mode, easing: path.easing, loop: path.loop }, keyframes };
}

export function resolvePoint(library: Library, generator: ChosenGenerator, point: LatentPoint, field: string): LatentCode {
  switch (point.kind) {
    case 'path':
      return pointOnPath(resolvePath(library, generator, point.path, `${field}.path`).path, point.at);
    default:
      return resolveSource(library, generator, point, field).code;
  }
}

/** The request's class, when one was chosen, replaces every latent's own. */
export function withClass(code: LatentCode, chosen: number | undefined): LatentCode {
  return chosen === undefined || code.class === null ? code : { vector: code.vector, class: chosen };
}
