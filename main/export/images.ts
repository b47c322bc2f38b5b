/**
 * Exporting a selection or a collection as image files — into a folder, or
 * one ZIP — each resized, in sRGB and carrying its provenance. A job:
 * progress per image, and cancelling stops between images. A folder keeps
 * the files completed before the cancel; a ZIP is written whole or not at all.
 */
import { existsSync } from 'node:fs';
import { StudioError, type ExportedFile, type ExportImagesRequest, type ExportPlan, type ExportReport } from '../../preload/contract';
import type { Job, Jobs } from '../jobs/jobs';
import { mapInOrder } from '../jobs/ordered-map';
import type { Library } from '../library/library';
import { imageRecord, imageXmpFacts } from './embedded-provenance';
import { encodeImage, type EncodedImage } from './encode-image';
import { prepareFolder, writeCompleteFile } from './files';
import { formatInfo } from './formats';
import { recordExport } from './history';
import { selectOutputs, type ExportItem } from './selection';
import { describeSize } from './sizes';
import { describePlan, planTargets, resolveConflicts, type ResolvedTargets, type Target, type TargetPlan } from './targets';
import { defaultTemplate, Template } from './template';
import { ZipArchive } from './zip-archive';

/** Images encoded at once: sharp spreads each over threads already; a few more overlap decoding with writing. */
const encodeConcurrency = 3;

function planOf(library: Library, request: ExportImagesRequest): TargetPlan {
  const template = new Template(request.template ?? defaultTemplate, 'template');
  return planTargets(selectOutputs(library.db, request.selection), template, request.format, request.destination);
}

export function planExport(library: Library, request: ExportImagesRequest): ExportPlan {
  return describePlan(planOf(library, request));
}

export async function exportImages(library: Library, jobs: Jobs, request: ExportImagesRequest): Promise<ExportReport> {
  const plan = planOf(library, request);
  const resolved = resolveConflicts(plan, request.conflict ?? 'ask');
  prepareFolder(plan.folder);
  const label = formatInfo(request.format).label;
  const where = resolved.archive ?? plan.folder;
  return jobs.run(
    'export',
    `Exporting ${plan.targets.length} ${plan.targets.length === 1 ? 'image' : 'images'} as ${label} to ${where}`,
    async (job) => {
      const started = performance.now();
      job.update(0, resolved.write.length, `Encoding ${label}`);
      const files = resolved.archive === null ? await writeFolder(library, request, resolved, job) : await writeArchive(library, request, resolved, resolved.archive, job);
      const cancelled = job.signal.aborted;
      const exportId =
        files.length === 0
          ? null
          : recordExport(library.db, {
              kind: 'images',
              destination: where,
              format: request.format,
              count: files.length,
              settings: { size: describeSize(request.size), quality: request.quality ?? null, template: request.template ?? defaultTemplate, conflict: request.conflict ?? 'ask', selection: request.selection, cancelled },
            });
      return {
        exportId,
        destination: where,
        format: request.format,
        files,
        skipped: resolved.skipped.map((target) => ({ outputId: target.item.outputId, path: target.path })),
        bytes: files.reduce((sum, file) => sum + file.bytes, 0),
        seconds: (performance.now() - started) / 1000,
        cancelled,
      };
    },
    (report) => `${report.files.length} files, ${Math.round(report.bytes / 1024)} KiB${report.skipped.length > 0 ? `, ${report.skipped.length} skipped` : ''}`,
    request.jobId,
  );
}

async function writeFolder(library: Library, request: ExportImagesRequest, resolved: ResolvedTargets, job: Job): Promise<ExportedFile[]> {
  const files: ExportedFile[] = [];
  const total = resolved.write.length;
  try {
    await mapInOrder(
      resolved.write,
      encodeConcurrency,
      (target) => encodeTarget(library, request, target.item),
      (encoded, target) => {
        // Encoded before the cancel, but not yet written: the cancel wins.
        if (job.signal.aborted) return;
        writeCompleteFile(target.path, encoded.bytes, resolved.overwrite);
        files.push(exported(target, encoded));
        job.update(files.length, total, target.name);
      },
      job.signal,
    );
  } catch (error) {
    if (!(error instanceof StudioError) || files.length === 0) throw error;
    throw new StudioError(error.code, `${error.message}. The ${files.length} ${files.length === 1 ? 'file' : 'files'} written before it are complete`, { cause: error });
  }
  return files;
}

async function writeArchive(library: Library, request: ExportImagesRequest, resolved: ResolvedTargets, path: string, job: Job): Promise<ExportedFile[]> {
  const files: ExportedFile[] = [];
  const total = resolved.write.length;
  if (total === 0) return files;
  const archive = new ZipArchive(path);
  try {
    await mapInOrder(
      resolved.write,
      encodeConcurrency,
      (target) => encodeTarget(library, request, target.item),
      async (encoded, target) => {
        if (job.signal.aborted) return;
        await archive.add(target.name, encoded.bytes, new Date(target.item.createdAt));
        files.push(exported(target, encoded));
        job.update(files.length, total + 1, target.name);
      },
      job.signal,
    );
    if (job.signal.aborted) {
      await archive.discard();
      return [];
    }
    job.update(total, total + 1, 'Finishing the ZIP');
    await archive.finish(resolved.overwrite);
    return files;
  } catch (error) {
    await archive.discard();
    throw error;
  }
}

function encodeTarget(library: Library, request: ExportImagesRequest, item: ExportItem): Promise<EncodedImage> {
  return encodeImage(blobPathOf(library, item), request, imageRecord(item), imageXmpFacts(item), `output ${item.outputId}`);
}

/** The stored image of an output; a blob gone from disk is named, rather than left to sharp's "Input file is missing". */
export function blobPathOf(library: Library, item: ExportItem): string {
  const path = library.blobs.pathOf(item.blobHash);
  if (!existsSync(path)) throw new StudioError('NOT_FOUND', `output ${item.outputId}: its image ${item.blobHash.slice(0, 12)}… is missing from the project's blobs folder`);
  return path;
}

function exported(target: Target, encoded: EncodedImage): ExportedFile {
  return { outputId: target.item.outputId, path: target.path, bytes: encoded.bytes.length, width: encoded.width, height: encoded.height };
}
